#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>

// Data files the import and export benchmarks share.
namespace BenchData {

// Deterministic people: names, outlets, emails with labels, phones, tags, websites, notes with commas.
inline void writeGoogleCsv(const QString &path, int count)
{
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(
        "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,Phonetic Last Name,Name Prefix,"
        "Name Suffix,Nickname,File As,Organization Name,Organization Title,Organization Department,Birthday,Notes,"
        "Photo,Labels,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - "
        "Value,Address 1 - Label,Address 1 - City,Address 1 - Country,Website 1 - Label,Website 1 - Value\r\n");
    static const char *first[] = { "Anna", "Ben", "Chloé", "Dev", "Emil", "Fatma", "Gus", "Hana", "Ines", "Jon" };
    static const char *last[] = { "Müller", "Ortiz", "Martin", "Rao", "Lind", "Öztürk", "Berg", "Sato", "Costa", "Ng" };
    static const char *city[] = { "Berlin", "Paris", "Madrid", "London", "Stockholm" };
    QByteArray chunk;
    for (int i = 0; i < count; ++i) {
        const QByteArray n = QByteArray::number(i);
        chunk += QByteArray(first[i % 10]) + ",," + last[(i / 10) % 10] + " " + n + ",,,,,,,,Outlet "
            + QByteArray::number(i % 5000) + ",Editor,,,\"Covers tech, retail\nand energy\",,* myContacts ::: Beat "
            + QByteArray::number(i % 40) + ",* Work,p" + n + "@outlet" + QByteArray::number(i % 5000)
            + ".example,Home,p" + n + "@home.example,Mobile,+49 170 " + n + ",Work," + city[i % 5]
            + ",Germany,Profile,"
              "https://blog.example/p"
            + n + "\r\n";
        if (chunk.size() > (1 << 20)) {
            f.write(chunk);
            chunk.clear();
        }
    }
    f.write(chunk);
}


} // namespace BenchData
