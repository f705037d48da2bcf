#include "quicklogdialog.h"

#include "common/formerror.h"
#include "common/wheelguard.h"
#include "core/clock.h"
#include "core/statuscolor.h"
#include "domain/naturaldate.h"
#include "interactions/interactioncommands.h"
#include "interactions/logcommand.h"
#include "storage/changenotifier.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "storage/interactionrepository.h"
#include "storage/searchrepository.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QStandardItemModel>
#include <QUndoStack>
#include <QVBoxLayout>

namespace {

const QString kContactField = QStringLiteral("contactId");
const QString kWhenField = QStringLiteral("occurredAt");
const QString kFollowUpField = QStringLiteral("followUpAt");
// The completion list shows "Name — title, outlet" (DisplayRole) and puts the name in the field.
constexpr int kCompletionRole = Qt::UserRole;
constexpr int kContactIdRole = Qt::UserRole + 1;

QStringList splitNames(const QString &text)
{
    QStringList names;
    for (const QString &part : text.split(QLatin1Char(','))) {
        if (const QString name = part.simplified(); !name.isEmpty())
            names.append(name);
    }
    return names;
}

} // namespace

QuickLogDialog::QuickLogDialog(Database &db, QUndoStack *undoStack, QWidget *parent)
    : QDialog(parent)
    , m_db(db)
    , m_undoStack(undoStack)
{
    setObjectName(QStringLiteral("quickLogDialog"));
    setWindowTitle(tr("Log a conversation"));
    setAccessibleName(windowTitle());
    setWindowModality(Qt::WindowModal);
    setMinimumWidth(520);

    auto *form = new QFormLayout;
    m_form = form;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    auto addRow = [&](const QString &label, QWidget *field, const QString &errorName = QString()) -> QWidget * {
        auto *box = new QWidget(this);
        auto *v = new QVBoxLayout(box);
        v->setContentsMargins(0, 0, 0, 0);
        v->setSpacing(2);
        v->addWidget(field);
        if (!errorName.isEmpty())
            v->addWidget(m_errors[errorName] = addError(errorName + QStringLiteral("ErrorLabel")));
        form->addRow(label, box);
        field->setAccessibleName(QString(label).remove(QLatin1Char('&')).remove(QLatin1Char(':')));
        return box;
    };

    m_contactsEdit = new QLineEdit(this);
    m_contactsEdit->setObjectName(QStringLiteral("contactsLineEdit"));
    m_contactsEdit->setPlaceholderText(tr("Type a name; separate several with commas"));
    m_completions = new QStandardItemModel(this);
    m_completer = new QCompleter(m_completions, this);
    m_completer->setObjectName(QStringLiteral("contactsCompleter"));
    m_completer->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setCompletionRole(kCompletionRole);
    // The one picked is the one logged, even among namesakes.
    connect(m_completer, qOverload<const QModelIndex &>(&QCompleter::activated), this,
        [this](const QModelIndex &index) { remember(index); });
    m_contactsEdit->setCompleter(m_completer);
    // Tab with the list open takes the first suggestion when none is highlighted: "Paula", Tab, goes on.
    m_completer->popup()->installEventFilter(this);
    m_contactsEdit->installEventFilter(this);
    connect(m_contactsEdit, &QLineEdit::textEdited, this, &QuickLogDialog::updateCompletions);
    addRow(tr("&Contact:"), m_contactsEdit, kContactField);

    m_channelCombo = new QComboBox(this);
    m_channelCombo->setObjectName(QStringLiteral("channelComboBox"));
    for (const QString &channel : Interaction::channels()) {
        if (channel != u"post") // synced posts are never logged by hand
            m_channelCombo->addItem(Interaction::channelLabel(channel), channel);
    }
    m_channelCombo->setToolTip(tr("Type the first letter to pick: C for Call, E for Email, M for Meeting…"));
    addRow(tr("C&hannel:"), m_channelCombo, QStringLiteral("channel"));

    m_directionCombo = new QComboBox(this);
    m_directionCombo->setObjectName(QStringLiteral("directionComboBox"));
    for (const QString &direction : Interaction::directions())
        m_directionCombo->addItem(Interaction::directionLabel(direction), direction);
    addRow(tr("&Direction:"), m_directionCombo, QStringLiteral("direction"));

    m_whenEdit = new QLineEdit(this);
    m_whenEdit->setObjectName(QStringLiteral("whenLineEdit"));
    m_whenEdit->setPlaceholderText(tr("now, yesterday 15:00, today 9:30, 2026-11-20 14:00"));
    m_whenPreview = new QLabel(this);
    m_whenPreview->setObjectName(QStringLiteral("whenPreviewLabel"));
    m_whenPreview->setForegroundRole(QPalette::PlaceholderText);
    connect(m_whenEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        const auto when = NaturalDate::parse(text, Clock::now());
        m_whenPreview->setText(when ? QLocale().toString(when->date(), QLocale::LongFormat) + QLatin1Char(' ')
                    + when->time().toString(QStringLiteral("HH:mm"))
                                    : tr("Not a date I can read"));
    });
    auto *whenBox = new QWidget(this);
    auto *whenLayout = new QHBoxLayout(whenBox);
    whenLayout->setContentsMargins(0, 0, 0, 0);
    whenLayout->addWidget(m_whenEdit, 1);
    whenLayout->addWidget(m_whenPreview);
    addRow(tr("&When:"), whenBox, kWhenField);
    m_whenEdit->setAccessibleName(tr("When"));

    m_subjectEdit = new QLineEdit(this);
    m_subjectEdit->setObjectName(QStringLiteral("subjectLineEdit"));
    m_subjectEdit->setMaxLength(Interaction::kMaxSubject);
    addRow(tr("&Subject:"), m_subjectEdit, QStringLiteral("subject"));

    m_notesEdit = new QPlainTextEdit(this);
    m_notesEdit->setObjectName(QStringLiteral("notesPlainTextEdit"));
    m_notesEdit->setTabChangesFocus(true);
    m_notesEdit->setFixedHeight(m_notesEdit->fontMetrics().lineSpacing() * 5 + 12);
    addRow(tr("&Notes:"), m_notesEdit, QStringLiteral("body"));

    m_sentimentCombo = new QComboBox(this);
    m_sentimentCombo->setObjectName(QStringLiteral("sentimentComboBox"));
    m_sentimentCombo->addItem(tr("Unknown"), QVariant());
    m_sentimentCombo->addItem(tr("− Negative"), -1);
    m_sentimentCombo->addItem(tr("0 Neutral"), 0);
    m_sentimentCombo->addItem(tr("+ Positive"), 1);
    addRow(tr("S&entiment:"), m_sentimentCombo);

    m_outcomeEdit = new QLineEdit(this);
    m_outcomeEdit->setObjectName(QStringLiteral("outcomeLineEdit"));
    m_outcomeEdit->setPlaceholderText(tr("e.g. interested, wants exclusive, declined"));
    addRow(tr("&Outcome:"), m_outcomeEdit);

    m_followUpEdit = new QLineEdit(this);
    m_followUpEdit->setObjectName(QStringLiteral("followUpLineEdit"));
    m_followUpEdit->setPlaceholderText(tr("optional: tomorrow 10:00, 2026-12-01"));
    m_followUpRow = addRow(tr("&Follow up:"), m_followUpEdit, kFollowUpField);
    // Enter in the last field saves; elsewhere Enter belongs to the field (completion, combo popups).
    connect(m_followUpEdit, &QLineEdit::returnPressed, this, &QuickLogDialog::save);

    auto *buttons = new QDialogButtonBox(this);
    buttons->setObjectName(QStringLiteral("buttonsDialogButtonBox"));
    m_saveButton = buttons->addButton(tr("Log"), QDialogButtonBox::AcceptRole);
    m_saveButton->setObjectName(QStringLiteral("logPushButton"));
    m_saveButton->setAutoDefault(false);
    const QKeySequence saveKey(Qt::CTRL | Qt::Key_Return);
    m_saveButton->setToolTip(tr("Save the conversation (%1)").arg(saveKey.toString(QKeySequence::NativeText)));
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelPushButton"));
    cancel->setAutoDefault(false);
    cancel->setToolTip(tr("Close without saving (Esc)"));
    connect(m_saveButton, &QPushButton::clicked, this, &QuickLogDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (const QKeySequence &key : { saveKey, QKeySequence(Qt::CTRL | Qt::Key_Enter) }) {
        auto *shortcut = new QShortcut(key, this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, &QuickLogDialog::save);
    }

    m_noteLabel = new QLabel(this);
    m_noteLabel->setObjectName(QStringLiteral("noteLabel"));
    m_noteLabel->setWordWrap(true);
    m_noteLabel->setForegroundRole(QPalette::PlaceholderText);
    m_noteLabel->hide();

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_noteLabel);
    layout->addLayout(form);
    layout->addWidget(buttons);
    WheelGuard::protectChildren(this);
    reset();
}

