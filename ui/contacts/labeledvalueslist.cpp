#include "labeledvalueslist.h"

#include "common/wheelguard.h"
#include "domain/validation.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

// The stored words, translated in the LabeledValuesList context.
struct Text
{
    const char *source;
    const char *comment;
};
struct Known
{
    const char *stored;
    Text text;
};
const Known kKnownLabels[] = {
    { "work", QT_TRANSLATE_NOOP3("LabeledValuesList", "work", "email or phone label") },
    { "personal", QT_TRANSLATE_NOOP3("LabeledValuesList", "personal", "email label") },
    { "mobile", QT_TRANSLATE_NOOP3("LabeledValuesList", "mobile", "phone label") },
    { "home", QT_TRANSLATE_NOOP3("LabeledValuesList", "home", "phone label") },
    { "other", QT_TRANSLATE_NOOP3("LabeledValuesList", "other", "email or phone label") },
};

} // namespace

QString LabeledValuesList::displayLabel(const QString &stored)
{
    for (const Known &known : kKnownLabels)
        if (stored == QLatin1String(known.stored))
            return tr(known.text.source, known.text.comment);
    return stored;
}

QString LabeledValuesList::storedLabel(const QString &shown, const QStringList &offered)
{
    for (const QString &key : offered) {
        if (shown.compare(displayLabel(key), Qt::CaseInsensitive) == 0 || shown.compare(key, Qt::CaseInsensitive) == 0)
            return key;
    }
    for (const Known &known : kKnownLabels) {
        const QString key = QString::fromLatin1(known.stored);
        if (shown.compare(displayLabel(key), Qt::CaseInsensitive) == 0 || shown.compare(key, Qt::CaseInsensitive) == 0)
            return key;
    }
    return shown;
}

void LabeledValuesList::fillLabels(QComboBox *combo) const
{
    combo->clear();
    for (const QString &stored : m_labels)
        combo->addItem(displayLabel(stored), stored);
}

void LabeledValuesList::selectLabel(QComboBox *combo, const QString &stored)
{
    // An editable combo box's setCurrentText() only sets the text: pick the item, so that the arrow keys
    // go on from it.
    const int at = combo->findData(stored);
    if (at >= 0)
        combo->setCurrentIndex(at);
    combo->setCurrentText(displayLabel(stored));
}

LabeledValuesList::LabeledValuesList(
    const QString &what, const QStringList &labels, const QString &placeholder, QWidget *parent)
    : QWidget(parent)
    , m_what(what)
    , m_labels(labels)
    , m_placeholder(placeholder)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_rowsLayout = new QVBoxLayout;
    m_rowsLayout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_rowsLayout);
    m_addButton = new QToolButton(this);
    m_addButton->setObjectName(QStringLiteral("addToolButton"));
    m_addButton->setText(tr("Add %1").arg(what));
    m_addButton->setAccessibleName(tr("Add %1").arg(what));
    m_addButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_addButton->setIcon(QIcon::fromTheme(QStringLiteral("list-add")));
    layout->addWidget(m_addButton, 0, Qt::AlignLeft);
    connect(m_addButton, &QToolButton::clicked, this, [this] {
        addRow()->setFocus(Qt::TabFocusReason);
        Q_EMIT edited();
    });
}

