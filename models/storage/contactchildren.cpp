// ContactRepository: an update's email addresses, phone numbers, handles, beats and tags, written as the
// difference to what is stored. Rewriting every row would leave a removal and an addition of each unchanged
// row in the history (schema v21) on every save.
#include "contactrepository.h"

#include "domain/validation.h"
#include "storage/database.h"

#include <QCoreApplication>
#include <QSet>
#include <QSqlQuery>

#include <algorithm>

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ContactRepository)
};

// One stored row of a positioned child table (emails, phones).
struct Stored
{
    qint64 id = 0;
    QString label;
    QString value;
    int position = 0;
    bool kept = false;
};

} // namespace

Status ContactRepository::updateChildren(const Contact &c)
{
    const QString doing = Tr::tr("saving the contact");
    QSqlQuery q(m_db.connection());
    auto read = [&](const QString &sql) -> Result<QList<Stored>> {
        q.prepare(sql);
        q.bindValue(QStringLiteral(":contact"), c.id);
        if (!q.exec())
            return m_db.errorFrom(q, doing);
        QList<Stored> rows;
        while (q.next())
            rows.append({ q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(), q.value(3).toInt() });
        q.finish();
        return rows;
    };
    auto deleteRow = [&](const QString &table, qint64 id) -> Status {
        q.prepare(QStringLiteral("DELETE FROM ") + table + QStringLiteral(" WHERE id = :id"));
        q.bindValue(QStringLiteral(":id"), id);
        if (!q.exec())
            return m_db.errorFrom(q, doing);
        return {};
    };

    // Emails and phones: a wanted value matches the first stored row with the same text; the others go first,
    // then the kept rows get their label and place, then the new ones are added.
    struct Positioned
    {
        QString table;
        QString column;
        QList<std::pair<QString, QString>> wanted; // label, value
        QString errorDoing;
    };
    Positioned lists[] = {
        { QStringLiteral("contact_emails"), QStringLiteral("email"), {}, Tr::tr("saving the contact's email addresses") },
        { QStringLiteral("contact_phones"), QStringLiteral("phone"), {}, Tr::tr("saving the contact's phone numbers") },
    };
    for (const ContactEmail &e : c.emails)
        lists[0].wanted.append({ e.label.isEmpty() ? QStringLiteral("work") : e.label, e.email });
    for (const ContactPhone &p : c.phones)
        lists[1].wanted.append({ p.label.isEmpty() ? QStringLiteral("work") : p.label, p.phone.trimmed() });
    for (const Positioned &list : lists) {
        Result<QList<Stored>> stored = read(QStringLiteral("SELECT id, label, %1, position FROM %2 "
                                                           "WHERE contact_id = :contact ORDER BY position, id")
                                                .arg(list.column, list.table));
        if (!stored)
            return stored.error();
        QList<qint64> matched(list.wanted.size(), 0);
        for (qsizetype i = 0; i < list.wanted.size(); ++i)
            for (Stored &row : *stored)
                if (!row.kept && row.value == list.wanted.at(i).second) {
                    row.kept = true;
                    matched[i] = row.id;
                    break;
                }
        for (const Stored &row : std::as_const(*stored))
            if (!row.kept)
                if (Status s = deleteRow(list.table, row.id); !s)
                    return s;
        for (qsizetype i = 0; i < list.wanted.size(); ++i) {
            const auto &[label, value] = list.wanted.at(i);
            if (matched.at(i) > 0) {
                const auto row = std::find_if(stored->cbegin(), stored->cend(),
                    [&](const Stored &r) { return r.id == matched.at(i); });
                if (row->label == label && row->position == int(i))
                    continue;
                q.prepare(QStringLiteral("UPDATE %1 SET label = :label, position = :position WHERE id = :id")
                              .arg(list.table));
                q.bindValue(QStringLiteral(":id"), matched.at(i));
            } else if (list.table == u"contact_emails") {
                q.prepare(QStringLiteral("INSERT INTO contact_emails (contact_id, label, email, normalized, position) "
                                         "VALUES (:contact, :label, :value, :normalized, :position)"));
                q.bindValue(QStringLiteral(":contact"), c.id);
                q.bindValue(QStringLiteral(":value"), value);
                q.bindValue(QStringLiteral(":normalized"), Validation::normalizeEmail(value));
            } else {
                q.prepare(QStringLiteral("INSERT INTO contact_phones (contact_id, label, phone, position) "
                                         "VALUES (:contact, :label, :value, :position)"));
                q.bindValue(QStringLiteral(":contact"), c.id);
                q.bindValue(QStringLiteral(":value"), value);
            }
            q.bindValue(QStringLiteral(":label"), label);
            q.bindValue(QStringLiteral(":position"), int(i));
            if (!q.exec())
                return m_db.errorFrom(q, list.errorDoing);
        }
    }

    // Handles: the same network and normalized handle is the same row (its text may be written differently).
    Result<QList<Stored>> handles = read(QStringLiteral("SELECT id, network, normalized, 0 FROM handles "
                                                        "WHERE contact_id = :contact ORDER BY id"));
    if (!handles)
        return handles.error();
    QList<Handle> added;
    QList<std::pair<qint64, QString>> retyped; // id, new text
    for (const Handle &h : c.handles) {
        const auto row = std::find_if(handles->begin(), handles->end(),
            [&](const Stored &r) { return !r.kept && r.label == h.network && r.value == h.normalized; });
        if (row == handles->end()) {
            added.append(h);
            continue;
        }
        row->kept = true;
        retyped.append({ row->id, h.handle });
    }
    for (const Stored &row : std::as_const(*handles))
        if (!row.kept)
            if (Status s = deleteRow(QStringLiteral("handles"), row.id); !s)
                return s;
    // Only a handle typed differently changes its row (the WHERE leaves equal ones alone).
    q.prepare(QStringLiteral("UPDATE handles SET handle = :handle WHERE id = :id AND handle <> :handle"));
    for (const auto &[id, text] : std::as_const(retyped)) {
        q.bindValue(QStringLiteral(":handle"), text);
        q.bindValue(QStringLiteral(":id"), id);
        if (!q.exec())
            return m_db.errorFrom(q, Tr::tr("saving the contact's handles"));
    }
    Contact newHandles;
    newHandles.id = c.id;
    newHandles.handles = added;
    if (Status s = writeChildren(newHandles); !s) // only handles: its other lists are empty
        return s;

    // Beats and tags: by tag id.
    QList<qint64> wantedTags; // in the order typed, so the history lists them so
    for (const auto &[names, kind] : { std::pair { &c.beats, QStringLiteral("beat") }, std::pair { &c.tags, QStringLiteral("tag") } })
        for (const QString &name : *names) {
            const QString trimmed = name.trimmed();
            if (trimmed.isEmpty())
                continue;
            Result<qint64> tag = tagId(trimmed, kind);
            if (!tag)
                return tag.error();
            if (!wantedTags.contains(*tag))
                wantedTags.append(*tag);
        }
    q.prepare(QStringLiteral("SELECT tag_id FROM contact_tags WHERE contact_id = :contact"));
    q.bindValue(QStringLiteral(":contact"), c.id);
    if (!q.exec())
        return m_db.errorFrom(q, doing);
    QSet<qint64> storedTags;
    while (q.next())
        storedTags.insert(q.value(0).toLongLong());
    q.finish();
    for (const qint64 tag : std::as_const(storedTags)) {
        if (wantedTags.contains(tag))
            continue;
        q.prepare(QStringLiteral("DELETE FROM contact_tags WHERE contact_id = :contact AND tag_id = :tag"));
        q.bindValue(QStringLiteral(":contact"), c.id);
        q.bindValue(QStringLiteral(":tag"), tag);
        if (!q.exec())
            return m_db.errorFrom(q, Tr::tr("saving the contact's tags"));
    }
    for (const qint64 tag : std::as_const(wantedTags)) {
        if (storedTags.contains(tag))
            continue;
        q.prepare(QStringLiteral("INSERT INTO contact_tags (contact_id, tag_id) VALUES (:contact, :tag)"));
        q.bindValue(QStringLiteral(":contact"), c.id);
        q.bindValue(QStringLiteral(":tag"), tag);
        if (!q.exec())
            return m_db.errorFrom(q, Tr::tr("saving the contact's tags"));
    }
    return {};
}
