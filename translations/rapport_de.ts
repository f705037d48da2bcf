<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AuditLog</name>
    <message>
        <source>writing the audit log</source>
        <translation>Schreiben des Änderungsprotokolls</translation>
    </message>
</context>
<context>
    <name>BulkInserter</name>
    <message>
        <source>writing %1</source>
        <translation>Schreiben von %1</translation>
    </message>
    <message>
        <source>reading %1</source>
        <translation>Lesen von %1</translation>
    </message>
    <message>
        <source>checking whether the database is empty</source>
        <translation>Prüfen, ob die Datenbank leer ist</translation>
    </message>
    <message>
        <source>emptying %1</source>
        <translation>Leeren von %1</translation>
    </message>
    <message>
        <source>updating the ids of %1</source>
        <translation>Aktualisieren der IDs in %1</translation>
    </message>
    <message>
        <source>preparing the bulk load</source>
        <translation>Vorbereiten des Massenimports</translation>
    </message>
    <message>
        <source>building the indexes</source>
        <translation>Aufbauen der Indizes</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>Unknown option --%1.</source>
        <translation>Unbekannte Option --%1.</translation>
    </message>
    <message>
        <source>The option --%1 needs a value.</source>
        <translation>Die Option --%1 erwartet einen Wert.</translation>
    </message>
    <message>
        <source>The option --%1 takes no value.</source>
        <translation>Die Option --%1 erwartet keinen Wert.</translation>
    </message>
    <message>
        <source>Unknown option %1.</source>
        <translation>Unbekannte Option %1.</translation>
    </message>
    <message>
        <source>Unknown command “%1”.</source>
        <translation>Unbekannter Befehl „%1“.</translation>
    </message>
    <message>
        <source>Usage: rapport [--db PATH-or-URL] [--lang CODE] [COMMAND] [OPTIONS] [--json]

Without a command, opens the Rapport window.

Commands:
  demo --size small|large [--seed N] [--force]
                    Fill an empty database with a demo PR agency (--force replaces what is there).
  stats             Row counts per table, schema version and database size.
  search QUERY [--limit N] [--contacts-only]
                    Ranked contacts and conversations matching QUERY (words are prefixes).
  migrate           Bring the database to the current schema and say what was done.

Options:
  --db PATH-or-URL  An SQLite file, or postgresql://user[:password]@host[:port]/database.
                    Default: rapport.sqlite in the user&apos;s data folder.
  --lang CODE       Language of the interface (en, de); default: the system&apos;s.
  --json            Print the result as JSON.
  --help, --version

Exit status: 0 ok, 1 failed (the reason is on standard error), 2 bad usage.
</source>
        <translation>Aufruf: rapport [--db PFAD/URL] [--lang CODE] [BEFEHL] [OPTIONEN] [--json]

Ohne Befehl öffnet sich das Rapport-Fenster.

Befehle:
  demo --size small|large [--seed N] [--force]
                    Füllt eine leere Datenbank mit einer Demo-PR-Agentur (--force ersetzt den vorhandenen Inhalt).
  stats             Zeilen je Tabelle, Schema-Version und Größe der Datenbank.
  search SUCHE [--limit N] [--contacts-only]
                    Kontakte und Unterhaltungen zu SUCHE, nach Relevanz sortiert (Wörter gelten als Wortanfänge).
  migrate           Bringt die Datenbank auf das aktuelle Schema und meldet, was dabei geschah.

Optionen:
  --db PFAD/URL     Eine SQLite-Datei oder postgresql://user[:password]@host[:port]/database.
                    Standard: rapport.sqlite im Datenordner des Benutzers.
  --lang CODE       Sprache der Oberfläche (en, de); Standard: die Sprache des Systems.
  --json            Gibt das Ergebnis als JSON aus.
  --help, --version

