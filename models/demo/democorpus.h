#pragma once

#include <QString>
#include <QStringList>

// The words the demo data is made of: international names, outlets, clients, places, beats, titles, and the
// phrases of a PR agency's conversations. Plain data; DemoBuilder picks from it with a seeded DemoRandom.
namespace DemoCorpus {

struct Place
{
    QString city;
    QString country;
    QString timeZone;
    QString phonePrefix; // country and area code, e.g. "+44 20"
};

struct Outlet
{
    QString name;
    QString kind; // organizations.kind
};

const QStringList &firstNames();
const QStringList &lastNames();
const QList<Place> &places();
const QList<Outlet> &smallOutlets(); // the curated outlets of the small agency
const QStringList &smallClients(); // its client companies
const QStringList &outletWords(); // building blocks for the large dataset's outlets
const QStringList &outletNouns();
const QStringList &clientWords();
const QStringList &clientSuffixes();
const QStringList &beats();
const QStringList &tags();
const QStringList &mastodonServers();
const QStringList &products(); // what clients launch: "smart thermostat"...
const QStringList &campaignPatterns(); // "%1 %2 launch" with %1 client, %2 product
const QStringList &titlesFor(const QString &contactKind, const QString &outletKind);
const QStringList &doNotContactReasons();
const QStringList &consentSources();
const QStringList &followUpNotes(); // %1 = first name, %2 = client

// Subject and body templates per interaction channel and direction: %1 first name, %2 client,
// %3 product, %4 beat, %5 the user's first name.
struct Message
{
    QString subject;
    QString body;
};
const QList<Message> &messages(const QString &channel, bool inbound);
const QStringList &outcomes(const QString &channel);

// Replaces %1..%count in a template with args. Unlike QString::arg(), a template may leave some out
// ("Why %3 is having a moment") without the others shifting or a warning.
QString fill(const QString &pattern, const QString *args, int count);

// Lower-case ASCII letters and digits only ("Zoë O'Brien" -> "zoeobrien"), for handles and domains.
QString slug(const QString &text);

} // namespace DemoCorpus