bool QuickLogDialog::eventFilter(QObject *watched, QEvent *event)
{
    QAbstractItemView *popup = m_completer->popup();
    if ((watched == popup || watched == m_contactsEdit) && event->type() == QEvent::KeyPress
        && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Tab && popup->isVisible()
        && m_completions->rowCount() > 0) {
        const QModelIndex current = popup->currentIndex();
        const QModelIndex picked = current.isValid() ? current : m_completions->index(0, 0);
        m_contactsEdit->setText(picked.data(kCompletionRole).toString());
        remember(picked);
        popup->hide();
    }
    return QDialog::eventFilter(watched, event);
}

QLabel *QuickLogDialog::addError(const QString &objectName)
{
    return FormError::newLabel(this, objectName);
}

void QuickLogDialog::remember(const QModelIndex &index)
{
    const qint64 id = index.data(kContactIdRole).toLongLong();
    const QStringList names = splitNames(index.data(kCompletionRole).toString());
    const QString name = names.isEmpty() ? QString() : names.last();
    if (id > 0 && !name.isEmpty())
        m_known.insert(name.toLower(), id);
}

QuickLogDialog *QuickLogDialog::openFor(
    QWidget *window, Database &db, QUndoStack *undoStack, qint64 contactId, Start start)
{
    window = window ? window->window() : nullptr;
    auto *dialog = window ? window->findChild<QuickLogDialog *>(QString(), Qt::FindDirectChildrenOnly) : nullptr;
    if (!dialog)
        dialog = new QuickLogDialog(db, undoStack, window);
    dialog->reset(contactId, start);
    dialog->open();
    dialog->raise();
    dialog->activateWindow();
    return dialog;
}