Rückgabewert: 0 erfolgreich, 1 fehlgeschlagen (der Grund steht in der Standardfehlerausgabe), 2 falscher Aufruf.
</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <source>Unknown command “%1”.</source>
        <translation>Unbekannter Befehl „%1“.</translation>
    </message>
    <message>
        <source>rapport: %1</source>
        <translation>rapport: %1</translation>
    </message>
    <message>
        <source>Try “rapport --help”.</source>
        <translation>Hilfe erhalten Sie mit „rapport --help“.</translation>
    </message>
    <message>
        <source>--seed needs a whole number.</source>
        <translation>--seed erwartet eine ganze Zahl.</translation>
    </message>
    <message>
        <source>demo takes no arguments.</source>
        <translation>demo erwartet keine Argumente.</translation>
    </message>
    <message>
        <source>Generating demo data… %1% (%2)</source>
        <translation>Demodaten werden erzeugt… %1 % (%2)</translation>
    </message>
    <message>
        <source>Demo data written to %1 in %2 s:</source>
        <translation>Demodaten in %2 s nach %1 geschrieben:</translation>
    </message>
    <message>
        <source>stats takes no arguments.</source>
        <translation>stats erwartet keine Argumente.</translation>
    </message>
    <message>
        <source>Database:       %1</source>
        <translation>Datenbank:      %1</translation>
    </message>
    <message>
        <source>Schema version: %1</source>
        <translation>Schema-Version: %1</translation>
    </message>
    <message>
        <source>Size:           %1</source>
        <translation>Größe:          %1</translation>
    </message>
    <message>
        <source>Rows:</source>
        <translation>Zeilen:</translation>
    </message>
    <message>
        <source>search needs a QUERY.</source>
        <translation>search erwartet eine SUCHE.</translation>
    </message>
    <message>
        <source>--limit needs a number from 1 to 10000.</source>
        <translation>--limit erwartet eine Zahl von 1 bis 10000.</translation>
    </message>
    <message>
        <source>The query has no letters or digits to search for.</source>
        <translation>Die Suche enthält keine Buchstaben oder Ziffern, nach denen gesucht werden könnte.</translation>
    </message>
    <message>
        <source>Contacts (%1):</source>
        <translation>Kontakte (%1):</translation>
    </message>
    <message>
        <source>Conversations (%1):</source>
        <translation>Unterhaltungen (%1):</translation>
    </message>
    <message>
        <source>migrate takes no arguments.</source>
        <translation>migrate erwartet keine Argumente.</translation>
    </message>
    <message>
        <source>%1 is already at schema version %2; nothing to do.</source>
        <translation>%1 hat bereits Schema-Version %2; nichts zu tun.</translation>
    </message>
    <message>
        <source>Migrated %1 from schema version %2 to %3:</source>
        <translation>%1 von Schema-Version %2 auf %3 migriert:</translation>
    </message>
</context>
<context>
    <name>ContactListModel</name>
    <message>
        <source>Journalist</source>
        <translation>Journalist</translation>
    </message>
    <message>
        <source>Editor</source>
        <translation>Redakteur</translation>
    </message>
    <message>
        <source>Blogger</source>
        <translation>Blogger</translation>
    </message>
    <message>
        <source>Influencer</source>
        <translation>Influencer</translation>
    </message>
    <message>
        <source>Analyst</source>
        <translation>Analyst</translation>
    </message>
    <message>
        <source>Client contact</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Endkunde</translation>
    </message>
    <message>
        <source>Other</source>
        <comment>contact kind</comment>
        <translation>Sonstige</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Outlet</source>
        <translation>Medium</translation>
    </message>
    <message>
        <source>Title</source>
        <comment>job title</comment>
        <translation>Position</translation>
    </message>
    <message>
        <source>Kind</source>
        <comment>journalist, editor, blogger...</comment>
        <translation>Art</translation>
    </message>
    <message>
        <source>Owner</source>
        <comment>account manager in charge of the contact</comment>
        <translation>Betreuer</translation>
    </message>
    <message>
        <source>Last contacted</source>
        <translation>Letzter Kontakt</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <source>%1 asked not to be contacted.</source>
        <translation>%1 möchte nicht kontaktiert werden.</translation>
    </message>
