#pragma once

// A small agency with known figures for the dashboard and report tests, written with plain INSERTs. With the
// clock at Wednesday 18 November 2026 10:00 and "Last 30 days" (20 October to 18 November): 6 interactions
// (Ada 3 outbound emails on 10 November, Ben 2 inbound calls on 3 November, Cleo 1 outbound meeting on
// 25 October), 2 pitches sent (Ada's replied within 2 days and covered, Ben's pitched), Cleo's planned, 2
// coverage pieces (Daily Planet, reach 500,000, positive; Tech Weekly, reach 20,000, neutral), 3 new contacts.
#include "storage/database.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariantMap>

namespace DashboardFixture {

inline const QDateTime kNow = QDateTime(QDate(2026, 11, 18), QTime(10, 0));
constexpr qint64 kClient = 1, kDailyPlanet = 2, kTechWeekly = 3;
constexpr qint64 kAda = 1, kBen = 2, kCleo = 3, kCampaign = 1;

inline qint64 at(int month, int day, int hour = 11)
{
    return QDateTime(QDate(2026, month, day), QTime(hour, 0)).toMSecsSinceEpoch();
}

inline bool exec(Database &db, const QString &sql, const QVariantMap &binds = {})
{
    QSqlQuery q(db.connection());
    if (!q.prepare(sql))
        return false;
    for (auto it = binds.cbegin(); it != binds.cend(); ++it)
        q.bindValue(it.key(), it.value());
    if (!q.exec()) {
        qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
        return false;
    }
    return true;
}

inline bool populate(Database &db)
{
    const qint64 old = at(1, 5);
    const QString t = QString::number(old);
    const QString created = QString::number(at(11, 15));
    bool ok = exec(db,
        QStringLiteral(
            "INSERT INTO organizations (id, name, kind, reach, created_at, updated_at) VALUES "
            "(1, 'Acme Robotics', 'client', NULL, %1, %1), (2, 'Daily Planet', 'newspaper', 500000, %1, %1), "
            "(3, 'Tech Weekly', 'magazine', 20000, %1, %1)")
            .arg(t));
    ok = ok
        && exec(db,
            QStringLiteral(
                "INSERT INTO contacts (id, display_name, sort_name, organization_id, health_score, created_at, "
                "updated_at) VALUES "
                "(1, 'Ada Lovelace', 'ada lovelace', 2, 80, %1, %1), (2, 'Ben Okri', 'ben okri', 3, 40, %1, %1), "
                "(3, 'Cleo Park', 'cleo park', NULL, 20, %1, %1)")
                .arg(created));
    ok = ok
        && exec(db,
            QStringLiteral("INSERT INTO campaigns (id, client_id, name, status, created_at, updated_at) VALUES "
                           "(1, 1, 'Acme Launch', 'active', %1, %1)")
                .arg(t));
    const auto interaction
        = [&](qint64 contact, const char *channel, const char *direction, qint64 when, const QString &subject) {
              return exec(db,
                  QStringLiteral("INSERT INTO interactions (contact_id, channel, direction, occurred_at, subject, "
                                 "created_at, updated_at) "
                                 "VALUES (:c, :ch, :d, :at, :s, :at, :at)"),
                  { { QStringLiteral(":c"), contact }, { QStringLiteral(":ch"), QString::fromLatin1(channel) },
                      { QStringLiteral(":d"), QString::fromLatin1(direction) }, { QStringLiteral(":at"), when },
                      { QStringLiteral(":s"), subject } });
          };
    for (int i = 0; i < 3; ++i)
        ok = ok
            && interaction(kAda, "email", "outbound", at(11, 10, 9 + i), QStringLiteral("Embargoed numbers %1").arg(i));
    for (int i = 0; i < 2; ++i)
        ok = ok && interaction(kBen, "call", "inbound", at(11, 3, 9 + i), QStringLiteral("Ben calls back %1").arg(i));
    ok = ok && interaction(kCleo, "meeting", "outbound", at(10, 25), QStringLiteral("Coffee with Cleo"));
    ok = ok
        && exec(db,
            QStringLiteral("INSERT INTO pitches (id, campaign_id, contact_id, status, pitched_at, replied_at, "
                           "created_at, updated_at) VALUES "
                           "(1, 1, 1, 'covered', %1, %2, %3, %3), (2, 1, 2, 'pitched', %4, NULL, %3, %3), "
                           "(3, 1, 3, 'planned', NULL, NULL, %5, %5)")
                .arg(at(11, 2))
                .arg(at(11, 4))
                .arg(at(11, 1))
                .arg(at(11, 5))
                .arg(at(11, 1)));
    ok = ok
        && exec(db,
            QStringLiteral(
                "INSERT INTO coverage (campaign_id, pitch_id, contact_id, organization_id, title, url, published_at, "
                "reach, sentiment, created_at, updated_at) VALUES "
                "(1, 1, 1, 2, 'Acme rockets ahead', 'https://dailyplanet.example/acme-rockets', %1, 500000, 1, %1, "
                "%1), "
                "(1, NULL, 2, 3, 'Acme tested', 'https://techweekly.example/acme-tested', %2, 20000, 0, %2, %2)")
                .arg(at(11, 12))
                .arg(at(11, 14)));
    return ok;
}

} // namespace DashboardFixture
