#include "contentlabels.h"

#include "domain/keylabeltable.h"

#include <QCoreApplication>

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ContentLabels)
};

// QT_TRANSLATE_NOOP keeps the words in the translation file; tr() looks them up when shown.
constexpr KeyLabel kKinds[] = {
    { "press_release", QT_TRANSLATE_NOOP("ContentLabels", "Press release") },
    { "pitch_email", QT_TRANSLATE_NOOP("ContentLabels", "Pitch email") },
    { "blog_post", QT_TRANSLATE_NOOP("ContentLabels", "Blog post") },
    { "social_post", QT_TRANSLATE_NOOP("ContentLabels", "Social post") },
    { "media_kit", QT_TRANSLATE_NOOP("ContentLabels", "Media kit") },
};

constexpr KeyLabel kStatuses[] = {
    { "draft", QT_TRANSLATE_NOOP("ContentLabels", "Draft") },
    { "in_review", QT_TRANSLATE_NOOP("ContentLabels", "In review") },
    { "approved", QT_TRANSLATE_NOOP("ContentLabels", "Approved") },
    { "published", QT_TRANSLATE_NOOP("ContentLabels", "Published") },
};

constexpr KeyLabelTable kKindTable("ContentLabels", kKinds);
constexpr KeyLabelTable kStatusTable("ContentLabels", kStatuses);

} // namespace

QString ContentLabels::kindLabel(const QString &kind)
{
    return kKindTable.label(kind);
}

QString ContentLabels::statusLabel(const QString &status)
{
    return kStatusTable.label(status);
}

QString ContentLabels::sentimentLabel(bool known, int sentiment)
{
    if (!known)
        return QString();
    return sentiment > 0 ? Tr::tr("Positive", "sentiment")
        : sentiment < 0  ? Tr::tr("Negative", "sentiment")
                         : Tr::tr("Neutral", "sentiment");
}
