#include "importundo.h"

#include "common/backgroundjob.h"
#include "storage/changenotifier.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ImportUndo)
};

constexpr int kConflictsShown = 15;

} // namespace

namespace ImportUndo {

Result<ImportUndoReport> run(QWidget *parent, Database &db, qint64 batchId, const QString &fileName, int items)
{
    ImportUndoReport report;
    const Status status = BackgroundJob::run(parent, db, Tr::tr("Undoing the import of %1…").arg(fileName),
        [&report, batchId](Database &own) -> Status {
            Result<ImportUndoReport> done = ImportRepository(own).undo(batchId);
            if (!done)
                return done.error();
            report = std::move(done).value();
            return {};
        },
        items);
    if (!status)
        return status.error();
    return report;
}

void publish(const ImportUndoReport &report)
{
    ChangeNotifier *notifier = ChangeNotifier::instance();
    notifier->notifyContactSetChanged(report.contactIds);
    notifier->notifyContacts(report.contactIds);
    notifier->notifyOrganizations();
}

void publishImported(const ImportSummary &summary)
{
    ChangeNotifier *notifier = ChangeNotifier::instance();
    notifier->notifyContactSetChanged(summary.contactIds);
    notifier->notifyContacts(summary.contactIds);
    if (summary.organizationsCreated > 0)
        notifier->notifyOrganizations();
}

QString statusLine(const QString &fileName, const ImportUndoReport &report)
{
    // Labels with numbers, not sentences: no plural forms to get wrong in any language.
    QString line = Tr::tr("Undid the import of %1. Contacts removed: %L2, restored: %L3.")
                       .arg(fileName)
                       .arg(report.removed)
                       .arg(report.restored);
    if (!report.conflicts.isEmpty())
        line += u' ' + Tr::tr("Kept because they changed since: %L1.").arg(report.conflicts.size());
    return line;
}

QString describe(const QString &fileName, const ImportUndoReport &report)
{
    QString html = u"<p>"_s + statusLine(fileName, report).toHtmlEscaped() + u"</p>"_s;
    if (report.conflicts.isEmpty())
        return html;
    html += u"<p>"_s + Tr::tr("Kept as they are now:").toHtmlEscaped() + u"</p><ul>"_s;
    for (qsizetype i = 0; i < report.conflicts.size() && i < kConflictsShown; ++i)
        html += u"<li>"_s + report.conflicts.at(i).toHtmlEscaped() + u"</li>"_s;
    if (report.conflicts.size() > kConflictsShown)
        html += u"<li>"_s
            + Tr::tr("… and %L1 more.").arg(report.conflicts.size() - kConflictsShown).toHtmlEscaped()
            + u"</li>"_s;
    return html + u"</ul>"_s;
}

} // namespace ImportUndo
