#include "historymodel.h"

#include "domain/campaignstatus.h"
#include "domain/interaction.h"
#include "domain/pitchstatus.h"
#include "itemmodels/columnheaders.h"
#include "itemmodels/contactlistmodel.h"
#include "itemmodels/organizationlistmodel.h"

#include <QLocale>

namespace {

const char *const kTitles[] = {
    QT_TRANSLATE_NOOP("HistoryModel", "When"),
    QT_TRANSLATE_NOOP("HistoryModel", "Who"),
    QT_TRANSLATE_NOOP("HistoryModel", "What"),
    QT_TRANSLATE_NOOP("HistoryModel", "Before"),
    QT_TRANSLATE_NOOP("HistoryModel", "After"),
};

// Top rows have internal id 0; a field row has its entry's row + 1.
constexpr quintptr kTop = 0;

bool isTime(const QString &field)
{
    return field.endsWith(u"_at");
}

bool isFlag(const QString &field)
{
    return field == u"do_not_contact";
}

QString summary(const HistoryEntry &e)
{
    QStringList fields;
    for (const FieldChange &c : e.changes)
        if (c.field != u"deleted_at")
            fields << HistoryModel::fieldLabel(c.field);
    fields.removeDuplicates();
    return fields.join(QStringLiteral(", "));
}

} // namespace

HistoryModel::HistoryModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

HistoryModel::~HistoryModel() = default;

