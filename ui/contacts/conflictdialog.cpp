#include "conflictdialog.h"

#include "storage/database.h"
#include "storage/historyquery.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

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
    const QString empty = tr("(empty)");
    for (int row = 0; row < conflicts.size(); ++row) {
        const FieldMerge::Conflict &c = conflicts.at(row);
        const QStringList texts { label ? label(c.field) : c.field, c.original.isEmpty() ? empty : c.original,
            c.theirs.isEmpty() ? empty : c.theirs, c.mine.isEmpty() ? empty : c.mine };
        for (int column = 0; column < texts.size(); ++column) {
            auto *item = new QTableWidgetItem(texts.at(column));
            item->setToolTip(texts.at(column));
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

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(760, 140 + 34 * int(conflicts.size()));
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

void ConflictDialog::setChoice(int row, Choice choice)
{
    m_choices.at(row)->setCurrentIndex(m_choices.at(row)->findData(choice));
}

ConflictDialog::Choice ConflictDialog::choice(int row) const
{
    return static_cast<Choice>(m_choices.at(row)->currentData().toInt());
}
