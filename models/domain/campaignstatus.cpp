#include "campaignstatus.h"

#include "domain/keylabeltable.h"

#include <QCoreApplication>

namespace {

// QT_TRANSLATE_NOOP keeps the words in the translation file; the table translates them when shown.
constexpr KeyLabel kStatuses[] = {
    { "planned", QT_TRANSLATE_NOOP("CampaignStatus", "Planned") },
    { "active", QT_TRANSLATE_NOOP("CampaignStatus", "Active") },
    { "completed", QT_TRANSLATE_NOOP("CampaignStatus", "Completed") },
    { "cancelled", QT_TRANSLATE_NOOP("CampaignStatus", "Cancelled") },
};
constexpr KeyLabelTable kTable("CampaignStatus", kStatuses);

} // namespace

int CampaignStatus::count()
{
    return kTable.count();
}

QString CampaignStatus::key(int index)
{
    return kTable.key(index);
}

int CampaignStatus::indexOf(const QString &key)
{
    return kTable.indexOf(key);
}

QString CampaignStatus::label(int index)
{
    return kTable.label(index);
}

QString CampaignStatus::label(const QString &key)
{
    return kTable.label(key);
}
