#include "changenotifier.h"

ChangeNotifier *ChangeNotifier::instance()
{
    static ChangeNotifier *notifier = new ChangeNotifier; // lives as long as the process
    return notifier;
}
