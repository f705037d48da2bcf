#include "conflictdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

ConflictDialog::ConflictDialog(const ContactMerge::Outcome &outcome, const Contact &original, const Contact &theirs,
    const QString &whoElse, QWidget *parent)
    : QDialog(parent)
    , m_outcome(outcome)
    , m_original(original)
    , m_theirs(theirs)
{
    setObjectName(QStringLiteral("conflictDialog"));
    setWindowTitle(tr("Changed by Someone Else"));
    auto *intro = new QLabel(
        tr("While you edited “%1”, %2 saved changes to the same fields. Choose for each field what to keep; "
           "everything else you and they changed is merged.")
            .arg(theirs.displayName.toHtmlEscaped(), whoElse.toHtmlEscaped()),
        this);
    intro->setWordWrap(true);

    m_table = new QTableWidget(int(outcome.conflicts.size()), 5, this);
    m_table->setObjectName(QStringLiteral("conflictTableWidget"));
    m_table->setHorizontalHeaderLabels({ tr("Field"), tr("Original"), tr("Theirs"), tr("Mine"), tr("Keep") });
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(4, QHeaderView::ResizeToContents);
    const QString empty = tr("(empty)");
    for (int row = 0; row < outcome.conflicts.size(); ++row) {
        const ContactMerge::Conflict &c = outcome.conflicts.at(row);
        const QStringList texts { ContactMerge::label(c.field), c.original.isEmpty() ? empty : c.original,
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
    resize(760, 140 + 34 * int(outcome.conflicts.size()));
}

ConflictDialog *ConflictDialog::ask(QWidget *parent, const ContactMerge::Outcome &outcome, const Contact &original,
    const Contact &theirs, const QString &whoElse, std::function<void(const Contact &)> onSave)
{
    auto *dialog = new ConflictDialog(outcome, original, theirs, whoElse, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    connect(dialog, &QDialog::accepted, parent, [dialog, onSave = std::move(onSave)] { onSave(dialog->resolved()); });
    dialog->open();
    return dialog;
}

void ConflictDialog::setChoice(int row, Choice choice)
{
    m_choices.at(row)->setCurrentIndex(m_choices.at(row)->findData(choice));
}

Contact ConflictDialog::resolved() const
{
    Contact c = m_outcome.merged;
    for (int row = 0; row < m_outcome.conflicts.size(); ++row) {
        const QString &field = m_outcome.conflicts.at(row).field;
        switch (static_cast<Choice>(m_choices.at(row)->currentData().toInt())) {
        case Mine:
            break;
        case Theirs:
            ContactMerge::take(c, field, m_theirs);
            break;
        case Original:
            ContactMerge::take(c, field, m_original);
            break;
        }
    }
    return c;
}
