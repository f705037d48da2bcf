#include "contactcolumnchooser.h"

#include "itemmodels/contactlistmodel.h"

#include <QHeaderView>
#include <QMenu>

ContactColumnChooser::ContactColumnChooser(QHeaderView *header)
    : QObject(header)
    , m_header(header)
{
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        QMenu *menu = createMenu(m_header);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_header->viewport()->mapToGlobal(pos));
    });
}

QMenu *ContactColumnChooser::createMenu(QWidget *parent)
{
    auto *menu = new QMenu(parent);
    menu->setObjectName(QStringLiteral("contactColumnsMenu"));
    menu->setTitle(tr("Columns"));
    QAbstractItemModel *model = m_header->model();
    for (int visual = 0; visual < m_header->count(); ++visual) {
        const int column = m_header->logicalIndex(visual);
        QAction *action = menu->addAction(model->headerData(column, Qt::Horizontal).toString());
        action->setObjectName(ContactListModel::columnKey(column) + QStringLiteral("ColumnAction"));
        action->setCheckable(true);
        action->setChecked(!m_header->isSectionHidden(column));
        action->setEnabled(column != ContactListModel::NameColumn);
        connect(action, &QAction::toggled, m_header, [header = m_header, column](bool on) {
            header->setSectionHidden(column, !on);
            if (on && header->sectionSize(column) < header->minimumSectionSize() * 3)
                header->resizeSection(column, header->defaultSectionSize());
        });
    }
    return menu;
}

QStringList ContactColumnChooser::visibleColumns(const QHeaderView *header)
{
    QStringList columns;
    for (int visual = 0; visual < header->count(); ++visual) {
        const int column = header->logicalIndex(visual);
        if (!header->isSectionHidden(column))
            columns << ContactListModel::columnKey(column);
    }
    return columns;
}

void ContactColumnChooser::applyColumns(QHeaderView *header, const QStringList &columns)
{
    QList<int> wanted;
    for (const QString &key : columns)
        if (const int column = ContactListModel::columnFromKey(key); column >= 0 && !wanted.contains(column))
            wanted << column;
    if (wanted.isEmpty())
        return;
    if (!wanted.contains(ContactListModel::NameColumn))
        wanted.prepend(ContactListModel::NameColumn);
    for (int visual = 0; visual < wanted.size(); ++visual)
        header->moveSection(header->visualIndex(wanted.at(visual)), visual);
    for (int column = 0; column < header->count(); ++column)
        header->setSectionHidden(column, !wanted.contains(column));
}
