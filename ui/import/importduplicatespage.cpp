#include "importduplicatespage.h"

#include "common/choicedelegate.h"
#include "import/importsession.h"
#include "import/importtableview.h"
#include "import/importwizard.h"
#include "itemmodels/importduplicatesmodel.h"
#include "itemmodels/importpreviewmodel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace {

struct Matching
{
    QList<ImportRecord> records;
    int merged = 0;
    QList<ImportMatch> matches;
};

} // namespace

ImportDuplicatesPage::ImportDuplicatesPage(ImportSession &session, QWidget *parent)
    : QWizardPage(parent)
    , m_session(session)
    , m_status(new QLabel(this))
    , m_error(new QLabel(this))
    , m_forAll(new QComboBox(this))
    , m_explanation(new QLabel(this))
    , m_table(new ImportTableView(this))
{
    setObjectName(QStringLiteral("importDuplicatesPage"));
    setTitle(tr("People already in Rapport"));
    setSubTitle(tr("Rows that match a contact you have (same email or handle, or same name at the same "
                   "organization). Choose what happens to all of them, or to each one in its Action cell."));
    setCommitPage(true);
    setButtonText(QWizard::CommitButton, tr("&Import"));

    m_status->setObjectName(QStringLiteral("duplicatesStatusLabel"));
    m_status->setWordWrap(true);
    m_error->setObjectName(QStringLiteral("duplicatesErrorLabel"));
    ImportWizard::styleAsError(m_error);
    m_forAll->setObjectName(QStringLiteral("duplicateActionComboBox"));
    for (DuplicateAction action : DuplicateActions::all())
        m_forAll->addItem(DuplicateActions::label(action), DuplicateActions::key(action));
    m_forAllLabel = new QLabel(tr("For &all of them:"), this);
    m_forAllLabel->setBuddy(m_forAll);
    m_explanation->setObjectName(QStringLiteral("duplicateActionExplanationLabel"));
    m_explanation->setWordWrap(true);
    m_explanation->setForegroundRole(QPalette::PlaceholderText);

    m_table->setObjectName(QStringLiteral("duplicatesTableView"));
    m_table->setModel(m_session.duplicates);
    m_table->setItemDelegateForColumn(
        ImportDuplicatesModel::ActionColumn, new ChoiceDelegate(ImportDuplicatesModel::ChoicesRole, m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
        | QAbstractItemView::SelectedClicked);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->setVisible(false);
    QHeaderView *columns = m_table->horizontalHeader();
    columns->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    columns->setStretchLastSection(true);
    const int ch = fontMetrics().averageCharWidth();
    columns->resizeSection(ImportDuplicatesModel::RowColumn, 7 * ch);
    columns->resizeSection(ImportDuplicatesModel::IncomingColumn, 32 * ch);
    columns->resizeSection(ImportDuplicatesModel::ExistingColumn, 20 * ch);
    columns->resizeSection(ImportDuplicatesModel::ReasonColumn, 36 * ch);

    auto *forAll = new QHBoxLayout;
    forAll->addWidget(m_forAllLabel);
    forAll->addWidget(m_forAll);
    forAll->addWidget(m_explanation, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_error);
    layout->addLayout(forAll);
    layout->addWidget(m_table, 1);

    connect(m_forAll, &QComboBox::currentIndexChanged, this, [this] {
        if (const auto action = DuplicateActions::fromKey(m_forAll->currentData().toString()))
            m_session.duplicates->setDefaultAction(*action);
        explain();
    });
    explain();
}

ImportDuplicatesPage::~ImportDuplicatesPage() = default; // m_job cancels the matching and waits for it

void ImportDuplicatesPage::initializePage()
{
    match();
}

void ImportDuplicatesPage::cleanupPage()
{
    m_job = WorkerConnection();
    m_matched = false;
}

bool ImportDuplicatesPage::isComplete() const
{
    return m_matched;
}

void ImportDuplicatesPage::match()
{
    m_matched = false;
    m_error->hide();
    m_session.duplicates->setMatches({}, {});
    m_status->setText(tr("Looking for people who are in Rapport already…"));
    for (QWidget *w : { static_cast<QWidget *>(m_forAll), static_cast<QWidget *>(m_forAllLabel),
             static_cast<QWidget *>(m_explanation), static_cast<QWidget *>(m_table) })
        w->setEnabled(false);
    Q_EMIT completeChanged();

    const QList<ImportRecord> records = m_session.preview->recordsToImport();
    WorkerConnection::Options worker;
    worker.threadName = QStringLiteral("rapport-import-match");
    m_job = WorkerConnection::start<Matching>(
        m_session.db.location(), this,
        [records](Database &db, const WorkerConnection::Job &) -> Result<Matching> {
            Matching m;
            m.records = ImportRepository::mergeWithinFile(records, &m.merged);
            Result<QList<ImportMatch>> matches = ImportRepository(db).findMatches(m.records);
            if (!matches)
                return matches.error();
            m.matches = std::move(matches).value();
            return m;
        },
        [this](Result<Matching> result) {
            if (!result) {
                m_status->clear();
                m_error->setText(result.error().message);
                m_error->show();
                return;
            }
            m_session.toImport = std::move(result->records);
            m_session.merged = result->merged;
            m_session.duplicates->setMatches(result->matches, m_session.toImport);
            if (const auto action = DuplicateActions::fromKey(m_forAll->currentData().toString()))
                m_session.duplicates->setDefaultAction(*action);
            const int found = m_session.duplicates->matchCount();
            QStringList parts;
            // Labels with numbers: no plural forms to get wrong in any language.
            const int shown = m_session.preview->rowCount();
            if (m_session.previewComplete)
                parts.append(found > 0 ? tr("People of the file already in Rapport: %L1.").arg(found)
                                       : tr("Nobody in the file is in Rapport yet: every row becomes a new contact."));
            else
                parts.append(found > 0
                        ? tr("People of the first %L1 rows already in Rapport: %L2.").arg(shown).arg(found)
                        : tr("Nobody of the first %L1 rows is in Rapport yet.").arg(shown));
            if (m_session.merged > 0)
                parts.append(tr("Rows that repeat a person of an earlier row, merged with it: %L1.")
                                 .arg(m_session.merged));
            if (!m_session.previewComplete)
                parts.append(tr("The rows after them are matched while importing and get the choice for all; "
                                "repeats of a person anywhere in the file are merged."));
            m_status->setText(parts.join(u' '));
            for (QWidget *w : { static_cast<QWidget *>(m_forAll), static_cast<QWidget *>(m_forAllLabel),
                     static_cast<QWidget *>(m_explanation), static_cast<QWidget *>(m_table) })
                w->setEnabled(found > 0 || !m_session.previewComplete); // the choice for all: also the rows after
            m_matched = true;
            Q_EMIT completeChanged();
        },
        worker);
}

void ImportDuplicatesPage::explain()
{
    const auto action = DuplicateActions::fromKey(m_forAll->currentData().toString());
    switch (action.value_or(DuplicateAction::Skip)) {
    case DuplicateAction::Skip:
        m_explanation->setText(tr("The contact in Rapport stays as it is; the row is not imported."));
        break;
    case DuplicateAction::Fill:
        m_explanation->setText(tr("Empty fields of the contact are filled from the row; new emails, phones, "
                                  "handles, beats and tags are added."));
        break;
    case DuplicateAction::Overwrite:
        m_explanation->setText(tr("The row's values replace the contact's; emails, phones, handles, beats and "
                                  "tags are added."));
        break;
    case DuplicateAction::Create:
        m_explanation->setText(tr("A second contact is created; handles the first one has are left out."));
        break;
    }
}