void HistoryModel::setEntries(const QList<HistoryEntry> &entries)
{
    // Only newer entries on top of the same list (a refresh after a change): insert them.
    const qsizetype added = entries.size() - m_entries.size();
    bool onTop = !m_entries.isEmpty() && added > 0;
    for (qsizetype i = 0; onTop && i < m_entries.size(); ++i) {
        const HistoryEntry &was = m_entries.at(i);
        const HistoryEntry &now = entries.at(i + added);
        onTop = was.auditId == now.auditId && was.at == now.at && was.changes.size() == now.changes.size();
    }
    if (onTop) {
        beginInsertRows(QModelIndex(), 0, int(added - 1));
        m_entries = entries;
        endInsertRows();
        return;
    }
    bool same = entries.size() == m_entries.size();
    for (qsizetype i = 0; same && i < entries.size(); ++i)
        same = entries.at(i).auditId == m_entries.at(i).auditId && entries.at(i).at == m_entries.at(i).at
            && entries.at(i).changes.size() == m_entries.at(i).changes.size();
    if (same) {
        m_entries = entries;
        if (!m_entries.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(int(m_entries.size() - 1), ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_entries = entries;
    endResetModel();
}

QString HistoryModel::actionLabel(const QString &action)
{
    static const QHash<QString, const char *> labels = {
        { QStringLiteral("create"), QT_TR_NOOP("Created") },
        { QStringLiteral("update"), QT_TR_NOOP("Edited") },
        { QStringLiteral("change"), QT_TR_NOOP("Changed") },
        { QStringLiteral("trash"), QT_TR_NOOP("Moved to the trash") },
        { QStringLiteral("restore"), QT_TR_NOOP("Restored from the trash") },
        { QStringLiteral("merge"), QT_TR_NOOP("Merged a duplicate into this") },
        { QStringLiteral("unmerge"), QT_TR_NOOP("Merge undone") },
        { QStringLiteral("import"), QT_TR_NOOP("Imported") },
        { QStringLiteral("undo_import"), QT_TR_NOOP("Import undone") },
        { QStringLiteral("sync"), QT_TR_NOOP("Synced") },
        { QStringLiteral("bulk_tag"), QT_TR_NOOP("Tagged with others") },
        { QStringLiteral("bulk_untag"), QT_TR_NOOP("Untagged with others") },
        { QStringLiteral("bulk_owner"), QT_TR_NOOP("Account manager changed with others") },
        { QStringLiteral("bulk_kind"), QT_TR_NOOP("Kind changed with others") },
        { QStringLiteral("inbox_link"), QT_TR_NOOP("Linked from the Inbox") },
        { QStringLiteral("inbox_unlink"), QT_TR_NOOP("Unlinked from the Inbox") },
        { QStringLiteral("status"), QT_TR_NOOP("Status changed") },
        { QStringLiteral("move"), QT_TR_NOOP("Moved in the pipeline") },
        { QStringLiteral("delete"), QT_TR_NOOP("Deleted") },
        { QStringLiteral("add_user"), QT_TR_NOOP("Added to the team") },
        { QStringLiteral("set_role"), QT_TR_NOOP("Role changed") },
        { QStringLiteral("deactivate_user"), QT_TR_NOOP("Deactivated") },
    };
    const char *label = labels.value(action);
    return label ? tr(label) : action;
}

QString HistoryModel::fieldLabel(const QString &field)
{
    static const QHash<QString, const char *> labels = {
        { QStringLiteral("display_name"), QT_TR_NOOP("Name") },
        { QStringLiteral("name"), QT_TR_NOOP("Name") },
        { QStringLiteral("first_name"), QT_TR_NOOP("First name") },
        { QStringLiteral("last_name"), QT_TR_NOOP("Last name") },
        { QStringLiteral("title"), QT_TR_NOOP("Title") },
        { QStringLiteral("organization_id"), QT_TR_NOOP("Outlet") },
        { QStringLiteral("organization_role"), QT_TR_NOOP("Role at the outlet") },
        { QStringLiteral("kind"), QT_TR_NOOP("Kind") },
        { QStringLiteral("city"), QT_TR_NOOP("City") },
        { QStringLiteral("country"), QT_TR_NOOP("Country") },
        { QStringLiteral("time_zone"), QT_TR_NOOP("Time zone") },
        { QStringLiteral("reach"), QT_TR_NOOP("Reach") },
        { QStringLiteral("preferred_channel"), QT_TR_NOOP("Preferred channel") },
        { QStringLiteral("pronouns"), QT_TR_NOOP("Pronouns") },
        { QStringLiteral("notes"), QT_TR_NOOP("Notes") },
        { QStringLiteral("do_not_contact"), QT_TR_NOOP("Do not contact") },
        { QStringLiteral("do_not_contact_reason"), QT_TR_NOOP("Reason not to contact") },
        { QStringLiteral("consent_basis"), QT_TR_NOOP("Consent basis") },
        { QStringLiteral("consent_at"), QT_TR_NOOP("Consent given") },
        { QStringLiteral("consent_source"), QT_TR_NOOP("Consent source") },
        { QStringLiteral("owner_id"), QT_TR_NOOP("Account manager") },
        { QStringLiteral("deleted_at"), QT_TR_NOOP("In the trash since") },
        { QStringLiteral("website"), QT_TR_NOOP("Website") },
        { QStringLiteral("client_id"), QT_TR_NOOP("Client") },
        { QStringLiteral("description"), QT_TR_NOOP("Description") },
        { QStringLiteral("status"), QT_TR_NOOP("Status") },
        { QStringLiteral("starts_at"), QT_TR_NOOP("Starts") },
        { QStringLiteral("ends_at"), QT_TR_NOOP("Ends") },
        { QStringLiteral("goals"), QT_TR_NOOP("Goals") },
        { QStringLiteral("key_messages"), QT_TR_NOOP("Key messages") },
        { QStringLiteral("topics"), QT_TR_NOOP("Topics") },
        { QStringLiteral("contact_id"), QT_TR_NOOP("Contact") },
        { QStringLiteral("campaign_id"), QT_TR_NOOP("Campaign") },
        { QStringLiteral("channel"), QT_TR_NOOP("Channel") },
        { QStringLiteral("direction"), QT_TR_NOOP("Direction") },
        { QStringLiteral("occurred_at"), QT_TR_NOOP("When it happened") },
        { QStringLiteral("subject"), QT_TR_NOOP("Subject") },
        { QStringLiteral("body"), QT_TR_NOOP("Text") },
        { QStringLiteral("sentiment"), QT_TR_NOOP("Sentiment") },
        { QStringLiteral("outcome"), QT_TR_NOOP("Outcome") },
        { QStringLiteral("url"), QT_TR_NOOP("Address") },
        // A contact's child rows (schema v21): one row added or removed.
        { QStringLiteral("email"), QT_TR_NOOP("Email") },
        { QStringLiteral("phone"), QT_TR_NOOP("Phone") },
        { QStringLiteral("beat"), QT_TR_NOOP("Beat") },
        { QStringLiteral("tag"), QT_TR_NOOP("Tag") },
        { QStringLiteral("handle:email"), QT_TR_NOOP("Email") },
        { QStringLiteral("handle:mastodon"), QT_TR_NOOP("Mastodon") },
        { QStringLiteral("handle:bluesky"), QT_TR_NOOP("Bluesky") },
        { QStringLiteral("handle:x"), QT_TR_NOOP("X") },
        { QStringLiteral("handle:linkedin"), QT_TR_NOOP("LinkedIn") },
        { QStringLiteral("handle:website"), QT_TR_NOOP("Website") },
        { QStringLiteral("handle:feed"), QT_TR_NOOP("Blog or feed") },
    };
    const char *label = labels.value(field);
    return label ? tr(label) : field;
}

QString HistoryModel::valueText(const QString &entity, const QString &field, const QString &value, const QString &name)
{
    if (value.isEmpty())
        return tr("(empty)");
    if (!name.isEmpty())
        return name;
    // Stored keys read as the window names them ("planned" is "Geplant" in German), numbers as numbers.
    if (field == u"kind" && entity == u"contact")
        return ContactListModel::kindLabel(value);
    if (field == u"kind" && entity == u"organization")
        return OrganizationListModel::kindLabel(value);
    if (field == u"status" && entity == u"campaign")
        return CampaignStatus::label(value);
    if (field == u"status" && entity == u"pitch")
        return PitchStatus::label(value);
    if (field == u"channel" && entity == u"interaction")
        return Interaction::channelLabel(value);
    if (field == u"direction" && entity == u"interaction")
        return Interaction::directionLabel(value);
    if (field == u"reach") {
        bool ok = false;
        if (const qint64 n = value.toLongLong(&ok); ok)
            return QLocale().toString(n);
    }
    if (field.endsWith(u"_id"))
        return tr("#%1 (gone)").arg(value);
    if (isFlag(field))
        return value == u"0" || value == u"false" ? tr("No") : tr("Yes");
    if (isTime(field)) {
        bool ok = false;
        const qint64 ms = value.toLongLong(&ok);
        if (ok)
            return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toLocalTime(), QLocale::ShortFormat);
    }
    QString text = value;
    text.replace(u'\n', u' ');
    return text.size() > 200 ? text.left(199) + QChar(0x2026) : text;
}

QString HistoryModel::subjectText(const HistoryEntry &e)
{
    static const QHash<QString, const char *> kinds = {
        { QStringLiteral("contact"), QT_TR_NOOP("Contact") },
        { QStringLiteral("organization"), QT_TR_NOOP("Organization") },
        { QStringLiteral("campaign"), QT_TR_NOOP("Campaign") },
        { QStringLiteral("interaction"), QT_TR_NOOP("Conversation") },
        { QStringLiteral("pitch"), QT_TR_NOOP("Pitch") },
        { QStringLiteral("follow_up"), QT_TR_NOOP("Follow-up") },
        { QStringLiteral("user"), QT_TR_NOOP("Team") },
        { QStringLiteral("import_batch"), QT_TR_NOOP("Import") },
    };
    const char *kind = kinds.value(e.entity);
    const QString what = kind ? tr(kind) : e.entity;
    const QString details = e.details.startsWith(u'{') ? QString() : e.details;
    if (e.entityId <= 0)
        return details.isEmpty() ? what : tr("%1: %2").arg(what, details);
    return details.isEmpty() ? tr("%1 #%2").arg(what).arg(e.entityId)
                             : tr("%1 #%2: %3").arg(what).arg(e.entityId).arg(details);
}

QModelIndex HistoryModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, kTop);
    if (parent.internalId() != kTop)
        return {};
    return createIndex(row, column, quintptr(parent.row()) + 1);
}

