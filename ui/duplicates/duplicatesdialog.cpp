#include "duplicatesdialog.h"

#include "common/messagebox.h"
#include "contacts/contactsview.h"
#include "duplicates/duplicatefinder.h"
#include "duplicates/mergecontactscommand.h"
#include "itemmodels/contactlistmodel.h"
#include "itemmodels/duplicatepairmodel.h"
#include "storage/changenotifier.h"
#include "storage/contactrepository.h"
#include "storage/database.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTreeView>
#include <QUndoStack>
#include <QVBoxLayout>

namespace {

QString joined(const QStringList &parts)
{
    return parts.join(QStringLiteral("\n"));
}

} // namespace

DuplicatesDialog::DuplicatesDialog(ContactsView *view)
    : QDialog(view->window())
    , m_view(view)
    , m_finder(new DuplicateFinder(this))
    , m_status(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_model(new DuplicatePairModel(this))
    , m_pairs(new QTreeView(this))
    , m_comparison(new QTableWidget(this))
    , m_keepFirst(new QRadioButton(this))
    , m_keepSecond(new QRadioButton(this))
    , m_merge(new QPushButton(tr("&Merge"), this))
    , m_searchAgain(new QPushButton(tr("&Search Again"), this))
{
    setObjectName(QStringLiteral("duplicatesDialog"));
    setWindowTitle(tr("Find Duplicates"));
    setAttribute(Qt::WA_DeleteOnClose);
    setSizeGripEnabled(true);

    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setWordWrap(true);
    m_progress->setObjectName(QStringLiteral("searchProgressBar"));
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->setAccessibleName(tr("Searching for duplicates"));

    m_pairs->setObjectName(QStringLiteral("pairsTreeView"));
    m_pairs->setAccessibleName(tr("Likely duplicates"));
    m_pairs->setModel(m_model);
    m_pairs->setRootIsDecorated(false);
    m_pairs->setUniformRowHeights(true);
    m_pairs->setAlternatingRowColors(true);
    m_pairs->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_pairs->setSelectionMode(QAbstractItemView::SingleSelection);
    m_pairs->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_pairs->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_pairs->header()->resizeSection(0, fontMetrics().averageCharWidth() * 18);
    m_pairs->header()->resizeSection(1, fontMetrics().averageCharWidth() * 18);

    m_comparison->setObjectName(QStringLiteral("comparisonTableWidget"));
    m_comparison->setAccessibleName(tr("The two contacts side by side"));
    m_comparison->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_comparison->setSelectionMode(QAbstractItemView::NoSelection);
    m_comparison->setWordWrap(true);
    m_comparison->setColumnCount(2);
    m_comparison->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_comparison->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    const QStringList fields { tr("Name"), tr("Title", "job title"), tr("Outlet"), tr("Kind"), tr("Emails"),
        tr("Phones"), tr("Handles"), tr("Tags"), tr("Beats"), tr("City"), tr("Country"), tr("Notes"), tr("Added") };
    m_comparison->setRowCount(int(fields.size()));
    m_comparison->setVerticalHeaderLabels(fields);

    m_keepFirst->setObjectName(QStringLiteral("keepFirstRadioButton"));
    m_keepSecond->setObjectName(QStringLiteral("keepSecondRadioButton"));
    m_keepFirst->setText(tr("Keep the &left one"));
    m_keepSecond->setText(tr("Keep the &right one"));
    m_keepFirst->setAccessibleName(tr("Keep the left contact"));
    m_keepSecond->setAccessibleName(tr("Keep the right contact"));
    m_merge->setObjectName(QStringLiteral("mergeButton"));
    m_merge->setToolTip(tr("Move everything of the other contact to the kept one and put the other in the trash "
                           "(undo with %1)")
                            .arg(QKeySequence(QKeySequence::Undo).toString(QKeySequence::NativeText)));
    m_merge->setEnabled(false);
    m_searchAgain->setObjectName(QStringLiteral("searchAgainButton"));

    auto *keepRow = new QHBoxLayout;
    keepRow->addWidget(m_keepFirst);
    keepRow->addWidget(m_keepSecond);
    keepRow->addStretch();
    keepRow->addWidget(m_merge);
    auto *detail = new QWidget(this);
    auto *detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addWidget(m_comparison, 1);
    detailLayout->addLayout(keepRow);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("duplicatesSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_pairs);
    splitter->addWidget(detail);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    // Room for both names and the reason on the left; the comparison takes the rest.
    const int ch = fontMetrics().averageCharWidth();
    splitter->setSizes({ ch * 66, ch * 80 });

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setObjectName(QStringLiteral("closeButton"));
    buttons->addButton(m_searchAgain, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_progress);
    layout->addWidget(splitter, 1);
    layout->addWidget(buttons);
    resize(fontMetrics().averageCharWidth() * 150, fontMetrics().height() * 34);

    connect(m_finder, &DuplicateFinder::finished, this, &DuplicatesDialog::showPairs);
    connect(m_pairs->selectionModel(), &QItemSelectionModel::currentChanged, this, [this] {
        if (!m_filling)
            showComparison();
    });
    connect(m_merge, &QPushButton::clicked, this, &DuplicatesDialog::mergeSelected);
    connect(m_searchAgain, &QPushButton::clicked, this, &DuplicatesDialog::searchAgain);
    if (QUndoStack *stack = m_view->undoStack()) {
        // The window's Undo shortcut does not reach a modal dialog: offer it here too.
        QAction *undo = stack->createUndoAction(this);
        undo->setShortcut(QKeySequence::Undo);
        addAction(undo);
        QAction *redo = stack->createRedoAction(this);
        redo->setShortcuts({ QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y) });
        addAction(redo);
        connect(stack, &QUndoStack::indexChanged, this, [this] {
            if (!m_pushing)
                searchAgain();
        });
    }
    searchAgain();
}

DuplicatesDialog::~DuplicatesDialog() = default;

QAction *DuplicatesDialog::createAction(ContactsView *view)
{
    auto *action = new QAction(tr("Find D&uplicates…"), view);
    action->setObjectName(QStringLiteral("findDuplicatesAction"));
    action->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    action->setToolTip(tr("List contacts that are likely the same person and merge them (%1)")
                           .arg(action->shortcut().toString(QKeySequence::NativeText)));
    const bool mayMerge = TeamRoles::traits(view->database().teamRole()).merge;
    action->setEnabled(!view->database().isReadOnly() && mayMerge);
    if (!mayMerge)
        action->setToolTip(tr("Only a manager or an admin can merge duplicates."));
    connect(action, &QAction::triggered, view, [view] { (new DuplicatesDialog(view))->open(); });
    return action;
}

DuplicatesDialog *DuplicatesDialog::openForPair(ContactsView *view, qint64 firstId, qint64 secondId)
{
    auto *dialog = new DuplicatesDialog(view);
    dialog->m_wantedPair = { firstId, secondId };
    dialog->open();
    return dialog;
}

int DuplicatesDialog::pairCount() const
{
    return m_model->rowCount();
}

void DuplicatesDialog::searchAgain()
{
    if (m_finder->isRunning())
        return;
    m_status->setText(tr("Looking for contacts that are likely the same person…"));
    m_progress->show();
    m_searchAgain->setEnabled(false);
    m_finder->start(m_view->database().location());
}

void DuplicatesDialog::showPairs(const QList<DuplicatePair> &pairs, qint64 elapsedMs, const QString &error)
{
    m_progress->hide();
    m_searchAgain->setEnabled(true);
    if (!error.isEmpty()) {
        m_status->setText(tr("The search for duplicates failed: %1").arg(error));
        return;
    }
    m_filling = true;
    m_model->setPairs(pairs);
    m_status->setText(pairs.isEmpty() ? tr("No likely duplicates found.")
                                      : tr("%n likely duplicate pair(s) found in %1 ms. Pick one, choose the contact "
                                           "to keep and merge.",
                                          "", int(pairs.size()))
                                            .arg(QLocale().toString(elapsedMs)));
    QModelIndex wanted;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex index = m_model->index(row, 0);
        const std::pair<qint64, qint64> ids { index.data(DuplicatePairModel::FirstIdRole).toLongLong(),
            index.data(DuplicatePairModel::SecondIdRole).toLongLong() };
        if (ids == m_wantedPair || ids == std::pair { m_wantedPair.second, m_wantedPair.first })
            wanted = index;
    }
    if (wanted.isValid()) {
        m_pairs->setCurrentIndex(wanted);
        m_pairs->scrollTo(wanted);
    } else if (!pairs.isEmpty() && !m_pairs->currentIndex().isValid()) {
        m_pairs->setCurrentIndex(m_model->index(0, 0));
    }
    m_filling = false;
    showComparison();
    Q_EMIT pairsShown(int(pairs.size()));
}

