#include "contentlabels.h"

#include <QCoreApplication>

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ContentLabels)
};

struct Row
{
    const char *key;
    const char *label;
};

// QT_TRANSLATE_NOOP keeps the words in the translation file; tr() looks them up when shown.
constexpr Row kKinds[] = {
    { "press_release", QT_TRANSLATE_NOOP("ContentLabels", "Press release") },
    { "pitch_email", QT_TRANSLATE_NOOP("ContentLabels", "Pitch email") },
    { "blog_post", QT_TRANSLATE_NOOP("ContentLabels", "Blog post") },
    { "social_post", QT_TRANSLATE_NOOP("ContentLabels", "Social post") },
    { "media_kit", QT_TRANSLATE_NOOP("ContentLabels", "Media kit") },
};

constexpr Row kStatuses[] = {
    { "draft", QT_TRANSLATE_NOOP("ContentLabels", "Draft") },
    { "in_review", QT_TRANSLATE_NOOP("ContentLabels", "In review") },
    { "approved", QT_TRANSLATE_NOOP("ContentLabels", "Approved") },
    { "published", QT_TRANSLATE_NOOP("ContentLabels", "Published") },
};

template <std::size_t N> QString lookup(const Row (&rows)[N], const QString &key)
{
    for (const Row &r : rows)
        if (key == QLatin1StringView(r.key))
            return Tr::tr(r.label);
    return key;
}

} // namespace

QString ContentLabels::kindLabel(const QString &kind)
{
    return lookup(kKinds, kind);
}

QString ContentLabels::statusLabel(const QString &status)
{
    return lookup(kStatuses, status);
}

QString ContentLabels::sentimentLabel(bool known, int sentiment)
{
    if (!known)
        return QString();
    return sentiment > 0 ? Tr::tr("Positive", "sentiment")
        : sentiment < 0  ? Tr::tr("Negative", "sentiment")
                         : Tr::tr("Neutral", "sentiment");
}
