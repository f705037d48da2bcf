#include "changenotifier.h"

namespace {

struct TableName
{
    Change::Table table;
    const char16_t *name;
};

constexpr TableName kTables[] = {
    { Change::Table::Contacts, u"contacts" },
    { Change::Table::Organizations, u"organizations" },
    { Change::Table::Interactions, u"interactions" },
    { Change::Table::FollowUps, u"follow_ups" },
    { Change::Table::Campaigns, u"campaigns" },
    { Change::Table::Pitches, u"pitches" },
    { Change::Table::Coverage, u"coverage" },
    { Change::Table::Inbox, u"inbox" },
};

} // namespace

QString Change::tableName(Table table)
{
    for (const TableName &t : kTables)
        if (t.table == table)
            return QString::fromUtf16(t.name);
    return {};
}

bool Change::tableFromName(const QString &name, Table *table)
{
    for (const TableName &t : kTables) {
        if (name == QStringView(t.name)) {
            *table = t.table;
            return true;
        }
    }
    return false;
}

ChangeNotifier *ChangeNotifier::instance()
{
    static ChangeNotifier *notifier = new ChangeNotifier; // lives as long as the process
    return notifier;
}

void ChangeNotifier::publish(const Change &change)
{
    Q_EMIT changed(change);
    switch (change.table) {
    case Change::Table::Contacts:
        Q_EMIT contactsChanged(change.ids);
        break;
    case Change::Table::Organizations:
        Q_EMIT organizationsChanged(change.ids);
        break;
    case Change::Table::Interactions:
        // Rows without a contact are the Inbox's; with unknown contacts, both may have changed.
        if (!change.contactIds.isEmpty() || !change.touchesInbox)
            Q_EMIT interactionsChanged(change.contactIds);
        if (change.touchesInbox || change.contactIds.isEmpty())
            Q_EMIT inboxChanged();
        // A logged pitch is an interaction of its campaign.
        if (!change.campaignIds.isEmpty())
            Q_EMIT campaignsChanged(change.campaignIds);
        break;
    case Change::Table::FollowUps:
        Q_EMIT followUpsChanged();
        break;
    case Change::Table::Campaigns:
        Q_EMIT campaignsChanged(change.ids);
        break;
    case Change::Table::Pitches:
    case Change::Table::Coverage:
        Q_EMIT campaignsChanged(change.campaignIds);
        break;
    case Change::Table::Inbox:
        Q_EMIT inboxChanged();
        break;
    }
}

void ChangeNotifier::notifyInteractions(const QList<qint64> &contactIds)
{
    if (contactIds.isEmpty())
        return;
    Q_EMIT changed(Change { Change::Table::Interactions, {}, contactIds, {}, false, Change::Origin::Local });
    Q_EMIT interactionsChanged(contactIds);
}

void ChangeNotifier::notifyContacts(const QList<qint64> &contactIds)
{
    if (contactIds.isEmpty())
        return;
    Q_EMIT changed(Change { Change::Table::Contacts, contactIds, contactIds, {}, false, Change::Origin::Local });
    Q_EMIT contactsChanged(contactIds);
}

void ChangeNotifier::notifyCampaigns(const QList<qint64> &campaignIds)
{
    if (campaignIds.isEmpty())
        return;
    Q_EMIT changed(Change { Change::Table::Campaigns, campaignIds, {}, campaignIds, false, Change::Origin::Local });
    Q_EMIT campaignsChanged(campaignIds);
}

void ChangeNotifier::notifyOrganizations(const QList<qint64> &organizationIds)
{
    // An empty list is "not known which" here (an import), unlike the other notify functions.
    Q_EMIT changed(
        Change { Change::Table::Organizations, organizationIds, {}, {}, false, Change::Origin::Local });
    Q_EMIT organizationsChanged(organizationIds);
}