QuickLogDialog *QuickLogDialog::openForEdit(
    QWidget *window, Database &db, QUndoStack *undoStack, qint64 interactionId, QString *error)
{
    window = window ? window->window() : nullptr;
    auto *dialog = window ? window->findChild<QuickLogDialog *>(QString(), Qt::FindDirectChildrenOnly) : nullptr;
    if (!dialog)
        dialog = new QuickLogDialog(db, undoStack, window);
    if (Status s = dialog->edit(interactionId); !s) {
        if (error)
            *error = s.error().message;
        return nullptr;
    }
    dialog->open();
    dialog->raise();
    dialog->activateWindow();
    return dialog;
}

void QuickLogDialog::setMode(bool editing, bool readOnly)
{
    m_readOnly = readOnly;
    setWindowTitle(readOnly ? tr("Synced conversation") : editing ? tr("Edit a conversation") : tr("Log a conversation"));
    setAccessibleName(windowTitle());
    m_saveButton->setText(editing ? tr("Save") : tr("Log"));
    m_saveButton->setVisible(!readOnly);
    // One contact per row: an edit changes this row, so the person stays as logged (delete and log again
    // to move it).
    m_contactsEdit->setReadOnly(editing);
    m_form->setRowVisible(m_followUpRow, !editing);
    for (QWidget *field : std::initializer_list<QWidget *> { m_channelCombo, m_directionCombo, m_sentimentCombo })
        field->setEnabled(!readOnly);
    for (QLineEdit *field : { m_whenEdit, m_subjectEdit, m_outcomeEdit })
        field->setReadOnly(readOnly);
    m_notesEdit->setReadOnly(readOnly);
    m_noteLabel->setVisible(readOnly);
}

Status QuickLogDialog::edit(qint64 interactionId)
{
    Result<Interaction> loaded = InteractionRepository(m_db).get(interactionId);
    if (!loaded)
        return loaded.error();
    if (loaded->inTrash)
        return Error { tr("This conversation is in the trash."), Error::Code::NotFound };
    reset();
    m_editing = *loaded;
    const bool synced = !m_editing.source.isEmpty() && m_editing.source != u"manual";
    setMode(true, synced || m_db.isReadOnly());
    if (synced)
        m_noteLabel->setText(tr("Synced from %1: it is kept as the network sent it. You can delete it from the "
                                "timeline, but not edit it.")
                                 .arg(m_editing.source));
    else if (m_db.isReadOnly())
        m_noteLabel->setText(tr("The database is read-only: this conversation cannot be changed."));
    m_contactsEdit->setText(m_editing.contactName);
    m_known.insert(m_editing.contactName.toLower(), m_editing.contactId);
    const int channel = m_channelCombo->findData(m_editing.channel);
    if (channel < 0) // "post" is not offered for new logs, but a synced post shows as one
        m_channelCombo->addItem(Interaction::channelLabel(m_editing.channel), m_editing.channel);
    m_channelCombo->setCurrentIndex(m_channelCombo->findData(m_editing.channel));
    m_directionCombo->setCurrentIndex(qMax(0, m_directionCombo->findData(m_editing.direction)));
    m_whenEdit->setText(NaturalDate::format(m_editing.occurredAt.toLocalTime(), Clock::now()));
    m_loadedWhenText = m_whenEdit->text();
    m_subjectEdit->setText(m_editing.subject);
    m_notesEdit->setPlainText(m_editing.body);
    m_sentimentCombo->setCurrentIndex(
        m_editing.sentiment ? qMax(0, m_sentimentCombo->findData(*m_editing.sentiment)) : 0);
    m_outcomeEdit->setText(m_editing.outcome);
    m_channelCombo->setFocus();
    return {};
}

