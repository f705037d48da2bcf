#include "keylabeltable.h"

#include <QCoreApplication>

QString KeyLabelTable::key(int index) const
{
    return index >= 0 && index < count() ? QString::fromLatin1(m_rows[std::size_t(index)].key) : QString();
}

int KeyLabelTable::indexOf(QStringView key) const
{
    for (int i = 0; i < count(); ++i)
        if (key == QLatin1StringView(m_rows[std::size_t(i)].key))
            return i;
    return -1;
}

QString KeyLabelTable::label(int index) const
{
    return index >= 0 && index < count() ? QCoreApplication::translate(m_context, m_rows[std::size_t(index)].label)
                                         : QString();
}

QString KeyLabelTable::label(const QString &key) const
{
    const int i = indexOf(key);
    return i < 0 ? key : label(i);
}
