#pragma once

#include <QDialog>

class ContactsView;
class Database;
class QComboBox;
class QLabel;
class QPushButton;
class QRadioButton;

// File → Export…: what to export (every contact, the contacts the list shows now with its search, filters or
// saved view, the selected contacts, or the open follow-ups as a calendar) and in which format (vCard 4.0 or
// 3.0; CSV in Rapport's, Google's or Outlook's columns; follow-ups are always iCalendar). Export… asks for the
// file (FileDialog, so tests name it in advance), writes it on a worker (ExportJob) and says in the status bar
// what was written, or why not. Opened window-modal, never exec'd.
class ExportDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExportDialog)

public:
    enum class Scope { All, List, Selection, FollowUps };
    Q_ENUM(Scope)

    ExportDialog(Database &db, ContactsView *contacts, QWidget *parent = nullptr);
    ~ExportDialog() override;

    static ExportDialog *open(Database &db, ContactsView *contacts, QWidget *parent);

    void setScope(Scope scope);
    Scope scope() const;

Q_SIGNALS:
    // The export ended: written rows, or the error's message (empty on success).
    void finished(qint64 written, const QString &error);

private:
    void updateFormats();
    void chooseFile();
    void run(const QString &path);

    Database &m_db;
    ContactsView *m_contacts = nullptr;
    QList<qint64> m_selection;
    QRadioButton *m_all = nullptr;
    QRadioButton *m_list = nullptr;
    QRadioButton *m_selected = nullptr;
    QRadioButton *m_followUps = nullptr;
    QComboBox *m_format = nullptr;
    QLabel *m_note = nullptr;
    QPushButton *m_exportButton = nullptr;
};
