#include "interchange/privacyactions.h"

#include "common/backgroundjob.h"
#include "common/filedialog.h"
#include "common/messagebox.h"
#include "contacts/contacteditor.h"
#include "contacts/contactsview.h"
#include "interchange/exportfile.h"
#include "interchange/exportjob.h"
#include "itemmodels/contactlistmodel.h"
#include "storage/changenotifier.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "storage/exportrepository.h"

#include <QAction>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QMainWindow>
#include <QPushButton>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>
#include <QUndoStack>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

// A file name made of a person's name: letters, digits, spaces, dots and dashes.
QString fileNameOf(const QString &name)
{
    QString safe;
    for (const QChar c : name)
        safe += c.isLetterOrNumber() || c == u' ' || c == u'-' || c == u'.' ? c : u'_';
    safe = safe.trimmed();
    return safe.isEmpty() ? QStringLiteral("contact") : safe;
}

} // namespace

EraseDialog::EraseDialog(const ErasureCounts &c, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("eraseDialog"));
    setWindowTitle(tr("Erase This Person"));
    QStringList parts; // what there is: "0 pitches" would only make the list longer
    const QList<std::pair<int, QString>> counted = { { c.interactions, tr("%n conversation(s)", nullptr, c.interactions) },
        { c.pitches, tr("%n pitch(es)", nullptr, c.pitches) }, { c.followUps, tr("%n follow-up(s)", nullptr, c.followUps) },
        { c.handles, tr("%n handle(s)", nullptr, c.handles) }, { c.emails, tr("%n email address(es)", nullptr, c.emails) },
        { c.phones, tr("%n phone number(s)", nullptr, c.phones) } };
    for (const auto &[n, words] : counted)
        if (n > 0)
            parts.append(words);
    if (parts.isEmpty())
        parts.append(tr("%n conversation(s)", nullptr, 0));
    m_summary = tr("Their profile, %1, their text in the search indexes and their entries in the audit log will be "
                   "erased.")
                    .arg(QLocale().createSeparatedList(parts));
    QString text = u"<p><b>"_s + tr("Erase %1 for good?").arg(c.displayName.toHtmlEscaped()) + u"</b></p><p>"_s
        + m_summary.toHtmlEscaped() + u"</p>"_s;
    if (c.coverage > 0)
        text += u"<p>"_s
            + tr("%n coverage entry(s) they wrote stay with the campaign, without their name.", nullptr, c.coverage)
                  .toHtmlEscaped()
            + u"</p>"_s;
    text += u"<p>"_s
        + tr("The audit log keeps only a line that an erasure happened. This cannot be undone, and the undo "
             "history is cleared.")
              .toHtmlEscaped()
        + u"</p>"_s;
    auto *icon = new QLabel(this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(48, 48));
    auto *label = new QLabel(text, this);
    label->setObjectName(QStringLiteral("eraseSummaryLabel"));
    label->setWordWrap(true);
    label->setTextFormat(Qt::RichText);
    m_ignore = new QCheckBox(
        tr("Add their Mastodon and Bluesky handles (%n) to the ignore list, so the sync does not bring them back",
            nullptr, int(c.syncedHandles.size())),
        this);
    m_ignore->setObjectName(QStringLiteral("ignoreHandlesCheckBox"));
    m_ignore->setChecked(!c.syncedHandles.isEmpty());
    m_ignore->setEnabled(!c.syncedHandles.isEmpty());
    m_ignore->setVisible(!c.syncedHandles.isEmpty());
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton *erase = buttons->addButton(tr("&Erase"), QDialogButtonBox::DestructiveRole);
    erase->setObjectName(QStringLiteral("eraseButton"));
    erase->setAutoDefault(false);
    buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    connect(erase, &QPushButton::clicked, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *top = new QHBoxLayout;
    top->addWidget(icon, 0, Qt::AlignTop);
    top->addWidget(label, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_ignore);
    layout->addWidget(buttons);
    setMinimumWidth(480);
}

bool EraseDialog::ignoreHandles() const
{
    return m_ignore->isChecked();
}

PrivacyActions::PrivacyActions(ContactsView *view, ContactEditor *editor)
    : QObject(view)
    , m_view(view)
    , m_editor(editor)
{
    setObjectName(QStringLiteral("privacyActions"));
    m_export = new QAction(tr("Export Everyth&ing About This Person…"), view);
    m_export->setObjectName(QStringLiteral("exportPersonAction"));
    m_export->setStatusTip(tr("Write everything Rapport holds about this person to a JSON file and a vCard"));
    m_export->setToolTip(m_export->statusTip());
    m_erase = new QAction(tr("E&rase This Person…"), view);
    m_erase->setObjectName(QStringLiteral("erasePersonAction"));
    m_erase->setStatusTip(tr("Remove this person and everything about them for good, on request"));
    m_erase->setToolTip(m_erase->statusTip());
    connect(m_export, &QAction::triggered, this, &PrivacyActions::exportPerson);
    connect(m_erase, &QAction::triggered, this, &PrivacyActions::erasePerson);
    view->addMenuSeparator();
    view->addMenuAction(m_export);
    view->addMenuAction(m_erase);
}

