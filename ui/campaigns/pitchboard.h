#pragma once

#include <QList>
#include <QPoint>
#include <QWidget>

class PitchBoardModel;
class QFrame;
class QLabel;
class QListView;
class QSortFilterProxyModel;

// The Pipeline tab's board: one column per pitch status (PitchStatus order), each a list of cards filtered from
// the one PitchBoardModel. A card is moved with the mouse by dragging it onto another column, or with the keys
// of the tab's actions (Ctrl+Right / Ctrl+Left, Alt+1 … Alt+6); Left and Right alone go to the next column.
//
// The drag is done with the plain mouse events of the column lists (press, move past the drag distance,
// release over a column) instead of QDrag::exec, whose nested loop cannot be driven by QTest under the
// offscreen platform: a GUI test drags a card with QTest::mousePress / mouseMove / mouseRelease.
class PitchBoard final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PitchBoard)

public:
    explicit PitchBoard(PitchBoardModel *model, QWidget *parent = nullptr);
    ~PitchBoard() override;

    int columnCount() const { return int(m_columns.size()); }
    QListView *columnView(int status) const;
    QLabel *columnHeader(int status) const;
    // The pitch of the focused column's current card (0 = none).
    qint64 currentPitchId() const;
    // Shows the pitch's card as current in its column and focuses that column (after a move).
    void selectPitch(qint64 pitchId, bool focus = true);
    // The column under a point in the board's coordinates (-1 = none).
    int columnAt(const QPoint &boardPos) const;

Q_SIGNALS:
    void moveRequested(qint64 pitchId, int toStatus);
    void contactActivated(qint64 contactId);
    void currentPitchChanged(qint64 pitchId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Column
    {
        QFrame *frame = nullptr;
        QLabel *header = nullptr;
        QListView *view = nullptr;
        QSortFilterProxyModel *proxy = nullptr;
    };
    int columnOfViewport(const QObject *viewport) const;
    void updateHeaders();
    void setDropTarget(int status);
    void endDrag();

    PitchBoardModel *m_model;
    QList<Column> m_columns;
    int m_lastFocused = 0;
    // The drag in progress: the pitch pressed on, where, and whether the mouse went past the drag distance.
    qint64 m_pressedPitch = 0;
    QPoint m_pressPos; // global
    bool m_dragging = false;
    int m_dropTarget = -1;
};
