#include "contactsearchbar.h"

#include "contactcolumnchooser.h"
#include "contactfilterpanel.h"
#include "contactsview.h"
#include "highlightdelegate.h"
#include "savedviewsdialog.h"

#include "common/messagebox.h"
#include "itemmodels/contactlistmodel.h"
#include "storage/organizationrepository.h"
#include "storage/savedviewrepository.h"
#include "storage/userrepository.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QTableView>
#include <QTimer>

#include <functional>
#include <QToolButton>

namespace {

QString withShortcut(const QString &text, const QKeySequence &key)
{
    return QStringLiteral("%1 (%2)").arg(text, key.toString(QKeySequence::NativeText));
}

} // namespace

ContactSearchBar::ContactSearchBar(ContactsView &view)
    : QWidget(&view)
    , m_view(view)
    , m_delegate(new HighlightDelegate(this))
    , m_coalesce(new QTimer(this))
{
    setObjectName(QStringLiteral("contactSearchBar"));
    const QKeySequence findKey(QKeySequence::Find);

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("contactSearchLineEdit"));
    m_search->setPlaceholderText(tr("Search contacts"));
    m_search->setAccessibleName(tr("Search contacts"));
    m_search->setToolTip(withShortcut(tr("Search names, emails, handles, outlets, titles, beats and notes"), findKey));
    m_search->setClearButtonEnabled(true);
    m_search->installEventFilter(this);
    m_search->setMinimumWidth(fontMetrics().averageCharWidth() * 32);

    m_filtersButton = new QToolButton(this);
    m_filtersButton->setObjectName(QStringLiteral("contactFiltersButton"));
    m_filtersButton->setText(tr("&Filters"));
    m_filtersButton->setIcon(QIcon::fromTheme(QStringLiteral("view-filter")));
    m_filtersButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_filtersButton->setAccessibleName(tr("Filters"));
    m_filtersButton->setToolTip(withShortcut(tr("Filter by kind, beat, outlet, owner, place and last contact"),
        QKeySequence(Qt::ALT | Qt::Key_F)));

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("contactFilterSummaryLabel"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setForegroundRole(QPalette::PlaceholderText);

    m_chips = new QWidget(this);
    m_chips->setObjectName(QStringLiteral("contactFilterChips"));
    m_chips->setAccessibleName(tr("Active filters"));
    auto *chipLayout = new QHBoxLayout(m_chips);
    chipLayout->setContentsMargins(0, 0, 0, 0);
    chipLayout->setSpacing(4);

    m_clearButton = new QToolButton(this);
    m_clearButton->setObjectName(QStringLiteral("clearFiltersToolButton"));
    m_clearButton->setText(tr("Clear Filters"));
    m_clearButton->setAccessibleName(tr("Clear filters"));
    m_clearButton->setToolTip(tr("Show all contacts again"));
    m_clearButton->setAutoRaise(true);

    m_saveButton = new QToolButton(this);
    m_saveButton->setObjectName(QStringLiteral("saveViewButton"));
    m_saveButton->setText(tr("Save &View…"));
    m_saveButton->setAccessibleName(tr("Save view"));
    m_saveButton->setToolTip(withShortcut(tr("Save this search, filters, sort and columns as a view in the sidebar"),
        QKeySequence(Qt::ALT | Qt::Key_V)));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_search, 2);
    layout->addWidget(m_filtersButton);
    layout->addWidget(m_chips);
    layout->addWidget(m_summary, 3);
    layout->addWidget(m_clearButton);
    layout->addWidget(m_saveButton);
    view.toolBarLayout()->addWidget(this);

    m_panel = new ContactFilterPanel(view.database(), this);
    connect(m_filtersButton, &QToolButton::clicked, this, &ContactSearchBar::showFilters);
    connect(m_panel, &ContactFilterPanel::filterEdited, this, [this] {
        ContactFilter f = m_panel->filter();
        f.text = m_search->text();
        if (!(f == m_filter)) {
            m_filter = f;
            applyNow();
        }
    });
    auto clear = [this] {
        ContactFilter f;
        f.text = m_search->text();
        setFilter(f);
    };
    connect(m_panel, &ContactFilterPanel::clearRequested, this, clear);
    connect(m_clearButton, &QToolButton::clicked, this, clear);
    connect(m_saveButton, &QToolButton::clicked, this, &ContactSearchBar::openSaveDialog);

    // Coalesce: a zero timer fires once the keystrokes already queued have all been handled.
    m_coalesce->setSingleShot(true);
    m_coalesce->setInterval(0);
    connect(m_search, &QLineEdit::textChanged, this, [this] {
        if (!m_coalesce->isActive())
            m_coalesce->start();
    });
    connect(m_coalesce, &QTimer::timeout, this, [this] {
        if (m_search->text() == m_filter.text)
            return;
        m_filter.text = m_search->text();
        applyNow();
    });

    QTableView *table = view.tableView();
    for (int column : { ContactListModel::NameColumn, ContactListModel::OutletColumn, ContactListModel::TitleColumn,
             ContactListModel::EmailColumn })
        table->setItemDelegateForColumn(column, m_delegate);
    new ContactColumnChooser(table->horizontalHeader());

    auto *find = new QAction(tr("&Find Contacts…"), this);
    find->setObjectName(QStringLiteral("findContactsAction"));
    find->setShortcut(findKey);
    find->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QAction::triggered, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    view.addMenuAction(find);

    ContactListModel *model = view.model();
    // Someone else set the list's filter (opening a person the filter hid clears it): show what it is now.
    connect(model, &ContactListModel::filterChanged, this, [this] {
        const ContactFilter &now = m_view.model()->filter();
        if (now == m_filter)
            return;
        m_filter = now;
        m_panel->setFilter(now);
        // Not blocked: the field's clear button follows textChanged. The coalescing timer it starts finds the
        // text equal to the filter's and does nothing.
        m_search->setText(now.text);
        m_delegate->setTerms(m_view.model()->searchTerms());
        updateSummary();
    });
    connect(model, &QAbstractItemModel::modelReset, this, &ContactSearchBar::updateSummary);
    connect(model, &QAbstractItemModel::rowsInserted, this, &ContactSearchBar::updateSummary);
    m_chips->hide();
    updateSummary();
}