QModelIndex HistoryModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kTop)
        return {};
    return createIndex(int(child.internalId() - 1), 0, kTop);
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_entries.size());
    if (parent.internalId() != kTop || parent.column() != 0)
        return 0;
    return int(m_entries.at(parent.row()).changes.size());
}

int HistoryModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == kTop)
        return entryData(m_entries.at(index.row()), index.column(), role);
    const HistoryEntry &e = m_entries.at(int(index.internalId() - 1));
    return changeData(e, e.changes.at(index.row()), index.column(), role);
}

QVariant HistoryModel::entryData(const HistoryEntry &e, int column, int role) const
{
    switch (role) {
    case EntityRole:
        return e.entity;
    case EntityIdRole:
        return e.entityId;
    case UserIdRole:
        return e.userId;
    case AtRole:
        return e.at;
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (column) {
        case WhenColumn:
            return QLocale().toString(e.at.toLocalTime(), QLocale::ShortFormat);
        case WhoColumn:
            return e.userName.isEmpty() ? tr("Rapport") : e.userName;
        case WhatColumn: {
            QString text = actionLabel(e.action);
            if (m_showSubject)
                text = tr("%1 — %2").arg(subjectText(e), text);
            const QString fields = summary(e);
            return fields.isEmpty() ? text : tr("%1: %2").arg(text, fields);
        }
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant HistoryModel::changeData(const HistoryEntry &e, const FieldChange &c, int column, int role) const
{
    switch (role) {
    case FieldRole:
        return c.field;
    case EntityRole:
        return e.entity;
    case EntityIdRole:
        return e.entityId;
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (column) {
        case WhatColumn:
            // The whole change in one line, for a narrow panel; Before and After hold the values on their own.
            return tr("%1: %2 → %3")
                .arg(fieldLabel(c.field), valueText(e.entity, c.field, c.oldValue, c.oldName),
                    valueText(e.entity, c.field, c.newValue, c.newName));
        case BeforeColumn:
            return role == Qt::ToolTipRole && c.oldName.isEmpty() ? c.oldValue : valueText(e.entity, c.field, c.oldValue, c.oldName);
        case AfterColumn:
            return role == Qt::ToolTipRole && c.newName.isEmpty() ? c.newValue : valueText(e.entity, c.field, c.newValue, c.newName);
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    return ColumnHeaders::data("HistoryModel", kTitles, section, orientation, role);
}
