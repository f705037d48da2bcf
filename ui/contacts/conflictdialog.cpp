#include "conflictdialog.h"

#include "storage/database.h"
#include "storage/historyquery.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QTextCharFormat>
#include <QTextCursor>
#include <QTextEdit>
#include <QVBoxLayout>

#include <algorithm>

namespace {

qsizetype commonPrefix(const QString &a, const QString &b)
{
    const qsizetype n = std::min(a.size(), b.size());
    qsizetype i = 0;
    while (i < n && a.at(i) == b.at(i))
        ++i;
    return i;
}

// [start, end) grown to whole words: "two" → "three" marks the words, not "wo" → "hree".
std::pair<qsizetype, qsizetype> wholeWords(const QString &text, qsizetype start, qsizetype end)
{
    while (start > 0 && text.at(start - 1).isLetterOrNumber())
        --start;
    while (end < text.size() && end > 0 && text.at(end - 1).isLetterOrNumber() && text.at(end).isLetterOrNumber())
        ++end;
    return { start, end };
}

} // namespace

ConflictDialog::ConflictDialog(const QString &what, const QList<FieldMerge::Conflict> &conflicts,
    const std::function<QString(const QString &)> &label, const QString &whoElse, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("conflictDialog"));
    setWindowTitle(tr("Changed by Someone Else"));
    auto *intro = new QLabel(
        tr("While you edited “%1”, %2 saved changes to the same fields. Choose for each field what to keep; "
           "everything else you and they changed is merged.")
            .arg(what.toHtmlEscaped(), whoElse.toHtmlEscaped()),
        this);
    intro->setWordWrap(true);

    m_table = new QTableWidget(int(conflicts.size()), 5, this);
    m_table->setObjectName(QStringLiteral("conflictTableWidget"));
    m_table->setHorizontalHeaderLabels({ tr("Field"), tr("Original"), tr("Theirs"), tr("Mine"), tr("Keep") });
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(4, QHeaderView::ResizeToContents);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_conflicts = conflicts;
    const QString empty = tr("(empty)");
    for (int row = 0; row < conflicts.size(); ++row) {
        const FieldMerge::Conflict &c = conflicts.at(row);
        // Where the three values part ways: each cell starts shortly before it.
        const qsizetype from = std::min(commonPrefix(c.original, c.theirs), commonPrefix(c.original, c.mine));
        const QStringList values { c.original, c.theirs, c.mine };
        auto *name = new QTableWidgetItem(label ? label(c.field) : c.field);
        m_table->setItem(row, 0, name);
        for (int column = 1; column <= values.size(); ++column) {
            const QString &value = values.at(column - 1);
            auto *item = new QTableWidgetItem(value.isEmpty() ? empty : excerptFrom(value, from));
            item->setToolTip(value.isEmpty() ? empty : value);
            m_table->setItem(row, column, item);
        }
        auto *choice = new QComboBox(m_table);
        choice->setObjectName(QStringLiteral("conflictChoiceComboBox"));
        choice->addItem(tr("Mine"), Mine);
        choice->addItem(tr("Theirs"), Theirs);
        choice->addItem(tr("Original"), Original);
        m_table->setCellWidget(row, 4, choice);
        m_choices.append(choice);
    }

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("saveMergedButton"));
    buttons->button(QDialogButtonBox::Cancel)->setToolTip(tr("Nothing is saved; what you typed stays in the form"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    // The selected field in full, side by side, the changed part marked.
    auto *compare = new QGridLayout;
    const QStringList headings { tr("Original"), tr("Theirs"), tr("Mine") };
    for (int column = 0; column < headings.size(); ++column) {
        auto *edit = new QTextEdit;
        edit->setObjectName(QStringLiteral("conflictComparisonTextEdit%1").arg(column));
        edit->setReadOnly(true);
        edit->setAcceptRichText(false);
        edit->setTabChangesFocus(true);
        auto *heading = new QLabel(headings.at(column));
        heading->setBuddy(edit);
        compare->addWidget(heading, 0, column);
        compare->addWidget(edit, 1, column);
        m_comparison.append(edit);
    }
    connect(m_table, &QTableWidget::currentCellChanged, this, [this](int row) { showComparison(row); });

    // Short values (a stage, a title) read whole in the table; the comparison is for long or multi-line ones.
    const auto isLong = [](const QString &v) { return v.size() > 40 || v.contains(QLatin1Char('\n')); };
    const bool anyLong = std::any_of(conflicts.cbegin(), conflicts.cend(), [&](const FieldMerge::Conflict &c) {
        return isLong(c.original) || isLong(c.theirs) || isLong(c.mine);
    });
    auto *comparison = new QWidget(this);
    comparison->setObjectName(QStringLiteral("conflictComparison"));
    comparison->setLayout(compare);
    compare->setContentsMargins(0, 0, 0, 0);
    comparison->setVisible(anyLong);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_table, 1);
    layout->addWidget(comparison, 2);
    layout->addWidget(buttons);
    const int rows = int(std::min<qsizetype>(conflicts.size(), 8));
    resize(820, (anyLong ? 300 : 140) + 34 * rows);
    if (!conflicts.isEmpty())
        m_table->setCurrentCell(0, 0);
    showComparison(m_table->currentRow());
}

