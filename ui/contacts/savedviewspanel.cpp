#include "savedviewspanel.h"

#include "contactsearchbar.h"

#include "common/messagebox.h"
#include "storage/database.h"
#include "storage/savedviewrepository.h"

#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QVBoxLayout>

namespace {
constexpr int IdRole = Qt::UserRole;
}

SavedViewsPanel::SavedViewsPanel(Database &db, ContactSearchBar *searchBar, QWidget *parent)
    : QWidget(parent)
    , m_db(db)
    , m_searchBar(searchBar)
{
    setObjectName(QStringLiteral("savedViewsPanel"));
    auto *title = new QLabel(tr("Saved views"), this);
    title->setObjectName(QStringLiteral("savedViewsTitleLabel"));
    QFont small = title->font();
    small.setBold(true);
    title->setFont(small);
    title->setForegroundRole(QPalette::PlaceholderText);

    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("savedViewsListWidget"));
    m_list->setAccessibleName(tr("Saved views"));
    m_list->setToolTip(tr("Click a view to show it; right-click to rename or delete it."));
    m_list->setFrameShape(QFrame::NoFrame);
    m_list->setBackgroundRole(QPalette::Window);
    m_list->viewport()->setBackgroundRole(QPalette::Window);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setTextElideMode(Qt::ElideRight);
    m_list->setEditTriggers(QAbstractItemView::EditKeyPressed);
    m_list->setContextMenuPolicy(Qt::CustomContextMenu);
    title->setBuddy(m_list);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(fontMetrics().averageCharWidth() * 2, 8, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(title);
    layout->addWidget(m_list, 1);

    connect(m_list, &QListWidget::itemClicked, this, &SavedViewsPanel::activate);
    connect(m_list, &QListWidget::itemActivated, this, &SavedViewsPanel::activate);
    connect(m_list, &QWidget::customContextMenuRequested, this, &SavedViewsPanel::showMenu);
    connect(m_list, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) {
        if (!m_reloading)
            renameView(item->data(IdRole).toLongLong(), item->text());
    });
    connect(m_searchBar, &ContactSearchBar::viewSaved, this, [this](qint64 id) {
        reload();
        for (int i = 0; i < m_list->count(); ++i)
            if (m_list->item(i)->data(IdRole).toLongLong() == id)
                m_list->setCurrentRow(i);
    });
    reload();
}

void SavedViewsPanel::reload()
{
    m_reloading = true;
    const qint64 current = m_list->currentItem() ? m_list->currentItem()->data(IdRole).toLongLong() : 0;
    m_list->clear();
    Result<QList<SavedView>> views = SavedViewRepository(m_db).list(QStringLiteral("contacts"));
    if (views) {
        for (const SavedView &v : std::as_const(*views)) {
            auto *item = new QListWidgetItem(v.name, m_list);
            item->setData(IdRole, v.id);
            item->setIcon(QIcon::fromTheme(v.shared ? QStringLiteral("folder-publicshare") : QStringLiteral("edit-find")));
            item->setToolTip(v.shared ? tr("%1 (shared with the team)").arg(v.name) : v.name);
            if (v.ownerId == m_db.currentUserId() || v.ownerId == 0)
                item->setFlags(item->flags() | Qt::ItemIsEditable);
            if (v.id == current)
                m_list->setCurrentItem(item);
        }
    }
    setVisible(m_list->count() > 0);
    m_reloading = false;
}

void SavedViewsPanel::activate(QListWidgetItem *item)
{
    if (!item)
        return;
    const qint64 id = item->data(IdRole).toLongLong();
    Result<SavedView> view = SavedViewRepository(m_db).get(id);
    if (!view) {
        MessageBox::critical(this, tr("View not shown"), view.error().message);
        reload();
        return;
    }
    m_searchBar->applyView(*view);
    Q_EMIT viewActivated(id);
}

void SavedViewsPanel::showMenu(const QPoint &pos)
{
    QListWidgetItem *item = m_list->itemAt(pos);
    if (!item)
        return;
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("savedViewMenu"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    const qint64 id = item->data(IdRole).toLongLong();
    QAction *rename = menu->addAction(tr("&Rename"), this, [this, item] { m_list->editItem(item); });
    rename->setShortcut(QKeySequence(Qt::Key_F2));
    rename->setEnabled(item->flags() & Qt::ItemIsEditable);
    QAction *remove = menu->addAction(QIcon::fromTheme(QStringLiteral("edit-delete")), tr("&Delete"), this,
        [this, id, name = item->text()] {
            MessageBox::question(this, tr("Delete view?"), tr("Delete the saved view “%1”?").arg(name),
                QMessageBox::Yes | QMessageBox::No, QMessageBox::No, this, [this, id](MessageBox::Button answer) {
                    if (answer == QMessageBox::Yes)
                        deleteView(id);
                });
        });
    remove->setEnabled(item->flags() & Qt::ItemIsEditable);
    menu->popup(m_list->viewport()->mapToGlobal(pos));
}

void SavedViewsPanel::renameView(qint64 id, const QString &name)
{
    if (Status s = SavedViewRepository(m_db).rename(id, name); !s)
        MessageBox::critical(this, tr("View not renamed"), s.error().message);
    // Queued: this may run inside the list's own itemChanged signal, whose item reload() deletes.
    QMetaObject::invokeMethod(this, &SavedViewsPanel::reload, Qt::QueuedConnection);
}

void SavedViewsPanel::deleteView(qint64 id)
{
    if (Status s = SavedViewRepository(m_db).remove(id); !s)
        MessageBox::critical(this, tr("View not deleted"), s.error().message);
    reload();
}
