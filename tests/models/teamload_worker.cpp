// One client of the team load test (tests/support/teamload.h): opens its own connection to the team database and
// makes `ops` random changes to the contacts firstId..lastId: edits (the title, over the version it read:
// accepted or refused as a conflict, never overwriting), moves to the trash, restores, and logged
// conversations. Prints one line per change the database accepted or refused, for the coordinator to check
// against the final state and the audit log:
//   E <contact> <version> <title>    an accepted edit (the version it wrote)
//   C <contact>                      an edit refused: somebody saved the contact meanwhile
//   T <contact> / R <contact>        an accepted move to the trash / restore
//   L <contact> <interaction>        a logged conversation
//   N <contact>                      a conversation refused: the contact is in the trash
//   X <message>                      anything else that failed (the coordinator fails the run)
// Usage: teamload_worker URL INDEX OPS SEED FIRST_ID LAST_ID   (the password in RAPPORT_TEAMLOAD_PASSWORD)
#include "domain/contact.h"
#include "domain/interaction.h"
#include "storage/contactrepository.h"
#include "storage/database.h"
#include "storage/interactionrepository.h"
#include "storage/userrepository.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QTextStream>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    QTextStream out(stdout);
    if (args.size() != 7) {
        out << "X usage: teamload_worker URL INDEX OPS SEED FIRST_ID LAST_ID" << Qt::endl;
        return 2;
    }
    Result<DatabaseLocation> location = DatabaseLocation::parse(args.at(1));
    if (!location) {
        out << "X " << location.error().message << Qt::endl;
        return 2;
    }
    location->password = qEnvironmentVariable("RAPPORT_TEAMLOAD_PASSWORD");
    const int index = args.at(2).toInt();
    const int ops = args.at(3).toInt();
    QRandomGenerator rng(args.at(4).toUInt());
    const qint64 first = args.at(5).toLongLong();
    const qint64 last = args.at(6).toLongLong();

    Result<std::unique_ptr<Database>> opened = Database::open(*location);
    if (!opened) {
        out << "X " << opened.error().message << Qt::endl;
        return 1;
    }
    Database &db = **opened;
    if (Result<User> me = UserRepository(db).signIn(); !me) {
        out << "X " << me.error().message << Qt::endl;
        return 1;
    }
    ContactRepository contacts(db);
    InteractionRepository interactions(db);
    int failures = 0;
    for (int op = 0; op < ops; ++op) {
        const qint64 id = first + qint64(rng.bounded(quint64(last - first + 1)));
        const int kind = rng.bounded(100);
        if (kind < 55) {
            Result<Contact> c = contacts.get(id);
            if (!c) {
                out << "X " << id << ' ' << c.error().message << '\n';
                ++failures;
                continue;
            }
            c->title = QStringLiteral("w%1-%2").arg(index).arg(op);
            if (Status s = contacts.update(*c); s)
                out << "E " << id << ' ' << c->version << ' ' << c->title << '\n';
            else if (s.error().code == Error::Code::Conflict)
                out << "C " << id << '\n';
            else {
                out << "X " << id << ' ' << s.error().message << '\n';
                ++failures;
            }
        } else if (kind < 85) {
            const bool trash = kind < 70;
            if (Status s = trash ? contacts.moveToTrash(id) : contacts.restore(id); s) {
                out << (trash ? "T " : "R ") << id << '\n';
            } else {
                out << "X " << id << ' ' << s.error().message << '\n';
                ++failures;
            }
        } else {
            Interaction i;
            i.contactId = id;
            i.channel = QStringLiteral("call");
            i.occurredAt = QDateTime::currentDateTimeUtc();
            i.subject = QStringLiteral("w%1-%2").arg(index).arg(op);
            if (Status s = interactions.create(i); s) {
                out << "L " << id << ' ' << i.id << '\n';
            } else if (s.error().code == Error::Code::NotFound || s.error().code == Error::Code::Conflict) {
                out << "N " << id << '\n'; // the contact is in the trash: refused, nothing written
            } else {
                out << "X " << id << ' ' << s.error().message << '\n';
                ++failures;
            }
        }
    }
    out << "DONE" << Qt::endl;
    return failures == 0 ? 0 : 1;
}
