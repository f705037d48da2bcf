#include "campaignstatus.h"

#include <QCoreApplication>

#include <iterator>

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(CampaignStatus)
};

struct Row
{
    const char *key;
    const char *label;
};

// QT_TRANSLATE_NOOP keeps the words in the translation file; tr() looks them up when shown.
constexpr Row kStatuses[] = {
    { "planned", QT_TRANSLATE_NOOP("CampaignStatus", "Planned") },
    { "active", QT_TRANSLATE_NOOP("CampaignStatus", "Active") },
    { "completed", QT_TRANSLATE_NOOP("CampaignStatus", "Completed") },
    { "cancelled", QT_TRANSLATE_NOOP("CampaignStatus", "Cancelled") },
};

} // namespace

int CampaignStatus::count()
{
    return int(std::size(kStatuses));
}

QString CampaignStatus::key(int index)
{
    return index >= 0 && index < count() ? QString::fromLatin1(kStatuses[index].key) : QString();
}

int CampaignStatus::indexOf(const QString &key)
{
    for (int i = 0; i < count(); ++i)
        if (key == QLatin1StringView(kStatuses[i].key))
            return i;
    return -1;
}

QString CampaignStatus::label(int index)
{
    return index >= 0 && index < count() ? Tr::tr(kStatuses[index].label) : QString();
}

QString CampaignStatus::label(const QString &key)
{
    const int i = indexOf(key);
    return i < 0 ? key : label(i);
}
