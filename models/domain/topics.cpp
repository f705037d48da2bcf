#include "topics.h"

#include "domain/text.h"

#include <QRegularExpression>

namespace {

QStringList foldedWords(const QString &text)
{
    static const QRegularExpression nonWord(QStringLiteral("[^\\p{L}\\p{N}]+"));
    return Text::fold(text).split(nonWord, Qt::SkipEmptyParts);
}

// English plurals only ("homes", "startups"); a double s ("business") and short words ("news") stay.
QString stem(const QString &word)
{
    if (word.size() > 4 && word.endsWith(u's') && !word.endsWith(QStringLiteral("ss")))
        return word.chopped(1);
    return word;
}

// Whether `needle` occurs as a contiguous run in `haystack`.
bool containsRun(const QStringList &haystack, const QStringList &needle)
{
    if (needle.isEmpty() || needle.size() > haystack.size())
        return false;
    for (qsizetype start = 0; start + needle.size() <= haystack.size(); ++start) {
        bool all = true;
        for (qsizetype i = 0; i < needle.size() && all; ++i)
            all = haystack.at(start + i) == needle.at(i);
        if (all)
            return true;
    }
    return false;
}

} // namespace

QStringList Topics::words(const QString &text)
{
    QStringList out = foldedWords(text);
    for (QString &w : out)
        w = stem(w);
    return out;
}

QStringList Topics::parse(const QString &lines)
{
    QStringList topics;
    QList<QStringList> seen;
    for (const QString &line : lines.split(u'\n')) {
        const QString topic = line.simplified();
        const QStringList w = words(topic);
        if (w.isEmpty() || seen.contains(w))
            continue;
        seen << w;
        topics << topic;
        if (topics.size() == kMaxTopics)
            break;
    }
    return topics;
}

bool Topics::matches(const QString &label, const QString &topic)
{
    const QStringList a = words(label);
    const QStringList b = words(topic);
    return containsRun(a, b) || containsRun(b, a);
}

QList<Topics::Term> Topics::terms(const QString &topic)
{
    QList<Term> out;
    for (const QString &w : words(topic))
        out.append({ w, w.size() >= 4 });
    return out;
}

bool Topics::mentions(const QString &text, const QString &topic)
{
    const QList<Term> t = terms(topic);
    const QStringList w = foldedWords(text);
    if (t.isEmpty())
        return false;
    for (qsizetype start = 0; start + t.size() <= w.size(); ++start) {
        bool all = true;
        for (qsizetype i = 0; i < t.size() && all; ++i) {
            const QString &word = w.at(start + i);
            all = t.at(i).prefix ? word.startsWith(t.at(i).word) : word == t.at(i).word;
        }
        if (all)
            return true;
    }
    return false;
}
