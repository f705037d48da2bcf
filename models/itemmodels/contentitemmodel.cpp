#include "contentitemmodel.h"

#include "domain/contentlabels.h"
#include "itemmodels/rowdiff.h"

#include <QLocale>

ContentItemModel::ContentItemModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

ContentItemModel::~ContentItemModel() = default;

void ContentItemModel::setItems(const QList<ContentItem> &fresh)
{
    RowDiff::Hooks<ContentItem> h;
    h.beginRemove = [this](int row) { beginRemoveRows({}, row, row); };
    h.endRemove = [this] { endRemoveRows(); };
    h.beginInsert = [this](int row) { beginInsertRows({}, row, row); };
    h.endInsert = [this] { endInsertRows(); };
    h.beginMove = [this](int from, int to) { beginMoveRows({}, from, from, {}, to); };
    h.endMove = [this] { endMoveRows(); };
    h.changed = [this](int row, const ContentItem &old, const ContentItem &c) {
        if (old.version != c.version || old.title != c.title || old.kind != c.kind || old.status != c.status
            || old.updatedAt != c.updatedAt)
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    };
    RowDiff::apply(
        m_items, fresh, [](const ContentItem &c) { return c.id; }, h);
}

int ContentItemModel::rowOf(qint64 id) const
{
    for (int r = 0; r < m_items.size(); ++r)
        if (m_items.at(r).id == id)
            return r;
    return -1;
}

int ContentItemModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int ContentItemModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ContentItemModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ContentItem &c = m_items.at(index.row());
    if (role == IdRole)
        return c.id;
    if (role == SortRole) {
        switch (index.column()) {
        case KindColumn:
            return ContentItem::kinds().indexOf(c.kind);
        case TitleColumn:
            return c.title;
        case StatusColumn:
            return ContentItem::statuses().indexOf(c.status);
        case UpdatedColumn:
            return c.updatedAt;
        }
        return {};
    }
    if (role == Qt::ToolTipRole)
        return index.column() == UpdatedColumn ? QLocale().toString(c.updatedAt.toLocalTime(), QLocale::LongFormat)
                                               : c.title;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case KindColumn:
        return ContentLabels::kindLabel(c.kind);
    case TitleColumn:
        return c.title;
    case StatusColumn:
        return ContentLabels::statusLabel(c.status);
    case UpdatedColumn:
        return QLocale().toString(c.updatedAt.toLocalTime().date(), QLocale::ShortFormat);
    }
    return {};
}

QVariant ContentItemModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KindColumn:
        return tr("Kind");
    case TitleColumn:
        return tr("Title");
    case StatusColumn:
        return tr("Status");
    case UpdatedColumn:
        return tr("Updated");
    }
    return {};
}
