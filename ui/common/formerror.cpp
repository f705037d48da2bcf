#include "formerror.h"

#include "core/statuscolor.h"

#include <QLabel>
#include <QVBoxLayout>

QLabel *FormError::newLabel(QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, StatusColor::danger(parent->palette()));
    label->setPalette(p);
    label->hide();
    return label;
}

QWidget *FormError::cell(QWidget *field, QLabel *error, QWidget *parent)
{
    auto *cell = new QWidget(parent);
    auto *v = new QVBoxLayout(cell);
    v->setContentsMargins(0, 0, 0, 0);
    v->setSpacing(2);
    v->addWidget(field);
    v->addWidget(error);
    return cell;
}
