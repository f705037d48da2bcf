#include "theme.h"

#include <QActionGroup>
#include <QApplication>
#include <QMenu>
#include <QPalette>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>

namespace {

const QString kKey = QStringLiteral("appearance/theme");
QString s_systemStyle;
QPalette s_systemPalette;
bool s_systemSaved = false;

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x31);
    const QColor base(0x1f, 0x21, 0x24);
    const QColor alternate(0x27, 0x29, 0x2d);
    const QColor text(0xe8, 0xea, 0xed);
    const QColor disabled(0x8a, 0x8f, 0x98);
    const QColor highlight(0x2a, 0x68, 0xc0);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, alternate);
    p.setColor(QPalette::ToolTipBase, window);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0xa0, 0xa6));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Link, QColor(0x8a, 0xb4, 0xf8));
    p.setColor(QPalette::LinkVisited, QColor(0xc5, 0x8a, 0xf9));
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Light, QColor(0x3c, 0x3f, 0x44));
    p.setColor(QPalette::Midlight, QColor(0x35, 0x38, 0x3c));
    p.setColor(QPalette::Mid, QColor(0x24, 0x26, 0x29));
    p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    p.setColor(QPalette::Shadow, Qt::black);
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x4a, 0x4d, 0x52));
    return p;
}

// Call after setting the Fusion style: starts from its standard palette.
QPalette lightPalette()
{
    QPalette p = QApplication::style()->standardPalette();
    p.setColor(QPalette::Highlight, QColor(0x1f, 0x5f, 0xbf));
    p.setColor(QPalette::PlaceholderText, QColor(0x6b, 0x6f, 0x76));
    return p;
}

} // namespace

namespace Theme {

Kind current()
{
    const QString saved = QSettings().value(kKey).toString();
    if (saved == u"dark")
        return Kind::Dark;
    if (saved == u"light")
        return Kind::Light;
    return Kind::System;
}

void apply(Kind kind)
{
    if (!s_systemSaved) {
        s_systemStyle = QApplication::style()->name();
        s_systemPalette = QApplication::palette();
        s_systemSaved = true;
    }
    switch (kind) {
    case Kind::System:
        QApplication::setStyle(QStyleFactory::create(s_systemStyle));
        QApplication::setPalette(s_systemPalette);
        break;
    case Kind::Light:
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(lightPalette());
        break;
    case Kind::Dark:
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(darkPalette());
        break;
    }
    QSettings().setValue(kKey, kind == Kind::Dark ? QStringLiteral("dark")
                                                  : kind == Kind::Light ? QStringLiteral("light") : QStringLiteral("system"));
}

void applySaved()
{
    const Kind kind = current();
    if (kind != Kind::System)
        apply(kind);
}

QMenu *addMenu(QMenu *menu, QObject *context)
{
    QMenu *themes = menu->addMenu(QCoreApplication::translate("Theme", "&Theme"));
    themes->setObjectName(QStringLiteral("themeMenu"));
    auto *group = new QActionGroup(themes);
    const std::pair<Kind, const char *> entries[] = {
        {Kind::System, QT_TRANSLATE_NOOP("Theme", "&System")},
        {Kind::Light, QT_TRANSLATE_NOOP("Theme", "&Light")},
        {Kind::Dark, QT_TRANSLATE_NOOP("Theme", "&Dark")},
    };
    for (const auto &[kind, text] : entries) {
        QAction *action = themes->addAction(QCoreApplication::translate("Theme", text));
        action->setCheckable(true);
        action->setChecked(kind == current());
        action->setObjectName(kind == Kind::Dark ? QStringLiteral("darkThemeAction")
                              : kind == Kind::Light ? QStringLiteral("lightThemeAction")
                                                    : QStringLiteral("systemThemeAction"));
        group->addAction(action);
        QObject::connect(action, &QAction::triggered, context, [kind] { apply(kind); });
    }
    return themes;
}

} // namespace Theme
