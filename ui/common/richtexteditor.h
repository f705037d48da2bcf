#pragma once

#include <QWidget>

class QAction;
class QTextEdit;
class QToolBar;

// A rich-text field with its formatting bar: headings (Ctrl+Alt+1, 2, 0 for a paragraph), bold, italic,
// bulleted and numbered lists (Ctrl+Shift+8, 7) and links (Ctrl+Shift+K; Ctrl+K is the command palette). The
// document is whatever the owner reads and writes (a content item's body is GitHub-flavoured Markdown through
// QTextDocument). A paste that would make the text longer than maxCharacters is refused and reported through
// pasteRefused instead of laying out megabytes (a 5 MB paste would stall the window for minutes). The
// shortcuts work while the focus is in the field or its bar.
class RichTextEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RichTextEditor)

public:
    explicit RichTextEditor(qsizetype maxCharacters, QWidget *parent = nullptr);

    QTextEdit *textEdit() const { return m_text; }
    QToolBar *formatBar() const { return m_bar; }

    // Formatting of the paragraph or selection at the cursor.
    void setHeading(int level); // 0: a normal paragraph
    void toggleList(bool numbered);
    void insertLink();

Q_SIGNALS:
    // A paste was refused: the text would have had `total` characters.
    void pasteRefused(qsizetype total);
    void pasteAccepted();

private:
    void buildActions();
    void updateActions();

    QToolBar *m_bar = nullptr;
    QTextEdit *m_text = nullptr;
    QAction *m_bold = nullptr;
    QAction *m_italic = nullptr;
    QAction *m_bullets = nullptr;
    QAction *m_numbered = nullptr;
};
