#include "statuscolor.h"

#include <QGuiApplication>
#include <QPalette>

namespace {

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

} // namespace

namespace StatusColor {

QColor danger(const QPalette &palette)
{
    // #c01c28 is 6.1:1 on white; #ff7b72 is 6.4:1 on the dark theme's #1f2124 (and 5.7:1 on #27292d).
    return isDark(palette) ? QColor(0xff, 0x7b, 0x72) : QColor(0xc0, 0x1c, 0x28);
}

QColor success(const QPalette &palette)
{
    // #1a7f4b is 5.1:1 on white; #57d68d is 9.5:1 on #1f2124.
    return isDark(palette) ? QColor(0x57, 0xd6, 0x8d) : QColor(0x1a, 0x7f, 0x4b);
}

QColor danger()
{
    return danger(QGuiApplication::palette());
}

QColor success()
{
    return success(QGuiApplication::palette());
}

} // namespace StatusColor
