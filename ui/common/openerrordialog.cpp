#include "openerrordialog.h"

#include <QCoreApplication>
#include <QMessageBox>

void OpenErrorDialog::exec(const QString &location, const QString &message)
{
    QMessageBox box(QMessageBox::Critical, QCoreApplication::translate("OpenErrorDialog", "Rapport cannot open the database"),
                    message, QMessageBox::Close);
    box.setObjectName(QStringLiteral("openErrorMessageBox"));
    box.setInformativeText(QCoreApplication::translate("OpenErrorDialog",
                                                       "Database: %1\nNothing in it was changed. Start Rapport with "
                                                       "--db to open another database.")
                               .arg(location));
    box.exec();
}
