#pragma once

#include <QString>

#include <span>

// A concept with a few named variants, described once (STYLE.md): each variant's stored key and the word shown for
// it. The words are marked with QT_TRANSLATE_NOOP(context, "…") where the table is written, so lupdate finds them;
// label() translates them in that context when shown. Used by CampaignStatus, PitchStatus and ContentLabels.
struct KeyLabel
{
    const char *key;
    const char *label;
};

class KeyLabelTable
{
public:
    constexpr KeyLabelTable(const char *context, std::span<const KeyLabel> rows)
        : m_context(context)
        , m_rows(rows)
    {
    }

    int count() const { return int(m_rows.size()); }
    QString key(int index) const; // empty when out of range
    int indexOf(QStringView key) const; // -1 when unknown
    QString label(int index) const; // translated; empty when out of range
    QString label(const QString &key) const; // translated; an unknown key is shown as it is

private:
    const char *m_context;
    std::span<const KeyLabel> m_rows;
};
