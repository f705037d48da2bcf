#include "interaction.h"

#include <QCoreApplication>

namespace {

// lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so Tr::tr("...") calls are extracted.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Interaction)
};

} // namespace

const QStringList &Interaction::channels()
{
    static const QStringList names = {
        QStringLiteral("email"),
        QStringLiteral("call"),
        QStringLiteral("meeting"),
        QStringLiteral("event"),
        QStringLiteral("mention"),
        QStringLiteral("reply"),
        QStringLiteral("direct_message"),
        QStringLiteral("pitch"),
        QStringLiteral("note"),
        QStringLiteral("post"),
    };
    return names;
}

QString Interaction::channelLabel(const QString &channel)
{
    if (channel == u"email")
        return Tr::tr("Email");
    if (channel == u"call")
        return Tr::tr("Call");
    if (channel == u"meeting")
        return Tr::tr("Meeting");
    if (channel == u"event")
        return Tr::tr("Event");
    if (channel == u"mention")
        return Tr::tr("Mention", "a social network post naming someone");
    if (channel == u"reply")
        return Tr::tr("Reply", "noun: an answer on a social network");
    if (channel == u"direct_message")
        return Tr::tr("Direct message");
    if (channel == u"pitch")
        return Tr::tr("Pitch", "noun: offering a story to a journalist");
    if (channel == u"note")
        return Tr::tr("Note", "noun");
    if (channel == u"post")
        return Tr::tr("Post", "noun: a social network post");
    return channel;
}

const QStringList &Interaction::directions()
{
    static const QStringList names = { QStringLiteral("outbound"), QStringLiteral("inbound") };
    return names;
}

QString Interaction::directionLabel(const QString &direction)
{
    if (direction == u"inbound")
        return Tr::tr("Inbound", "from the contact to us");
    if (direction == u"outbound")
        return Tr::tr("Outbound", "from us to the contact");
    return direction;
}

QString Interaction::sentimentLabel(std::optional<int> sentiment)
{
    if (!sentiment)
        return QString();
    if (*sentiment > 0)
        return Tr::tr("Positive");
    if (*sentiment < 0)
        return Tr::tr("Negative");
    return Tr::tr("Neutral");
}

QString FollowUp::bucketLabel(Bucket bucket)
{
    switch (bucket) {
    case Bucket::Overdue:
        return Tr::tr("Overdue");
    case Bucket::Today:
        return Tr::tr("Today");
    case Bucket::ThisWeek:
        return Tr::tr("This week");
    case Bucket::Later:
        return Tr::tr("Later");
    }
    return QString();
}
