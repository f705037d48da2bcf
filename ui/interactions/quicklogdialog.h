#pragma once

#include "core/result.h"
#include "domain/interaction.h"

#include <QDialog>
#include <QHash>

class Database;
class QComboBox;
class QFormLayout;
class QCompleter;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QModelIndex;
class QStandardItemModel;
class QUndoStack;

// Logs a call, email, meeting... in a few keystrokes: Ctrl+L, type a name (completed from the contacts;
// several, separated by commas, for a meeting), Tab, a letter picks the channel, ..., Ctrl+Enter saves.
// The date field reads "yesterday 15:00", "today 9:30" or "2026-11-20 14:00" (NaturalDate). Saving goes
// through InteractionRepository::createForContacts and pushes a LogInteractionCommand on the undo stack;
// validation errors appear under their fields. Open it with open() (window-modal, no nested event loop).
// The constructor only builds widgets: the database is first read when the user types a name.
class QuickLogDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QuickLogDialog)

public:
    QuickLogDialog(Database &db, QUndoStack *undoStack, QWidget *parent = nullptr);

    // Where the cursor starts when the dialog is prefilled with a contact: at the channel (the profile's
    // Log… button), or on the contact's name, selected (Ctrl+L: the keys stay the same as with an empty
    // field, Tab goes on with the name and typing replaces it).
    enum class Start { AtChannel, AtContact };

    // The window's dialog (created on first use, then reused), cleared and prefilled with this contact
    // (0 = none), and opened.
    static QuickLogDialog *openFor(
        QWidget *window, Database &db, QUndoStack *undoStack, qint64 contactId = 0, Start start = Start::AtChannel);

    // The window's dialog in edit mode for this logged interaction (double-click or Enter on a timeline
    // entry). Saving updates it (conflict-checked) and pushes an EditInteractionCommand. A synced item
    // (source other than "manual") opens read-only: it can be deleted from the timeline, not edited.
    // Returns nullptr, with the reason in *error, if it cannot be loaded.
    static QuickLogDialog *openForEdit(
        QWidget *window, Database &db, QUndoStack *undoStack, qint64 interactionId, QString *error = nullptr);

    // Empties the fields and sets the date to now; with a contact, fills it in and starts at the channel.
    void reset(qint64 contactId = 0, Start start = Start::AtChannel);
    // Shows this interaction for editing (or read-only when synced); false with the message if not found.
    Status edit(qint64 interactionId);
    bool isEditing() const { return m_editing.id > 0; }
    bool isReadOnly() const { return m_readOnly; }
    bool save();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

Q_SIGNALS:
    // Rows were created for these contacts.
    void logged(const QList<qint64> &contactIds);

private:
    QLabel *addError(const QString &objectName);
    void updateCompletions(const QString &text);
    // The contact of a completion the user picked stands for its name from now on.
    void remember(const QModelIndex &index);
    // The contact ids the contacts field names; sets an error and returns nothing if one is not known.
    std::optional<QList<qint64>> resolveContacts();
    void showError(const QString &field, const QString &message);
    void clearErrors();
    void setMode(bool editing, bool readOnly);
    bool saveEdit(const QDateTime &when);

    Database &m_db;
    QUndoStack *m_undoStack = nullptr;
    QLineEdit *m_contactsEdit = nullptr;
    QCompleter *m_completer = nullptr;
    QStandardItemModel *m_completions = nullptr;
    QComboBox *m_channelCombo = nullptr;
    QComboBox *m_directionCombo = nullptr;
    QLineEdit *m_whenEdit = nullptr;
    QLabel *m_whenPreview = nullptr;
    QLineEdit *m_subjectEdit = nullptr;
    QPlainTextEdit *m_notesEdit = nullptr;
    QComboBox *m_sentimentCombo = nullptr;
    QLineEdit *m_outcomeEdit = nullptr;
    QLineEdit *m_followUpEdit = nullptr;
    QPushButton *m_saveButton = nullptr;
    QFormLayout *m_form = nullptr;
    QWidget *m_followUpRow = nullptr;
    QLabel *m_noteLabel = nullptr; // edit mode: why the item is read-only
    Interaction m_editing; // edit mode: the interaction as loaded (id 0 when logging a new one)
    bool m_readOnly = false;
    QString m_loadedWhenText; // edit mode: the date as first shown
    QHash<QString, QLabel *> m_errors; // by field name as InteractionRepository reports it
    QHash<QString, qint64> m_known; // display name (lower case) -> contact id, from picked completions and prefill
};