bool ContactSearchBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Escape && !m_search->text().isEmpty()) {
            m_search->clear();
            return true;
        }
        if (key->key() == Qt::Key_Down && key->modifiers() == Qt::NoModifier) {
            // From the search field straight into the results.
            QTableView *table = m_view.tableView();
            table->setFocus(Qt::TabFocusReason);
            if (!table->currentIndex().isValid() && table->model()->rowCount() > 0)
                table->setCurrentIndex(table->model()->index(0, ContactListModel::NameColumn));
            return true;
        }
    }
    if (event->type() == QEvent::KeyPress && watched->objectName() == u"filterChip") {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Delete || key == Qt::Key_Backspace) {
            static_cast<QToolButton *>(watched)->click();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void ContactSearchBar::setFilter(const ContactFilter &filter)
{
    m_filter = filter;
    m_panel->setFilter(filter);
    m_search->setText(filter.text); // not blocked, for its clear button; the coalescing timer finds nothing to do
    m_coalesce->stop();
    applyNow();
}

void ContactSearchBar::applyNow()
{
    m_delegate->setTerms({}); // set from the model below, folded as the index folds
    m_view.model()->setFilter(m_filter);
    m_delegate->setTerms(m_view.model()->searchTerms());
    m_view.tableView()->viewport()->update();
    updateSummary();
}

void ContactSearchBar::updateSummary()
{
    QStringList parts;
    const ContactFilter &f = m_filter;
    ContactListModel *model = m_view.model();
    if (!f.isEmpty()) {
        const QString count = QLocale().toString(model->rowCount());
        parts << (model->isComplete() ? tr("%L1 found").arg(count) : tr("%L1+ found").arg(count));
    }
    m_summary->setText(parts.join(QStringLiteral(" · ")));
    m_clearButton->setVisible(f.hasFilters());
    ContactFilter chipsOnly = f;
    chipsOnly.text.clear(); // typing does not rebuild the chips
    if (!(chipsOnly == m_chipFilter))
        rebuildChips();
}

QString ContactSearchBar::outletName(qint64 id) const
{
    Result<Organization> o = OrganizationRepository(m_view.database()).get(id);
    return o ? o->name : tr("Outlet #%1").arg(id);
}

QString ContactSearchBar::ownerName(qint64 id) const
{
    if (Result<QList<User>> users = UserRepository(m_view.database()).all())
        for (const User &u : std::as_const(*users))
            if (u.id == id)
                return u.name;
    return tr("User #%1").arg(id);
}

void ContactSearchBar::rebuildChips()
{
    m_chipFilter = m_filter;
    m_chipFilter.text.clear();
    QLayout *layout = m_chips->layout();
    while (QLayoutItem *item = layout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    const ContactFilter &f = m_filter;
    // One chip per value: its label, and what removing it does to the filter.
    auto addChip = [this, layout](const QString &label, std::function<void(ContactFilter &)> remove) {
        auto *chip = new QToolButton(m_chips);
        chip->setObjectName(QStringLiteral("filterChip"));
        chip->setText(label + QStringLiteral("  ✕"));
        chip->setAccessibleName(tr("Remove filter: %1").arg(label));
        chip->setToolTip(tr("Remove this filter (Delete)"));
        chip->setFocusPolicy(Qt::StrongFocus);
        chip->setAutoRaise(false);
        chip->setProperty("chipLabel", label);
        chip->installEventFilter(this);
        connect(chip, &QToolButton::clicked, this, [this, remove] {
            ContactFilter changed = m_filter;
            remove(changed);
            // Queued: the chip being clicked is deleted when the chips are rebuilt.
            QTimer::singleShot(0, this, [this, changed] {
                setFilter(changed);
                m_search->setFocus(Qt::OtherFocusReason);
            });
        });
        layout->addWidget(chip);
    };
    for (const QString &k : f.kinds)
        addChip(ContactListModel::kindLabel(k), [k](ContactFilter &c) { c.kinds.removeAll(k); });
    for (const QString &t : f.tags)
        addChip(tr("Beat/tag: %1").arg(t), [t](ContactFilter &c) { c.tags.removeAll(t); });
    for (qint64 id : f.outletIds)
        addChip(tr("Outlet: %1").arg(outletName(id)), [id](ContactFilter &c) { c.outletIds.removeAll(id); });
    for (qint64 id : f.ownerIds)
        addChip(tr("Owner: %1").arg(ownerName(id)), [id](ContactFilter &c) { c.ownerIds.removeAll(id); });
    if (!f.country.isEmpty())
        addChip(tr("Country: %1").arg(f.country), [](ContactFilter &c) { c.country.clear(); });
    if (!f.city.isEmpty())
        addChip(tr("City: %1").arg(f.city), [](ContactFilter &c) { c.city.clear(); });
    if (f.doNotContact == ContactFilter::DoNotContact::Only)
        addChip(tr("Do not contact only"), [](ContactFilter &c) { c.doNotContact = ContactFilter::DoNotContact::Any; });
    else if (f.doNotContact == ContactFilter::DoNotContact::Exclude)
        addChip(tr("Without “do not contact”"), [](ContactFilter &c) { c.doNotContact = ContactFilter::DoNotContact::Any; });
    if (f.notContactedInDays > 0)
        addChip(tr("Not contacted in %L1 days").arg(f.notContactedInDays), [](ContactFilter &c) { c.notContactedInDays = 0; });
    m_chips->setVisible(layout->count() > 0);
}

void ContactSearchBar::showFilters()
{
    m_panel->setFilter(m_filter);
    m_panel->popup(m_filtersButton);
}

QJsonObject ContactSearchBar::viewDefinition() const
{
    const ContactListModel *model = m_view.model();
    QJsonObject sort;
    sort.insert(QStringLiteral("column"), ContactListModel::columnKey(model->sortColumn()));
    sort.insert(QStringLiteral("order"),
        model->sortOrder() == Qt::AscendingOrder ? QStringLiteral("asc") : QStringLiteral("desc"));
    QJsonObject definition;
    definition.insert(QStringLiteral("filter"), m_filter.toJson());
    definition.insert(QStringLiteral("sort"), sort);
    definition.insert(QStringLiteral("columns"),
        QJsonArray::fromStringList(ContactColumnChooser::visibleColumns(m_view.tableView()->horizontalHeader())));
    return definition;
}

void ContactSearchBar::applyView(const SavedView &view)
{
    const QJsonObject &d = view.definition;
    QHeaderView *header = m_view.tableView()->horizontalHeader();
    QStringList columns;
    for (const QJsonValue &v : d.value(QStringLiteral("columns")).toArray())
        columns << v.toString();
    ContactColumnChooser::applyColumns(header, columns);
    const QJsonObject sort = d.value(QStringLiteral("sort")).toObject();
    const int column = ContactListModel::columnFromKey(sort.value(QStringLiteral("column")).toString());
    if (ContactListModel::isSortable(column))
        m_view.tableView()->sortByColumn(
            column, sort.value(QStringLiteral("order")).toString() == u"desc" ? Qt::DescendingOrder : Qt::AscendingOrder);
    setFilter(ContactFilter::fromJson(d.value(QStringLiteral("filter")).toObject()));
}

bool ContactSearchBar::saveView(const QString &name, bool shared, QString *error)
{
    SavedView view;
    view.name = name;
    view.shared = shared;
    view.definition = viewDefinition();
    SavedViewRepository repo(m_view.database());
    if (Status s = repo.create(view); !s) {
        if (error)
            *error = s.error().message;
        return false;
    }
    Q_EMIT viewSaved(view.id);
    return true;
}

void ContactSearchBar::openSaveDialog()
{
    auto *dialog = new SaveViewDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SaveViewDialog::submitted, this, [this, dialog](const QString &name, bool shared) {
        QString error;
        if (saveView(name, shared, &error))
            dialog->accept();
        else
            dialog->showError(error);
    });
    dialog->open();
}
