#include "recordmerge.h"

#include "domain/campaignstatus.h"
#include "domain/pitchstatus.h"
#include "itemmodels/organizationlistmodel.h"

#include <QLocale>
#include <QVariant>

namespace {

QString dateText(const QDateTime &at)
{
    return at.isValid() ? QLocale().toString(at.toLocalTime().date(), QLocale::ShortFormat) : QString();
}

QString dateTimeText(const QDateTime &at)
{
    return at.isValid() ? QLocale().toString(at.toLocalTime(), QLocale::ShortFormat) : QString();
}

QString named(const std::function<QString(qint64)> &name, qint64 id)
{
    if (id <= 0)
        return {};
    const QString n = name ? name(id) : QString();
    return n.isEmpty() ? QStringLiteral("#%1").arg(id) : n;
}

} // namespace

// Each field of a record whose member is a plain value compared as text.
#define RAPPORT_PLAIN(T, key, label, member)                                                                           \
    FieldMerge::Field<T>                                                                                               \
    {                                                                                                                  \
        QStringLiteral(key), "RecordMerge", label, [](const T &r) { return QVariant(r.member).toString(); },          \
            [](T &t, const T &s) { t.member = s.member; }                                                             \
    }

QList<FieldMerge::Field<Organization>> RecordMerge::organizationFields()
{
    using F = FieldMerge::Field<Organization>;
    return {
        RAPPORT_PLAIN(Organization, "name", QT_TRANSLATE_NOOP("RecordMerge", "Name"), name),
        F { QStringLiteral("kind"), "RecordMerge", QT_TRANSLATE_NOOP("RecordMerge", "Kind"),
            [](const Organization &o) { return OrganizationListModel::kindLabel(o.kind); },
            [](Organization &t, const Organization &s) { t.kind = s.kind; } },
        RAPPORT_PLAIN(Organization, "website", QT_TRANSLATE_NOOP("RecordMerge", "Website"), website),
        F { QStringLiteral("reach"), "RecordMerge", QT_TRANSLATE_NOOP("RecordMerge", "Reach"),
            [](const Organization &o) { return o.reach > 0 ? QLocale().toString(o.reach) : QString(); },
            [](Organization &t, const Organization &s) { t.reach = s.reach; } },
        RAPPORT_PLAIN(Organization, "city", QT_TRANSLATE_NOOP("RecordMerge", "City"), city),
        RAPPORT_PLAIN(Organization, "country", QT_TRANSLATE_NOOP("RecordMerge", "Country"), country),
        RAPPORT_PLAIN(Organization, "notes", QT_TRANSLATE_NOOP("RecordMerge", "Notes"), notes),
    };
}

RecordMerge::Outcome<Organization> RecordMerge::merge(
    const Organization &original, const Organization &mine, const Organization &theirs)
{
    Outcome<Organization> out = FieldMerge::merge(organizationFields(), original, mine, theirs);
    out.merged.updatedAt = theirs.updatedAt;
    return out;
}

