#include "domain/socialaccount.h"

#include <QCoreApplication>

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(SocialAccount)
};
} // namespace

QString SocialAccount::networkLabel(const QString &network)
{
    if (network == u"mastodon")
        return Tr::tr("Mastodon");
    if (network == u"bluesky")
        return Tr::tr("Bluesky");
    if (network == u"feed")
        return Tr::tr("Feed", "an RSS or Atom feed");
    return network;
}
