#include "itemmodels/importpreviewmodel.h"

#include "itemmodels/columnheaders.h"
#include "itemmodels/contactlistmodel.h"

#include <QLocale>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace {

const char *const kTitles[] = {
    QT_TRANSLATE_NOOP("ImportPreviewModel", "Import"),
    QT_TRANSLATE_NOOP("ImportPreviewModel", "Row"),
    QT_TRANSLATE_NOOP("ImportPreviewModel", "Name"),
    QT_TRANSLATE_NOOP("ImportPreviewModel", "Problems"),
    QT_TRANSLATE_NOOP("ImportPreviewModel", "Kind"),
    QT_TRANSLATE_NOOP("ImportPreviewModel", "Title"),
    QT_TRANSLATE_NOOP("ImportPreviewModel", "Organization"),
    QT_TRANSLATE_NOOP("ImportPreviewModel", "Emails"),
    QT_TRANSLATE_NOOP("ImportPreviewModel", "Phones"),
    QT_TRANSLATE_NOOP("ImportPreviewModel", "Handles"),
    QT_TRANSLATE_NOOP("ImportPreviewModel", "City"),
    QT_TRANSLATE_NOOP("ImportPreviewModel", "Reach"),
};
static_assert(std::size(kTitles) == ImportPreviewModel::ColumnCount);

QString nameOf(const Contact &c)
{
    if (!c.displayName.trimmed().isEmpty())
        return c.displayName;
    return QStringList { c.firstName, c.lastName }.join(u' ').trimmed();
}

QStringList splitList(const QString &text)
{
    static const QRegularExpression separators(u"\\s*[,;]\\s*"_s);
    QStringList values = text.trimmed().split(separators, Qt::SkipEmptyParts);
    for (QString &v : values)
        v = v.trimmed();
    return values;
}

} // namespace

ImportPreviewModel::ImportPreviewModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ImportPreviewModel::setRecords(QList<ImportRecord> records)
{
    beginResetModel();
    m_records = std::move(records);
    m_leftOut.clear();
    endResetModel();
    Q_EMIT countsChanged();
}

QList<ImportRecord> ImportPreviewModel::recordsToImport() const
{
    if (m_leftOut.isEmpty())
        return m_records;
    QList<ImportRecord> result;
    result.reserve(m_records.size() - m_leftOut.size());
    for (qsizetype i = 0; i < m_records.size(); ++i)
        if (!m_leftOut.contains(int(i)))
            result.append(m_records.at(i));
    return result;
}

int ImportPreviewModel::problemCount() const
{
    return int(std::count_if(
        m_records.cbegin(), m_records.cend(), [](const ImportRecord &r) { return r.hasProblems(); }));
}

int ImportPreviewModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_records.size());
}

int ImportPreviewModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ImportPreviewModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.parent().isValid() || index.row() >= m_records.size())
        return {};
    const ImportRecord &record = m_records.at(index.row());
    const Contact &c = record.contact;
    if (role == HasProblemsRole)
        return record.hasProblems();
    if (role == Qt::CheckStateRole && index.column() == ImportColumn)
        return record.hasProblems() || m_leftOut.contains(index.row()) ? Qt::Unchecked : Qt::Checked;
    if (role == Qt::ToolTipRole) {
        if (index.column() == ImportColumn)
            return record.hasProblems() ? tr("Not imported until its problems are fixed")
                                        : tr("Uncheck to leave this row out");
        if (index.column() == RowColumn)
            return tr("Line %L1 of the file").arg(record.line);
        if (index.column() == ProblemsColumn || index.column() == HandlesColumn) {
            const QString text = data(index, Qt::DisplayRole).toString();
            QStringList lines = record.problems;
            if (index.column() == ProblemsColumn) {
                lines += record.warnings;
                if (!record.mergedRows.isEmpty())
                    lines.append(tr("Rows merged into this one: %1")
                                     .arg(QLocale().createSeparatedList([&] {
                                         QStringList rows;
                                         for (int r : record.mergedRows)
                                             rows.append(QString::number(r));
                                         return rows;
                                     }())));
                return lines.join(u'\n');
            }
            return text;
        }
        return {};
    }
    if (role == ChoicesRole && index.column() == KindColumn) {
        QVariantList choices;
        for (const QString &kind : Contact::kinds())
            choices.append(QVariant(QVariantList { ContactListModel::kindLabel(kind), kind }));
        return choices;
    }
    if (role == Qt::TextAlignmentRole && (index.column() == RowColumn || index.column() == ReachColumn))
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    switch (index.column()) {
    case ImportColumn:
        return {};
    case RowColumn:
        return record.row;
    case NameColumn:
        return nameOf(c);
    case KindColumn:
        return role == Qt::EditRole ? c.kind : ContactListModel::kindLabel(c.kind);
    case TitleColumn:
        return c.title;
    case OrganizationColumn:
        return c.organizationName;
    case EmailsColumn: {
        QStringList list;
        for (const ContactEmail &e : c.emails)
            list.append(e.email);
        return list.join(u", "_s);
    }
    case PhonesColumn: {
        QStringList list;
        for (const ContactPhone &p : c.phones)
            list.append(p.phone);
        return list.join(u", "_s);
    }
    case HandlesColumn: {
        QStringList list;
        for (const Handle &h : c.handles)
            list.append(h.handle);
        return list.join(u", "_s);
    }
    case CityColumn:
        return c.city;
    case ReachColumn:
        if (role == Qt::EditRole)
            return c.reach > 0 ? QString::number(c.reach) : QString();
        return c.reach > 0 ? QLocale().toString(c.reach) : QString();
    case ProblemsColumn: {
        // The row is in its own column: say only what is wrong ("no name."), the whole sentence is the tooltip.
        QStringList what;
        for (const QString &p : record.problems) {
            const qsizetype colon = p.indexOf(u"): "_s);
            what.append(colon > 0 ? p.mid(colon + 3) : p);
        }
        return what.join(u' ');
    }
    }
    return {};
}

