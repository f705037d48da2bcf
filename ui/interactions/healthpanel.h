#pragma once

#include <QWidget>

class Database;
class QLabel;

// The relationship health of the contact shown in the profile, with its breakdown in words: "Health 72
// of 100 · strong" over "Last spoke 94 days ago · Answers 3 of 4 pitches · Mostly outbound: 12 of 15…";
// the tooltip lists each component's points (HealthScore::describe()). Reloads when ChangeNotifier says
// this contact's conversations changed. Hidden for a new, unsaved contact.
class HealthPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HealthPanel)

public:
    explicit HealthPanel(Database &db, QWidget *parent = nullptr);

    void setContactId(qint64 id);
    QString scoreText() const;
    QString breakdownText() const;

private:
    void reload();

    Database &m_db;
    QLabel *m_scoreLabel = nullptr;
    QLabel *m_breakdownLabel = nullptr;
    qint64 m_contactId = 0;
};
