#include "historynotifier.h"

HistoryNotifier *HistoryNotifier::instance()
{
    static HistoryNotifier *notifier = new HistoryNotifier; // lives as long as the process
    return notifier;
}
