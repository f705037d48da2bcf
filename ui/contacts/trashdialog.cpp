#include "trashdialog.h"

#include "storage/contactrepository.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

TrashDialog::TrashDialog(Database &db, QWidget *parent)
    : QDialog(parent)
    , m_db(db)
{
    setObjectName(QStringLiteral("trashDialog"));
    setWindowTitle(tr("Trash"));
    auto *layout = new QVBoxLayout(this);
    auto *label = new QLabel(tr("Contacts in the &trash, most recently deleted first:"), this);
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("trashListWidget"));
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setAccessibleName(tr("Contacts in the trash"));
    label->setBuddy(m_list);
    layout->addWidget(label);
    layout->addWidget(m_list, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_restoreButton = buttons->addButton(tr("&Restore"), QDialogButtonBox::ActionRole);
    m_restoreButton->setObjectName(QStringLiteral("restoreButton"));
    m_restoreButton->setToolTip(tr("Put the selected contacts back in the list"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    connect(m_restoreButton, &QPushButton::clicked, this, [this] {
        QList<qint64> ids;
        const QList<QListWidgetItem *> items = m_list->selectedItems();
        for (const QListWidgetItem *item : items)
            ids.append(item->data(Qt::UserRole).toLongLong());
        if (!ids.isEmpty())
            Q_EMIT restoreRequested(ids);
    });
    connect(m_list, &QListWidget::itemSelectionChanged, this,
        [this] { m_restoreButton->setEnabled(!m_list->selectedItems().isEmpty()); });
    m_restoreButton->setEnabled(false);
    resize(420, 360);
}

void TrashDialog::reload()
{
    m_list->clear();
    Result<QList<ContactRepository::TrashedContact>> rows = ContactRepository(m_db).trashed();
    if (!rows) {
        m_list->addItem(rows.error().message);
        return;
    }
    const QLocale locale;
    for (const auto &row : *rows) {
        auto *item = new QListWidgetItem(tr("%1 — deleted %2")
                .arg(row.displayName, locale.toString(row.deletedAt.toLocalTime(), QLocale::ShortFormat)), m_list);
        item->setData(Qt::UserRole, row.id);
    }
    if (rows->isEmpty())
        m_list->addItem(tr("The trash is empty."));
    if (rows->isEmpty())
        m_list->item(0)->setFlags(Qt::NoItemFlags);
}
