#pragma once

#include <QString>
#include <QStringList>

// A pitch's statuses, described once (STYLE.md: a concept with variants is one table): the stored key, the
// board's column title and the key that moves a pitch there (Alt+1 … Alt+6 on the Pipeline tab). The order is
// the board's order, planned → pitched → replied → interested / declined → covered.
namespace PitchStatus {

int count();
QString key(int index); // "planned" … "covered"; empty when out of range
int indexOf(const QString &key); // -1 when unknown
QString label(const QString &key); // "Planned", translated
QString label(int index);

} // namespace PitchStatus
