#include "richtexteditor.h"

#include <QAction>
#include <QInputDialog>
#include <QMimeData>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextEdit>
#include <QTextList>
#include <QToolBar>
#include <QVBoxLayout>

#include <functional>

namespace {

class LimitedTextEdit final : public QTextEdit
{
public:
    LimitedTextEdit(qsizetype maxCharacters, QWidget *parent)
        : QTextEdit(parent)
        , m_max(maxCharacters)
    {
    }
    std::function<void(qsizetype total)> refused;
    std::function<void()> accepted;

protected:
    void insertFromMimeData(const QMimeData *source) override
    {
        const qsizetype incoming = qMax(source->text().size(), source->hasHtml() ? source->html().size() / 2 : 0);
        const qsizetype total = document()->characterCount() + incoming;
        if (total > m_max) {
            refused(total);
            return;
        }
        QTextEdit::insertFromMimeData(source);
        accepted();
    }

private:
    qsizetype m_max;
};

} // namespace

RichTextEditor::RichTextEditor(qsizetype maxCharacters, QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_bar = new QToolBar(this);
    m_bar->setObjectName(QStringLiteral("formatToolBar"));
    m_bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto *text = new LimitedTextEdit(maxCharacters, this);
    text->refused = [this](qsizetype total) { Q_EMIT pasteRefused(total); };
    text->accepted = [this] { Q_EMIT pasteAccepted(); };
    m_text = text;
    m_text->setAcceptRichText(true);
    m_text->setTabChangesFocus(true);
    setFocusProxy(m_text);
    layout->addWidget(m_bar);
    layout->addWidget(m_text, 1);
    buildActions();
    connect(m_text, &QTextEdit::currentCharFormatChanged, this, &RichTextEditor::updateActions);
    connect(m_text, &QTextEdit::cursorPositionChanged, this, &RichTextEditor::updateActions);
}

void RichTextEditor::buildActions()
{
    auto add = [this](const QString &text, const QString &name, const QKeySequence &key, const QString &tip) {
        auto *a = new QAction(text, this);
        a->setObjectName(name);
        a->setShortcut(key);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        a->setToolTip(tip + QStringLiteral(" (") + key.toString(QKeySequence::NativeText) + u')');
        m_bar->addAction(a);
        addAction(a);
        return a;
    };
    QAction *h1 = add(tr("Heading 1"), QStringLiteral("heading1Action"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_1),
        tr("Make the paragraph a heading"));
    connect(h1, &QAction::triggered, this, [this] { setHeading(1); });
    QAction *h2 = add(tr("Heading 2"), QStringLiteral("heading2Action"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_2),
        tr("Make the paragraph a subheading"));
    connect(h2, &QAction::triggered, this, [this] { setHeading(2); });
    QAction *plain = add(tr("Paragraph"), QStringLiteral("paragraphAction"),
        QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_0), tr("Make the heading a normal paragraph"));
    connect(plain, &QAction::triggered, this, [this] { setHeading(0); });
    m_bar->addSeparator();
    const auto styled = [&](const QString &text, const QString &name, const QKeySequence &key, bool bold) {
        QAction *a = add(text, name, key, text);
        a->setCheckable(true);
        QFont f = a->font();
        bold ? f.setBold(true) : f.setItalic(true);
        a->setFont(f);
        connect(a, &QAction::triggered, this, [this, bold](bool on) {
            QTextCharFormat format;
            if (bold)
                format.setFontWeight(on ? QFont::Bold : QFont::Normal);
            else
                format.setFontItalic(on);
            m_text->mergeCurrentCharFormat(format);
        });
        return a;
    };
    m_bold = styled(tr("Bold"), QStringLiteral("boldAction"), QKeySequence::Bold, true);
    m_italic = styled(tr("Italic"), QStringLiteral("italicAction"), QKeySequence::Italic, false);
    m_bar->addSeparator();
    m_bullets = add(tr("• List"), QStringLiteral("bulletListAction"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_8),
        tr("Bulleted list"));
    m_bullets->setCheckable(true);
    connect(m_bullets, &QAction::triggered, this, [this] { toggleList(false); });
    m_numbered = add(tr("1. List"), QStringLiteral("numberedListAction"),
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_7), tr("Numbered list"));
    m_numbered->setCheckable(true);
    connect(m_numbered, &QAction::triggered, this, [this] { toggleList(true); });
    m_bar->addSeparator();
    // Ctrl+K opens the command palette everywhere, so the link has Ctrl+Shift+K.
    QAction *link = add(tr("Link…"), QStringLiteral("linkAction"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K),
        tr("Link the selected text to a web address"));
    connect(link, &QAction::triggered, this, &RichTextEditor::insertLink);
}

void RichTextEditor::setHeading(int level)
{
    QTextCursor c = m_text->textCursor();
    c.beginEditBlock();
    QTextBlockFormat block = c.blockFormat();
    block.setHeadingLevel(level);
    c.setBlockFormat(block);
    // The size shows the level on screen; the Markdown writer writes only the heading level.
    QTextCursor whole(c.block());
    whole.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
    QTextCharFormat size;
    size.setProperty(QTextFormat::FontSizeAdjustment, level == 0 ? 0 : 3 - level);
    size.setFontWeight(level == 0 ? QFont::Normal : QFont::Bold);
    whole.mergeCharFormat(size);
    c.mergeBlockCharFormat(size);
    c.endEditBlock();
    m_text->setFocus();
}

void RichTextEditor::toggleList(bool numbered)
{
    QTextCursor c = m_text->textCursor();
    const QTextListFormat::Style style = numbered ? QTextListFormat::ListDecimal : QTextListFormat::ListDisc;
    c.beginEditBlock();
    if (QTextList *list = c.currentList(); list && list->format().style() == style) {
        // Off again: the block leaves the list.
        list->remove(c.block());
        QTextBlockFormat block = c.blockFormat();
        block.setIndent(0);
        c.setBlockFormat(block);
    } else if (list) {
        QTextListFormat f = list->format();
        f.setStyle(style);
        list->setFormat(f);
    } else {
        c.createList(style);
    }
    c.endEditBlock();
    updateActions();
    m_text->setFocus();
}

void RichTextEditor::insertLink()
{
    auto *dialog = new QInputDialog(this);
    dialog->setObjectName(QStringLiteral("linkInputDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Link"));
    dialog->setLabelText(tr("Web address for the link:"));
    dialog->setTextValue(QStringLiteral("https://"));
    dialog->setWindowModality(Qt::WindowModal);
    const QTextCursor cursor = m_text->textCursor();
    connect(dialog, &QInputDialog::textValueSelected, this, [this, cursor](const QString &value) {
        const QString href = value.trimmed();
        if (href.isEmpty() || href == u"https://")
            return;
        QTextCursor c = cursor;
        QTextCharFormat f;
        f.setAnchor(true);
        f.setAnchorHref(href);
        f.setFontUnderline(true);
        f.setForeground(palette().color(QPalette::Link));
        if (c.hasSelection())
            c.mergeCharFormat(f);
        else
            c.insertText(href, f);
        m_text->setTextCursor(c);
        m_text->setFocus();
    });
    dialog->open();
}

void RichTextEditor::updateActions()
{
    const QTextCharFormat f = m_text->currentCharFormat();
    m_bold->setChecked(f.fontWeight() >= QFont::Bold);
    m_italic->setChecked(f.fontItalic());
    const QTextList *list = m_text->textCursor().currentList();
    m_bullets->setChecked(list && list->format().style() == QTextListFormat::ListDisc);
    m_numbered->setChecked(list && list->format().style() == QTextListFormat::ListDecimal);
}
