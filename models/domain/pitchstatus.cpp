#include "pitchstatus.h"

#include "domain/keylabeltable.h"

#include <QCoreApplication>

namespace {

// QT_TRANSLATE_NOOP keeps the words in the translation file; the table translates them when shown.
constexpr KeyLabel kStatuses[] = {
    { "planned", QT_TRANSLATE_NOOP("PitchStatus", "Planned") },
    { "pitched", QT_TRANSLATE_NOOP("PitchStatus", "Pitched") },
    { "replied", QT_TRANSLATE_NOOP("PitchStatus", "Replied") },
    { "interested", QT_TRANSLATE_NOOP("PitchStatus", "Interested") },
    { "declined", QT_TRANSLATE_NOOP("PitchStatus", "Declined") },
    { "covered", QT_TRANSLATE_NOOP("PitchStatus", "Covered") },
};
constexpr KeyLabelTable kTable("PitchStatus", kStatuses);

} // namespace

int PitchStatus::count()
{
    return kTable.count();
}

QString PitchStatus::key(int index)
{
    return kTable.key(index);
}

int PitchStatus::indexOf(const QString &key)
{
    return kTable.indexOf(key);
}

QString PitchStatus::label(int index)
{
    return kTable.label(index);
}

QString PitchStatus::label(const QString &key)
{
    return kTable.label(key);
}