</context>
<context>
    <name>ContactListQuery</name>
    <message>
        <source>counting contacts</source>
        <translation>Zählen der Kontakte</translation>
    </message>
    <message>
        <source>sorting the contact list</source>
        <translation>Sortieren der Kontaktliste</translation>
    </message>
    <message>
        <source>loading the contact list</source>
        <translation>Laden der Kontaktliste</translation>
    </message>
</context>
<context>
    <name>ContactRepository</name>
    <message>
        <source>adding the contact</source>
        <translation>Anlegen des Kontakts</translation>
    </message>
    <message>
        <source>This contact has not been saved yet.</source>
        <translation>Dieser Kontakt wurde noch nicht gespeichert.</translation>
    </message>
    <message>
        <source>saving the contact</source>
        <translation>Speichern des Kontakts</translation>
    </message>
    <message>
        <source>“%1” was changed or deleted by someone else since you opened it. Reload it to see their changes; yours were not saved.</source>
        <translation>„%1“ wurde von jemand anderem geändert oder gelöscht, seit Sie den Kontakt geöffnet haben. Laden Sie ihn neu, um diese Änderungen zu sehen; Ihre Änderungen wurden nicht gespeichert.</translation>
    </message>
    <message>
        <source>saving the contact&apos;s email addresses</source>
        <translation>Speichern der E-Mail-Adressen des Kontakts</translation>
    </message>
    <message>
        <source>saving the contact&apos;s phone numbers</source>
        <translation>Speichern der Telefonnummern des Kontakts</translation>
    </message>
    <message>
        <source>saving the contact&apos;s handles</source>
        <translation>Speichern der Handles des Kontakts</translation>
    </message>
    <message>
        <source>The handle %1 already belongs to another contact.</source>
        <translation>Das Handle %1 gehört bereits zu einem anderen Kontakt.</translation>
    </message>
    <message>
        <source>saving the contact&apos;s tags</source>
        <translation>Speichern der Tags des Kontakts</translation>
    </message>
    <message>
        <source>saving a tag</source>
        <translation>Speichern eines Tags</translation>
    </message>
    <message>
        <source>updating the search index</source>
        <translation>Aktualisieren des Suchindex</translation>
    </message>
    <message>
        <source>loading the contact</source>
        <translation>Laden des Kontakts</translation>
    </message>
    <message>
        <source>The contact no longer exists.</source>
        <translation>Der Kontakt existiert nicht mehr.</translation>
    </message>
    <message>
        <source>moving the contact to the trash</source>
        <translation>Verschieben des Kontakts in den Papierkorb</translation>
    </message>
    <message>
        <source>restoring the contact</source>
        <translation>Wiederherstellen des Kontakts</translation>
    </message>
    <message>
        <source>counting contacts</source>
        <translation>Zählen der Kontakte</translation>
    </message>
    <message>
        <source>looking for duplicates</source>
        <translation>Suchen nach Duplikaten</translation>
    </message>
