#pragma once

#include <QList>
#include <QPair>
#include <QWidget>

class QComboBox;
class QLineEdit;
class QToolButton;
class QVBoxLayout;

// An editable list of labelled values (a contact's emails or phones): each row is a label ("work",
// "home", … or anything typed), the value and a remove button; "Add" appends an empty row and focuses it.
// Labels are stored in English ("work", "mobile") and shown in the user's language ("Arbeit", "Mobil"):
// setRows() and rows() take and give the stored words; a label typed by hand is kept as typed.
class LabeledValuesList final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LabeledValuesList)

public:
    using Row = QPair<QString, QString>; // label, value

    // `what` names a value for buttons and accessible names, e.g. tr("email address"); `labels` are the
    // stored words offered in the list (see displayLabel()).
    LabeledValuesList(const QString &what, const QStringList &labels, const QString &placeholder,
        QWidget *parent = nullptr);

    void setRows(const QList<Row> &rows);
    // Rows with a value, in order (empty rows are left out).
    QList<Row> rows() const;
    int rowCount() const { return int(m_rows.size()); }
    QLineEdit *valueEdit(int row) const { return m_rows.value(row).value; }
    QToolButton *addButton() const { return m_addButton; }

    // The words shown for the stored labels work, personal, mobile, home and other; any other label as is.
    static QString displayLabel(const QString &stored);
    // The stored word for a label as shown (or typed: "Mobil" in German gives "mobile"). The `offered` words
    // are tried first: two languages' words can coincide ("privat" is both personal and home in German).
    static QString storedLabel(const QString &shown, const QStringList &offered = {});

    // Appends an empty row and returns its value field.
    QLineEdit *addRow(const QString &label = QString(), const QString &value = QString());

Q_SIGNALS:
    // A row was added, removed or edited by the user.
    void edited();

private:
    struct Widgets
    {
        QWidget *row = nullptr;
        QComboBox *label = nullptr;
        QLineEdit *value = nullptr;
    };
    void removeRow(QWidget *row);
    void relabelRows();
    void fillLabels(QComboBox *combo) const;
    static void selectLabel(QComboBox *combo, const QString &stored);

    QString m_what;
    QStringList m_labels;
    QString m_placeholder;
    QVBoxLayout *m_rowsLayout = nullptr;
    QToolButton *m_addButton = nullptr;
    QList<Widgets> m_rows;
};
