#include "pitchboard.h"

#include "domain/pitchstatus.h"
#include "itemmodels/pitchboardmodel.h"

#include <QApplication>
#include <QFrame>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QListView>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QSortFilterProxyModel>
#include <QStyledItemDelegate>
#include <QVBoxLayout>

namespace {

// A card: the name in bold, the outlet, and the stamp of the last move in small type; a reply waiting to be
// accepted is marked at the right.
class PitchCardDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const override
    {
        const QFontMetrics fm(option.font);
        // Narrow on purpose: the list stretches each card to the column's width (no horizontal scrolling).
        return { 40, fm.height() * 3 + 14 };
    }

    void paint(QPainter *p, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        p->save();
        p->setRenderHint(QPainter::Antialiasing);
        const QPalette &pal = option.palette;
        const bool selected = option.state & QStyle::State_Selected;
        const QRect card = option.rect.adjusted(3, 2, -3, -2);
        p->setPen(QPen(selected ? pal.color(QPalette::Highlight) : pal.color(QPalette::Mid), selected ? 2 : 1));
        p->setBrush(pal.color(QPalette::Base));
        p->drawRoundedRect(QRectF(card).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
        if (option.state & QStyle::State_HasFocus && selected) {
            p->setPen(QPen(pal.color(QPalette::Highlight), 1, Qt::DotLine));
            p->setBrush(Qt::NoBrush);
            p->drawRoundedRect(QRectF(card).adjusted(2.5, 2.5, -2.5, -2.5), 3, 3);
        }
        QRect text = card.adjusted(8, 4, -8, -4);
        const QFontMetrics fm(option.font);
        const int line = fm.height();
        const bool proposed = index.data(PitchBoardModel::ReplyProposedRole).toBool();
        QFont bold = option.font;
        bold.setBold(true);
        QString badge;
        if (proposed) {
            badge = PitchBoardModel::tr("Reply?");
            const int w = QFontMetrics(bold).horizontalAdvance(badge) + 8;
            const QRect b(text.right() - w + 1, text.top(), w, line);
            p->setPen(Qt::NoPen);
            p->setBrush(pal.color(QPalette::Highlight));
            p->drawRoundedRect(b, 3, 3);
            p->setPen(pal.color(QPalette::HighlightedText));
            p->setFont(bold);
            p->drawText(b, Qt::AlignCenter, badge);
            text.setRight(b.left() - 4);
        }
        p->setPen(pal.color(QPalette::Text));
        p->setFont(bold);
        const QString name = index.sibling(index.row(), PitchBoardModel::NameColumn).data().toString();
        p->drawText(QRect(text.left(), text.top(), text.width(), line), Qt::AlignLeft | Qt::AlignVCenter,
            QFontMetrics(bold).elidedText(name, Qt::ElideRight, text.width()));
        text.setRight(card.right() - 8);
        p->setFont(option.font);
        const QString outlet = index.sibling(index.row(), PitchBoardModel::OutletColumn).data().toString();
        p->drawText(QRect(text.left(), text.top() + line, text.width(), line), Qt::AlignLeft | Qt::AlignVCenter,
            fm.elidedText(outlet, Qt::ElideRight, text.width()));
        QFont small = option.font;
        small.setPointSizeF(option.font.pointSizeF() * 0.85);
        p->setFont(small);
        p->setPen(pal.color(QPalette::PlaceholderText));
        const QString stamp = index.data(PitchBoardModel::CardStampRole).toString();
        p->drawText(QRect(text.left(), text.top() + 2 * line, text.width(), line), Qt::AlignLeft | Qt::AlignVCenter,
            QFontMetrics(small).elidedText(stamp, Qt::ElideRight, text.width()));
        p->restore();
    }
};

// One column's cards: the rows of one status (compared as the status's index, cheaper than a text filter when a
// campaign with thousands of pitches opens).
class StatusFilter final : public QSortFilterProxyModel
{
public:
    StatusFilter(int status, QObject *parent)
        : QSortFilterProxyModel(parent)
        , m_status(status)
    {
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        return sourceModel()->index(row, 0, parent).data(PitchBoardModel::StatusIndexRole).toInt() == m_status;
    }

private:
    int m_status;
};

} // namespace