QList<FieldMerge::Field<Campaign>> RecordMerge::campaignFields(const Names &names)
{
    using F = FieldMerge::Field<Campaign>;
    return {
        RAPPORT_PLAIN(Campaign, "name", QT_TRANSLATE_NOOP("RecordMerge", "Name"), name),
        F { QStringLiteral("client_id"), "RecordMerge", QT_TRANSLATE_NOOP("RecordMerge", "Client"),
            [names](const Campaign &c) { return named(names.organization, c.clientId); },
            [](Campaign &t, const Campaign &s) { t.clientId = s.clientId; } },
        F { QStringLiteral("status"), "RecordMerge", QT_TRANSLATE_NOOP("RecordMerge", "Status"),
            [](const Campaign &c) { return CampaignStatus::label(c.status); },
            [](Campaign &t, const Campaign &s) { t.status = s.status; } },
        F { QStringLiteral("starts_at"), "RecordMerge", QT_TRANSLATE_NOOP("RecordMerge", "Starts"),
            [](const Campaign &c) { return dateText(c.startsAt); },
            [](Campaign &t, const Campaign &s) { t.startsAt = s.startsAt; } },
        F { QStringLiteral("ends_at"), "RecordMerge", QT_TRANSLATE_NOOP("RecordMerge", "Ends"),
            [](const Campaign &c) { return dateText(c.endsAt); },
            [](Campaign &t, const Campaign &s) { t.endsAt = s.endsAt; } },
        F { QStringLiteral("owner_id"), "RecordMerge", QT_TRANSLATE_NOOP("RecordMerge", "Owner"),
            [names](const Campaign &c) { return named(names.user, c.ownerId); },
            [](Campaign &t, const Campaign &s) { t.ownerId = s.ownerId; } },
        RAPPORT_PLAIN(Campaign, "description", QT_TRANSLATE_NOOP("RecordMerge", "Description"), description),
        RAPPORT_PLAIN(Campaign, "goals", QT_TRANSLATE_NOOP("RecordMerge", "Goals"), goals),
        RAPPORT_PLAIN(Campaign, "key_messages", QT_TRANSLATE_NOOP("RecordMerge", "Key messages"), keyMessages),
        F { QStringLiteral("topics"), "RecordMerge", QT_TRANSLATE_NOOP("RecordMerge", "Topics"),
            [](const Campaign &c) { return c.topics.join(QStringLiteral(", ")); },
            [](Campaign &t, const Campaign &s) { t.topics = s.topics; } },
        F { QStringLiteral("members"), "RecordMerge", QT_TRANSLATE_NOOP("RecordMerge", "Team"),
            [names](const Campaign &c) {
                QList<qint64> ids = c.memberIds;
                std::sort(ids.begin(), ids.end());
                QStringList out;
                for (qint64 id : ids)
                    out << named(names.user, id);
                return out.join(QStringLiteral(", "));
            },
            [](Campaign &t, const Campaign &s) { t.memberIds = s.memberIds; } },
    };
}

RecordMerge::Outcome<Campaign> RecordMerge::merge(
    const Campaign &original, const Campaign &mine, const Campaign &theirs, const Names &names)
{
    Outcome<Campaign> out = FieldMerge::merge(campaignFields(names), original, mine, theirs);
    out.merged.updatedAt = theirs.updatedAt;
    return out;
}

QList<FieldMerge::Field<Pitch>> RecordMerge::pitchFields(const Names &names)
{
    using F = FieldMerge::Field<Pitch>;
    return {
        F { QStringLiteral("status"), "RecordMerge", QT_TRANSLATE_NOOP("RecordMerge", "Stage"),
            [](const Pitch &p) { return PitchStatus::label(p.status); },
            [](Pitch &t, const Pitch &s) { t.status = s.status; } },
        F { QStringLiteral("pitched_at"), "RecordMerge", QT_TRANSLATE_NOOP("RecordMerge", "Pitched"),
            [](const Pitch &p) { return dateTimeText(p.pitchedAt); },
            [](Pitch &t, const Pitch &s) { t.pitchedAt = s.pitchedAt; } },
        F { QStringLiteral("replied_at"), "RecordMerge", QT_TRANSLATE_NOOP("RecordMerge", "Replied"),
            [](const Pitch &p) { return dateTimeText(p.repliedAt); },
            [](Pitch &t, const Pitch &s) { t.repliedAt = s.repliedAt; } },
        F { QStringLiteral("user_id"), "RecordMerge", QT_TRANSLATE_NOOP("RecordMerge", "Pitched by"),
            [names](const Pitch &p) { return named(names.user, p.userId); },
            [](Pitch &t, const Pitch &s) { t.userId = s.userId; } },
        F { QStringLiteral("content_item_id"), "RecordMerge", QT_TRANSLATE_NOOP("RecordMerge", "Content used"),
            [](const Pitch &p) { return p.contentItemId > 0 ? QStringLiteral("#%1").arg(p.contentItemId) : QString(); },
            [](Pitch &t, const Pitch &s) { t.contentItemId = s.contentItemId; } },
        RAPPORT_PLAIN(Pitch, "notes", QT_TRANSLATE_NOOP("RecordMerge", "Notes"), notes),
    };
}

RecordMerge::Outcome<Pitch> RecordMerge::merge(
    const Pitch &original, const Pitch &mine, const Pitch &theirs, const Names &names)
{
    Outcome<Pitch> out = FieldMerge::merge(pitchFields(names), original, mine, theirs);
    out.merged.updatedAt = theirs.updatedAt;
    out.merged.updatedBy = theirs.updatedBy;
    return out;
}

#undef RAPPORT_PLAIN
