#include "pitchstatus.h"

#include <QCoreApplication>

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(PitchStatus)
};

struct Row
{
    const char *key;
    const char *label;
};

// QT_TRANSLATE_NOOP keeps the words in the translation file; tr() looks them up when shown.
constexpr Row kStatuses[] = {
    { "planned", QT_TRANSLATE_NOOP("PitchStatus", "Planned") },
    { "pitched", QT_TRANSLATE_NOOP("PitchStatus", "Pitched") },
    { "replied", QT_TRANSLATE_NOOP("PitchStatus", "Replied") },
    { "interested", QT_TRANSLATE_NOOP("PitchStatus", "Interested") },
    { "declined", QT_TRANSLATE_NOOP("PitchStatus", "Declined") },
    { "covered", QT_TRANSLATE_NOOP("PitchStatus", "Covered") },
};

} // namespace

int PitchStatus::count()
{
    return int(std::size(kStatuses));
}

QString PitchStatus::key(int index)
{
    return index >= 0 && index < count() ? QString::fromLatin1(kStatuses[index].key) : QString();
}

int PitchStatus::indexOf(const QString &key)
{
    for (int i = 0; i < count(); ++i)
        if (key == QLatin1StringView(kStatuses[i].key))
            return i;
    return -1;
}

QString PitchStatus::label(int index)
{
    return index >= 0 && index < count() ? Tr::tr(kStatuses[index].label) : QString();
}

QString PitchStatus::label(const QString &key)
{
    const int i = indexOf(key);
    return i < 0 ? key : label(i);
}
