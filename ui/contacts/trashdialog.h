#pragma once

#include <QDialog>

class Database;
class QListWidget;
class QPushButton;

// The contacts in the trash, to restore one or several. Non-modal; restoring is done (and made undoable)
// by whoever listens to restoreRequested().
class TrashDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrashDialog)

public:
    explicit TrashDialog(Database &db, QWidget *parent = nullptr);
    void reload();
    QListWidget *list() const { return m_list; }

Q_SIGNALS:
    void restoreRequested(const QList<qint64> &ids);

private:
    Database &m_db;
    QListWidget *m_list = nullptr;
    QPushButton *m_restoreButton = nullptr;
};