void DuplicatesDialog::showComparison()
{
    const QModelIndex item = m_pairs->currentIndex();
    m_merge->setEnabled(false);
    m_comparison->clearContents();
    if (!item.isValid())
        return;
    ContactRepository contacts(m_view->database());
    Result<Contact> first = contacts.get(item.data(DuplicatePairModel::FirstIdRole).toLongLong());
    Result<Contact> second = contacts.get(item.data(DuplicatePairModel::SecondIdRole).toLongLong());
    if (!first || !second) {
        m_status->setText((first ? second.error() : first.error()).message);
        return;
    }
    m_first = *first;
    m_second = *second;
    m_comparison->setHorizontalHeaderLabels({ m_first.displayName, m_second.displayName });
    auto column = [](const Contact &c) {
        QStringList emails, phones, handles;
        for (const ContactEmail &e : c.emails)
            emails << e.email;
        for (const ContactPhone &p : c.phones)
            phones << p.phone;
        for (const Handle &h : c.handles)
            handles << h.network + QStringLiteral(": ") + h.handle;
        return QStringList { c.displayName, c.title, c.organizationName, ContactListModel::kindLabel(c.kind),
            joined(emails), joined(phones), joined(handles), c.tags.join(QStringLiteral(", ")),
            c.beats.join(QStringLiteral(", ")), c.city, c.country, c.notes.left(200),
            QLocale().toString(c.createdAt.toLocalTime().date(), QLocale::ShortFormat) };
    };
    const QStringList left = column(m_first);
    const QStringList right = column(m_second);
    for (int row = 0; row < left.size(); ++row) {
        m_comparison->setItem(row, 0, new QTableWidgetItem(left.at(row)));
        m_comparison->setItem(row, 1, new QTableWidgetItem(right.at(row)));
    }
    const bool keepFirst = DuplicateRepository::suggestedKeep(m_first, m_second) == m_first.id;
    m_keepFirst->setChecked(keepFirst);
    m_keepSecond->setChecked(!keepFirst);
    m_merge->setEnabled(!m_view->database().isReadOnly() && TeamRoles::traits(m_view->database().teamRole()).merge);
}

