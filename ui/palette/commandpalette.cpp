#include "commandpalette.h"

#include "domain/text.h"
#include "storage/organizationrepository.h"
#include "storage/searchrepository.h"

#include <QAction>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QVBoxLayout>

namespace {

constexpr int kKindRole = Qt::UserRole;
constexpr int kPayloadRole = Qt::UserRole + 1;
constexpr int kMaxActions = 12;
constexpr int kMaxContacts = 8;
constexpr int kMaxOrganizations = 5;

struct FoundAction
{
    QAction *action;
    QString path; // "Contact › Save"
};

void collectActions(const QList<QAction *> &actions, const QString &prefix, QList<FoundAction> &out)
{
    for (QAction *action : actions) {
        if (action->isSeparator() || !action->isVisible())
            continue;
        const QString text = action->text().remove(u'&');
        if (QMenu *menu = action->menu()) {
            collectActions(menu->actions(), prefix.isEmpty() ? text : prefix + QStringLiteral(" › ") + text, out);
            continue;
        }
        if (action->isEnabled() && !text.isEmpty())
            out.append({action, prefix.isEmpty() ? text : prefix + QStringLiteral(" › ") + text});
    }
}

} // namespace

CommandPalette::CommandPalette(Database &db, QMenuBar *menuBar, QWidget *parent)
    : QFrame(parent, Qt::Popup)
    , m_db(db)
    , m_menuBar(menuBar)
    , m_lineEdit(new QLineEdit(this))
    , m_list(new QListWidget(this))
{
    setObjectName(QStringLiteral("commandPaletteFrame"));
    setAccessibleName(tr("Command palette"));
    setFrameShape(QFrame::StyledPanel);
    m_lineEdit->setObjectName(QStringLiteral("commandPaletteLineEdit"));
    m_lineEdit->setPlaceholderText(tr("Type a name, a section or a command…"));
    m_lineEdit->setAccessibleName(tr("Command palette search"));
    m_lineEdit->setClearButtonEnabled(true);
    m_list->setObjectName(QStringLiteral("commandPaletteListWidget"));
    m_list->setAccessibleName(tr("Matching commands, contacts and organizations"));
    m_list->setFocusPolicy(Qt::NoFocus);
    m_list->setUniformItemSizes(true);
    auto *hint = new QLabel(tr("↑↓ to choose · Enter to open · Esc to close"), this);
    hint->setForegroundRole(QPalette::PlaceholderText);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addWidget(m_lineEdit);
    layout->addWidget(m_list, 1);
    layout->addWidget(hint);

    m_lineEdit->installEventFilter(this);
    connect(m_lineEdit, &QLineEdit::textChanged, this, &CommandPalette::updateResults);
    connect(m_list, &QListWidget::itemActivated, this, &CommandPalette::activate);
    connect(m_list, &QListWidget::itemClicked, this, &CommandPalette::activate);
}

void CommandPalette::popUp()
{
    QWidget *window = parentWidget() ? parentWidget()->window() : nullptr;
    const int width = window ? qBound(420, window->width() / 2, 720) : 560;
    resize(width, 22 * fontMetrics().height());
    if (window)
        move(window->mapToGlobal(QPoint((window->width() - width) / 2, window->height() / 10)));
    m_lineEdit->clear();
    updateResults();
    show();
    raise();
    activateWindow();
    m_lineEdit->setFocus(Qt::PopupFocusReason);
}

int CommandPalette::matchScore(const QString &query, const QString &text)
{
    const QString q = Text::fold(query).simplified();
    const QString t = Text::fold(text);
    if (q.isEmpty())
        return 0;
    // A run of the query in the text beats any scattered match; at a word start or the start, more so.
    if (const qsizetype at = t.indexOf(q); at >= 0) {
        const bool wordStart = at == 0 || !t.at(at - 1).isLetterOrNumber();
        return 2000 + (wordStart ? 300 : 0) + (at == 0 ? 200 : 0) - int(qMin<qsizetype>(at, 500));
    }
    int score = 0;
    int pos = 0;
    int run = 0;
    for (const QChar ch : q) {
        if (ch == u' ')
            continue;
        const qsizetype found = t.indexOf(ch, pos);
        if (found < 0)
            return -1;
        const bool wordStart = found == 0 || !t.at(found - 1).isLetterOrNumber();
        run = found == pos ? run + 1 : 0;
        score += 10 + (wordStart ? 20 : 0) + run * 5 - int(found - pos);
        pos = int(found) + 1;
    }
    return score;
}