</context>
<context>
    <name>ContactsView</name>
    <message>
        <source>No contacts yet.</source>
        <translation>Noch keine Kontakte.</translation>
    </message>
    <message>
        <source>Select a contact to see the profile.</source>
        <translation>Wählen Sie einen Kontakt aus, um sein Profil zu sehen.</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>The SQLite driver for Qt is not installed (package libqt6sql6-sqlite).</source>
        <translation>Der SQLite-Treiber für Qt ist nicht installiert (Paket libqt6sql6-sqlite).</translation>
    </message>
    <message>
        <source>%1 is a folder, not a database file.</source>
        <translation>%1 ist ein Ordner, keine Datenbankdatei.</translation>
    </message>
    <message>
        <source>There is no database at %1.</source>
        <translation>Unter %1 gibt es keine Datenbank.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1 for the database.</source>
        <translation>Der Ordner %1 für die Datenbank kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Cannot read %1: permission denied.</source>
        <translation>%1 kann nicht gelesen werden: Zugriff verweigert.</translation>
    </message>
    <message>
        <source>opening the database</source>
        <translation>Öffnen der Datenbank</translation>
    </message>
    <message>
        <source>The PostgreSQL driver for Qt is not installed (package libqt6sql6-psql).</source>
        <translation>Der PostgreSQL-Treiber für Qt ist nicht installiert (Paket libqt6sql6-psql).</translation>
    </message>
    <message>
        <source>Cannot connect to the PostgreSQL database %1: %2</source>
        <translation>Keine Verbindung zur PostgreSQL-Datenbank %1 möglich: %2</translation>
    </message>
    <message>
        <source>reading the database</source>
        <translation>Lesen der Datenbank</translation>
    </message>
    <message>
        <source>configuring the database</source>
        <translation>Konfigurieren der Datenbank</translation>
    </message>
    <message>
        <source>The disk is full: %1 failed and nothing was changed. Free some space and try again.</source>
        <translation>Der Datenträger ist voll: %1 fehlgeschlagen, es wurde nichts geändert. Geben Sie Speicherplatz frei und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>%1 is read-only: %2 is not possible.</source>
        <translation>%1 ist schreibgeschützt: %2 nicht möglich.</translation>
    </message>
    <message>
        <source>%1 is not a Rapport database, or it is damaged (%2).</source>
        <translation>%1 ist keine Rapport-Datenbank oder beschädigt (%2).</translation>
    </message>
    <message>
        <source>The database is busy (another program is writing to it): %1 failed. Try again.</source>
        <translation>Die Datenbank ist belegt (ein anderes Programm schreibt gerade darauf): %1 fehlgeschlagen. Versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Reading or writing %1 failed (%2): %3 did not happen.</source>
        <translation>Lesen oder Schreiben von %1 fehlgeschlagen (%2): %3 wurde nicht ausgeführt.</translation>
    </message>
    <message>
        <source>%1 was refused: %2</source>
        <translation>%1 abgelehnt: %2</translation>
    </message>
    <message>
        <source>The database server&apos;s disk is full: %1 failed and nothing was changed.</source>
        <translation>Der Datenträger des Datenbankservers ist voll: %1 fehlgeschlagen, es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>The connection to %1 was lost: %2</source>
        <translation>Die Verbindung zu %1 wurde unterbrochen: %2</translation>
    </message>
    <message>
        <source>Database error while %1: %2</source>
        <translation>Datenbankfehler beim %1: %2</translation>
    </message>
    <message>
        <source>starting a transaction</source>
        <translation>Starten einer Transaktion</translation>
    </message>
    <message>
        <source>saving the changes</source>
        <translation>Speichern der Änderungen</translation>
    </message>
</context>
<context>
    <name>DatabaseLocation</name>
    <message>
        <source>No database path or URL was given.</source>
        <translation>Es wurde weder ein Datenbankpfad noch eine URL angegeben.</translation>
    </message>
    <message>
        <source>“%1” is not a valid PostgreSQL URL. Use postgresql://user@host:port/database.</source>
        <translation>„%1“ ist keine gültige PostgreSQL-URL. Verwenden Sie postgresql://user@host:port/database.</translation>
    </message>
    <message>
        <source>Unsupported database URL “%1”: use a file path or postgresql://…</source>
        <translation>Nicht unterstützte Datenbank-URL „%1“: Verwenden Sie einen Dateipfad oder postgresql://…</translation>
    </message>
