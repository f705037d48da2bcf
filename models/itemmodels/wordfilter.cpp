#include "wordfilter.h"

#include "domain/text.h"

#include <algorithm>

bool WordFilter::setText(const QString &text)
{
    if (text == m_text)
        return false;
    m_text = text;
    const QStringList words = Text::fold(text).split(u' ', Qt::SkipEmptyParts);
    m_narrows = !m_words.isEmpty() && std::all_of(m_words.cbegin(), m_words.cend(), [&](const QString &old) {
        return std::any_of(words.cbegin(), words.cend(), [&](const QString &w) { return w.contains(old); });
    });
    m_words = words;
    return true;
}

QString WordFilter::setTexts(Result<Texts> texts)
{
    m_texts.clear();
    if (!texts)
        return texts.error().message;
    m_texts.reserve(texts->size());
    for (auto &[id, text] : *texts)
        m_texts.insert(id, std::move(text));
    m_loaded = true;
    return {};
}

QList<qint64> WordFilter::apply(const QList<qint64> &ids) const
{
    if (m_words.isEmpty())
        return ids;
    QList<qint64> result;
    for (qint64 id : ids) {
        const auto it = m_texts.constFind(id);
        if (it != m_texts.constEnd()
            && std::all_of(m_words.cbegin(), m_words.cend(), [&](const QString &w) { return it.value().contains(w); }))
            result.append(id);
    }
    return result;
}
