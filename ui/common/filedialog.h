#pragma once

#include <QString>

#include <functional>

class QWidget;

// "Save as" and "Open" without a nested event loop (STYLE.md): opens a window-modal QFileDialog and calls
// `done` with the chosen path once the user picked one (never when cancelled). Tests pick the name in advance
// with setNextFileName(): no dialog appears and `done` runs at once, like MessageBox::setNextAnswer().
namespace FileDialog {

void getSaveFileName(QWidget *parent, const QString &title, const QString &suggestedPath, const QString &filter,
    std::function<void(const QString &path)> done);
// "Open": the same for an existing file (setNextFileName() answers it too).
void getOpenFileName(QWidget *parent, const QString &title, const QString &directory, const QString &filter,
    std::function<void(const QString &path)> done);
void setNextFileName(const QString &path);

} // namespace FileDialog