</context>
<context>
    <name>DemoGenerator</name>
    <message>
        <source>Unknown demo size “%1”: use small or large.</source>
        <translation>Unbekannte Demo-Größe „%1“: Verwenden Sie small oder large.</translation>
    </message>
    <message>
        <source>%1 is read-only: cannot write demo data into it.</source>
        <translation>%1 ist schreibgeschützt: Demodaten können nicht hineingeschrieben werden.</translation>
    </message>
    <message>
        <source>%1 already holds data: demo data goes only into an empty database. Use a new database, or replace everything in it (--force).</source>
        <translation>%1 enthält bereits Daten: Demodaten werden nur in eine leere Datenbank geschrieben. Verwenden Sie eine neue Datenbank oder ersetzen Sie den gesamten Inhalt (--force).</translation>
    </message>
    <message>
        <source>Writing campaigns</source>
        <translation>Kampagnen werden angelegt</translation>
    </message>
    <message>
        <source>%1 introduces the %2</source>
        <translation>%1 stellt %2 vor</translation>
    </message>
    <message>
        <source>Pitch: an exclusive first look at the %1</source>
        <translation>Pitch: ein exklusiver erster Blick auf %1</translation>
    </message>
    <message>
        <source>Meet the %1 from %2 #launch</source>
        <translation>%1 von %2 – jetzt kennenlernen #launch</translation>
    </message>
    <message>
        <source>%1 media kit: images, fact sheet, spokespeople</source>
        <translation>Pressemappe %1: Bilder, Factsheet, Ansprechpartner</translation>
    </message>
    <message>
        <source>Why we built the %1</source>
        <translation>Warum wir %1 entwickelt haben</translation>
    </message>
    <message>
        <source>%1. %2 today announced the %3, available from next month. Contact the press office for samples and interviews.</source>
        <translation>%1. %2 hat heute %3 angekündigt, erhältlich ab nächstem Monat. Für Muster und Interviews wenden Sie sich bitte an die Pressestelle.</translation>
    </message>
    <message>
        <source>%1 — media list</source>
        <translation>%1 – Presseverteiler</translation>
    </message>
    <message>
        <source>Writing pitches and coverage</source>
        <translation>Pitches und Berichterstattung werden angelegt</translation>
    </message>
    <message>
        <source>Generating the demo data was cancelled: nothing was changed.</source>
        <translation>Das Erzeugen der Demodaten wurde abgebrochen: Es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>Planning the agency</source>
        <translation>Agentur wird geplant</translation>
    </message>
    <message>
        <source>Building the search index</source>
        <translation>Suchindex wird aufgebaut</translation>
    </message>
    <message>
        <source>Saving</source>
        <translation>Wird gespeichert</translation>
    </message>
    <message>
        <source>Writing users</source>
        <translation>Benutzer werden angelegt</translation>
    </message>
    <message>
        <source>Writing organizations</source>
        <translation>Organisationen werden angelegt</translation>
    </message>
    <message>
        <source>Writing contacts</source>
        <translation>Kontakte werden angelegt</translation>
    </message>
    <message>
        <source>Writing interactions</source>
        <translation>Interaktionen werden angelegt</translation>
    </message>
    <message>
        <source>Writing follow-ups</source>
        <translation>Wiedervorlagen werden angelegt</translation>
    </message>
    <message>
        <source>Get the %1 %2 into the press that matters: tier-one %3 coverage, two broadcast interviews and a steady drumbeat on social.</source>
        <translation>%1 %2 in die relevanten Medien bringen: Berichterstattung in Leitmedien (%3), zwei Interviews in Funk und Fernsehen und stetige Präsenz in den sozialen Medien.</translation>
    </message>