QLineEdit *LabeledValuesList::addRow(const QString &label, const QString &value)
{
    auto *row = new QWidget(this);
    row->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed); // a scroll area lays out at minimum sizes: never squash a row
    auto *h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    Widgets w;
    w.row = row;
    w.label = new QComboBox(row);
    w.label->setObjectName(QStringLiteral("labelComboBox"));
    w.label->setEditable(true);
    fillLabels(w.label);
    w.label->lineEdit()->setMaxLength(40);
    selectLabel(w.label, label.isEmpty() ? m_labels.value(0) : label);
    // As wide as a usual label ("mobile", "privat"), not as the longest one in any language: the value beside
    // it needs the room; the list shows the labels whole.
    w.label->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    w.label->setMinimumContentsLength(6);
    WheelGuard::protect(w.label); // rows come and go: each new one is guarded too
    w.value = new QLineEdit(value, row);
    w.value->setObjectName(QStringLiteral("valueLineEdit"));
    w.value->setPlaceholderText(m_placeholder);
    w.value->setMaxLength(Validation::kMaxNameLength);
    // No clear button: the row's own remove button is beside it, and an address needs every pixel.
    w.value->setCursorPosition(0); // show the start of a long address, not its end
    w.value->setMinimumWidth(w.value->fontMetrics().averageCharWidth() * 16); // never squeezed to a few letters
    // An address longer than the field can show is read whole in its tooltip.
    QLineEdit *valueEdit = w.value;
    valueEdit->setToolTip(value);
    connect(valueEdit, &QLineEdit::textChanged, valueEdit, &QWidget::setToolTip);
    auto *remove = new QToolButton(row);
    remove->setObjectName(QStringLiteral("removeToolButton"));
    remove->setIcon(QIcon::fromTheme(QStringLiteral("list-remove")));
    remove->setText(QStringLiteral("−"));
    h->addWidget(w.label);
    h->addWidget(w.value, 1);
    h->addWidget(remove);
    m_rowsLayout->addWidget(row);
    m_rows.append(w);
    relabelRows();
    connect(w.label, &QComboBox::currentTextChanged, this, &LabeledValuesList::edited);
    connect(w.value, &QLineEdit::textEdited, this, &LabeledValuesList::edited);
    connect(remove, &QToolButton::clicked, this, [this, row] {
        removeRow(row);
        Q_EMIT edited();
    });
    // Tab order follows the rows: label, value, remove, then the next row, then Add.
    QWidget *previous = m_rows.size() > 1 ? m_rows.at(m_rows.size() - 2).row->findChildren<QToolButton *>().value(0) : nullptr;
    if (previous)
        setTabOrder(previous, w.label);
    setTabOrder(w.label, w.value);
    setTabOrder(w.value, remove);
    setTabOrder(remove, m_addButton);
    return w.value;
}

void LabeledValuesList::removeRow(QWidget *row)
{
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).row == row) {
            m_rows.removeAt(i);
            break;
        }
    }
    row->hide();
    row->deleteLater();
    relabelRows();
    m_addButton->setFocus(Qt::TabFocusReason);
}

void LabeledValuesList::relabelRows()
{
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        const Widgets &w = m_rows.at(i);
        const int n = int(i + 1);
        w.label->setAccessibleName(tr("Label of %1 %2").arg(m_what).arg(n));
        w.value->setAccessibleName(tr("%1 %2").arg(m_what).arg(n));
        auto *remove = w.row->findChild<QToolButton *>(QStringLiteral("removeToolButton"));
        remove->setAccessibleName(tr("Remove %1 %2").arg(m_what).arg(n));
        remove->setToolTip(tr("Remove this %1").arg(m_what));
    }
}

void LabeledValuesList::setRows(const QList<Row> &rows)
{
    // Opening a profile refills the list: reuse the rows there are and add or drop only the difference.
    // Making a row (an editable combo box, a field, a button) and laying the form out again for it was a
    // good part of opening a profile (bench_profile).
    while (m_rows.size() > rows.size())
        delete m_rows.takeLast().row;
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        const Widgets &w = m_rows.at(i);
        const QSignalBlocker blockLabel(w.label); // not an edit by the user
        if (w.label->count() != m_labels.size()) // a label typed and entered became an item: forget it
            fillLabels(w.label);
        selectLabel(w.label, rows.at(i).first.isEmpty() ? m_labels.value(0) : rows.at(i).first);
        w.value->setText(rows.at(i).second); // also clears the field's undo history
        w.value->setCursorPosition(0);
    }
    for (qsizetype i = m_rows.size(); i < rows.size(); ++i)
        addRow(rows.at(i).first, rows.at(i).second);
}

QList<LabeledValuesList::Row> LabeledValuesList::rows() const
{
    QList<Row> out;
    for (const Widgets &w : m_rows) {
        const QString value = w.value->text().trimmed();
        if (!value.isEmpty())
            out.append({ storedLabel(w.label->currentText().trimmed(), m_labels), value });
    }
    return out;
}
