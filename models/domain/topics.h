#pragma once

#include <QString>
#include <QStringList>

// A campaign's topics (keywords, stored one per line in campaigns.topics) and how they match a beat, a tag or
// a piece of text. Matching works on words: folded as the full-text indexes fold them (Text::fold, letters and
// digits only) and lightly stemmed (a plural "s" dropped from words longer than four letters: "smart homes"
// matches "smart home", "startups" matches "startups" and "startup"). Used by the who-to-pitch suggestions
// (docs/PITCHING.md).
namespace Topics {

// The topics of a brief: one per line, trimmed, empty lines and repeats (by their words) left out, at most
// kMaxTopics.
QStringList parse(const QString &lines);
constexpr int kMaxTopics = 20;

// The words of a topic or label as matching sees them: folded, split at anything but letters and digits,
// stemmed.
QStringList words(const QString &text);

// Whether a beat or tag matches a topic: the words of one are a contiguous run of the words of the other
// ("tech" matches the beat "consumer tech"; "consumer tech launch" matches it too; "smart home" does not
// match "home & design").
bool matches(const QString &label, const QString &topic);

// One word of a topic as the full-text search looks for it: a word of four letters or more is a prefix (so
// "thermostat" finds "thermostats"), a shorter one only itself ("ai" does not find "aim").
struct Term
{
    QString word;
    bool prefix = false;
};
QList<Term> terms(const QString &topic);

// Whether a text (a post's subject and body) contains the topic's terms in a row, as the full-text query
// built from terms() finds it.
bool mentions(const QString &text, const QString &topic);

} // namespace Topics