</context>
<context>
    <name>Gui</name>
    <message>
        <source>rapport: %1</source>
        <translation>rapport: %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Contacts</source>
        <translation>Kontakte</translation>
    </message>
    <message>
        <source>Organizations</source>
        <translation>Organisationen</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Kampagnen</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>Posteingang</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>Wiedervorlagen</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Outlets, clients and other companies, with the people who work there and everything the agency did with them.</source>
        <translation>Medien, Kunden und andere Unternehmen – mit den Menschen, die dort arbeiten, und allem, was die Agentur mit ihnen unternommen hat.</translation>
    </message>
    <message>
        <source>Each client&apos;s campaigns with their press releases and pitches, media lists, the pitch pipeline per contact and the coverage that came of it.</source>
        <translation>Die Kampagnen jedes Kunden mit Pressemitteilungen und Pitches, Presseverteilern, der Pitch-Pipeline je Kontakt und der daraus entstandenen Berichterstattung.</translation>
    </message>
    <message>
        <source>Mentions, replies and messages from Mastodon, Bluesky and feeds that match no contact yet, waiting for you to file or dismiss them.</source>
        <translation>Erwähnungen, Antworten und Nachrichten aus Mastodon, Bluesky und Feeds, die noch keinem Kontakt zugeordnet sind und darauf warten, dass Sie sie zuordnen oder verwerfen.</translation>
    </message>
    <message>
        <source>Your dated follow-ups with contacts and campaigns, with a reminder when one is due.</source>
        <translation>Ihre terminierten Wiedervorlagen zu Kontakten und Kampagnen, mit einer Erinnerung, sobald eine fällig ist.</translation>
    </message>
    <message>
        <source>Charts of the team&apos;s engagement: conversations over time, response rates, the pitch funnel, coverage and the relationships that are cooling off.</source>
        <translation>Diagramme zur Arbeit des Teams: Unterhaltungen im Zeitverlauf, Antwortquoten, der Pitch-Funnel, die Berichterstattung und Beziehungen, die abzukühlen drohen.</translation>
    </message>
    <message>
        <source>%1 (read-only) — Rapport</source>
        <translation>%1 (schreibgeschützt) — Rapport</translation>
    </message>
    <message>
        <source>%1 — Rapport</source>
        <translation>%1 — Rapport</translation>
    </message>
    <message>
        <source>The demo agency is loaded.</source>
        <translation>Die Demo-Agentur wurde geladen.</translation>
    </message>
    <message>
        <source>Canceled: no demo data was loaded.</source>
        <translation>Abgebrochen: Es wurden keine Demodaten geladen.</translation>
    </message>
    <message>
        <source>Demo data not loaded</source>
        <translation>Demodaten nicht geladen</translation>
    </message>
    <message>
        <source>The demo agency could not be loaded: %1</source>
        <translation>Die Demo-Agentur konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Rapport</source>
        <translation>Ü&amp;ber Rapport</translation>
    </message>
    <message>
        <source>Read-only: changes cannot be saved</source>
        <translation>Schreibgeschützt: Änderungen können nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Rapport cannot write to %1.</source>
        <translation>Rapport kann nicht in %1 schreiben.</translation>
    </message>
    <message>
        <source>Contacts: %L1</source>
        <translation>Kontakte: %L1</translation>
    </message>
    <message>
        <source>Database error</source>
        <translation>Datenbankfehler</translation>
    </message>
    <message>
        <source>About Rapport</source>
        <translation>Über Rapport</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Rapport %1&lt;/h3&gt;&lt;p&gt;The relationship memory of your PR agency.&lt;/p&gt;&lt;p&gt;Database: %2%3&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Rapport %1&lt;/h3&gt;&lt;p&gt;Das Beziehungsgedächtnis Ihrer PR-Agentur.&lt;/p&gt;&lt;p&gt;Datenbank: %2%3&lt;/p&gt;</translation>
    </message>
    <message>
        <source> (read-only)</source>
        <translation> (schreibgeschützt)</translation>
    </message>
    <message>
        <source>Load a demo agency?</source>
        <translation>Demo-Agentur laden?</translation>
    </message>
    <message>
        <source>Your database is empty. Load a demo agency with outlets, journalists, conversations and campaigns to try Rapport out?</source>
        <translation>Ihre Datenbank ist leer. Möchten Sie eine Demo-Agentur mit Medien, Journalisten, Unterhaltungen und Kampagnen laden, um Rapport auszuprobieren?</translation>
    </message>
    <message>
        <source>Preparing the demo agency…</source>
        <translation>Demo-Agentur wird vorbereitet…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Loading demo data</source>
        <translation>Demodaten werden geladen</translation>
    </message>
    <message>
        <source>Canceling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <source>&amp;Contact</source>
        <translation>&amp;Kontakt</translation>
    </message>
