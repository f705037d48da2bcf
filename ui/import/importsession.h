#pragma once

#include "interchange/importfile.h"
#include "storage/importrepository.h"

#include <QList>
#include <QString>

class Database;
class ImportDuplicatesModel;
class ImportPreviewModel;

// What the pages of the import wizard share: the file and how to read it (file page), the mapping (mapping
// page), the records as they will be stored (preview page, with the user's fixes), the duplicates and what to
// do with them, and the outcome. Owned by ImportWizard; each page holds a reference.
struct ImportSession
{
    explicit ImportSession(Database &database)
        : db(database)
    {
    }

    Database &db;
    QString path;
    ImportFile::Options options; // format, encoding, delimiter and header row as the file page shows them
    ImportFile::Contents firstLook; // the first rows (raw and mapped), for the file and mapping pages
    ColumnMapping mapping; // CSV
    QString previewKey; // what the preview read (file, options, mapping): read again only when it changed
    // The preview reads the first kPreviewRows records only (memory stays flat whatever the file's size); the
    // run takes them as the user left them, then reads the rest of the file as it stores it.
    static constexpr int kPreviewRows = 1000;
    bool previewComplete = true; // the preview holds every record of the file

    ImportPreviewModel *preview = nullptr;
    ImportDuplicatesModel *duplicates = nullptr;
    QList<ImportRecord> toImport; // the preview's records to import, merged within them (the duplicates page)
    int merged = 0; // records folded into others by that merge

    ImportSummary summary; // of the run (batchId 0 until it succeeded)

    ImportFile::Format format() const { return firstLook.format; }
    // The options for reading the file with the current mapping (the preview stops after kPreviewRows).
    ImportFile::Options fullReadOptions() const;
    QString readKey() const;
};