void QuickLogDialog::reset(qint64 contactId, Start start)
{
    m_editing = Interaction();
    m_editing.id = 0;
    if (m_channelCombo->findData(QStringLiteral("post")) >= 0)
        m_channelCombo->removeItem(m_channelCombo->findData(QStringLiteral("post")));
    setMode(false, false);
    clearErrors();
    m_known.clear();
    m_contactsEdit->clear();
    m_channelCombo->setCurrentIndex(0);
    m_directionCombo->setCurrentIndex(0);
    m_whenEdit->setText(NaturalDate::format(Clock::now(), Clock::now()));
    m_subjectEdit->clear();
    m_notesEdit->clear();
    m_sentimentCombo->setCurrentIndex(0);
    m_outcomeEdit->clear();
    m_followUpEdit->clear();
    m_contactsEdit->setFocus();
    if (contactId > 0) {
        if (Result<Contact> c = ContactRepository(m_db).get(contactId)) {
            const QString name = c->displayName;
            m_known.insert(name.toLower(), contactId);
            m_contactsEdit->setText(name);
            if (start == Start::AtChannel) {
                m_channelCombo->setFocus();
            } else {
                m_contactsEdit->selectAll(); // typing a name replaces it, Tab goes on with it
            }
        }
    }
}

void QuickLogDialog::updateCompletions(const QString &text)
{
    const qsizetype comma = text.lastIndexOf(QLatin1Char(','));
    const QString prefix = comma < 0 ? QString() : text.left(comma + 1) + QLatin1Char(' ');
    const QString typed = text.mid(comma + 1).trimmed();
    m_completions->clear();
    if (typed.isEmpty())
        return;
    Result<QList<ContactHit>> hits = SearchRepository(m_db).searchContacts(typed, 12);
    if (hits) {
        for (const ContactHit &hit : *hits) {
            // Title and outlet as Ctrl+K shows them: ten people of the same name must not look alike.
            QStringList detail { hit.title, hit.organizationName };
            detail.removeAll(QString());
            auto *item
                = new QStandardItem(detail.isEmpty() ? hit.displayName
                                                     : tr("%1 — %2", "completion: name — title, outlet")
                                                           .arg(hit.displayName, detail.join(QStringLiteral(", "))));
            item->setData(QString(prefix + hit.displayName), kCompletionRole);
            item->setData(hit.id, kContactIdRole);
            item->setToolTip(item->text());
            m_completions->appendRow(item);
        }
    }
    if (m_completions->rowCount() > 0)
        m_completer->complete(); // the line edit asked before the list was filled
}

std::optional<QList<qint64>> QuickLogDialog::resolveContacts()
{
    const QStringList names = splitNames(m_contactsEdit->text());
    if (names.isEmpty()) {
        showError(kContactField, tr("Type the name of the person you talked to."));
        return std::nullopt;
    }
    QList<qint64> ids;
    for (const QString &name : names) {
        qint64 id = m_known.value(name.toLower());
        if (id == 0) {
            Result<QList<ContactHit>> hits = SearchRepository(m_db).searchContacts(name, 5);
            if (!hits) {
                showError(kContactField, hits.error().message);
                return std::nullopt;
            }
            int sameName = 0;
            for (const ContactHit &hit : *hits) {
                if (hit.displayName.compare(name, Qt::CaseInsensitive) == 0) {
                    id = hit.id;
                    ++sameName;
                }
            }
            if (sameName > 1) {
                // Namesakes: never guess which one was meant.
                showError(kContactField, tr("Several contacts are called “%1”: pick one from the list.").arg(name));
                return std::nullopt;
            }
            if (id == 0 && hits->size() == 1)
                id = hits->first().id;
            if (id == 0) {
                showError(kContactField, hits->isEmpty()
                        ? tr("No contact is called “%1”.").arg(name)
                        : tr("Several contacts match “%1”: pick one from the list.").arg(name));
                return std::nullopt;
            }
        }
        if (!ids.contains(id))
            ids.append(id);
    }
    return ids;
}

