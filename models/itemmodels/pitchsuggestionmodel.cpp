#include "pitchsuggestionmodel.h"

#include "itemmodels/rowdiff.h"

#include <QLocale>
#include <QPainter>
#include <QPainterPath>

namespace {

bool same(const PitchSuggestion &a, const PitchSuggestion &b)
{
    return a.displayName == b.displayName && a.outletName == b.outletName && a.title == b.title
        && a.score.score == b.score.score && a.score.reasonText() == b.score.reasonText()
        && a.in.hasConsent == b.in.hasConsent && a.reach == b.reach;
}

} // namespace

QIcon PitchSuggestionModel::noConsentIcon()
{
    // An amber warning sign with an exclamation mark, drawn (no icon theme needed), in the sizes views ask for.
    static const QIcon icon = [] {
        QIcon result;
        for (int size : { 16, 24, 32 }) {
            QPixmap pixmap(size, size);
            pixmap.fill(Qt::transparent);
            QPainter p(&pixmap);
            p.setRenderHint(QPainter::Antialiasing);
            p.setPen(Qt::NoPen);
            p.setBrush(QColor(0xe5, 0xa5, 0x0a));
            QPainterPath triangle;
            triangle.moveTo(size / 2.0, size * 0.08);
            triangle.lineTo(size * 0.96, size * 0.9);
            triangle.lineTo(size * 0.04, size * 0.9);
            triangle.closeSubpath();
            p.drawPath(triangle);
            p.setBrush(QColor(0x20, 0x20, 0x20));
            p.drawRect(QRectF(size * 0.45, size * 0.34, size * 0.1, size * 0.3));
            p.drawRect(QRectF(size * 0.45, size * 0.7, size * 0.1, size * 0.1));
            p.end();
            result.addPixmap(pixmap);
        }
        return result;
    }();
    return icon;
}

PitchSuggestionModel::PitchSuggestionModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

PitchSuggestionModel::~PitchSuggestionModel() = default;

int PitchSuggestionModel::rowOf(qint64 contactId) const
{
    for (int r = 0; r < m_rows.size(); ++r)
        if (m_rows.at(r).contactId == contactId)
            return r;
    return -1;
}

QString PitchSuggestionModel::breakdown(const PitchSuggestion &s)
{
    QStringList lines { tr("Score %1 of 100").arg(s.score.score) };
    for (const PitchScore::Reason &r : s.score.reasons) {
        if (r.kind == PitchScore::Reason::Kind::Note)
            lines << tr("Note: %1", "a who-to-pitch reason without points").arg(r.text);
        else
            lines << tr("%1 %2", "points, reason")
                         .arg(r.points >= 0 ? u'+' + QString::number(r.points)
                                            : QString(u'−' + QString::number(-r.points)),
                             r.text);
    }
    return lines.join(u'\n');
}

void PitchSuggestionModel::setRows(const QList<PitchSuggestion> &fresh)
{
    RowDiff::Hooks<PitchSuggestion> h;
    h.beginRemove = [this](int row) { beginRemoveRows({}, row, row); };
    h.endRemove = [this] { endRemoveRows(); };
    h.beginInsert = [this](int row) { beginInsertRows({}, row, row); };
    h.endInsert = [this] { endInsertRows(); };
    h.beginMove = [this](int from, int to) { beginMoveRows({}, from, from, {}, to); };
    h.endMove = [this] { endMoveRows(); };
    h.changed = [this](int row, const PitchSuggestion &old, const PitchSuggestion &s) {
        if (!same(old, s))
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    };
    RowDiff::apply(
        m_rows, fresh, [](const PitchSuggestion &s) { return s.contactId; }, h);
}

int PitchSuggestionModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PitchSuggestionModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PitchSuggestionModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PitchSuggestion &s = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case ScoreColumn:
            return s.score.score;
        case NameColumn:
            return s.displayName;
        case OutletColumn:
            return s.outletName;
        case ReasonsColumn:
            return s.score.reasonText();
        }
        return {};
    case Qt::ToolTipRole:
        switch (index.column()) {
        case NameColumn: {
            const QString who
                = s.title.isEmpty() ? s.displayName : tr("%1, %2", "name, job title").arg(s.displayName, s.title);
            return s.in.hasConsent ? who
                                   : who + u'\n'
                    + tr("No consent or other legal basis is recorded for %1: check before pitching.")
                          .arg(s.displayName);
        }
        case OutletColumn:
            return s.reach > 0 ? tr("%1, reach %2").arg(s.outletName, QLocale().toString(s.reach)) : s.outletName;
        default:
            return breakdown(s);
        }
    case Qt::DecorationRole:
        if (index.column() == NameColumn && !s.in.hasConsent)
            return noConsentIcon();
        return {};
    case Qt::AccessibleDescriptionRole:
        if (index.column() == NameColumn && !s.in.hasConsent)
            return tr("No recorded consent");
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == ScoreColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    case ContactIdRole:
        return s.contactId;
    case ScoreRole:
        return s.score.score;
    case HasConsentRole:
        return s.in.hasConsent;
    default:
        return {};
    }
}

QVariant PitchSuggestionModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole && section == ScoreColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && section == NameColumn)
        return tr("An amber sign marks people without recorded consent");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ScoreColumn:
        return tr("Score");
    case NameColumn:
        return tr("Name");
    case OutletColumn:
        return tr("Outlet");
    case ReasonsColumn:
        return tr("Why");
    }
    return {};
}