void DuplicatesDialog::mergeSelected()
{
    if (!m_pairs->currentIndex().isValid() || m_first.id <= 0)
        return;
    const Contact &keep = m_keepFirst->isChecked() ? m_first : m_second;
    const Contact &other = m_keepFirst->isChecked() ? m_second : m_first;
    Result<MergeRecord> merged = DuplicateRepository(m_view->database()).merge(keep.id, other.id);
    if (!merged) {
        MessageBox::critical(this, tr("Merge failed"), merged.error().message);
        return;
    }
    const qint64 keptId = keep.id;
    const qint64 otherId = other.id;
    if (QUndoStack *stack = m_view->undoStack()) {
        m_pushing = true;
        stack->push(new MergeContactsCommand(m_view, *merged, keep.displayName, other.displayName));
        m_pushing = false;
    }
    m_status->setText(tr("“%1” was merged into “%2”. Undo with %3.")
                          .arg(other.displayName, keep.displayName,
                              QKeySequence(QKeySequence::Undo).toString(QKeySequence::NativeText)));
    // The other contact is in the trash now: its pairs are gone.
    m_filling = true;
    m_model->removePairsWith(otherId);
    m_filling = false;
    m_view->refresh();
    showComparison();
    ChangeNotifier::instance()->notifyMerged(keptId, otherId); // e.g. the profile of the one merged away closes
    Q_EMIT contactsMerged(keptId, otherId);
}
