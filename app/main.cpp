// Rapport: one binary for the window and the headless command line.
#include "backupcommands.h"
#include "commandline.h"
#include "exportcommands.h"
#include "importcommands.h"
#include "commands.h"
#include "gui.h"
#include "translations.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QTextStream>

#include <cstdio>
#include <memory>

namespace {

QStringList rawArguments(int argc, char **argv)
{
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    return args;
}

} // namespace

int main(int argc, char **argv)
{
    QElapsedTimer sinceStart;
    sinceStart.start();

    const QStringList args = rawArguments(argc, argv);
    Invocation inv = Invocation::parse(args);
    const bool headless = !inv.command.isEmpty() || inv.help || inv.version || !inv.usageError.isEmpty();

    // Headless commands need no display: a plain QCoreApplication. A report draws charts (widgets of Qt Charts),
    // so it gets a QApplication on the offscreen platform unless a platform was chosen explicitly.
    const bool drawsCharts = inv.command == u"report" && inv.usageError.isEmpty() && !inv.help;
    if (drawsCharts && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    std::unique_ptr<QCoreApplication> app(headless && !drawsCharts ? new QCoreApplication(argc, argv)
                                                                   : new QApplication(argc, argv));
    QCoreApplication::setOrganizationName(QStringLiteral("Rapport"));
    QCoreApplication::setApplicationName(QStringLiteral("Rapport"));
    QCoreApplication::setApplicationVersion(QStringLiteral(RAPPORT_VERSION));
    Translations::install(*app, inv.lang);
    // Parse again now that the translations are loaded, so usage errors come in the user's language.
    inv = Invocation::parse(args);

    QTextStream out(stdout);
    QTextStream err(stderr);
    if (inv.version) {
        out << QStringLiteral("rapport %1").arg(QStringLiteral(RAPPORT_VERSION)) << Qt::endl;
        return 0;
    }
    if (inv.help && inv.usageError.isEmpty()) {
        out << Invocation::usage() << u'\n' << ImportCommands::usage() << u'\n' << ExportCommands::usage() << u'\n'
            << BackupCommands::usage();
        return 0;
    }
    // Rapport's informational log lines ("opened …", "syncing account …") are for diagnosing, not for every run:
    // a command's own output says what happened, and the window says it on screen. Warnings still show;
    // QT_LOGGING_RULES (or QT_LOGGING_CONF) turns the informational lines back on, e.g. "rapport.*.info=true".
    QLoggingCategory::setFilterRules(QStringLiteral("rapport.*.info=false"));
    if (headless)
        return Commands::run(inv, out, err);
    return Gui::run(*static_cast<QApplication *>(app.get()), inv, sinceStart);
}