bool ImportPreviewModel::edit(ImportRecord &record, int column, const QString &input)
{
    Contact &c = record.contact;
    const QString text = input.trimmed();
    switch (column) {
    case NameColumn:
        if (text == nameOf(c))
            return false;
        c.displayName = text;
        if (text.isEmpty()) {
            c.firstName.clear();
            c.lastName.clear();
        }
        return true;
    case KindColumn:
        if (!Contact::kinds().contains(text))
            return false;
        c.kind = text;
        record.clearParseProblems(ImportField::Kind);
        return true;
    case TitleColumn:
        c.title = text;
        return true;
    case OrganizationColumn:
        c.organizationName = text;
        c.organizationId = 0;
        return true;
    case EmailsColumn: {
        QList<ContactEmail> emails;
        const QStringList values = splitList(text);
        for (qsizetype i = 0; i < values.size(); ++i)
            emails.append({ c.emails.value(i).label.isEmpty() ? u"work"_s : c.emails.value(i).label, values.at(i) });
        c.emails = emails;
        return true;
    }
    case PhonesColumn: {
        QList<ContactPhone> phones;
        const QStringList values = splitList(text);
        for (qsizetype i = 0; i < values.size(); ++i)
            phones.append({ c.phones.value(i).label.isEmpty() ? u"work"_s : c.phones.value(i).label, values.at(i) });
        c.phones = phones;
        return true;
    }
    case CityColumn:
        c.city = text;
        return true;
    case ReachColumn: {
        if (text.isEmpty()) {
            c.reach = 0;
        } else {
            bool ok = false;
            qint64 reach = QLocale().toLongLong(text, &ok);
            if (!ok)
                reach = text.toLongLong(&ok);
            if (!ok || reach < 0)
                return false;
            c.reach = reach;
        }
        record.clearParseProblems(ImportField::Reach);
        return true;
    }
    default:
        return false;
    }
}

bool ImportPreviewModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || index.parent().isValid() || index.row() >= m_records.size())
        return false;
    const int row = index.row();
    if (role == Qt::CheckStateRole && index.column() == ImportColumn) {
        if (m_records.at(row).hasProblems())
            return false;
        if (value.value<Qt::CheckState>() == Qt::Checked)
            m_leftOut.remove(row);
        else
            m_leftOut.insert(row);
        Q_EMIT dataChanged(index, index, { Qt::CheckStateRole });
        Q_EMIT countsChanged();
        return true;
    }
    if (role != Qt::EditRole)
        return false;
    ImportRecord &record = m_records[row];
    if (!edit(record, index.column(), value.toString()))
        return false;
    record.revalidate();
    Q_EMIT dataChanged(this->index(row, 0), this->index(row, ColumnCount - 1));
    Q_EMIT countsChanged();
    return true;
}

Qt::ItemFlags ImportPreviewModel::flags(const QModelIndex &index) const
{
    if (!index.isValid() || index.parent().isValid() || index.row() >= m_records.size())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    switch (index.column()) {
    case ImportColumn:
        if (!m_records.at(index.row()).hasProblems())
            f |= Qt::ItemIsUserCheckable;
        break;
    case NameColumn:
    case KindColumn:
    case TitleColumn:
    case OrganizationColumn:
    case EmailsColumn:
    case PhonesColumn:
    case CityColumn:
    case ReachColumn:
        f |= Qt::ItemIsEditable;
        break;
    default:
        break;
    }
    return f;
}

QVariant ImportPreviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    return ColumnHeaders::data("ImportPreviewModel", kTitles, section, orientation, role, { RowColumn, ReachColumn });
}
