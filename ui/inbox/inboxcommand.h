#pragma once

#include <QCoreApplication>
#include <QList>
#include <QUndoCommand>

#include <functional>

class Database;

// One undoable Inbox triage step for an author (network + normalized handle):
//   Link:   the handle joins a contact and the author's Inbox items move to its timeline
//           (SyncRepository::linkToContact); undo puts them back (unlinkFromContact).
//   Create: a new contact named after the author, then Link; undo unlinks and moves the contact to the trash.
//   Ignore: the author's items are dropped and later ones skipped (ignore); undo: unignore.
// Call apply() before pushing: if it fails, lastError() says why and the caller deletes the command; the
// push's own first redo() then does nothing. After every later undo/redo `changed` runs with the contacts
// whose timeline changed and the error, if any (the command turns obsolete on an error).
class InboxCommand final : public QUndoCommand
{
    Q_DECLARE_TR_FUNCTIONS(InboxCommand)

public:
    enum class Kind { Link, Create, Ignore };
    using Changed = std::function<void(const QList<qint64> &contactIds, const QString &error)>;

    static InboxCommand *link(Database &db, const QString &network, const QString &handle, const QString &authorName,
        qint64 contactId, const QString &contactName, Changed changed);
    static InboxCommand *create(
        Database &db, const QString &network, const QString &handle, const QString &authorName, Changed changed);
    static InboxCommand *ignore(
        Database &db, const QString &network, const QString &handle, const QString &authorName, Changed changed);

    bool apply();
    void undo() override;
    void redo() override;
    QString lastError() const { return m_lastError; }
    Kind kind() const { return m_kind; }
    qint64 contactId() const { return m_contactId; } // Link/Create: the contact linked to (Create: once applied)
    int movedItems() const { return m_moved; }

private:
    InboxCommand(Database &db, Kind kind, QString network, QString handle, QString authorName, Changed changed);
    QString doIt();
    QString undoIt();
    void finish(const QString &error);

    Database &m_db;
    Kind m_kind;
    QString m_network;
    QString m_handle;
    QString m_authorName;
    qint64 m_contactId = 0;
    bool m_contactCreated = false; // Create: the contact exists (maybe in the trash after an undo)
    int m_moved = 0;
    Changed m_changed;
    QString m_lastError;
    bool m_applied = false;
};
