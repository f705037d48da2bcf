#include "filedialog.h"

#include <QFileDialog>

namespace {

QString s_nextFileName;

} // namespace

void FileDialog::setNextFileName(const QString &path)
{
    s_nextFileName = path;
}

void FileDialog::getSaveFileName(QWidget *parent, const QString &title, const QString &suggestedPath,
    const QString &filter, std::function<void(const QString &path)> done)
{
    if (!s_nextFileName.isEmpty()) {
        const QString path = std::exchange(s_nextFileName, QString());
        done(path);
        return;
    }
    auto *dialog = new QFileDialog(parent, title, suggestedPath, filter);
    dialog->setObjectName(QStringLiteral("saveFileDialog"));
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    QObject::connect(dialog, &QFileDialog::fileSelected, dialog, [done](const QString &path) { done(path); });
    dialog->open();
}

void FileDialog::getOpenFileName(QWidget *parent, const QString &title, const QString &directory,
    const QString &filter, std::function<void(const QString &path)> done)
{
    if (!s_nextFileName.isEmpty()) {
        const QString path = std::exchange(s_nextFileName, QString());
        done(path);
        return;
    }
    auto *dialog = new QFileDialog(parent, title, directory, filter);
    dialog->setObjectName(QStringLiteral("openFileDialog"));
    dialog->setAcceptMode(QFileDialog::AcceptOpen);
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    QObject::connect(dialog, &QFileDialog::fileSelected, dialog, [done](const QString &path) { done(path); });
    dialog->open();
}
