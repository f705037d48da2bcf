#include "choicedelegate.h"

#include <QComboBox>

ChoiceDelegate::ChoiceDelegate(int choicesRole, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_choicesRole(choicesRole)
{
}

QWidget *ChoiceDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &, const QModelIndex &index) const
{
    const QVariantList choices = index.data(m_choicesRole).toList();
    if (choices.isEmpty())
        return nullptr;
    auto *combo = new QComboBox(parent);
    combo->setObjectName(QStringLiteral("choiceComboBox"));
    combo->setFrame(false);
    for (const QVariant &choice : choices) {
        const QVariantList pair = choice.toList();
        combo->addItem(pair.value(0).toString(), pair.value(1));
    }
    return combo;
}

void ChoiceDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    auto *combo = qobject_cast<QComboBox *>(editor);
    if (!combo)
        return;
    const int at = combo->findData(index.data(Qt::EditRole));
    if (at >= 0)
        combo->setCurrentIndex(at);
}

void ChoiceDelegate::setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const
{
    if (auto *combo = qobject_cast<QComboBox *>(editor))
        model->setData(index, combo->currentData(), Qt::EditRole);
}

void ChoiceDelegate::updateEditorGeometry(QWidget *editor, const QStyleOptionViewItem &option, const QModelIndex &) const
{
    editor->setGeometry(option.rect);
}
