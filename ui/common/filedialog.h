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
<<<<<<< HEAD
// "Open": the same for an existing file (setNextFileName() answers it too).
=======
// An existing file to open.
>>>>>>> c1ad612 (Backups of the embedded SQLite database (issue 13): rapport backup [--out FILE] and restore BACKUP --yes, File → Back Up Database…, Restore From Backup… with a preview of the backup's date, schema version and counts, Back Up Daily (a backup a day in backups/ beside the database, the last 7 kept, on a worker); VACUUM INTO a temporary name then rename, so a failed backup leaves the earlier ones alone; restore keeps the current file aside, migrates an older backup and refuses a newer one; on PostgreSQL the commands say to use pg_dump; German, French, Spanish; docs/BACKUP.md)
void getOpenFileName(QWidget *parent, const QString &title, const QString &directory, const QString &filter,
    std::function<void(const QString &path)> done);
void setNextFileName(const QString &path);

} // namespace FileDialog
