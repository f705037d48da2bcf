#include "accountlistmodel.h"

#include "itemmodels/columnheaders.h"

#include <iterator>

#include "core/statuscolor.h"
#include "itemmodels/rowdiff.h"

#include <QIcon>
#include <QLocale>

namespace {

bool sameShown(const SocialAccount &a, const SocialAccount &b)
{
    return a.network == b.network && a.displayName == b.displayName && a.serverUrl == b.serverUrl
        && a.handle == b.handle && a.enabled == b.enabled && a.state == b.state && a.lastSyncAt == b.lastSyncAt
        && a.lastSuccessAt == b.lastSuccessAt && a.lastFetched == b.lastFetched && a.lastError == b.lastError
        && a.lastSkipped == b.lastSkipped && a.lastSkipNote == b.lastSkipNote && a.syncIntervalS == b.syncIntervalS;
}

QIcon networkIcon(Network network)
{
    if (!Networks::traits(network).ownedByUser)
        return QIcon::fromTheme(QStringLiteral("application-rss+xml"), QIcon::fromTheme(QStringLiteral("text-html")));
    return QIcon::fromTheme(QStringLiteral("internet-chat"), QIcon::fromTheme(QStringLiteral("user-available")));
}

} // namespace

AccountListModel::AccountListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

AccountListModel::~AccountListModel() = default;

QString AccountListModel::timeText(const QDateTime &when)
{
    if (!when.isValid())
        return tr("never");
    const QDateTime local = when.toLocalTime();
    const QDate today = QDate::currentDate();
    const QString time = local.time().toString(QStringLiteral("HH:mm"));
    if (local.date() == today)
        return tr("today %1").arg(time);
    if (local.date() == today.addDays(-1))
        return tr("yesterday %1").arg(time);
    if (local.date() == today.addDays(1))
        return tr("tomorrow %1").arg(time);
    return QLocale().toString(local.date(), QLocale::ShortFormat) + QLatin1Char(' ') + time;
}

void AccountListModel::setAccounts(const QList<SocialAccount> &fresh)
{
    RowDiff::Hooks<SocialAccount> h;
    h.beginRemove = [this](int row) { beginRemoveRows({}, row, row); };
    h.endRemove = [this] { endRemoveRows(); };
    h.beginInsert = [this](int row) { beginInsertRows({}, row, row); };
    h.endInsert = [this] { endInsertRows(); };
    h.beginMove = [this](int from, int to) { beginMoveRows({}, from, from, {}, to); };
    h.endMove = [this] { endMoveRows(); };
    h.changed = [this](int row, const SocialAccount &old, const SocialAccount &a) {
        // The next sync time moves with the clock: refresh the row whenever it is read again.
        if (!sameShown(old, a) || a.nextSyncAt() != old.nextSyncAt())
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    };
    RowDiff::apply(
        m_accounts, fresh, [](const SocialAccount &a) { return a.id; }, h);
}

int AccountListModel::rowOf(qint64 id) const
{
    for (int r = 0; r < m_accounts.size(); ++r)
        if (m_accounts.at(r).id == id)
            return r;
    return -1;
}

void AccountListModel::setRunning(qint64 id, const QString &text)
{
    if (m_running.value(id) == text)
        return;
    if (text.isEmpty())
        m_running.remove(id);
    else
        m_running.insert(id, text);
    stateChanged(id);
}

void AccountListModel::clearRunning()
{
    const QList<qint64> ids = m_running.keys();
    m_running.clear();
    for (qint64 id : ids)
        stateChanged(id);
}

void AccountListModel::stateChanged(qint64 id)
{
    if (const int row = rowOf(id); row >= 0)
        Q_EMIT dataChanged(index(row, StateColumn), index(row, StateColumn));
}

int AccountListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_accounts.size());
}

int AccountListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AccountListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SocialAccount &a = m_accounts.at(index.row());
    const auto running = m_running.constFind(a.id);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case AccountColumn:
            return tr("%1 · %2", "account list: network · name").arg(Networks::label(a.network), a.displayName);
        case StateColumn:
            return running != m_running.cend() ? *running : a.statusLabel();
        case LastSuccessColumn:
            return timeText(a.lastSuccessAt);
        case FetchedColumn:
            return a.lastSuccessAt.isValid() ? QLocale().toString(a.lastFetched) : QString();
        case NextColumn: {
            if (!a.enabled)
                return tr("paused");
            const QDateTime next = a.nextSyncAt();
            return next <= QDateTime::currentDateTimeUtc() ? tr("due now") : timeText(next);
        }
        case ErrorColumn:
            return a.problemText();
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == AccountColumn)
            return Networks::traits(a.network).ownedByUser ? a.handle + QLatin1Char(' ') + a.serverUrl : a.serverUrl;
        if (index.column() == ErrorColumn)
            return a.lastSkipNote.isEmpty() || !a.lastError.isEmpty() ? a.problemText() : a.lastSkipNote;
        return {};
    case Qt::DecorationRole:
        return index.column() == AccountColumn ? QVariant(networkIcon(a.network)) : QVariant();
    case Qt::ForegroundRole:
        if (index.column() == StateColumn && running == m_running.cend()
            && (a.state == SocialAccount::State::Error || a.state == SocialAccount::State::SignInRequired))
            return StatusColor::danger();
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == FetchedColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case IdRole:
        return a.id;
    case NetworkRole:
        return int(a.network);
    case StateRole:
        return int(a.state);
    case SortRole:
        switch (index.column()) {
        case AccountColumn:
            return a.displayName.toCaseFolded();
        case StateColumn:
            return int(a.state);
        case LastSuccessColumn:
            return a.lastSuccessAt;
        case FetchedColumn:
            return a.lastFetched;
        case NextColumn:
            return a.nextSyncAt();
        case ErrorColumn:
            return a.problemText();
        }
        return {};
    default:
        return {};
    }
}

QVariant AccountListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    // Column order (Column); the titles in this model's translation context.
    static const char *const kTitles[]
        = { QT_TRANSLATE_NOOP("AccountListModel", "Account"), QT_TRANSLATE_NOOP("AccountListModel", "State"),
              QT_TRANSLATE_NOOP("AccountListModel", "Last synced"), QT_TRANSLATE_NOOP("AccountListModel", "Items"),
              QT_TRANSLATE_NOOP("AccountListModel", "Next sync"), QT_TRANSLATE_NOOP("AccountListModel", "Last error") };
    static_assert(std::size(kTitles) == ColumnCount);
    return ColumnHeaders::data("AccountListModel", kTitles, section, orientation, role);
}
