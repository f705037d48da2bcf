#include "duplicaterepository.h"

#include "domain/text.h"
#include "storage/database.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>
#include <QSqlQuery>

#include <algorithm>

namespace {

// lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so Tr::tr("...") calls are extracted.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(DuplicateRepository)
};

// A contact's name reduced to what the name rule compares.
struct NameKey
{
    qint64 id = 0;
    QString name; // as shown
    QString folded; // Text::fold of the whole name, spaces collapsed
    QString last; // folded last name
    QChar initial; // folded first letter of the first name
};

NameKey nameKey(const QString &displayName, const QString &firstName = {}, const QString &lastName = {})
{
    NameKey key;
    key.name = displayName;
    key.folded = Text::fold(displayName.simplified());
    QString first = Text::fold(firstName.simplified());
    key.last = Text::fold(lastName.simplified());
    if (key.last.isEmpty()) {
        const QStringList words = key.folded.split(u' ', Qt::SkipEmptyParts);
        if (words.size() >= 2) {
            key.last = words.last();
            first = words.first();
        }
    }
    if (!first.isEmpty())
        key.initial = first.at(0);
    return key;
}

bool similar(const NameKey &a, const NameKey &b)
{
    if (a.folded == b.folded)
        return true;
    if (!a.last.isEmpty() && a.last == b.last && !a.initial.isNull() && a.initial == b.initial)
        return true;
    const int limit = qMin(a.folded.size(), b.folded.size()) >= 10 ? 2 : 1;
    return DuplicateRepository::editDistance(a.folded, b.folded, limit) <= limit;
}

} // namespace

int DuplicateRepository::editDistance(const QString &a, const QString &b, int limit)
{
    // Levenshtein distance, giving up (limit + 1) as soon as every path exceeds the limit.
    if (qAbs(a.size() - b.size()) > limit)
        return limit + 1;
    QList<int> previous(b.size() + 1), current(b.size() + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        previous[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        current[0] = int(i);
        int best = current[0];
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int cost = a.at(i - 1) == b.at(j - 1) ? 0 : 1;
            current[j] = std::min({ previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost });
            best = std::min(best, current[j]);
        }
        if (best > limit)
            return limit + 1;
        std::swap(previous, current);
    }
    return previous[b.size()];
}

bool DuplicateRepository::similarNames(const QString &a, const QString &b)
{
    return similar(nameKey(a), nameKey(b));
}

int DuplicateRepository::completeness(const Contact &c)
{
    int score = 0;
    for (const QString *field : { &c.firstName, &c.lastName, &c.title, &c.organizationRole, &c.city, &c.country,
             &c.timeZone, &c.preferredChannel, &c.pronouns, &c.notes, &c.consentBasis })
        score += field->trimmed().isEmpty() ? 0 : 1;
    score += (c.organizationId > 0) + (c.reach > 0) + (c.ownerId > 0);
    score += int(c.emails.size() + c.phones.size() + c.handles.size() + c.beats.size() + c.tags.size());
    return score;
}

qint64 DuplicateRepository::suggestedKeep(const Contact &a, const Contact &b)
{
    // "Clearly" more complete: a margin of 3, so one stray field does not outweigh age.
    const int ca = completeness(a);
    const int cb = completeness(b);
    if (ca >= cb + 3)
        return a.id;
    if (cb >= ca + 3)
        return b.id;
    if (a.createdAt.isValid() && b.createdAt.isValid() && a.createdAt != b.createdAt)
        return a.createdAt < b.createdAt ? a.id : b.id;
    return qMin(a.id, b.id);
}

Result<QList<DuplicatePair>> DuplicateRepository::findPairs(int maxPairs)
{
    QList<DuplicatePair> pairs;
    QSet<std::pair<qint64, qint64>> seen;
    auto add = [&](qint64 a, qint64 b, const QString &nameA, const QString &nameB, DuplicatePair::Reason reason,
                   const QString &detail) {
        if (a == b || pairs.size() >= maxPairs)
            return;
        DuplicatePair p { qMin(a, b), qMax(a, b), a < b ? nameA : nameB, a < b ? nameB : nameA, reason, detail };
        if (seen.contains({ p.firstId, p.secondId }))
            return;
        seen.insert({ p.firstId, p.secondId });
        pairs.append(p);
    };
    auto byIdentity = [&](const QString &sql, DuplicatePair::Reason reason) -> Status {
        QSqlQuery q(m_db.connection());
        q.setForwardOnly(true);
        if (!q.exec(sql))
            return m_db.errorFrom(q, Tr::tr("looking for duplicates"));
        while (q.next())
            add(q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(3).toString(), q.value(4).toString(), reason,
                q.value(2).toString());
        return {};
    };
    // Only addresses used by more than one contact reach the join (an index-only GROUP BY first).
    Status s = byIdentity(
        QStringLiteral("SELECT e1.contact_id, e2.contact_id, e1.email, c1.display_name, c2.display_name "
                       "FROM (SELECT normalized FROM contact_emails GROUP BY normalized HAVING count(*) > 1) d "
                       "JOIN contact_emails e1 ON e1.normalized = d.normalized "
                       "JOIN contact_emails e2 ON e2.normalized = d.normalized AND e2.contact_id > e1.contact_id "
                       "JOIN contacts c1 ON c1.id = e1.contact_id AND c1.deleted_at IS NULL "
                       "JOIN contacts c2 ON c2.id = e2.contact_id AND c2.deleted_at IS NULL "
                       "ORDER BY e1.contact_id, e2.contact_id"),
        DuplicatePair::Reason::SameEmail);
    if (s)
        s = byIdentity(
            QStringLiteral("SELECT h.contact_id, e.contact_id, h.handle, c1.display_name, c2.display_name "
                           "FROM handles h "
                           "JOIN contact_emails e ON e.normalized = h.normalized AND e.contact_id <> h.contact_id "
                           "JOIN contacts c1 ON c1.id = h.contact_id AND c1.deleted_at IS NULL "
                           "JOIN contacts c2 ON c2.id = e.contact_id AND c2.deleted_at IS NULL "
                           "WHERE h.network = 'email' ORDER BY h.contact_id, e.contact_id"),
            DuplicatePair::Reason::SameHandle);
    if (!s)
        return s.error();

    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT c.id, c.organization_id, c.display_name, c.first_name, c.last_name, o.name "
                               "FROM contacts c JOIN organizations o ON o.id = c.organization_id "
                               "WHERE c.deleted_at IS NULL ORDER BY c.organization_id, c.id")))
        return m_db.errorFrom(q, Tr::tr("looking for duplicates"));
    QList<NameKey> group;
    qint64 groupOrg = -1;
    QString groupOutlet;
    auto compareGroup = [&] {
        for (qsizetype i = 0; i < group.size(); ++i)
            for (qsizetype j = i + 1; j < group.size(); ++j)
                if (similar(group.at(i), group.at(j)))
                    add(group.at(i).id, group.at(j).id, group.at(i).name, group.at(j).name,
                        DuplicatePair::Reason::SimilarName, groupOutlet);
        group.clear();
    };
    while (q.next()) {
        const qint64 org = q.value(1).toLongLong();
        if (org != groupOrg) {
            compareGroup();
            groupOrg = org;
            groupOutlet = q.value(5).toString();
        }
        NameKey key = nameKey(q.value(2).toString(), q.value(3).toString(), q.value(4).toString());
        key.id = q.value(0).toLongLong();
        group.append(std::move(key));
    }
    compareGroup();
    return pairs;
}
