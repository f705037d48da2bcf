#pragma once

// Shared by the contact list model tests: a database filled with contacts whose sort keys repeat and are
// sometimes empty, and the order the list should show, computed without SQL.
#include "itemmodels/contactlistmodel.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "storage/userrepository.h"
#include "testdatabase.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <QJsonObject>
#include <QLocale>

#include <algorithm>
#include <functional>
#include <optional>


namespace ContactListFixture {


// What the test wrote for one contact, to compute the expected order independently of the SQL.
struct Expected
{
    qint64 id = 0;
    QString name;
    std::optional<QString> outlet;
    std::optional<QString> title;
    QString kind;
    std::optional<QString> owner;
    std::optional<qint64> lastContacted;
    std::optional<int> health; // empty: never scored
    qint64 updated = 0;
};

constexpr int kContacts = 300;

// Fills the database with kContacts contacts whose sort keys repeat (so ties occur) and are sometimes empty.
inline QList<Expected> fill(Database &db)
{
    QList<Expected> all;
    const QStringList outlets = { QStringLiteral("Daily Planet"), QStringLiteral("Bugle"), QStringLiteral("Sentinel"),
        QStringLiteral("Chronicle"), QStringLiteral("Bugle") }; // two outlets named alike
    QList<qint64> outletIds;
    {
        QSqlQuery q(db.connection());
        for (const QString &name : outlets) {
            q.prepare(QStringLiteral("INSERT INTO organizations (name, created_at, updated_at) "
                                     "VALUES (:name, 0, 0) RETURNING id"));
            q.bindValue(QStringLiteral(":name"), name);
            if (!q.exec() || !q.next())
                qFatal("inserting an organization failed");
            outletIds << q.value(0).toLongLong();
        }
    }
    UserRepository users(db);
    const Result<User> zoe = users.ensureUser(QStringLiteral("zoe"), QStringLiteral("Zoe Owner"));
    const Result<User> adam = users.ensureUser(QStringLiteral("adam"), QStringLiteral("Adam Owner"));
    if (!zoe || !adam)
        qFatal("creating users failed");

    ContactRepository repo(db);
    const QStringList kinds = Contact::kinds();
    for (int i = 0; i < kContacts; ++i) {
        Contact c;
        // 97 is coprime with 300: names come in a shuffled order, and every third name repeats.
        c.displayName = QStringLiteral("Contact %1").arg((i * 97) % kContacts / 3, 3, 10, QLatin1Char('0'));
        c.title = i % 4 == 0 ? QString() : QStringLiteral("Title %1").arg(i % 7);
        c.kind = kinds.at((i * 5) % kinds.size());
        c.organizationId = i % 6 == 0 ? 0 : outletIds.at(i % outletIds.size());
        c.ownerId = i % 5 == 0 ? 0 : (i % 2 ? zoe->id : adam->id);
        c.doNotContact = i % 50 == 7;
        c.emails = { { QStringLiteral("work"), QStringLiteral("c%1@example.org").arg(i) },
            { QStringLiteral("home"), QStringLiteral("home%1@example.org").arg(i) } };
        if (Status s = repo.create(c); !s)
            qFatal("creating a contact failed: %s", qPrintable(s.error().message));
        Expected e;
        e.id = c.id;
        e.name = c.displayName;
        if (c.organizationId)
            e.outlet = outlets.at(i % outletIds.size());
        if (!c.title.isEmpty())
            e.title = c.title;
        e.kind = c.kind;
        if (c.ownerId)
            e.owner = c.ownerId == zoe->id ? zoe->name : adam->name;
        if (i % 3 != 0)
            e.lastContacted = 1700000000000LL + (i % 11) * 86400000LL;
        // Scores repeat (ties), reach both ends of 0..100, and are sometimes missing (never scored).
        if (i % 5 != 2)
            e.health = i % 17 == 0 ? 100 : (i * 37) % 23 * 4;
        e.updated = 1710000000000LL + (i % 13) * 1000LL;
        all << e;
    }
    // Times the repository does not set from outside: write them directly.
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("UPDATE contacts SET last_contacted_at = :last, health_score = :health, "
                             "updated_at = :updated WHERE id = :id"));
    for (const Expected &e : std::as_const(all)) {
        q.bindValue(QStringLiteral(":last"),
            e.lastContacted ? QVariant(*e.lastContacted) : QVariant(QMetaType::fromType<qint64>()));
        q.bindValue(QStringLiteral(":health"), e.health ? QVariant(*e.health) : QVariant(QMetaType::fromType<int>()));
        q.bindValue(QStringLiteral(":updated"), e.updated);
        q.bindValue(QStringLiteral(":id"), e.id);
        if (!q.exec())
            qFatal("setting times failed");
    }
    return all;
}

// Compares optional keys: `emptyFirst` puts a missing value before every present one.
template <typename T> inline int compareOptional(const std::optional<T> &a, const std::optional<T> &b, bool emptyFirst)
{
    if (a.has_value() != b.has_value())
        return a.has_value() == emptyFirst ? 1 : -1;
    if (!a)
        return 0;
    return *a < *b ? -1 : *b < *a ? 1 : 0;
}

template <typename T> inline int compareValues(const T &a, const T &b)
{
    return a < b ? -1 : b < a ? 1 : 0;
}

inline QList<qint64> expectedOrder(QList<Expected> rows, int column, Qt::SortOrder order)
{
    const bool asc = order == Qt::AscendingOrder;
    std::sort(rows.begin(), rows.end(), [&](const Expected &a, const Expected &b) {
        int c = 0;
        bool emptiesLast = false; // empty text goes last in both directions
        switch (column) {
        case ContactListModel::NameColumn:
            c = compareValues(a.name, b.name);
            break;
        case ContactListModel::OutletColumn:
            emptiesLast = a.outlet.has_value() != b.outlet.has_value();
            c = emptiesLast ? (a.outlet ? -1 : 1) : compareOptional(a.outlet, b.outlet, false);
            break;
        case ContactListModel::TitleColumn:
            emptiesLast = a.title.has_value() != b.title.has_value();
            c = emptiesLast ? (a.title ? -1 : 1) : compareOptional(a.title, b.title, false);
            break;
        case ContactListModel::KindColumn:
            c = compareValues(ContactListModel::kindLabel(a.kind), ContactListModel::kindLabel(b.kind));
            break;
        case ContactListModel::OwnerColumn:
            emptiesLast = a.owner.has_value() != b.owner.has_value();
            c = emptiesLast ? (a.owner ? -1 : 1) : compareOptional(a.owner, b.owner, false);
            break;
        case ContactListModel::LastContactedColumn:
            c = compareOptional(a.lastContacted, b.lastContacted, true); // never contacted is the oldest
            break;
        case ContactListModel::HealthColumn:
            c = compareOptional(a.health, b.health, true); // never scored is the lowest
            break;
        case ContactListModel::UpdatedColumn:
            c = compareValues(a.updated, b.updated);
            break;
        }
        if (emptiesLast)
            return c < 0;
        if (c == 0)
            c = compareValues(a.id, b.id);
        return asc ? c < 0 : c > 0;
    });
    QList<qint64> ids;
    for (const Expected &e : rows)
        ids << e.id;
    return ids;
}

inline QList<qint64> modelOrder(const ContactListModel &model)
{
    QList<qint64> ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids << model.index(row, 0).data(ContactListModel::IdRole).toLongLong();
    return ids;
}


} // namespace ContactListFixture
