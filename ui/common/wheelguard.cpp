#include "wheelguard.h"

#include <QAbstractScrollArea>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QWheelEvent>
#include <QWidget>

namespace {

class Filter final : public QObject
{
public:
    using QObject::QObject;

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() != QEvent::Wheel)
            return false;
        auto *field = static_cast<QWidget *>(watched);
        if (field->hasFocus())
            return false;
        // Not for this field: the form around it scrolls. Handed to the scroll area's viewport directly, since
        // QApplication does not pass a synthesized wheel event on to the parents.
        for (QWidget *up = field->parentWidget(); up; up = up->parentWidget()) {
            auto *area = qobject_cast<QAbstractScrollArea *>(up);
            if (!area)
                continue;
            const auto *wheel = static_cast<QWheelEvent *>(event);
            QWidget *viewport = area->viewport();
            const QPointF at = viewport->mapFromGlobal(wheel->globalPosition());
            QWheelEvent forwarded(at, wheel->globalPosition(), wheel->pixelDelta(), wheel->angleDelta(),
                wheel->buttons(), wheel->modifiers(), wheel->phase(), wheel->inverted(), wheel->source());
            QCoreApplication::sendEvent(viewport, &forwarded);
            break;
        }
        return true; // never the field's
    }
};

} // namespace

namespace WheelGuard {

void protect(QWidget *field)
{
    if (!field || field->property("rapportWheelGuard").toBool())
        return;
    field->setProperty("rapportWheelGuard", true);
    field->setFocusPolicy(Qt::StrongFocus);
    field->installEventFilter(new Filter(field)); // goes with the field
}

void protectChildren(QWidget *root)
{
    for (QComboBox *combo : root->findChildren<QComboBox *>())
        protect(combo);
    for (QAbstractSpinBox *spin : root->findChildren<QAbstractSpinBox *>())
        protect(spin);
}

} // namespace WheelGuard