qint64 PrivacyActions::contactInFocus() const
{
    if (m_editor && m_editor->contactId() > 0)
        return m_editor->contactId();
    return m_view->tableView()->currentIndex().data(ContactListModel::IdRole).toLongLong();
}

void PrivacyActions::showStatus(const QString &message)
{
    if (auto *window = qobject_cast<QMainWindow *>(m_view->window()))
        window->statusBar()->showMessage(message, 8000);
    Q_EMIT done(message);
}

void PrivacyActions::exportPerson()
{
    const qint64 id = contactInFocus();
    if (id <= 0) {
        showStatus(tr("Choose a contact first."));
        return;
    }
    Result<Contact> contact = ContactRepository(m_view->database()).get(id);
    if (!contact) {
        MessageBox::critical(m_view, tr("Export failed"), contact.error().message);
        return;
    }
    const QString name = contact->displayName;
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    FileDialog::getSaveFileName(m_view, tr("Export Everything About %1").arg(name),
        QDir(folder).filePath(fileNameOf(name) + QStringLiteral(".json")), tr("JSON files (*.json)"),
        [this, id, name](const QString &path) {
            const QFileInfo info(path);
            const QString vcard = info.dir().filePath(info.completeBaseName() + QStringLiteral(".vcf"));
            ExportJob::start(m_view, m_view->database(), path, tr("Exporting everything about %1…").arg(name),
                [id, vcard](ExportRepository &repository, QIODevice &out, const ExportRepository::Progress &)
                    -> Result<qint64> {
                    if (Status s = repository.writePerson(id, out); !s)
                        return s.error();
                    // The vCard beside it, for an address book.
                    Status card = ExportFile::write(vcard, [&](QIODevice &file) -> Status {
                        Result<qint64> n = repository.writeContacts({ id }, {}, file);
                        return n ? Status() : Status(n.error());
                    });
                    if (!card)
                        return card.error();
                    return 1;
                },
                [this, name, info, vcard](Result<qint64> result) {
                    if (!result) {
                        if (result.error().code != Error::Code::Cancelled)
                            MessageBox::critical(m_view, tr("Export failed"), result.error().message);
                        return;
                    }
                    showStatus(tr("Exported everything about %1 to %2 and %3.")
                                   .arg(name, info.fileName(), QFileInfo(vcard).fileName()));
                });
        });
}

void PrivacyActions::erasePerson()
{
    const qint64 id = contactInFocus();
    if (id <= 0) {
        showStatus(tr("Choose a contact first."));
        return;
    }
    Result<ErasureCounts> preview = ErasureRepository(m_view->database()).preview(id);
    if (!preview) {
        MessageBox::critical(m_view, tr("Erasure failed"), preview.error().message);
        return;
    }
    auto *dialog = new EraseDialog(*preview, m_view->window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    const QString name = preview->displayName;
    connect(dialog, &QDialog::accepted, this, [this, dialog, id, name] {
        const bool ignore = dialog->ignoreHandles();
        const int row = m_view->model()->rowOfId(id);
        Result<ErasureCounts> erased = Error(QString());
        const Status s = BackgroundJob::run(
            m_view, m_view->database(), tr("Erasing %1…").arg(name),
            [&erased, id, ignore](Database &db) -> Status {
                erased = ErasureRepository(db).erase(id, ignore);
                return erased ? Status() : Status(erased.error());
            },
            1000, 0);
        if (!s) {
            MessageBox::critical(m_view, tr("Erasure failed"), s.error().message);
            return;
        }
        // The undo history may hold the person's data (an edit's old values) and steps that would bring a row
        // of theirs back: it goes.
        if (m_view->undoStack())
            m_view->undoStack()->clear();
        ChangeNotifier *notifier = ChangeNotifier::instance();
        notifier->notifyContacts({ id });
        notifier->notifyInteractions({ id });
        notifier->notifyFollowUps();
        m_view->refresh();
        // The profile showed them: it shows the person who took their place in the list instead (without asking
        // about unsaved edits: those were the erased person's).
        if (const int rows = m_view->model()->rowCount(); rows > 0 && row >= 0) {
            const qint64 next
                = m_view->model()->index(qMin(row, rows - 1), 0).data(ContactListModel::IdRole).toLongLong();
            if (m_editor && next > 0)
                m_editor->showContact(next);
            m_view->selectContact(next);
        }
        showStatus(erased->ignoredHandles > 0
                ? tr("Erased %1; the sync ignores their handles from now on.").arg(name)
                : tr("Erased %1.").arg(name));
    });
    dialog->open();
}