PitchBoard::PitchBoard(PitchBoardModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    auto *delegate = new PitchCardDelegate(this);
    for (int s = 0; s < PitchStatus::count(); ++s) {
        Column c;
        c.frame = new QFrame(this);
        c.frame->setObjectName(QStringLiteral("%1ColumnFrame").arg(PitchStatus::key(s)));
        c.frame->setFrameShape(QFrame::StyledPanel);
        c.frame->setAutoFillBackground(true);
        // Wide enough for a name and an outlet on a card; a narrow window scrolls the board sideways
        // (PipelineTab puts it in a QScrollArea) instead of eliding every card to a few letters.
        c.frame->setMinimumWidth(fontMetrics().averageCharWidth() * 30);
        auto *col = new QVBoxLayout(c.frame);
        col->setContentsMargins(4, 4, 4, 4);
        col->setSpacing(4);
        c.header = new QLabel(c.frame);
        c.header->setObjectName(QStringLiteral("%1HeaderLabel").arg(PitchStatus::key(s)));
        QFont f = c.header->font();
        f.setBold(true);
        c.header->setFont(f);
        col->addWidget(c.header);
        c.proxy = new StatusFilter(s, this);
        c.proxy->setSourceModel(model);
        c.view = new QListView(c.frame);
        c.view->setObjectName(QStringLiteral("%1ListView").arg(PitchStatus::key(s)));
        c.view->setModel(c.proxy);
        c.view->setModelColumn(PitchBoardModel::NameColumn);
        c.view->setItemDelegate(delegate);
        c.view->setUniformItemSizes(true);
        c.view->setSelectionMode(QAbstractItemView::SingleSelection);
        c.view->setEditTriggers(QAbstractItemView::NoEditTriggers);
        c.view->setDragEnabled(false); // our own drag, see the class comment
        c.view->setFrameShape(QFrame::NoFrame);
        c.view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        c.view->setResizeMode(QListView::Adjust);
        c.view->setAccessibleName(PitchStatus::label(s));
        c.view->setToolTip(
            tr("Drag a card to another column, or use Ctrl+Right / Ctrl+Left or Alt+1 … Alt+6 to "
               "move the selected pitch. Left and Right go to the next column; Enter opens the person."));
        c.view->viewport()->installEventFilter(this);
        c.view->installEventFilter(this);
        col->addWidget(c.view, 1);
        layout->addWidget(c.frame, 1);
        connect(c.view, &QListView::activated, this, [this](const QModelIndex &index) {
            Q_EMIT contactActivated(index.data(PitchBoardModel::ContactIdRole).toLongLong());
        });
        connect(c.view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this, s](const QModelIndex &current) {
                m_lastFocused = s;
                Q_EMIT currentPitchChanged(
                    current.isValid() ? current.data(PitchBoardModel::PitchIdRole).toLongLong() : 0);
            });
        m_columns.append(c);
    }
    connect(model, &QAbstractItemModel::modelReset, this, &PitchBoard::updateHeaders);
    connect(model, &QAbstractItemModel::rowsInserted, this, &PitchBoard::updateHeaders);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &PitchBoard::updateHeaders);
    connect(model, &QAbstractItemModel::dataChanged, this, &PitchBoard::updateHeaders);
    updateHeaders();
}

PitchBoard::~PitchBoard() = default;

QListView *PitchBoard::columnView(int status) const
{
    return status >= 0 && status < m_columns.size() ? m_columns.at(status).view : nullptr;
}

QLabel *PitchBoard::columnHeader(int status) const
{
    return status >= 0 && status < m_columns.size() ? m_columns.at(status).header : nullptr;
}

void PitchBoard::updateHeaders()
{
    QList<int> counts(m_columns.size(), 0);
    for (const auto &r : m_model->rows()) {
        const int s = PitchStatus::indexOf(r.status);
        if (s >= 0 && s < counts.size())
            ++counts[s];
    }
    for (int s = 0; s < m_columns.size(); ++s)
        m_columns[s].header->setText(tr("%1 · %2", "board column: status · number of pitches")
                                         .arg(PitchStatus::label(s))
                                         .arg(QLocale().toString(counts[s])));
}

qint64 PitchBoard::currentPitchId() const
{
    for (int s = 0; s < m_columns.size(); ++s)
        if (m_columns[s].view->hasFocus()) {
            const QModelIndex i = m_columns[s].view->currentIndex();
            return i.isValid() ? i.data(PitchBoardModel::PitchIdRole).toLongLong() : 0;
        }
    const QModelIndex i = m_columns.value(m_lastFocused).view->currentIndex();
    return i.isValid() ? i.data(PitchBoardModel::PitchIdRole).toLongLong() : 0;
}

