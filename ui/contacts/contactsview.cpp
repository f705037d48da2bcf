#include "contactsview.h"

#include "common/cachedtextdelegate.h"
#include "common/listtable.h"
#include "itemmodels/contactlistmodel.h"
#include "storage/changenotifier.h"

#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace {
const QString kHeaderKey = QStringLiteral("contacts/listHeader");
const QString kSplitterKey = QStringLiteral("contacts/splitter");
} // namespace

ContactsView::ContactsView(Database &db, QWidget *parent)
    : QWidget(parent)
    , m_db(db)
    , m_model(new ContactListModel(db, this))
    , m_tableView(new QTableView(this))
{
    m_tableView->setObjectName(QStringLiteral("contactsTableView"));
    // Before the model, while the header has no sections: afterwards setting the fixed row height walks all
    // 100,000 rows (a tenth of the start-up).
    ListTable::setUp(m_tableView, QAbstractItemView::ExtendedSelection);
    m_tableView->setModel(m_model);
    // Text from a cache of laid-out lines: repainting a screenful after a jump (opening a profile, scrolling)
    // no longer shapes every cell's text again (docs/PERFORMANCE.md). The search bar's highlighting delegate
    // on the searchable columns does the same for cells without a match.
    m_tableView->setItemDelegate(new CachedTextDelegate(m_tableView));
    m_tableView->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);

    QHeaderView *columns = m_tableView->horizontalHeader();
    columns->setStretchLastSection(true);
    columns->setSortIndicator(m_model->sortColumn(), m_model->sortOrder());
    applyDefaultColumnWidths();
    // Offered in the column chooser; its values are read (one more query per block) only while it shows.
    columns->setSectionHidden(ContactListModel::TagsColumn, true);
    m_tableView->setSortingEnabled(true);
    connect(columns, &QHeaderView::sortIndicatorChanged, this, &ContactsView::keepSortIndicatorOnSortableColumns);
    // Showing or hiding a column resizes it (to or from 0).
    connect(columns, &QHeaderView::sectionResized, this, [this](int logical) {
        if (logical == ContactListModel::TagsColumn)
            m_model->setTagsShown(!m_tableView->horizontalHeader()->isSectionHidden(logical));
    });
    // After a new sort (the view sorted the model before this runs) or a new search, the best rows are at the
    // top: show them, or keep the selected contact in view, rather than the old scroll position.
    connect(columns, &QHeaderView::sortIndicatorChanged, this, &ContactsView::showTopOrCurrent);
    connect(m_model, &ContactListModel::filterChanged, this, &ContactsView::showTopOrCurrent);
    // Contacts created or removed in bulk (an import, its undo): the rows are read again.
    connect(ChangeNotifier::instance(), &ChangeNotifier::contactSetChanged, this, &ContactsView::refresh);

    auto *toolBar = new QWidget(this);
    toolBar->setObjectName(QStringLiteral("contactsToolBarWidget"));
    m_toolBarLayout = new QHBoxLayout(toolBar);
    m_toolBarLayout->setContentsMargins(6, 6, 6, 6);

    m_detailArea = new QStackedWidget(this);
    m_detailArea->setObjectName(QStringLiteral("contactDetailStackedWidget"));
    auto *noSelection = new QLabel(tr("Select a contact to see the profile."), m_detailArea);
    noSelection->setObjectName(QStringLiteral("noContactSelectedLabel"));
    noSelection->setAlignment(Qt::AlignCenter);
    noSelection->setWordWrap(true);
    noSelection->setForegroundRole(QPalette::PlaceholderText);
    m_detailArea->addWidget(noSelection);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("contactsSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_tableView);
    m_splitter->addWidget(m_detailArea);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);
    // The list gets more of the width until the user moves the handle (then the settings keep theirs); the
    // profile enough to read an email address whole. Its minimum is fixed rather than taken from its
    // contents, so that nothing shown while editing (a longer heading, an error) makes the pane jump wider.
    m_detailArea->setMinimumWidth(fontMetrics().averageCharWidth() * 44);
    m_splitter->setSizes({ 520, 480 });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(toolBar);
    layout->addWidget(m_splitter, 1);

    // Said in the list itself, so an empty database does not look like a broken window.
    m_emptyHint = new QLabel(tr("No contacts yet."), m_tableView->viewport());
    m_emptyHint->setObjectName(QStringLiteral("emptyHintLabel"));
    m_emptyHint->setAlignment(Qt::AlignCenter);
    m_emptyHint->setForegroundRole(QPalette::PlaceholderText);
    m_emptyHint->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_tableView->viewport()->installEventFilter(this);
    updateEmptyHint();

    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        updateEmptyHint();
        Q_EMIT contactCountChanged(contactCount());
    });
    // A search's rows beyond its first screenful arrive later (see ContactListModel::setFilter()).
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        updateEmptyHint();
        Q_EMIT contactCountChanged(contactCount());
    });
    connect(m_model, &ContactListModel::errorOccurred, this, &ContactsView::errorOccurred);
}

