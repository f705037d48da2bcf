#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

struct ContactEmail
{
    QString label;
    QString email;
    bool operator==(const ContactEmail &) const = default;
};

struct ContactPhone
{
    QString label;
    QString phone;
    bool operator==(const ContactPhone &) const = default;
};

// An identity on a network. `network` is one of the Handle::Network names; `normalized` is filled in by
// normalizeHandle() (domain/validation.h) and is what uniqueness and matching use.
struct Handle
{
    QString network; // email, mastodon, bluesky, feed, website, linkedin, x
    QString handle;
    QString normalized;
    bool operator==(const Handle &) const = default;
};

// A person the agency talks to, with everything on their profile.
struct Contact
{
    qint64 id = 0;
    QString firstName;
    QString lastName;
    QString displayName;
    QString title;
    qint64 organizationId = 0;
    QString organizationName; // read only: filled when loading
    QString organizationRole;
    QString kind = QStringLiteral("journalist");
    QString city;
    QString country;
    QString timeZone;
    qint64 reach = 0;
    QString preferredChannel;
    QString pronouns;
    QString notes;
    bool doNotContact = false;
    QString doNotContactReason;
    QString consentBasis;
    QDateTime consentAt;
    QString consentSource;
    qint64 ownerId = 0;
    QList<ContactEmail> emails;
    QList<ContactPhone> phones;
    QList<Handle> handles;
    QStringList beats;
    QStringList tags;

    // Maintained by storage.
    QDateTime lastContactedAt;
    QDateTime createdAt;
    QDateTime updatedAt;
    int version = 0;
    bool inTrash = false;

    static QStringList kinds();
};

struct Organization
{
    qint64 id = 0;
    QString name;
    QString kind = QStringLiteral("other");
    QString website;
    qint64 reach = 0;
    QString city;
    QString country;
    QString notes;
    QDateTime createdAt;
    QDateTime updatedAt;
    int version = 0;

    static QStringList kinds();
};