</context>
<context>
    <name>Migrator</name>
    <message>
        <source>Created the Rapport schema (version 1).</source>
        <translation>Das Rapport-Schema wurde angelegt (Version 1).</translation>
    </message>
    <message>
        <source>The schema file %1 is missing from this build.</source>
        <translation>Die Schemadatei %1 fehlt in diesem Build.</translation>
    </message>
    <message>
        <source>updating the database schema</source>
        <translation>Aktualisieren des Datenbankschemas</translation>
    </message>
    <message>
        <source>preparing the database</source>
        <translation>Vorbereiten der Datenbank</translation>
    </message>
    <message>
        <source>reading the schema version</source>
        <translation>Lesen der Schema-Version</translation>
    </message>
    <message>
        <source>%1 holds other data and is not a Rapport database: Rapport will not touch it.</source>
        <translation>%1 enthält andere Daten und ist keine Rapport-Datenbank: Rapport verändert sie nicht.</translation>
    </message>
    <message>
        <source>%1 was written by a newer version of Rapport (schema %2; this version knows up to %3). Update Rapport to open it.</source>
        <translation>%1 wurde von einer neueren Rapport-Version geschrieben (Schema %2; diese Version kennt Schemas bis %3). Aktualisieren Sie Rapport, um die Datenbank zu öffnen.</translation>
    </message>
    <message>
        <source>%1 is read-only and needs an upgrade to schema %2 before Rapport can use it.</source>
        <translation>%1 ist schreibgeschützt und muss erst auf Schema %2 aktualisiert werden, bevor Rapport die Datenbank verwenden kann.</translation>
    </message>
    <message>
        <source>Upgrading the database to schema %1 failed; it was left unchanged at schema %2. %3</source>
        <translation>Die Aktualisierung der Datenbank auf Schema %1 ist fehlgeschlagen; sie bleibt unverändert auf Schema %2. %3</translation>
    </message>
    <message>
        <source>recording the schema version</source>
        <translation>Speichern der Schema-Version</translation>
    </message>
</context>
<context>
    <name>OpenErrorDialog</name>
    <message>
        <source>Rapport cannot open the database</source>
        <translation>Rapport kann die Datenbank nicht öffnen</translation>
    </message>
    <message>
        <source>Database: %1
Nothing in it was changed. Start Rapport with --db to open another database.</source>
        <translation>Datenbank: %1
Darin wurde nichts geändert. Starten Sie Rapport mit --db, um eine andere Datenbank zu öffnen.</translation>
    </message>
</context>
<context>
    <name>OrganizationRepository</name>
    <message>
        <source>adding the organization</source>
        <translation>Anlegen der Organisation</translation>
    </message>
    <message>
        <source>This organization has not been saved yet.</source>
        <translation>Diese Organisation wurde noch nicht gespeichert.</translation>
    </message>
    <message>
        <source>saving the organization</source>
        <translation>Speichern der Organisation</translation>
    </message>
    <message>
        <source>“%1” was changed or deleted by someone else since you opened it. Reload it to see their changes; yours were not saved.</source>
        <translation>„%1“ wurde von jemand anderem geändert oder gelöscht, seit Sie die Organisation geöffnet haben. Laden Sie sie neu, um diese Änderungen zu sehen; Ihre Änderungen wurden nicht gespeichert.</translation>
    </message>
    <message>
        <source>updating the search index</source>
        <translation>Aktualisieren des Suchindex</translation>
    </message>
    <message>
        <source>loading the organization</source>
        <translation>Laden der Organisation</translation>
    </message>
    <message>
        <source>The organization no longer exists.</source>
        <translation>Die Organisation existiert nicht mehr.</translation>
    </message>
    <message>
        <source>moving the organization to the trash</source>
        <translation>Verschieben der Organisation in den Papierkorb</translation>
    </message>
    <message>
        <source>restoring the organization</source>
        <translation>Wiederherstellen der Organisation</translation>
    </message>
    <message>
        <source>counting organizations</source>
        <translation>Zählen der Organisationen</translation>
    </message>
    <message>
        <source>looking up organizations</source>
        <translation>Suchen von Organisationen</translation>
    </message>
