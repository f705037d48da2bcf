#pragma once

#include <QFrame>

class Database;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QMenuBar;

// The command palette (Ctrl+K): type to jump to any contact, organization, section or saved view, or to run
// any menu action. Actions are read from the menu bar when the palette opens, so every action a part of the
// window adds to a menu is found without registering it; contacts and organizations are searched in the
// database as you type. Enter runs the highlighted entry, Esc closes.
class CommandPalette final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CommandPalette)

public:
    CommandPalette(Database &db, QMenuBar *menuBar, QWidget *parent);

    // Opens over the top of the parent window with an empty query and the focus in the search field.
    void popUp();
    QLineEdit *lineEdit() const { return m_lineEdit; }
    QListWidget *resultList() const { return m_list; }

    // A fuzzy score for `text` against `query` (letters in order, word starts and runs rank higher);
    // -1 when not all letters are found.
    static int matchScore(const QString &query, const QString &text);

Q_SIGNALS:
    void contactChosen(qint64 id);
    void organizationChosen(qint64 id);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    enum class Kind { Action, Contact, Organization };
    void updateResults();
    void activate(QListWidgetItem *item);
    void addItem(Kind kind, const QString &text, const QString &detail, const QVariant &payload);

    Database &m_db;
    QMenuBar *m_menuBar;
    QLineEdit *m_lineEdit;
    QListWidget *m_list;
};