void PitchBoard::selectPitch(qint64 pitchId, bool focus)
{
    const int row = m_model->rowOf(pitchId);
    if (row < 0)
        return;
    const int s = PitchStatus::indexOf(m_model->rowAt(row).status);
    if (s < 0 || s >= m_columns.size())
        return;
    const Column &c = m_columns[s];
    const QModelIndex index = c.proxy->mapFromSource(m_model->index(row, PitchBoardModel::NameColumn));
    c.view->setCurrentIndex(index);
    c.view->scrollTo(index);
    m_lastFocused = s;
    if (focus)
        c.view->setFocus(Qt::OtherFocusReason);
}

int PitchBoard::columnAt(const QPoint &boardPos) const
{
    for (int s = 0; s < m_columns.size(); ++s)
        if (m_columns[s].frame->geometry().contains(boardPos))
            return s;
    return -1;
}

int PitchBoard::columnOfViewport(const QObject *viewport) const
{
    for (int s = 0; s < m_columns.size(); ++s)
        if (m_columns[s].view->viewport() == viewport || m_columns[s].view == viewport)
            return s;
    return -1;
}

void PitchBoard::setDropTarget(int status)
{
    if (status == m_dropTarget)
        return;
    if (m_dropTarget >= 0)
        m_columns[m_dropTarget].frame->setBackgroundRole(QPalette::Window);
    m_dropTarget = status;
    if (m_dropTarget >= 0)
        m_columns[m_dropTarget].frame->setBackgroundRole(QPalette::Highlight);
}

void PitchBoard::endDrag()
{
    if (m_dragging)
        QApplication::restoreOverrideCursor();
    m_dragging = false;
    m_pressedPitch = 0;
    setDropTarget(-1);
}

bool PitchBoard::eventFilter(QObject *watched, QEvent *event)
{
    const int column = columnOfViewport(watched);
    if (column < 0)
        return QWidget::eventFilter(watched, event);
    QListView *view = m_columns[column].view;
    switch (event->type()) {
    case QEvent::KeyPress: {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->modifiers() == Qt::NoModifier && (key->key() == Qt::Key_Left || key->key() == Qt::Key_Right)) {
            const int step = key->key() == Qt::Key_Right ? 1 : -1;
            for (int s = column + step; s >= 0 && s < m_columns.size(); s += step) {
                QListView *next = m_columns[s].view;
                if (next->model()->rowCount() == 0)
                    continue;
                if (!next->currentIndex().isValid())
                    next->setCurrentIndex(next->model()->index(0, 0));
                next->setFocus(Qt::TabFocusReason);
                break;
            }
            return true;
        }
        break;
    }
    case QEvent::FocusIn:
        m_lastFocused = column;
        break;
    case QEvent::MouseButtonPress: {
        if (watched != view->viewport())
            break;
        auto *mouse = static_cast<QMouseEvent *>(event);
        if (mouse->button() != Qt::LeftButton)
            break;
        const QModelIndex index = view->indexAt(mouse->position().toPoint());
        m_pressedPitch = index.isValid() ? index.data(PitchBoardModel::PitchIdRole).toLongLong() : 0;
        m_pressPos = mouse->globalPosition().toPoint();
        break; // the list selects the card as usual
    }
    case QEvent::MouseMove: {
        if (watched != view->viewport() || m_pressedPitch == 0)
            break;
        auto *mouse = static_cast<QMouseEvent *>(event);
        if (!(mouse->buttons() & Qt::LeftButton))
            break;
        const QPoint global = mouse->globalPosition().toPoint();
        if (!m_dragging && (global - m_pressPos).manhattanLength() >= QApplication::startDragDistance()) {
            m_dragging = true;
            QApplication::setOverrideCursor(Qt::ClosedHandCursor);
        }
        if (m_dragging) {
            auto *w = static_cast<QWidget *>(watched);
            setDropTarget(columnAt(w->mapTo(this, mouse->position().toPoint())));
            return true; // no rubber band or selection change while dragging
        }
        break;
    }
    case QEvent::MouseButtonRelease: {
        if (watched != view->viewport())
            break;
        if (!m_dragging) {
            m_pressedPitch = 0;
            break;
        }
        auto *mouse = static_cast<QMouseEvent *>(event);
        auto *w = static_cast<QWidget *>(watched);
        const int target = columnAt(w->mapTo(this, mouse->position().toPoint()));
        const qint64 pitch = m_pressedPitch;
        endDrag();
        if (target >= 0 && pitch > 0)
            Q_EMIT moveRequested(pitch, target);
        return true;
    }
    default:
        break;
    }
    return QWidget::eventFilter(watched, event);
}