</context>
<context>
    <name>PlaceholderSection</name>
    <message>
        <source>This part of Rapport is not built yet.</source>
        <translation>Dieser Bereich von Rapport ist noch nicht fertig.</translation>
    </message>
</context>
<context>
    <name>SearchRepository</name>
    <message>
        <source>searching contacts</source>
        <translation>Durchsuchen der Kontakte</translation>
    </message>
    <message>
        <source>searching conversations</source>
        <translation>Durchsuchen der Unterhaltungen</translation>
    </message>
</context>
<context>
    <name>StatsRepository</name>
    <message>
        <source>counting rows</source>
        <translation>Zählen der Zeilen</translation>
    </message>
    <message>
        <source>reading the database</source>
        <translation>Lesen der Datenbank</translation>
    </message>
</context>
<context>
    <name>UserRepository</name>
    <message>
        <source>looking up the user</source>
        <translation>Suchen des Benutzers</translation>
    </message>
    <message>
        <source>adding the user</source>
        <translation>Anlegen des Benutzers</translation>
    </message>
    <message>
        <source>listing users</source>
        <translation>Auflisten der Benutzer</translation>
    </message>
</context>
<context>
    <name>Validation</name>
    <message>
        <source>The handle is empty.</source>
        <translation>Das Handle ist leer.</translation>
    </message>
    <message>
        <source>“%1” is not a valid email address.</source>
        <translation>„%1“ ist keine gültige E-Mail-Adresse.</translation>
    </message>
    <message>
        <source>“%1” is not a Mastodon handle: write it as @user@server.</source>
        <translation>„%1“ ist kein Mastodon-Handle: Schreiben Sie es als @user@server.</translation>
    </message>
    <message>
        <source>“%1” is not a Bluesky handle or DID (like name.bsky.social).</source>
        <translation>„%1“ ist weder ein Bluesky-Handle noch eine DID (etwa name.bsky.social).</translation>
    </message>
    <message>
        <source>“%1” is not a web address starting with http:// or https://.</source>
        <translation>„%1“ ist keine Webadresse, die mit http:// oder https:// beginnt.</translation>
    </message>
    <message>
        <source>“%1” is not an X handle (up to 15 letters, digits or _).</source>
        <translation>„%1“ ist kein X-Handle (bis zu 15 Buchstaben, Ziffern oder _).</translation>
    </message>
    <message>
        <source>Unknown network “%1”.</source>
        <translation>Unbekanntes Netzwerk „%1“.</translation>
    </message>
    <message>
        <source>A contact needs a name.</source>
        <translation>Ein Kontakt braucht einen Namen.</translation>
    </message>
    <message>
        <source>Names and titles can be at most %1 characters long.</source>
        <translation>Namen und Positionen dürfen höchstens %1 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>The notes are longer than one million characters.</source>
        <translation>Die Notizen sind länger als eine Million Zeichen.</translation>
    </message>
    <message>
        <source>Unknown kind of contact “%1”.</source>
        <translation>Unbekannte Kontaktart „%1“.</translation>
    </message>
    <message>
        <source>The reach cannot be negative.</source>
        <translation>Die Reichweite darf nicht negativ sein.</translation>
    </message>
    <message>
        <source>An organization needs a name.</source>
        <translation>Eine Organisation braucht einen Namen.</translation>
    </message>
    <message>
        <source>The name can be at most %1 characters long.</source>
        <translation>Der Name darf höchstens %1 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>Unknown kind of organization “%1”.</source>
        <translation>Unbekannte Organisationsart „%1“.</translation>
    </message>
</context>
</TS>