void CommandPalette::addItem(Kind kind, const QString &text, const QString &detail, const QVariant &payload)
{
    auto *item = new QListWidgetItem(detail.isEmpty() ? text : text + QStringLiteral("  —  ") + detail, m_list);
    item->setData(kKindRole, static_cast<int>(kind));
    item->setData(kPayloadRole, payload);
}

void CommandPalette::updateResults()
{
    m_list->clear();
    const QString query = m_lineEdit->text().trimmed();

    QList<FoundAction> actions;
    collectActions(m_menuBar->actions(), QString(), actions);
    QList<std::pair<int, FoundAction>> ranked;
    for (const FoundAction &found : std::as_const(actions)) {
        const int score = query.isEmpty() ? 0 : qMax(matchScore(query, found.path), matchScore(query, found.action->text().remove(u'&')));
        if (score >= 0)
            ranked.append({score, found});
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto &a, const auto &b) { return a.first > b.first; });

    if (!query.isEmpty()) {
        // People first: jumping to a person is what the palette is used for most.
        Result<QList<ContactHit>> contacts = SearchRepository(m_db).searchContacts(query, kMaxContacts);
        if (contacts) {
            for (const ContactHit &hit : std::as_const(*contacts)) {
                QStringList detail{hit.title, hit.organizationName};
                detail.removeAll(QString());
                addItem(Kind::Contact, hit.displayName,
                        detail.isEmpty() ? tr("Contact") : tr("Contact: %1").arg(detail.join(QStringLiteral(", "))),
                        hit.id);
            }
        }
        Result<QList<OrganizationRepository::NameHit>> orgs = OrganizationRepository(m_db).findByName(query, kMaxOrganizations);
        if (orgs)
            for (const auto &hit : std::as_const(*orgs))
                addItem(Kind::Organization, hit.name, tr("Organization"), hit.id);
    }
    int shown = 0;
    for (const auto &[score, found] : std::as_const(ranked)) {
        if (shown++ >= kMaxActions)
            break;
        const QString shortcut = found.action->shortcut().toString(QKeySequence::NativeText);
        addItem(Kind::Action, found.path, shortcut, QVariant::fromValue(static_cast<QObject *>(found.action)));
    }
    // Commands first when the query names one well (e.g. "quit"), else the first person.
    int best = 0;
    if (!ranked.isEmpty() && ranked.first().first >= 1000) {
        for (int i = 0; i < m_list->count(); ++i)
            if (m_list->item(i)->data(kKindRole).toInt() == static_cast<int>(Kind::Action)) {
                best = i;
                break;
            }
    }
    if (m_list->count() > 0)
        m_list->setCurrentRow(best);
}

void CommandPalette::activate(QListWidgetItem *item)
{
    if (!item)
        return;
    const auto kind = static_cast<Kind>(item->data(kKindRole).toInt());
    const QVariant payload = item->data(kPayloadRole);
    hide();
    switch (kind) {
    case Kind::Action:
        if (auto *action = qobject_cast<QAction *>(payload.value<QObject *>()))
            action->trigger();
        break;
    case Kind::Contact:
        Q_EMIT contactChosen(payload.toLongLong());
        break;
    case Kind::Organization:
        Q_EMIT organizationChosen(payload.toLongLong());
        break;
    }
}

bool CommandPalette::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_lineEdit && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        const int count = m_list->count();
        switch (key->key()) {
        case Qt::Key_Down:
            if (count)
                m_list->setCurrentRow((m_list->currentRow() + 1) % count);
            return true;
        case Qt::Key_Up:
            if (count)
                m_list->setCurrentRow((m_list->currentRow() - 1 + count) % count);
            return true;
        case Qt::Key_Return:
        case Qt::Key_Enter:
            activate(m_list->currentItem());
            return true;
        default:
            break;
        }
    }
    return QFrame::eventFilter(watched, event);
}

void CommandPalette::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        hide();
        return;
    }
    QFrame::keyPressEvent(event);
}
