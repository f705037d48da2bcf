#include "contact.h"

QStringList Contact::kinds()
{
    return {QStringLiteral("journalist"), QStringLiteral("editor"),         QStringLiteral("blogger"),
            QStringLiteral("influencer"), QStringLiteral("analyst"),        QStringLiteral("client_contact"),
            QStringLiteral("customer"),   QStringLiteral("other")};
}

QStringList Organization::kinds()
{
    return {QStringLiteral("newspaper"), QStringLiteral("magazine"), QStringLiteral("online"),
            QStringLiteral("broadcaster"), QStringLiteral("podcast"), QStringLiteral("blog"),
            QStringLiteral("agency"), QStringLiteral("client"), QStringLiteral("other")};
}
