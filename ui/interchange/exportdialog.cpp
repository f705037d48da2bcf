#include "interchange/exportdialog.h"

#include "common/filedialog.h"
#include "common/messagebox.h"
#include "contacts/bulkcommands.h"
#include "contacts/contactsview.h"
#include "interchange/exportjob.h"
#include "itemmodels/contactlistmodel.h"
#include "storage/contactlistquery.h"
#include "storage/database.h"
#include "storage/exportrepository.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLocale>
#include <QMainWindow>
#include <QPushButton>
#include <QRadioButton>
#include <QStandardPaths>
#include <QStatusBar>
#include <QVBoxLayout>

namespace {

struct FormatChoice
{
    ExportFormat format;
    CsvLayout layout;
    VCardWriter::Version version;
};

const QList<FormatChoice> &formatChoices()
{
    static const QList<FormatChoice> choices = {
        { ExportFormat::VCard, CsvLayout::Rapport, VCardWriter::Version::V40 },
        { ExportFormat::VCard, CsvLayout::Rapport, VCardWriter::Version::V30 },
        { ExportFormat::Csv, CsvLayout::Rapport, VCardWriter::Version::V40 },
        { ExportFormat::Csv, CsvLayout::Google, VCardWriter::Version::V40 },
        { ExportFormat::Csv, CsvLayout::Outlook, VCardWriter::Version::V40 },
    };
    return choices;
}

} // namespace

ExportDialog::ExportDialog(Database &db, ContactsView *contacts, QWidget *parent)
    : QDialog(parent)
    , m_db(db)
    , m_contacts(contacts)
{
    setObjectName(QStringLiteral("exportDialog"));
    setWindowTitle(tr("Export"));
    if (m_contacts)
        m_selection = ContactSelection::selectedIds(m_contacts);
    const int listed = m_contacts ? m_contacts->model()->rowCount() : 0;
    const bool filtered = m_contacts && !m_contacts->model()->filter().isEmpty();

    auto *what = new QGroupBox(tr("What"), this);
    auto *whatLayout = new QVBoxLayout(what);
    m_all = new QRadioButton(m_contacts ? tr("&All contacts (%L1)").arg(m_contacts->contactCount()) : tr("&All contacts"), what);
    m_all->setObjectName(QStringLiteral("allContactsRadioButton"));
    m_list = new QRadioButton(filtered ? tr("The contacts the &list shows now (%L1)").arg(listed)
                                       : tr("The contacts the &list shows now (no search or filter)"),
        what);
    m_list->setObjectName(QStringLiteral("listRadioButton"));
    m_list->setToolTip(tr("The contacts that match the list's search, filters or saved view"));
    m_list->setEnabled(filtered);
    m_selected = new QRadioButton(tr("The &selected contacts (%L1)").arg(m_selection.size()), what);
    m_selected->setObjectName(QStringLiteral("selectionRadioButton"));
    m_selected->setEnabled(!m_selection.isEmpty());
    m_followUps = new QRadioButton(tr("Open &follow-ups, as a calendar (iCalendar)"), what);
    m_followUps->setObjectName(QStringLiteral("followUpsRadioButton"));
    m_followUps->setToolTip(tr("Each open follow-up becomes a task with its due date and a reminder; exporting "
                               "again updates the same tasks in the calendar"));
    auto *group = new QButtonGroup(this);
    for (QRadioButton *b : { m_all, m_list, m_selected, m_followUps }) {
        group->addButton(b);
        whatLayout->addWidget(b);
    }
    (m_selection.size() > 1 ? m_selected : filtered ? m_list : m_all)->setChecked(true);

    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("formatComboBox"));
    m_format->addItem(tr("vCard 4.0 (address books, phones)"));
    m_format->addItem(tr("vCard 3.0 (older address books)"));
    m_format->addItem(tr("CSV: every Rapport field"));
    m_format->addItem(tr("CSV: Google Contacts columns"));
    m_format->addItem(tr("CSV: Outlook columns"));
    auto *form = new QFormLayout;
    auto *formatLabel = new QLabel(tr("F&ormat:"), this);
    formatLabel->setBuddy(m_format);
    form->addRow(formatLabel, m_format);
    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("formatNoteLabel"));
    m_note->setWordWrap(true);
    m_note->setForegroundRole(QPalette::PlaceholderText);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_exportButton = buttons->addButton(tr("&Export…"), QDialogButtonBox::AcceptRole);
    m_exportButton->setObjectName(QStringLiteral("exportButton"));
    m_exportButton->setDefault(true);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_exportButton, &QPushButton::clicked, this, &ExportDialog::chooseFile);
    connect(group, &QButtonGroup::buttonToggled, this, &ExportDialog::updateFormats);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::updateFormats);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(what);
    layout->addLayout(form);
    layout->addWidget(m_note);
    layout->addStretch();
    layout->addWidget(buttons);
    updateFormats();
    resize(sizeHint().expandedTo(QSize(460, 0)));
}

ExportDialog::~ExportDialog() = default;

