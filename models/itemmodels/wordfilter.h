#pragma once

#include "core/result.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <utility>

// The search field of a list that holds its rows' ids in order (organizations, campaigns): every word typed
// (folded: case and accents ignored) must appear in the row's search text. The texts, one folded string a
// row from the list's query, are loaded the first time a word is typed and again when the list reloads.
class WordFilter
{
public:
    using Texts = QList<std::pair<qint64, QString>>;

    // False when the text is the one already set. narrows() then tells whether every earlier word is inside
    // one of the new ones (one more letter typed): what matches now matched before, so the rows shown are
    // enough to filter.
    bool setText(const QString &text);
    const QString &text() const { return m_text; }
    bool narrows() const { return m_narrows; }
    bool isActive() const { return !m_words.isEmpty(); }

    bool textsLoaded() const { return m_loaded; }
    // Whether a reload of the list must load the texts again: they were loaded before, or words are typed.
    bool reloadsTexts() const { return m_loaded || isActive(); }
    // Keeps the loaded texts; the error's message (and no texts) when loading failed.
    QString setTexts(Result<Texts> texts);

    // The ids (in their order) whose text has every word; all of them when no word is typed.
    QList<qint64> apply(const QList<qint64> &ids) const;

private:
    QString m_text;
    QStringList m_words;
    bool m_narrows = false;
    QHash<qint64, QString> m_texts;
    bool m_loaded = false;
};