std::pair<qsizetype, qsizetype> ConflictDialog::changedPart(const QString &original, const QString &text)
{
    const qsizetype start = commonPrefix(original, text);
    qsizetype end = text.size();
    qsizetype originalEnd = original.size();
    while (end > start && originalEnd > start && text.at(end - 1) == original.at(originalEnd - 1)) {
        --end;
        --originalEnd;
    }
    return wholeWords(text, start, end);
}

QString ConflictDialog::excerptFrom(const QString &text, qsizetype from)
{
    constexpr qsizetype kept = 24; // what stays of the shared start, for context
    if (from <= kept + 8)
        return text;
    qsizetype start = from - kept;
    const qsizetype space = text.indexOf(QLatin1Char(' '), start);
    if (space >= 0 && space < from)
        start = space + 1; // begin at a word
    return QStringLiteral("…") + text.mid(start).replace(QLatin1Char('\n'), QLatin1Char(' '));
}

void ConflictDialog::showComparison(int row)
{
    const bool valid = row >= 0 && row < m_conflicts.size();
    const FieldMerge::Conflict c = valid ? m_conflicts.at(row) : FieldMerge::Conflict {};
    const QStringList values { c.original, c.theirs, c.mine };
    QTextCharFormat marked;
    QColor highlight = palette().color(QPalette::Highlight);
    highlight.setAlpha(70);
    marked.setBackground(highlight);
    marked.setFontWeight(QFont::Bold);
    // The original's marked part spans what either side replaced.
    const auto theirs = changedPart(c.original, c.theirs);
    const auto mine = changedPart(c.original, c.mine);
    const qsizetype originalStart = std::min(theirs.first, mine.first);
    const qsizetype originalEnd = c.original.size()
        - std::min(c.theirs.size() - theirs.second, c.mine.size() - mine.second);
    const QList<std::pair<qsizetype, qsizetype>> parts { wholeWords(c.original, originalStart, originalEnd), theirs,
        mine };
    for (int column = 0; column < m_comparison.size(); ++column) {
        QTextEdit *edit = m_comparison.at(column);
        edit->setPlainText(values.at(column));
        const auto [start, end] = parts.at(column);
        QList<QTextEdit::ExtraSelection> selections;
        if (valid && end > start) {
            QTextEdit::ExtraSelection selection;
            selection.cursor = QTextCursor(edit->document());
            selection.cursor.setPosition(int(start));
            selection.cursor.setPosition(int(std::min(end, values.at(column).size())), QTextCursor::KeepAnchor);
            selection.format = marked;
            selections.append(selection);
        }
        edit->setExtraSelections(selections);
        if (valid && end > start) { // show the change, not the shared start
            QTextCursor at(edit->document());
            at.setPosition(int(std::min(start, values.at(column).size())));
            edit->setTextCursor(at);
            edit->ensureCursorVisible();
        }
    }
}

void ConflictDialog::openModal()
{
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowModality(Qt::WindowModal);
    open();
}

QString ConflictDialog::whoChanged(Database &db, const QString &entity, qint64 id)
{
    HistoryFilter last;
    last.entity = entity;
    last.entityId = id;
    last.limit = 1;
    if (Result<QList<HistoryEntry>> h = HistoryQuery(db).load(last); h && !h->isEmpty()
        && !h->first().userName.isEmpty() && h->first().userId != db.currentUserId())
        return h->first().userName;
    return tr("someone else");
}

QString ConflictDialog::trashedMeanwhile(const QString &what, const QString &who)
{
    return tr("“%1” was moved to the trash by %2 while you edited it, so your changes were not saved; they are "
              "still in the form. Restore it from the trash to save them, or Reload to drop them.")
        .arg(what, who);
}

void ConflictDialog::setChoice(int row, Choice choice)
{
    m_choices.at(row)->setCurrentIndex(m_choices.at(row)->findData(choice));
}

ConflictDialog::Choice ConflictDialog::choice(int row) const
{
    return static_cast<Choice>(m_choices.at(row)->currentData().toInt());
}
