#pragma once

#include <QStyledItemDelegate>

// Edits a cell with a combo box of the choices the model offers for it: `choicesRole` holds a QVariantList of
// {label, value} pairs; the current value is the cell's Qt::EditRole, and the chosen value is written back with
// setData(value, Qt::EditRole) when the editor closes (Return, Tab, or the focus moving on), as Qt's own
// delegates do: F2, Down, Return changes a cell. Used by the import wizard (a contact's kind, what to do with a
// duplicate).
class ChoiceDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChoiceDelegate)

public:
    ChoiceDelegate(int choicesRole, QObject *parent = nullptr);

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;
    void updateEditorGeometry(
        QWidget *editor, const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_choicesRole;
};
