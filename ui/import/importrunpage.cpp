#include "importrunpage.h"

#include "import/importsession.h"
#include "import/importwizard.h"
#include "itemmodels/importduplicatesmodel.h"
#include "itemmodels/importpreviewmodel.h"
#include "storage/database.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

constexpr int kNotesShown = 10;

} // namespace

ImportRunPage::ImportRunPage(ImportSession &session, QWidget *parent)
    : QWizardPage(parent)
    , m_session(session)
    , m_status(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_count(new QLabel(this))
    , m_cancel(new QPushButton(tr("&Cancel Import"), this))
    , m_summary(new QLabel(this))
{
    setObjectName(QStringLiteral("importRunPage"));
    setTitle(tr("Import"));
    m_status->setObjectName(QStringLiteral("runStatusLabel"));
    m_status->setWordWrap(true);
    m_progress->setObjectName(QStringLiteral("importProgressBar"));
    m_progress->setTextVisible(false);
    m_count->setObjectName(QStringLiteral("importCountLabel"));
    m_cancel->setObjectName(QStringLiteral("cancelImportButton"));
    m_summary->setObjectName(QStringLiteral("summaryLabel"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setAlignment(Qt::AlignLeft | Qt::AlignTop);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_progress, 1);
    bar->addWidget(m_count);
    bar->addWidget(m_cancel);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addLayout(bar);
    layout->addWidget(m_summary, 1);

    connect(m_cancel, &QPushButton::clicked, this, &ImportRunPage::cancel);
}

ImportRunPage::~ImportRunPage() = default; // m_job cancels a run (rolled back) and waits for it

void ImportRunPage::initializePage()
{
    m_done = false;
    m_summary->clear();
    const QString fileName = QFileInfo(m_session.path).fileName();
    m_status->setText(tr("Importing %1…").arg(fileName));
    // The preview's records (as fixed, without the rows left out) are the start; the rest of the file is read
    // while storing, a chunk at a time, through the same path as `rapport import` (ImportRepository::run with
    // an ImportStream): memory stays flat whatever the file's size. The total is what the reader expects
    // from the bytes read so far.
    const int total = m_session.preview->rowCount();
    m_progress->setRange(0, qMax(1, total));
    m_progress->setValue(0);
    m_progress->show();
    m_count->setText(m_session.previewComplete ? tr("%L1 of %L2").arg(0).arg(total) : QString());
    m_count->show();
    m_cancel->setEnabled(true);
    m_cancel->show();

    ImportRequest request;
    request.fileName = fileName;
    request.format = ImportFile::formatKey(m_session.format());
    request.onDuplicate = m_session.duplicates->defaultAction();
    // The duplicates page's own choices, by index into the merged preview records: by their rows.
    const QHash<int, DuplicateAction> perRecord = m_session.duplicates->perRecord();
    for (auto it = perRecord.cbegin(); it != perRecord.cend(); ++it)
        if (it.key() >= 0 && it.key() < m_session.toImport.size())
            request.perRow.insert(m_session.toImport.at(it.key()).row, it.value());

    const QString path = m_session.path;
    const ImportFile::Options options = m_session.fullReadOptions();
    QList<ImportRecord> first = m_session.preview->recordsToImport();
    const int skip = total;
    const bool exact = m_session.previewComplete;
    WorkerConnection::Options worker;
    worker.userId = m_session.db.currentUserId(); // the batch is the user's
    worker.threadName = QStringLiteral("rapport-import");
    m_job = WorkerConnection::start<ImportSummary>(
        m_session.db.location(), this,
        [this, request, path, options, first = std::move(first), skip, exact](
            Database &db, const WorkerConnection::Job &job) -> Result<ImportSummary> {
            ImportFile::Reader reader(path, options);
            if (Status s = reader.open(); !s)
                return s.error();
            const ImportStream stream = ImportStream::resume(first, reader, skip);
            return ImportRepository(db).run(request, stream, [this, &job, exact](int done, int total) {
                job.post([this, done, total, exact] {
                    m_progress->setRange(0, qMax(1, total));
                    m_progress->setValue(done);
                    m_count->setText(exact || done >= total ? tr("%L1 of %L2").arg(done).arg(total)
                                                            : tr("%L1 of about %L2").arg(done).arg(total));
                });
                return !job.isCanceled();
            });
        },
        [this](Result<ImportSummary> result) { finished(std::move(result)); }, worker);
    Q_EMIT completeChanged();
}

bool ImportRunPage::isComplete() const
{
    return m_done;
}

void ImportRunPage::cancel()
{
    if (!m_job.isRunning())
        return;
    m_job.cancel();
    m_cancel->setEnabled(false);
    m_status->setText(tr("Cancelling: nothing of this import will be kept…"));
}

void ImportRunPage::finished(Result<ImportSummary> result)
{
    m_done = true;
    m_cancel->hide();
    m_progress->hide();
    m_count->hide();
    const QString fileName = QFileInfo(m_session.path).fileName().toHtmlEscaped();
    if (!result) {
        m_status->clear();
        if (result.error().code == Error::Code::Cancelled) {
            setTitle(tr("Import cancelled"));
            m_summary->setText(tr("The import of %1 was cancelled. Nothing was imported.").arg(fileName));
        } else {
            setTitle(tr("Import failed"));
            m_summary->setText(tr("%1 was not imported: %2<br>Nothing was imported.")
                                   .arg(fileName, result.error().message.toHtmlEscaped()));
        }
        Q_EMIT completeChanged();
        return;
    }
    m_session.summary = *result;
    const ImportSummary &s = m_session.summary;
    setTitle(tr("Import finished"));
    m_status->setText(tr("%1 was imported.").arg(fileName));
    QStringList lines;
    lines.append(tr("%Ln contact(s) created", nullptr, s.created));
    lines.append(tr("%Ln contact(s) updated", nullptr, s.updated));
    if (s.skipped > 0)
        lines.append(tr("%Ln already in Rapport and skipped", nullptr, s.skipped));
    if (s.merged > 0)
        lines.append(tr("%Ln row(s) merged with another row of the file", nullptr, s.merged));
    if (s.problems > 0)
        lines.append(tr("%Ln row(s) left out for their problems", nullptr, s.problems));
    if (const int leftOut = m_session.preview->leftOutCount(); leftOut > 0)
        lines.append(tr("%Ln row(s) left out by you", nullptr, leftOut));
    if (s.organizationsCreated > 0)
        lines.append(tr("%Ln organization(s) created", nullptr, s.organizationsCreated));
    QString html = u"<ul>"_s;
    for (const QString &line : std::as_const(lines))
        html += u"<li>"_s + line.toHtmlEscaped() + u"</li>"_s;
    html += u"</ul>"_s;
    const QStringList notes = s.problemDetails + s.notes + s.warnings;
    if (!notes.isEmpty()) {
        html += u"<p>"_s + tr("Good to know:").toHtmlEscaped() + u"</p><ul>"_s;
        for (qsizetype i = 0; i < notes.size() && i < kNotesShown; ++i)
            html += u"<li>"_s + notes.at(i).toHtmlEscaped() + u"</li>"_s;
        if (notes.size() > kNotesShown)
            html += u"<li>"_s + tr("… and %L1 more.").arg(notes.size() - kNotesShown).toHtmlEscaped() + u"</li>"_s;
        html += u"</ul>"_s;
    }
    html += u"<p>"_s
        + tr("Edit → Undo (Ctrl+Z) takes this import back; so does File → Import History…, also later.")
              .toHtmlEscaped()
        + u"</p>"_s;
    m_summary->setText(html);
    Q_EMIT completeChanged();
    Q_EMIT imported(s);
}
