#include "tagsedit.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QStringListModel>

TagsEdit::TagsEdit(QWidget *parent)
    : QLineEdit(parent)
    , m_known(new QStringListModel(this))
{
    setPlaceholderText(tr("Separate with commas"));
    auto *completer = new QCompleter(m_known, this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchStartsWith);
    completer->setWidget(this); // not setCompleter(): it would complete the whole line, not the last word
    connect(completer, qOverload<const QString &>(&QCompleter::activated), this, &TagsEdit::insertCompletion);
    connect(this, &QLineEdit::textEdited, this, &TagsEdit::updateCompletionPrefix);
}

void TagsEdit::setKnownTags(const QStringList &names)
{
    m_known->setStringList(names);
}

void TagsEdit::setTags(const QStringList &tags)
{
    setText(tags.join(QStringLiteral(", ")));
}

QStringList TagsEdit::tags() const
{
    QStringList out;
    for (const QString &part : text().split(u',')) {
        const QString tag = part.simplified();
        if (!tag.isEmpty() && !out.contains(tag, Qt::CaseInsensitive))
            out << tag;
    }
    return out;
}

void TagsEdit::updateCompletionPrefix()
{
    QCompleter *c = findChild<QCompleter *>();
    const QString word = text().left(cursorPosition()).section(u',', -1).trimmed();
    if (word.isEmpty()) {
        c->popup()->hide();
        return;
    }
    c->setCompletionPrefix(word);
    if (c->completionCount() > 0)
        c->complete();
    else
        c->popup()->hide();
}

void TagsEdit::insertCompletion(const QString &completion)
{
    const int cut = text().left(cursorPosition()).lastIndexOf(u',') + 1;
    const QString before = text().left(cut);
    const QString after = text().mid(cursorPosition());
    const QString head = (before.isEmpty() ? QString() : before + u' ') + completion + QStringLiteral(", ");
    setText(head + after.trimmed());
    setCursorPosition(int(head.size()));
    Q_EMIT textEdited(text());
}
