#pragma once

#include "storage/erasurerepository.h"

#include <QDialog>
#include <QObject>

class ContactEditor;
class ContactsView;
class QAction;
class QCheckBox;

// The confirmation of Contact → Erase This Person…: names the person and what will go (N conversations, M
// pitches, …), says that it cannot be undone, and offers to put their Mastodon and Bluesky handles on the
// ignore list so the sync does not bring them back. "Erase" is not the default button.
class EraseDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EraseDialog)

public:
    EraseDialog(const ErasureCounts &counts, QWidget *parent);
    bool ignoreHandles() const;
    // The sentence listing what goes, as shown.
    QString summary() const { return m_summary; }

private:
    QString m_summary;
    QCheckBox *m_ignore = nullptr;
};

// Contact → Export Everything About This Person… (a JSON file with every row Rapport keeps about them, and a
// vCard beside it) and Contact → Erase This Person… (ErasureRepository, after EraseDialog). Both act on the
// contact in focus: the open profile, else the list's current row. Erasing clears the undo history (its
// steps may hold the person's data) and tells the views through the ChangeNotifier.
class PrivacyActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PrivacyActions)

public:
    PrivacyActions(ContactsView *view, ContactEditor *editor);

    QAction *exportAction() const { return m_export; }
    QAction *eraseAction() const { return m_erase; }

    void exportPerson();
    void erasePerson();

Q_SIGNALS:
    // For tests and the status bar: what happened, in words.
    void done(const QString &message);

private:
    qint64 contactInFocus() const;
    void showStatus(const QString &message);

    ContactsView *m_view = nullptr;
    ContactEditor *m_editor = nullptr;
    QAction *m_export = nullptr;
    QAction *m_erase = nullptr;
};
