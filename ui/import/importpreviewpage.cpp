#include "importpreviewpage.h"

#include "common/choicedelegate.h"
#include "import/importsession.h"
#include "import/importtableview.h"
#include "import/importwizard.h"
#include "itemmodels/importpreviewmodel.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

ImportPreviewPage::ImportPreviewPage(ImportSession &session, QWidget *parent)
    : QWizardPage(parent)
    , m_session(session)
    , m_status(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_error(new QLabel(this))
    , m_onlyProblems(new QCheckBox(tr("Show only rows with &problems"), this))
    , m_table(new ImportTableView(this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    setObjectName(QStringLiteral("importPreviewPage"));
    setTitle(tr("Check the rows"));
    setSubTitle(tr("Each row as it will be stored. Rows with problems are left out unless you fix them here "
                   "(double-click a cell or press F2); uncheck a row to leave it out."));

    m_status->setObjectName(QStringLiteral("previewStatusLabel"));
    m_status->setWordWrap(true);
    m_progress->setObjectName(QStringLiteral("readProgressBar"));
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_error->setObjectName(QStringLiteral("previewErrorLabel"));
    ImportWizard::styleAsError(m_error);
    m_onlyProblems->setObjectName(QStringLiteral("onlyProblemsCheckBox"));

    m_proxy->setSourceModel(m_session.preview);
    m_proxy->setFilterRole(ImportPreviewModel::HasProblemsRole);
    m_proxy->setFilterKeyColumn(ImportPreviewModel::RowColumn);
    m_table->setObjectName(QStringLiteral("previewTableView"));
    m_table->setModel(m_proxy);
    m_table->setItemDelegateForColumn(
        ImportPreviewModel::KindColumn, new ChoiceDelegate(ImportPreviewModel::ChoicesRole, m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
        | QAbstractItemView::SelectedClicked);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    QHeaderView *columns = m_table->horizontalHeader();
    columns->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    const int ch = fontMetrics().averageCharWidth();
    const std::pair<int, int> widths[] = { { ImportPreviewModel::ImportColumn, 7 }, { ImportPreviewModel::RowColumn, 6 },
        { ImportPreviewModel::NameColumn, 20 }, { ImportPreviewModel::ProblemsColumn, 30 },
        { ImportPreviewModel::KindColumn, 13 },
        { ImportPreviewModel::TitleColumn, 16 }, { ImportPreviewModel::OrganizationColumn, 18 },
        { ImportPreviewModel::EmailsColumn, 24 }, { ImportPreviewModel::PhonesColumn, 16 },
        { ImportPreviewModel::HandlesColumn, 18 }, { ImportPreviewModel::CityColumn, 12 },
        { ImportPreviewModel::ReachColumn, 9 } };
    for (const auto &[column, chars] : widths) {
        const QString title = m_session.preview->headerData(column, Qt::Horizontal).toString();
        columns->resizeSection(column, qMax(chars * ch, columns->fontMetrics().horizontalAdvance(title) + 3 * ch));
    }

    auto *top = new QHBoxLayout;
    top->addWidget(m_status, 1);
    top->addWidget(m_onlyProblems);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_progress);
    layout->addWidget(m_error);
    layout->addWidget(m_table, 1);

    connect(m_onlyProblems, &QCheckBox::toggled, this, [this](bool only) {
        m_proxy->setFilterFixedString(only ? QStringLiteral("true") : QString());
    });
    connect(m_session.preview, &ImportPreviewModel::countsChanged, this, &ImportPreviewPage::updateCounts);
}

ImportPreviewPage::~ImportPreviewPage() = default; // m_job cancels the reading and waits for it

void ImportPreviewPage::initializePage()
{
    if (m_read && m_session.previewKey == m_session.readKey())
        return; // back and forth: keep what was fixed
    read();
}

void ImportPreviewPage::cleanupPage()
{
    // Back to the file or the mapping: a reading under way is of no use any more.
    if (m_job.isRunning()) {
        m_job = WorkerConnection();
        m_read = false;
        m_session.previewKey.clear();
    }
}

bool ImportPreviewPage::isComplete() const
{
    // Rows after the preview's may still be imported, whatever became of the first ones.
    return m_read
        && (!m_session.previewComplete
            || m_session.preview->rowCount() > m_session.preview->problemCount() + m_session.preview->leftOutCount());
}

void ImportPreviewPage::read()
{
    m_read = false;
    m_error->hide();
    m_session.preview->setRecords({});
    m_progress->setValue(0);
    m_progress->show();
    m_onlyProblems->setEnabled(false);
    m_status->setText(tr("Reading %1…").arg(m_session.path.section(u'/', -1)));
    Q_EMIT completeChanged();

    const QString path = m_session.path;
    ImportFile::Options options = m_session.fullReadOptions();
    options.maxRecords = ImportSession::kPreviewRows;
    const QString key = m_session.readKey();
    WorkerConnection::Options worker;
    worker.threadName = QStringLiteral("rapport-import-read");
    m_job = WorkerConnection::start<ImportFile::Contents>(
        m_session.db.location(), this,
        [this, path, options](Database &, const WorkerConnection::Job &job) -> Result<ImportFile::Contents> {
            int last = -1;
            return ImportFile::read(path, options, [this, &job, &last](qint64 done, qint64 total) {
                const int permille = total > 0 ? int(done * 1000 / total) : 0;
                if (permille != last) {
                    last = permille;
                    job.post([this, permille] { m_progress->setValue(permille); });
                }
                return !job.isCanceled();
            });
        },
        [this, key](Result<ImportFile::Contents> contents) {
            m_progress->hide();
            if (!contents) {
                m_status->clear();
                m_error->setText(contents.error().message);
                m_error->show();
                Q_EMIT completeChanged();
                return;
            }
            // More records than the preview holds: the file stopped being read there (maxRecords).
            m_session.previewComplete = contents->complete;
            m_session.preview->setRecords(std::move(contents->records));
            m_session.previewKey = key;
            m_read = true;
            m_onlyProblems->setEnabled(true);
            updateCounts();
        },
        worker);
}

void ImportPreviewPage::updateCounts()
{
    if (!m_read)
        return;
    const ImportPreviewModel *model = m_session.preview;
    const int rows = model->rowCount();
    const int problems = model->problemCount();
    const int leftOut = model->leftOutCount();
    QStringList parts;
    if (m_session.previewComplete)
        parts.append(tr("%Ln row(s) read.", nullptr, rows));
    else
        parts.append(tr("The first %L1 rows of the file are shown here; the rows after them are read while "
                        "importing, and those with problems are left out and named at the end.")
                         .arg(rows));
    if (problems > 0)
        parts.append(tr("%Ln with problems, left out unless fixed.", nullptr, problems));
    else
        parts.append(tr("No problems found."));
    if (leftOut > 0)
        parts.append(tr("%Ln left out by you.", nullptr, leftOut));
    if (m_session.previewComplete && rows <= problems + leftOut)
        parts.append(tr("Nothing would be imported."));
    m_status->setText(parts.join(u' '));
    Q_EMIT completeChanged();
}