ExportDialog *ExportDialog::open(Database &db, ContactsView *contacts, QWidget *parent)
{
    auto *dialog = new ExportDialog(db, contacts, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->QDialog::open();
    return dialog;
}

void ExportDialog::setScope(Scope scope)
{
    (scope == Scope::All ? m_all : scope == Scope::List ? m_list : scope == Scope::Selection ? m_selected : m_followUps)
        ->setChecked(true);
}

ExportDialog::Scope ExportDialog::scope() const
{
    if (m_followUps->isChecked())
        return Scope::FollowUps;
    if (m_selected->isChecked())
        return Scope::Selection;
    if (m_list->isChecked())
        return Scope::List;
    return Scope::All;
}

void ExportDialog::updateFormats()
{
    const bool followUps = scope() == Scope::FollowUps;
    m_format->setEnabled(!followUps);
    if (followUps) {
        m_note->setText(tr("Follow-ups are written as iCalendar tasks (.ics) that calendars and task lists open."));
        return;
    }
    const FormatChoice &choice = formatChoices().at(qMax(0, m_format->currentIndex()));
    if (choice.format == ExportFormat::VCard)
        m_note->setText(tr("One card per person with emails, phones, handles, tags and Rapport's own fields; "
                           "Rapport imports it back as the same profiles."));
    else if (choice.layout == CsvLayout::Rapport)
        m_note->setText(tr("Every field Rapport imports, one column each; several values in one cell are "
                           "separated by “ ::: ”."));
    else
        m_note->setText(tr("Names, organization, emails, phones, address, websites, notes and tags in the "
                           "columns %1 reads; beats, handles, kind and reach have no place there.")
                            .arg(CsvLayouts::label(choice.layout)));
}

void ExportDialog::chooseFile()
{
    const bool followUps = scope() == Scope::FollowUps;
    const FormatChoice &choice = formatChoices().at(qMax(0, m_format->currentIndex()));
    const ExportFormat format = followUps ? ExportFormat::Ics : choice.format;
    const QString base = followUps ? tr("follow-ups", "file name") : tr("contacts", "file name");
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString suggested = QDir(folder).filePath(base + u'.' + ExportFormats::extension(format));
    QString filter;
    switch (format) {
    case ExportFormat::VCard:
        filter = tr("vCard files (*.vcf)");
        break;
    case ExportFormat::Csv:
        filter = tr("CSV files (*.csv)");
        break;
    case ExportFormat::Ics:
        filter = tr("iCalendar files (*.ics)");
        break;
    case ExportFormat::Json:
        filter = tr("JSON files (*.json)");
        break;
    }
    FileDialog::getSaveFileName(this, tr("Export"), suggested, filter, [this](const QString &path) { run(path); });
}

void ExportDialog::run(const QString &path)
{
    const Scope what = scope();
    const FormatChoice &choice = formatChoices().at(qMax(0, m_format->currentIndex()));
    ContactExportOptions options;
    options.format = choice.format;
    options.layout = choice.layout;
    options.version = choice.version;

    // The ids are read here, on the GUI thread (a list of numbers: milliseconds for 100,000), so the export
    // writes exactly what the dialog offered even if the list changes meanwhile.
    QList<qint64> ids;
    if (what == Scope::Selection) {
        ids = m_selection;
    } else if (what == Scope::List) {
        ContactListQuery query(m_db);
        query.setFilter(m_contacts->model()->filter());
        Result<QList<qint64>> listed = query.orderedIds(ContactListQuery::SortKey::Name, Qt::AscendingOrder);
        if (!listed) {
            MessageBox::critical(this, tr("Export failed"), listed.error().message);
            return;
        }
        ids = *listed;
    } else if (what == Scope::All) {
        Result<QList<qint64>> all = ExportRepository(m_db).allContactIds();
        if (!all) {
            MessageBox::critical(this, tr("Export failed"), all.error().message);
            return;
        }
        ids = *all;
    }
    m_exportButton->setEnabled(false);
    const QString fileName = QFileInfo(path).fileName();
    const QString label = what == Scope::FollowUps ? tr("Exporting the follow-ups…")
                                                   : tr("Exporting %L1 contacts…").arg(ids.size());
    ExportJob::Work work;
    if (what == Scope::FollowUps)
        work = [](ExportRepository &repository, QIODevice &out, const ExportRepository::Progress &) -> Result<qint64> {
            Result<QList<FollowUp>> list = repository.followUps();
            if (!list)
                return list.error();
            return repository.writeFollowUps(*list, out);
        };
    else
        work = [ids, options](ExportRepository &repository, QIODevice &out, const ExportRepository::Progress &progress) {
            return repository.writeContacts(ids, options, out, progress);
        };
    // The job belongs to the dialog: closing the dialog cancels the export, and no half file is left.
    ExportJob::start(this, m_db, path, label, std::move(work),
        [this, what, fileName](Result<qint64> result) {
            m_exportButton->setEnabled(true);
            if (!result) {
                if (result.error().code != Error::Code::Cancelled)
                    MessageBox::critical(this, tr("Export failed"), result.error().message);
                Q_EMIT finished(0, result.error().message);
                return;
            }
            const QString message = what == Scope::FollowUps
                ? tr("Exported %L1 follow-ups to %2.").arg(*result).arg(fileName)
                : tr("Exported %L1 contacts to %2.").arg(*result).arg(fileName);
            if (auto *mainWindow = qobject_cast<QMainWindow *>(parentWidget() ? parentWidget()->window() : nullptr))
                mainWindow->statusBar()->showMessage(message, 8000);
            Q_EMIT finished(*result, QString());
            accept();
        });
}