bool QuickLogDialog::save()
{
    clearErrors();
    const QDateTime now = Clock::now();
    bool ok = true;
    const auto when = NaturalDate::parse(m_whenEdit->text(), now);
    if (!when) {
        showError(kWhenField, tr("Type a date such as “yesterday 15:00”, “today 9:30” or “2026-11-20 14:00”."));
        ok = false;
    }
    std::optional<QDateTime> followUp;
    if (!m_followUpEdit->text().trimmed().isEmpty()) {
        followUp = NaturalDate::parse(m_followUpEdit->text(), now, QTime(9, 0));
        if (!followUp) {
            showError(kFollowUpField, tr("Type a date such as “tomorrow 10:00” or “2026-12-01”, or leave it empty."));
            ok = false;
        }
    }
    if (m_readOnly)
        return false;
    if (isEditing())
        return ok && saveEdit(*when);
    const auto ids = resolveContacts();
    if (!ids || !ok)
        return false;

    Interaction interaction;
    interaction.channel = m_channelCombo->currentData().toString();
    interaction.direction = m_directionCombo->currentData().toString();
    interaction.occurredAt = when->toUTC();
    interaction.subject = m_subjectEdit->text().trimmed();
    interaction.body = m_notesEdit->toPlainText();
    if (const QVariant s = m_sentimentCombo->currentData(); s.isValid())
        interaction.sentiment = s.toInt();
    interaction.outcome = m_outcomeEdit->text().trimmed();
    if (followUp)
        interaction.followUpAt = followUp->toUTC();
    Result<QList<Interaction>> rows = InteractionRepository(m_db).createForContacts(interaction, *ids);
    if (!rows) {
        const Error &e = rows.error();
        showError(m_errors.contains(e.field) ? e.field : kContactField, e.message);
        return false;
    }
    QList<Interaction> created = *rows;
    const QStringList names = splitNames(m_contactsEdit->text());
    for (Interaction &row : created) {
        if (row.contactName.isEmpty())
            row.contactName = names.value(int(ids->indexOf(row.contactId)));
    }
    if (m_undoStack)
        m_undoStack->push(new LogInteractionCommand(m_db, created));
    ChangeNotifier::instance()->notifyInteractions(*ids);
    if (followUp)
        ChangeNotifier::instance()->notifyFollowUps();
    Q_EMIT logged(*ids);
    accept();
    return true;
}

bool QuickLogDialog::saveEdit(const QDateTime &when)
{
    Interaction changed = m_editing;
    changed.channel = m_channelCombo->currentData().toString();
    changed.direction = m_directionCombo->currentData().toString();
    // The field shows minutes only: an untouched date keeps its seconds (and its place among same-minute rows).
    if (m_whenEdit->text() != m_loadedWhenText)
        changed.occurredAt = when.toUTC();
    changed.subject = m_subjectEdit->text().trimmed();
    changed.body = m_notesEdit->toPlainText();
    const QVariant sentiment = m_sentimentCombo->currentData();
    changed.sentiment = sentiment.isValid() ? std::optional<int>(sentiment.toInt()) : std::nullopt;
    changed.outcome = m_outcomeEdit->text().trimmed();
    if (Status s = InteractionRepository(m_db).update(changed); !s) {
        const Error &e = s.error();
        showError(m_errors.contains(e.field) ? e.field : kContactField, e.message);
        return false;
    }
    if (m_undoStack)
        m_undoStack->push(new EditInteractionCommand(m_db, m_editing, changed));
    ChangeNotifier::instance()->notifyInteractions({ changed.contactId });
    m_editing = changed;
    accept();
    return true;
}

void QuickLogDialog::showError(const QString &field, const QString &message)
{
    QLabel *label = m_errors.value(field, m_errors.value(kContactField));
    label->setText(message);
    label->show();
    if (field == kContactField)
        m_contactsEdit->setFocus();
    else if (field == kWhenField)
        m_whenEdit->setFocus();
    else if (field == kFollowUpField)
        m_followUpEdit->setFocus();
}

void QuickLogDialog::clearErrors()
{
    for (QLabel *label : std::as_const(m_errors)) {
        label->clear();
        label->hide();
    }
}