ContactsView::~ContactsView() = default;

void ContactsView::addMenuAction(QAction *action)
{
    m_menuActions.append(action);
    addAction(action); // shortcuts work while the section is shown, menu or not
}

void ContactsView::addMenuSeparator()
{
    auto *separator = new QAction(this);
    separator->setSeparator(true);
    m_menuActions.append(separator);
}

int ContactsView::contactCount() const
{
    return m_model->rowCount();
}

void ContactsView::updateEmptyHint()
{
    m_emptyHint->setVisible(contactCount() == 0);
    m_emptyHint->setGeometry(m_tableView->viewport()->rect());
}

bool ContactsView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_tableView->viewport() && event->type() == QEvent::Resize)
        m_emptyHint->setGeometry(m_tableView->viewport()->rect());
    return QWidget::eventFilter(watched, event);
}

void ContactsView::refresh()
{
    m_model->refresh();
}

bool ContactsView::selectContact(qint64 id)
{
    const int row = m_model->rowOfId(id);
    if (row < 0)
        return false;
    const QModelIndex index = m_model->index(row, ContactListModel::NameColumn);
    m_tableView->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_tableView->scrollTo(index, QAbstractItemView::PositionAtCenter);
    return true;
}

void ContactsView::showTopOrCurrent()
{
    const QModelIndex current = m_tableView->currentIndex();
    if (current.isValid())
        m_tableView->scrollTo(current, QAbstractItemView::EnsureVisible);
    else
        m_tableView->scrollToTop();
}

void ContactsView::applyDefaultColumnWidths()
{
    // In characters of the current font, so they follow the font size and the screen's scaling; never
    // narrower than the column's title with the sort arrow.
    const QFontMetrics metrics = fontMetrics();
    const int ch = metrics.averageCharWidth();
    QHeaderView *columns = m_tableView->horizontalHeader();
    const QFontMetrics headerMetrics = columns->fontMetrics();
    const std::pair<int, int> widths[] = {
        { ContactListModel::NameColumn, 26 },
        { ContactListModel::OutletColumn, 24 },
        { ContactListModel::TitleColumn, 24 },
        { ContactListModel::KindColumn, 15 },
        { ContactListModel::OwnerColumn, 18 },
        { ContactListModel::LastContactedColumn, 14 },
        { ContactListModel::HealthColumn, 8 },
        { ContactListModel::EmailColumn, 34 },
        { ContactListModel::UpdatedColumn, 12 },
        { ContactListModel::TagsColumn, 24 },
    };
    for (const auto &[column, chars] : widths) {
        const QString title = m_model->headerData(column, Qt::Horizontal).toString();
        columns->resizeSection(column, qMax(chars * ch, headerMetrics.horizontalAdvance(title) + 5 * ch));
    }
}

void ContactsView::keepSortIndicatorOnSortableColumns(int column)
{
    if (ContactListModel::isSortable(column))
        return;
    // The model ignored the request (e.g. Email): show the order the rows are really in.
    QHeaderView *columns = m_tableView->horizontalHeader();
    const QSignalBlocker blocker(columns);
    columns->setSortIndicator(m_model->sortColumn(), m_model->sortOrder());
}

void ContactsView::saveSettings(QSettings &settings) const
{
    settings.setValue(kHeaderKey, m_tableView->horizontalHeader()->saveState());
    settings.setValue(kSplitterKey, m_splitter->saveState());
}

void ContactsView::restoreSettings(const QSettings &settings)
{
    m_splitter->restoreState(settings.value(kSplitterKey).toByteArray());
    const QByteArray state = settings.value(kHeaderKey).toByteArray();
    QHeaderView *columns = m_tableView->horizontalHeader();
    if (state.isEmpty() || !columns->restoreState(state))
        return;
    m_model->setTagsShown(!columns->isSectionHidden(ContactListModel::TagsColumn));
    // restoreState() sets the indicator without telling the view, so sort explicitly.
    if (!ContactListModel::isSortable(columns->sortIndicatorSection()))
        columns->setSortIndicator(m_model->sortColumn(), m_model->sortOrder());
    m_model->sort(columns->sortIndicatorSection(), columns->sortIndicatorOrder());
}
