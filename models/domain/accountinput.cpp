#include "domain/accountinput.h"

#include "domain/network.h"
#include "domain/validation.h"

#include <QCoreApplication>
#include <QUrl>

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(AccountInput)
};

constexpr int kMaxIntervalMinutes = 7 * 24 * 60;

bool isHttpUrl(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    return url.isValid() && (url.scheme() == u"https" || url.scheme() == u"http") && !url.host().isEmpty();
}

} // namespace

const Error *AccountDraft::problem(const QString &field) const
{
    for (const Error &e : problems)
        if (e.field == field)
            return &e;
    return nullptr;
}

AccountDraft makeAccount(const SocialAccount &base, const AccountInput &input)
{
    AccountDraft draft;
    SocialAccount &out = draft.account;
    out = base;
    const NetworkTraits &traits = Networks::traits(out.network);
    auto problem = [&](const QString &field, const QString &message) {
        draft.problems.append(Error::validation(field, message));
    };

    draft.secret = input.secret.trimmed();
    out.displayName = input.name.simplified();
    out.enabled = input.enabled;
    out.syncOnStart = input.syncOnStart;
    if (input.intervalMinutes < 1 || input.intervalMinutes > kMaxIntervalMinutes)
        problem(
            QStringLiteral("syncInterval"), Tr::tr("Sync every 1 to %1 minutes (one week).").arg(kMaxIntervalMinutes));
    else
        out.syncIntervalS = input.intervalMinutes * 60;

    QString server = input.server.trimmed();
    if (server.isEmpty())
        server = traits.defaultServer;
    if (!traits.serverIsFeedUrl) {
        if (!server.isEmpty() && !server.contains(QStringLiteral("://")))
            server.prepend(QStringLiteral("https://"));
        while (server.endsWith(QLatin1Char('/')))
            server.chop(1);
    }
    if (server.isEmpty() || !isHttpUrl(server))
        problem(QStringLiteral("serverUrl"),
            traits.serverIsFeedUrl ? Tr::tr("Type the feed's address, starting with https:// or http://.")
                                   : Tr::tr("Type the server's address, such as https://mastodon.social."));
    out.serverUrl = server;

    if (traits.handleExample.isEmpty()) {
        out.handle.clear();
    } else {
        const QString handle = input.handle.trimmed();
        if (handle.isEmpty()) {
            out.handle.clear();
            if (traits.handleRequired)
                problem(QStringLiteral("handle"),
                    Tr::tr("Type the account's handle, such as %1.").arg(traits.handleExample));
        } else if (Result<QString> normalized = Validation::normalizeHandle(traits.key, handle); !normalized) {
            problem(QStringLiteral("handle"), normalized.error().message);
        } else {
            out.handle = *normalized;
        }
    }

    if (!traits.secretName.isEmpty() && draft.secret.isEmpty() && out.id == 0)
        problem(QStringLiteral("secret"),
            out.network == Network::Mastodon ? Tr::tr("Paste the access token from your server.")
                                             : Tr::tr("Type an app password for this account."));

    if (traits.ownedByUser) {
        out.contactId = 0;
        out.organizationId = 0;
    } else {
        out.contactId = input.contactId > 0 ? input.contactId : 0;
        out.organizationId = input.organizationId > 0 ? input.organizationId : 0;
        if ((out.contactId > 0) == (out.organizationId > 0))
            problem(QStringLiteral("owner"), Tr::tr("A feed belongs to one contact or one organization."));
    }

    if (out.displayName.isEmpty()) {
        const QUrl url(server);
        out.displayName = !out.handle.isEmpty() ? out.handle
            : traits.serverIsFeedUrl            ? url.host() + url.path()
                                                : url.host();
    }
    return draft;
}
