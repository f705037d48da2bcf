<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AccountEditor</name>
    <message>
        <source>Add %1 Account</source>
        <translation>%1-Konto hinzufügen</translation>
    </message>
    <message>
        <source>Edit %1 Account</source>
        <translation>%1-Konto bearbeiten</translation>
    </message>
    <message>
        <source>Add Feed</source>
        <translation>Feed hinzufügen</translation>
    </message>
    <message>
        <source>Edit Feed</source>
        <translation>Feed bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>Sign in with &amp;Browser…</source>
        <translation>Im &amp;Browser anmelden…</translation>
    </message>
    <message>
        <source>Opens your server&apos;s sign-in page in the browser; Rapport gets a read-only token</source>
        <translation>Öffnet die Anmeldeseite Ihres Servers im Browser; Rapport erhält ein Token nur mit Lesezugriff</translation>
    </message>
    <message>
        <source>(stored; type a new one to replace it)</source>
        <translation>(gespeichert; zum Ersetzen ein neues eingeben)</translation>
    </message>
    <message>
        <source>Access &amp;token:</source>
        <translation>Zugriffs&amp;token:</translation>
    </message>
    <message>
        <source>On your server: Preferences → Development → New application with the read scopes, then copy “Your access token”.</source>
        <translation>Auf Ihrem Server: Einstellungen → Entwicklung → Neue Anwendung mit den Lese-Berechtigungen (read) anlegen, dann „Dein Zugangs-Token“ kopieren.</translation>
    </message>
    <message>
        <source>optional: you@server.social</source>
        <translation>optional: name@server.social</translation>
    </message>
    <message>
        <source>&amp;Handle:</source>
        <translation>&amp;Handle:</translation>
    </message>
    <message>
        <source>App &amp;password:</source>
        <translation>App-&amp;Passwort:</translation>
    </message>
    <message>
        <source>Create one under Settings → Privacy and security → App passwords. Never your account password.</source>
        <translation>Erstellen Sie eines unter Einstellungen → Privatsphäre und Sicherheit → App-Passwörter. Niemals Ihr Kontopasswort.</translation>
    </message>
    <message>
        <source>&amp;PDS server:</source>
        <translation>P&amp;DS-Server:</translation>
    </message>
    <message>
        <source>Feed &amp;URL:</source>
        <translation>Feed-&amp;URL:</translation>
    </message>
    <message>
        <source>C&amp;ontact</source>
        <translation>&amp;Kontakt</translation>
    </message>
    <message>
        <source>Or&amp;ganization</source>
        <translation>&amp;Organisation</translation>
    </message>
    <message>
        <source>Type a name</source>
        <translation>Namen eingeben</translation>
    </message>
    <message>
        <source>&amp;Belongs to:</source>
        <translation>&amp;Gehört zu:</translation>
    </message>
    <message>
        <source>Belongs to</source>
        <translation>Gehört zu</translation>
    </message>
    <message>
        <source>optional: the feed&apos;s title</source>
        <translation>optional: der Titel des Feeds</translation>
    </message>
    <message>
        <source>optional: the handle</source>
        <translation>optional: das Handle</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Sync &amp;every:</source>
        <translation>Synchronisieren &amp;alle:</translation>
    </message>
    <message>
        <source>Sync when Rapport &amp;starts</source>
        <translation>Beim Sta&amp;rt von Rapport synchronisieren</translation>
    </message>
    <message>
        <source>Sync &amp;automatically</source>
        <translation>Automatisch s&amp;ynchronisieren</translation>
    </message>
    <message>
        <source>Test &amp;Connection</source>
        <translation>&amp;Verbindung testen</translation>
    </message>
    <message>
        <source>Testing the connection</source>
        <translation>Verbindung wird getestet</translation>
    </message>
    <message>
        <source>✓ %1</source>
        <translation>✓ %1</translation>
    </message>
    <message>
        <source>No keyring is available: the secret will be kept only until Rapport quits, and you will have to enter it again next time.</source>
        <translation>Kein Schlüsselbund verfügbar: Die Zugangsdaten werden nur bis zum Beenden von Rapport aufbewahrt und müssen beim nächsten Mal erneut eingegeben werden.</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Type the server&apos;s address, such as https://mastodon.social.</source>
        <translation>Geben Sie die Adresse des Servers ein, etwa https://mastodon.social.</translation>
    </message>
    <message>
        <source>Type the name of the contact or organization whose feed this is.</source>
        <translation>Geben Sie ein, zu welchem Kontakt oder welcher Organisation dieser Feed gehört.</translation>
    </message>
    <message>
        <source>No organization is called “%1”.</source>
        <translation>Es gibt keine Organisation namens „%1“.</translation>
    </message>
    <message>
        <source>No contact is called “%1”.</source>
        <translation>Es gibt keinen Kontakt namens „%1“.</translation>
    </message>
    <message>
        <source>Several contacts match “%1”: pick one from the list.</source>
        <translation>Mehrere Kontakte passen zu „%1“: Wählen Sie einen aus der Liste.</translation>
    </message>
    <message>
        <source>The secret could not be stored: %1</source>
        <translation>Die Zugangsdaten konnten nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Secret kept for this session only</source>
        <translation>Zugangsdaten nur für diese Sitzung gespeichert</translation>
    </message>
    <message>
        <source>✓ Signed in as @%1. Save to keep it.</source>
        <translation>✓ Angemeldet als @%1. Speichern Sie, um die Anmeldung zu behalten.</translation>
    </message>
    <message>
        <source>Waiting for you to allow Rapport in the browser…</source>
        <translation>Warten auf Ihre Freigabe für Rapport im Browser…</translation>
    </message>
    <message>
        <source>Cancel Sign-in</source>
        <translation>Anmeldung abbrechen</translation>
    </message>
    <message>
        <source>Registering Rapport with the server…</source>
        <translation>Rapport wird beim Server registriert…</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Wird getestet…</translation>
    </message>
    <message>
        <source>Rapport cannot use the system keyring (%1), so the secret of “%2” is kept only until Rapport quits. You will have to enter it again next time.</source>
        <translation>Rapport kann den Schlüsselbund des Systems nicht verwenden (%1), daher wird das Geheimnis von „%2“ nur bis zum Beenden von Rapport aufbewahrt. Sie müssen es beim nächsten Mal erneut eingeben.</translation>
    </message>
    <message>
        <source>Storing the secret in the system keyring…</source>
        <translation>Das Geheimnis wird im Schlüsselbund des Systems gespeichert …</translation>
    </message>
</context>
<context>
    <name>AccountInput</name>
    <message>
        <source>Sync every 1 to %1 minutes (one week).</source>
        <translation>Synchronisieren Sie alle 1 bis %1 Minuten (eine Woche).</translation>
    </message>
    <message>
        <source>Type the feed&apos;s address, starting with https:// or http://.</source>
        <translation>Geben Sie die Adresse des Feeds ein, beginnend mit https:// oder http://.</translation>
    </message>
    <message>
        <source>Type the server&apos;s address, such as https://mastodon.social.</source>
        <translation>Geben Sie die Adresse des Servers ein, etwa https://mastodon.social.</translation>
    </message>
    <message>
        <source>Type the account&apos;s handle, such as %1.</source>
        <translation>Geben Sie das Handle des Kontos ein, etwa %1.</translation>
    </message>
    <message>
        <source>Paste the access token from your server.</source>
        <translation>Fügen Sie das Zugriffstoken von Ihrem Server ein.</translation>
    </message>
    <message>
        <source>Type an app password for this account.</source>
        <translation>Geben Sie ein App-Passwort für dieses Konto ein.</translation>
    </message>
    <message>
        <source>A feed belongs to one contact or one organization.</source>
        <translation>Ein Feed gehört zu genau einem Kontakt oder einer Organisation.</translation>
    </message>
</context>
<context>
    <name>AccountListModel</name>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>today %1</source>
        <translation>heute %1</translation>
    </message>
    <message>
        <source>yesterday %1</source>
        <translation>gestern %1</translation>
    </message>
    <message>
        <source>tomorrow %1</source>
        <translation>morgen %1</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <comment>account list: network · name</comment>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>pausiert</translation>
    </message>
    <message>
        <source>due now</source>
        <translation>jetzt fällig</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Last synced</source>
        <translation>Zuletzt synchronisiert</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Einträge</translation>
    </message>
    <message>
        <source>Next sync</source>
        <translation>Nächste Synchronisierung</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
</context>
<context>
    <name>AccountsDialog</name>
    <message>
        <source>Accounts</source>
        <translation>Konten</translation>
    </message>
    <message>
        <source>Rapport reads mentions, replies and messages from these accounts and feeds. Authors who match a contact go to their history, the others to the Inbox.</source>
        <translation>Rapport liest Erwähnungen, Antworten und Nachrichten aus diesen Konten und Feeds. Beiträge von Autoren, die einem Kontakt entsprechen, landen in dessen Verlauf, alle anderen im Posteingang.</translation>
    </message>
    <message>
        <source>Accounts and feeds</source>
        <translation>Konten und Feeds</translation>
    </message>
    <message>
        <source>No accounts yet. Add the agency&apos;s Mastodon or Bluesky account, or the feed of a journalist&apos;s blog or an outlet.</source>
        <translation>Noch keine Konten. Fügen Sie das Mastodon- oder Bluesky-Konto der Agentur hinzu oder den Feed des Blogs eines Journalisten oder eines Mediums.</translation>
    </message>
    <message>
        <source>Add &amp;Mastodon…</source>
        <translation>&amp;Mastodon hinzufügen…</translation>
    </message>
    <message>
        <source>Add &amp;Bluesky…</source>
        <translation>&amp;Bluesky hinzufügen…</translation>
    </message>
    <message>
        <source>Add &amp;Feed…</source>
        <translation>&amp;Feed hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>Be&amp;arbeiten…</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>&amp;Entfernen…</translation>
    </message>
    <message>
        <source>&amp;Sync Now</source>
        <translation>&amp;Jetzt synchronisieren</translation>
    </message>
    <message>
        <source>Sync the selected account now</source>
        <translation>Ausgewähltes Konto jetzt synchronisieren</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Wird synchronisiert…</translation>
    </message>
    <message numerus="yes">
        <source>Syncing… %n item(s)</source>
        <translation>
            <numerusform>Wird synchronisiert… %n Eintrag</numerusform>
            <numerusform>Wird synchronisiert… %n Einträge</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove Account?</source>
        <translation>Konto entfernen?</translation>
    </message>
    <message>
        <source>Remove “%1”? Rapport stops syncing it and forgets its sign-in. What it already fetched stays in the contacts&apos; history and the Inbox.</source>
        <translation>„%1“ entfernen? Rapport beendet dann die Synchronisierung und vergisst die Anmeldedaten. Bereits Abgerufenes bleibt im Verlauf der Kontakte und im Posteingang.</translation>
    </message>
</context>
<context>
    <name>ActivitySection</name>
    <message>
        <source>Latest</source>
        <comment>the team&apos;s latest conversations</comment>
        <translation>Neueste</translation>
    </message>
    <message>
        <source>Cooling off</source>
        <translation>Abkühlend</translation>
    </message>
    <message>
        <source>The team&apos;s latest conversations</source>
        <translation>Die neuesten Unterhaltungen des Teams</translation>
    </message>
    <message>
        <source>Valuable relationships going quiet, to follow up</source>
        <translation>Wertvolle Beziehungen, um die es still wird – zum Nachfassen</translation>
    </message>
    <message>
        <source>Changes</source>
        <comment>who changed what</comment>
        <translation>Änderungen</translation>
    </message>
    <message>
        <source>Who in the team changed what, and when</source>
        <translation>Wer im Team was wann geändert hat</translation>
    </message>
</context>
<context>
    <name>ActivityView</name>
    <message>
        <source>Latest activity</source>
        <translation>Neueste Aktivitäten</translation>
    </message>
    <message>
        <source>Account manager</source>
        <translation>Betreuer</translation>
    </message>
    <message>
        <source>Show one account manager&apos;s conversations</source>
        <translation>Unterhaltungen eines Betreuers anzeigen</translation>
    </message>
    <message>
        <source>Everybody</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>Alle Kanäle</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Gesamter Zeitraum</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>Letzte 90 Tage</translation>
    </message>
    <message>
        <source>Between…</source>
        <translation>Zwischen…</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Bis</translation>
    </message>
    <message>
        <source>and</source>
        <comment>between date and date</comment>
        <translation>und</translation>
    </message>
    <message>
        <source>&amp;Who:</source>
        <translation>&amp;Wer:</translation>
    </message>
    <message>
        <source>The team&apos;s conversations, newest first</source>
        <translation>Unterhaltungen des Teams, neueste zuerst</translation>
    </message>
    <message>
        <source>Enter or double-click opens the contact</source>
        <translation>Enter oder Doppelklick öffnet den Kontakt</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>No conversations match these filters.</source>
        <translation>Keine Unterhaltungen passen zu diesen Filtern.</translation>
    </message>
</context>
<context>
    <name>AddToMediaListCommand</name>
    <message numerus="yes">
        <source>Add %n person(s) to “%1”</source>
        <translation>
            <numerusform>%n Person zu „%1“ hinzufügen</numerusform>
            <numerusform>%n Personen zu „%1“ hinzufügen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AuditLog</name>
    <message>
        <source>writing the audit log</source>
        <translation>Schreiben des Änderungsprotokolls</translation>
    </message>
</context>
<context>
    <name>AuditTrail</name>
    <message>
        <source>updating the database schema</source>
        <translation>Aktualisieren des Datenbankschemas</translation>
    </message>
    <message>
        <source>writing the audit log</source>
        <translation>Schreiben des Änderungsprotokolls</translation>
    </message>
</context>
<context>
    <name>BackgroundJob</name>
    <message>
        <source>Working…</source>
        <translation>Wird ausgeführt…</translation>
    </message>
</context>
<context>
    <name>BackupCommands</name>
    <message>
        <source>  taken:          %1</source>
        <translation>  erstellt:       %1</translation>
    </message>
    <message>
        <source>  size:           %1</source>
        <translation>  Größe:          %1</translation>
    </message>
    <message>
        <source>  schema version: %1</source>
        <translation>  Schemaversion:  %1</translation>
    </message>
    <message>
        <source>  contacts:       %L1</source>
        <translation>  Kontakte:       %L1</translation>
    </message>
    <message>
        <source>  interactions:   %L1</source>
        <translation>  Gespräche:      %L1</translation>
    </message>
    <message>
        <source>  campaigns:      %L1</source>
        <translation>  Kampagnen:      %L1</translation>
    </message>
    <message>
        <source>Backups (the embedded SQLite database; PostgreSQL: pg_dump):
  backup [--out FILE]
                    A consistent copy of the database, safe while Rapport is running. Without
                    --out: into the backups folder beside the database, keeping the last 7.
  restore BACKUP --yes
                    Put a backup in the database&apos;s place (Rapport must be closed); the current
                    file is kept aside with a timestamp. Without --yes: only shows the backup.
</source>
        <translation>Sicherungen (die eingebettete SQLite-Datenbank; PostgreSQL: pg_dump):
  backup [--out DATEI]
                    Eine stimmige Kopie der Datenbank, auch während Rapport läuft. Ohne
                    --out: in den Ordner backups neben der Datenbank, die letzten 7 bleiben.
  restore SICHERUNG --yes
                    Eine Sicherung an die Stelle der Datenbank setzen (Rapport muss geschlossen sein);
                    die aktuelle Datei bleibt mit Zeitstempel erhalten. Ohne --yes: zeigt nur die Sicherung.
</translation>
    </message>
    <message>
        <source>backup takes no arguments; give the file with --out FILE.</source>
        <translation>backup nimmt keine Argumente; die Datei mit --out DATEI angeben.</translation>
    </message>
    <message>
        <source>--out needs a file name.</source>
        <translation>--out braucht einen Dateinamen.</translation>
    </message>
    <message>
        <source>Backed up %1 to %2:</source>
        <translation>%1 gesichert in %2:</translation>
    </message>
    <message>
        <source>Removed the old backup %1 (the last %2 are kept).</source>
        <translation>Alte Sicherung %1 entfernt (die letzten %2 bleiben).</translation>
    </message>
    <message>
        <source>restore takes one BACKUP file.</source>
        <translation>restore nimmt eine SICHERUNG-Datei.</translation>
    </message>
    <message>
        <source>%1 was written by a newer version of Rapport (schema %2; this version knows up to %3). Restore it with that version, or update Rapport.</source>
        <translation>%1 stammt von einer neueren Rapport-Version (Schema %2; diese Version kennt bis %3). Mit jener Version wiederherstellen oder Rapport aktualisieren.</translation>
    </message>
    <message>
        <source>Backup %1:</source>
        <translation>Sicherung %1:</translation>
    </message>
    <message>
        <source>restoring replaces the database %1; add --yes to restore this backup.</source>
        <translation>Wiederherstellen ersetzt die Datenbank %1; mit --yes wird diese Sicherung wiederhergestellt.</translation>
    </message>
    <message>
        <source>Restored %1 into %2:</source>
        <translation>%1 in %2 wiederhergestellt:</translation>
    </message>
    <message>
        <source>The previous database was kept as %1.</source>
        <translation>Die bisherige Datenbank liegt jetzt unter %1.</translation>
    </message>
</context>
<context>
    <name>BackupController</name>
    <message>
        <source>&amp;Back Up Database…</source>
        <translation>&amp;Datenbank sichern…</translation>
    </message>
    <message>
        <source>Save a copy of the whole database to a file, safe while you and the sync keep working</source>
        <translation>Eine Kopie der ganzen Datenbank in eine Datei schreiben, auch während Sie und die Synchronisation weiterarbeiten</translation>
    </message>
    <message>
        <source>Res&amp;tore From Backup…</source>
        <translation>Aus Sicherung &amp;wiederherstellen…</translation>
    </message>
    <message>
        <source>Put a backup in the place of this database; the current file is kept aside</source>
        <translation>Eine Sicherung an die Stelle dieser Datenbank setzen; die aktuelle Datei bleibt erhalten</translation>
    </message>
    <message>
        <source>Back Up &amp;Daily</source>
        <translation>&amp;Täglich sichern</translation>
    </message>
    <message>
        <source>Once a day, keep a backup in %1 (the last %2)</source>
        <translation>Einmal am Tag eine Sicherung in %1 ablegen (die letzten %2 bleiben)</translation>
    </message>
    <message>
        <source>A PostgreSQL database is backed up on its server, with pg_dump</source>
        <translation>Eine PostgreSQL-Datenbank wird auf ihrem Server mit pg_dump gesichert</translation>
    </message>
    <message>
        <source>A backup will be kept every day.</source>
        <translation>Ab jetzt wird jeden Tag eine Sicherung angelegt.</translation>
    </message>
    <message>
        <source>Daily backups are turned off.</source>
        <translation>Tägliche Sicherungen sind ausgeschaltet.</translation>
    </message>
    <message>
        <source>Today&apos;s backup was saved in %1.</source>
        <translation>Die heutige Sicherung liegt in %1.</translation>
    </message>
    <message>
        <source>Today&apos;s backup failed: %1</source>
        <translation>Die heutige Sicherung ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Daily backup failed</source>
        <translation>Tägliche Sicherung fehlgeschlagen</translation>
    </message>
    <message>
        <source>Today&apos;s backup could not be written. The earlier backups were left as they were.

%1</source>
        <translation>Die heutige Sicherung konnte nicht geschrieben werden. Die früheren Sicherungen sind unverändert.

%1</translation>
    </message>
    <message>
        <source>Back up with pg_dump</source>
        <translation>Mit pg_dump sichern</translation>
    </message>
    <message>
        <source>Rapport backup %1.sqlite</source>
        <comment>file name</comment>
        <translation>Rapport-Sicherung %1.sqlite</translation>
    </message>
    <message>
        <source>Back Up Database</source>
        <translation>Datenbank sichern</translation>
    </message>
    <message>
        <source>Rapport databases (*.sqlite);;All files (*)</source>
        <translation>Rapport-Datenbanken (*.sqlite);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Backing up the database to %1…</source>
        <translation>Datenbank wird in %1 gesichert…</translation>
    </message>
    <message>
        <source>The backup failed.</source>
        <translation>Die Sicherung ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Backup failed</source>
        <translation>Sicherung fehlgeschlagen</translation>
    </message>
    <message numerus="yes">
        <source>Backed up %n contact(s) to %1 (%2).</source>
        <translation>
            <numerusform>%n Kontakt in %1 gesichert (%2).</numerusform>
            <numerusform>%n Kontakte in %1 gesichert (%2).</numerusform>
        </translation>
    </message>
    <message>
        <source>Restore From Backup</source>
        <translation>Aus Sicherung wiederherstellen</translation>
    </message>
    <message>
        <source>Rapport databases (*.sqlite *.db);;All files (*)</source>
        <translation>Rapport-Datenbanken (*.sqlite *.db);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>BlueskyMapping</name>
    <message>
        <source>The Bluesky server sent an answer Rapport does not understand (%1).</source>
        <translation>Der Bluesky-Server hat eine Antwort gesendet, die Rapport nicht versteht (%1).</translation>
    </message>
    <message>
        <source>not JSON: %1</source>
        <translation>kein JSON: %1</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>kein JSON-Objekt</translation>
    </message>
    <message>
        <source>no list of notifications</source>
        <translation>keine Liste von Benachrichtigungen</translation>
    </message>
    <message>
        <source>no list of posts</source>
        <translation>keine Liste von Beiträgen</translation>
    </message>
    <message>
        <source>a session without an account</source>
        <translation>eine Sitzung ohne Konto</translation>
    </message>
    <message>
        <source>a session without tokens</source>
        <translation>eine Sitzung ohne Tokens</translation>
    </message>
    <message>
        <source>notification %1 (%2) without a valid URI, time or author</source>
        <translation>Benachrichtigung %1 (%2) ohne gültige URI, Zeit oder Autor</translation>
    </message>
    <message>
        <source>post %1 of %2 without a valid URI, time or author</source>
        <translation>Beitrag %1 von %2 ohne gültige URI, Zeit oder Autor</translation>
    </message>
</context>
<context>
    <name>BlueskySession</name>
    <message>
        <source>Bluesky (%1) no longer accepts Rapport&apos;s sign-in for @%2. Sign in again with a new app password.</source>
        <translation>Bluesky (%1) akzeptiert die Anmeldung von Rapport für @%2 nicht mehr. Melden Sie sich mit einem neuen App-Passwort erneut an.</translation>
    </message>
    <message>
        <source>Bluesky (%1) answered with status %2.</source>
        <translation>Bluesky (%1) hat mit Status %2 geantwortet.</translation>
    </message>
    <message>
        <source>Bluesky (%1) answered with status %2: %3</source>
        <translation>Bluesky (%1) hat mit Status %2 geantwortet: %3</translation>
    </message>
    <message>
        <source>The Bluesky account has no handle to sign in with.</source>
        <translation>Das Bluesky-Konto hat kein Handle für die Anmeldung.</translation>
    </message>
    <message>
        <source>Rapport has no app password for @%1 (the keyring may have been reset). Sign in again with an app password.</source>
        <translation>Rapport hat kein App-Passwort für @%1 (der Schlüsselbund wurde möglicherweise zurückgesetzt). Melden Sie sich mit einem App-Passwort erneut an.</translation>
    </message>
    <message>
        <source>Bluesky has suspended the account @%1.</source>
        <translation>Bluesky hat das Konto @%1 gesperrt.</translation>
    </message>
    <message>
        <source>Bluesky refused the app password for @%1. Create a new app password in Bluesky&apos;s settings and sign in again.</source>
        <translation>Bluesky hat das App-Passwort für @%1 abgelehnt. Erstellen Sie in den Bluesky-Einstellungen ein neues App-Passwort und melden Sie sich erneut an.</translation>
    </message>
</context>
<context>
    <name>BlueskySource</name>
    <message>
        <source>The Bluesky sync was cancelled.</source>
        <translation>Die Bluesky-Synchronisierung wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Signed in as @%1</source>
        <translation>Angemeldet als @%1</translation>
    </message>
</context>
<context>
    <name>BriefTab</name>
    <message>
        <source>Not set</source>
        <comment>no date</comment>
        <translation>Nicht festgelegt</translation>
    </message>
    <message>
        <source>Brief</source>
        <translation>Briefing</translation>
    </message>
    <message>
        <source>Re&amp;load Theirs</source>
        <translation>Deren Stand &amp;laden</translation>
    </message>
    <message>
        <source>Show the brief as it is stored now; your edits are dropped</source>
        <translation>Das Briefing so zeigen, wie es jetzt gespeichert ist; Ihre Änderungen werden verworfen</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>The client organization: type to pick one</source>
        <translation>Die Kundenorganisation: tippen, um eine auszuwählen</translation>
    </message>
    <message>
        <source>&amp;Client:</source>
        <translation>&amp;Kunde:</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Status:</translation>
    </message>
    <message>
        <source>to</source>
        <comment>from date to date</comment>
        <translation>bis</translation>
    </message>
    <message>
        <source>No date</source>
        <translation>Kein Datum</translation>
    </message>
    <message>
        <source>&amp;Dates:</source>
        <translation>&amp;Zeitraum:</translation>
    </message>
    <message>
        <source>&amp;Owner:</source>
        <translation>&amp;Betreuer:</translation>
    </message>
    <message>
        <source>Team members</source>
        <translation>Teammitglieder</translation>
    </message>
    <message>
        <source>&amp;Team:</source>
        <translation>&amp;Team:</translation>
    </message>
    <message>
        <source>What the campaign is about</source>
        <translation>Worum es in der Kampagne geht</translation>
    </message>
    <message>
        <source>D&amp;escription:</source>
        <translation>B&amp;eschreibung:</translation>
    </message>
    <message>
        <source>What counts as success, e.g. ten tier-one articles</source>
        <translation>Was als Erfolg zählt, z. B. zehn Artikel in Leitmedien</translation>
    </message>
    <message>
        <source>&amp;Goals:</source>
        <translation>&amp;Ziele:</translation>
    </message>
    <message>
        <source>What every pitch and article should carry</source>
        <translation>Was jeder Pitch und jeder Artikel transportieren soll</translation>
    </message>
    <message>
        <source>&amp;Key messages:</source>
        <translation>Kern&amp;botschaften:</translation>
    </message>
    <message>
        <source>Keywords, separated by commas: used to suggest whom to pitch</source>
        <translation>Stichwörter, durch Kommas getrennt: damit wird vorgeschlagen, wen man pitchen sollte</translation>
    </message>
    <message>
        <source>To&amp;pics:</source>
        <translation>T&amp;hemen:</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>&amp;Verwerfen</translation>
    </message>
    <message>
        <source>Save Brief</source>
        <translation>Briefing speichern</translation>
    </message>
    <message>
        <source>Save the brief (%1)</source>
        <translation>Das Briefing speichern (%1)</translation>
    </message>
    <message>
        <source>Nobody</source>
        <translation>Niemand</translation>
    </message>
    <message>
        <source>User %1</source>
        <translation>Benutzer %1</translation>
    </message>
    <message>
        <source>The campaign cannot end before it starts (%1).</source>
        <translation>Die Kampagne kann nicht enden, bevor sie beginnt (%1).</translation>
    </message>
    <message>
        <source>There is no organization named “%1”. Pick one from the list, or add it in Organizations first.</source>
        <translation>Es gibt keine Organisation namens „%1“. Wählen Sie eine aus der Liste oder legen Sie sie zuerst unter Organisationen an.</translation>
    </message>
    <message>
        <source>Saved the brief of “%1”.</source>
        <translation>Briefing von „%1“ gespeichert.</translation>
    </message>
    <message>
        <source>Saved the brief of “%1”, merged with what %2 changed meanwhile (%3).</source>
        <translation>Briefing von „%1“ gespeichert, zusammengeführt mit dem, was %2 inzwischen geändert hat (%3).</translation>
    </message>
    <message>
        <source>Saved the brief of “%1” with your choices.</source>
        <translation>Briefing von „%1“ mit Ihrer Auswahl gespeichert.</translation>
    </message>
</context>
<context>
    <name>BulkActions</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>&amp;Add Tag…</source>
        <translation>&amp;Tag hinzufügen…</translation>
    </message>
    <message>
        <source>Add a tag to the selected contacts</source>
        <translation>Den ausgewählten Kontakten ein Tag hinzufügen</translation>
    </message>
    <message>
        <source>Re&amp;move Tag…</source>
        <translation>T&amp;ag entfernen…</translation>
    </message>
    <message>
        <source>Remove a tag from the selected contacts</source>
        <translation>Ein Tag von den ausgewählten Kontakten entfernen</translation>
    </message>
    <message>
        <source>Add &amp;Beat…</source>
        <translation>Ressort &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>Add a beat to the selected contacts</source>
        <translation>Den ausgewählten Kontakten ein Ressort hinzufügen</translation>
    </message>
    <message>
        <source>Remove B&amp;eat…</source>
        <translation>R&amp;essort entfernen…</translation>
    </message>
    <message>
        <source>Remove a beat from the selected contacts</source>
        <translation>Ein Ressort von den ausgewählten Kontakten entfernen</translation>
    </message>
    <message>
        <source>Set &amp;Owner…</source>
        <translation>&amp;Betreuer festlegen…</translation>
    </message>
    <message>
        <source>Give the selected contacts to an account manager</source>
        <translation>Die ausgewählten Kontakte einem Betreuer zuweisen</translation>
    </message>
    <message>
        <source>Set &amp;Kind…</source>
        <translation>A&amp;rt festlegen…</translation>
    </message>
    <message>
        <source>Set the kind of the selected contacts</source>
        <translation>Die Art der ausgewählten Kontakte festlegen</translation>
    </message>
    <message>
        <source>Bulk change failed</source>
        <translation>Sammeländerung fehlgeschlagen</translation>
    </message>
    <message>
        <source>Add Beat</source>
        <translation>Ressort hinzufügen</translation>
    </message>
    <message>
        <source>Add Tag</source>
        <translation>Tag hinzufügen</translation>
    </message>
    <message>
        <source>Remove Beat</source>
        <translation>Ressort entfernen</translation>
    </message>
    <message>
        <source>Remove Tag</source>
        <translation>Tag entfernen</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Beat to add to %n contact(s):</source>
        <translation>
            <numerusform>&amp;Ressort für %n Kontakt hinzufügen:</numerusform>
            <numerusform>&amp;Ressort für %n Kontakte hinzufügen:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Tag to add to %n contact(s):</source>
        <translation>
            <numerusform>&amp;Tag für %n Kontakt hinzufügen:</numerusform>
            <numerusform>&amp;Tag für %n Kontakte hinzufügen:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Beat to remove from %n contact(s):</source>
        <translation>
            <numerusform>&amp;Ressort bei %n Kontakt entfernen:</numerusform>
            <numerusform>&amp;Ressort bei %n Kontakten entfernen:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Tag to remove from %n contact(s):</source>
        <translation>
            <numerusform>&amp;Tag bei %n Kontakt entfernen:</numerusform>
            <numerusform>&amp;Tag bei %n Kontakten entfernen:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Changing %n contact(s)…</source>
        <translation>
            <numerusform>%n Kontakt wird geändert…</numerusform>
            <numerusform>%n Kontakte werden geändert…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add beat “%1” to %n contact(s)</source>
        <translation>
            <numerusform>Ressort „%1“ zu %n Kontakt hinzufügen</numerusform>
            <numerusform>Ressort „%1“ zu %n Kontakten hinzufügen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add tag “%1” to %n contact(s)</source>
        <translation>
            <numerusform>Tag „%1“ zu %n Kontakt hinzufügen</numerusform>
            <numerusform>Tag „%1“ zu %n Kontakten hinzufügen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove beat “%1” from %n contact(s)</source>
        <translation>
            <numerusform>Ressort „%1“ bei %n Kontakt entfernen</numerusform>
            <numerusform>Ressort „%1“ bei %n Kontakten entfernen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove tag “%1” from %n contact(s)</source>
        <translation>
            <numerusform>Tag „%1“ bei %n Kontakt entfernen</numerusform>
            <numerusform>Tag „%1“ bei %n Kontakten entfernen</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to change.</source>
        <translation>Nichts zu ändern.</translation>
    </message>
    <message>
        <source>Nobody</source>
        <comment>no owner</comment>
        <translation>Niemand</translation>
    </message>
    <message>
        <source>Set Owner</source>
        <translation>Betreuer festlegen</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Account manager for %n contact(s):</source>
        <translation>
            <numerusform>&amp;Betreuer für %n Kontakt:</numerusform>
            <numerusform>&amp;Betreuer für %n Kontakte:</numerusform>
        </translation>
    </message>
    <message>
        <source>nobody</source>
        <comment>no owner</comment>
        <translation>niemanden</translation>
    </message>
    <message numerus="yes">
        <source>Give %n contact(s) to %1</source>
        <translation>
            <numerusform>%n Kontakt an %1 übergeben</numerusform>
            <numerusform>%n Kontakte an %1 übergeben</numerusform>
        </translation>
    </message>
    <message>
        <source>Set Kind</source>
        <translation>Art festlegen</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Kind of %n contact(s):</source>
        <translation>
            <numerusform>&amp;Art für %n Kontakt:</numerusform>
            <numerusform>&amp;Art für %n Kontakte:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Make %n contact(s) “%1”</source>
        <translation>
            <numerusform>Art von %n Kontakt auf „%1“ setzen</numerusform>
            <numerusform>Art von %n Kontakten auf „%1“ setzen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Moving %n contact(s) to the trash…</source>
        <translation>
            <numerusform>%n Kontakt wird in den Papierkorb verschoben…</numerusform>
            <numerusform>%n Kontakte werden in den Papierkorb verschoben…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n contact(s) to the trash</source>
        <translation>
            <numerusform>%n Kontakt in den Papierkorb verschieben</numerusform>
            <numerusform>%n Kontakte in den Papierkorb verschieben</numerusform>
        </translation>
    </message>
    <message>
        <source>. Undo with %1.</source>
        <translation>. Rückgängig mit %1.</translation>
    </message>
    <message>
        <source>Select None</source>
        <translation>Auswahl aufheben</translation>
    </message>
    <message>
        <source>Keep only the current contact selected</source>
        <translation>Nur den aktuellen Kontakt ausgewählt lassen</translation>
    </message>
    <message>
        <source>%L1 selected</source>
        <comment>contacts</comment>
        <translation>%L1 ausgewählt</translation>
    </message>
    <message>
        <source>Add to &amp;Campaign…</source>
        <translation>Zu Ka&amp;mpagne hinzufügen…</translation>
    </message>
    <message>
        <source>Add the selected contacts to a campaign&apos;s media list</source>
        <translation>Die ausgewählten Kontakte zum Presseverteiler einer Kampagne hinzufügen</translation>
    </message>
    <message>
        <source>There is no campaign yet: create one in the Campaigns section first.</source>
        <translation>Es gibt noch keine Kampagne: Legen Sie zuerst eine im Bereich Kampagnen an.</translation>
    </message>
    <message>
        <source>Add to Campaign</source>
        <translation>Zu Kampagne hinzufügen</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Campaign to add %n contact(s) to:</source>
        <translation>
            <numerusform>&amp;Kampagne, zu der %n Kontakt hinzugefügt wird:</numerusform>
            <numerusform>&amp;Kampagne, zu der %n Kontakte hinzugefügt werden:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Adding %n contact(s) to “%1”…</source>
        <translation>
            <numerusform>%n Kontakt wird zu „%1“ hinzugefügt…</numerusform>
            <numerusform>%n Kontakte werden zu „%1“ hinzugefügt…</numerusform>
        </translation>
    </message>
    <message>
        <source>“%1”:</source>
        <comment>campaign name</comment>
        <translation>„%1“:</translation>
    </message>
    <message>
        <source>%L1 selected — your role changes at most %L2 at once; ask a manager</source>
        <comment>contacts</comment>
        <translation>%L1 ausgewählt – Ihre Rolle ändert höchstens %L2 auf einmal; fragen Sie eine Führungskraft</translation>
    </message>
</context>
<context>
    <name>BulkCommand</name>
    <message>
        <source>Could not undo or redo</source>
        <translation>Rückgängigmachen oder Wiederherstellen nicht möglich</translation>
    </message>
    <message>
        <source>“%1” could not be undone or redone: %2</source>
        <translation>„%1“ konnte nicht rückgängig gemacht oder wiederhergestellt werden: %2</translation>
    </message>
    <message>
        <source>Undoing or redoing “%1”…</source>
        <translation>„%1“ wird rückgängig gemacht oder wiederhergestellt…</translation>
    </message>
</context>
<context>
    <name>BulkContactRepository</name>
    <message>
        <source>reading the selected contacts</source>
        <translation>Lesen der ausgewählten Kontakte</translation>
    </message>
    <message>
        <source>saving the selected contacts</source>
        <translation>Speichern der ausgewählten Kontakte</translation>
    </message>
    <message>
        <source>writing the audit log</source>
        <translation>Schreiben des Änderungsprotokolls</translation>
    </message>
    <message>
        <source>saving a tag</source>
        <translation>Speichern eines Tags</translation>
    </message>
    <message>
        <source>reading a tag</source>
        <translation>Lesen eines Tags</translation>
    </message>
    <message>
        <source>Enter the name of a tag.</source>
        <translation>Geben Sie den Namen eines Tags ein.</translation>
    </message>
    <message>
        <source>A tag can have at most %1 characters.</source>
        <translation>Ein Tag darf höchstens %1 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>Unknown kind of tag: %1</source>
        <translation>Unbekannte Tag-Art: %1</translation>
    </message>
    <message>
        <source>saving the tags of the selected contacts</source>
        <translation>Speichern der Tags der ausgewählten Kontakte</translation>
    </message>
    <message>
        <source>updating the search index</source>
        <translation>Aktualisieren des Suchindex</translation>
    </message>
    <message>
        <source>Unknown kind of contact: %1</source>
        <translation>Unbekannte Kontaktart: %1</translation>
    </message>
    <message>
        <source>reading the users</source>
        <translation>Lesen der Benutzer</translation>
    </message>
    <message>
        <source>That account manager no longer exists.</source>
        <translation>Dieser Betreuer existiert nicht mehr.</translation>
    </message>
    <message>
        <source>reading the tags</source>
        <translation>Lesen der Tags</translation>
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
    <name>CampaignCommands</name>
    <message>
        <source>rapport: %1</source>
        <translation>rapport: %1</translation>
    </message>
    <message>
        <source>Try “rapport --help”.</source>
        <translation>Hilfe erhalten Sie mit „rapport --help“.</translation>
    </message>
    <message>
        <source>Use “rapport campaigns list [--client ID]”.</source>
        <translation>Verwenden Sie „rapport campaigns list [--client ID]“.</translation>
    </message>
    <message>
        <source>--client needs an organization id (a whole number above 0).</source>
        <translation>--client braucht die ID einer Organisation (eine ganze Zahl über 0).</translation>
    </message>
    <message>
        <source>There is no organization with id %1.</source>
        <translation>Es gibt keine Organisation mit der ID %1.</translation>
    </message>
    <message>
        <source>No campaigns.</source>
        <translation>Keine Kampagnen.</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Kampagne</translation>
    </message>
    <message>
        <source>List</source>
        <translation>Liste</translation>
    </message>
    <message>
        <source>Pitched</source>
        <translation>Gepitcht</translation>
    </message>
    <message>
        <source>Replied</source>
        <translation>Beantwortet</translation>
    </message>
    <message>
        <source>Covered</source>
        <translation>Berichtet</translation>
    </message>
    <message>
        <source>Reach</source>
        <translation>Reichweite</translation>
    </message>
    <message>
        <source>Use “rapport campaign show ID”.</source>
        <translation>Verwenden Sie „rapport campaign show ID“.</translation>
    </message>
    <message>
        <source>“%1” is not a campaign id (a whole number above 0).</source>
        <translation>„%1“ ist keine Kampagnen-ID (eine ganze Zahl über 0).</translation>
    </message>
    <message>
        <source>There is no campaign with id %1.</source>
        <translation>Es gibt keine Kampagne mit der ID %1.</translation>
    </message>
    <message>
        <source>Client:</source>
        <translation>Kunde:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Dates:</source>
        <translation>Zeitraum:</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 bis %2</translation>
    </message>
    <message>
        <source>Owner:</source>
        <translation>Betreuer:</translation>
    </message>
    <message>
        <source>Team:</source>
        <translation>Team:</translation>
    </message>
    <message>
        <source>Topics:</source>
        <translation>Themen:</translation>
    </message>
    <message>
        <source>Description:</source>
        <translation>Beschreibung:</translation>
    </message>
    <message>
        <source>Goals:</source>
        <translation>Ziele:</translation>
    </message>
    <message>
        <source>Key messages:</source>
        <translation>Kernbotschaften:</translation>
    </message>
    <message>
        <source>Pitches:</source>
        <translation>Pitches:</translation>
    </message>
    <message>
        <source>Coverage (%1):</source>
        <translation>Berichterstattung (%1):</translation>
    </message>
    <message>
        <source>reach %1</source>
        <translation>Reichweite %1</translation>
    </message>
</context>
<context>
    <name>CampaignCoverageModel</name>
    <message>
        <source>%1 (%2)</source>
        <comment>pitch: person (status)</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Headline</source>
        <translation>Schlagzeile</translation>
    </message>
    <message>
        <source>Outlet</source>
        <translation>Medium</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Autor</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Reach</source>
        <translation>Reichweite</translation>
    </message>
    <message>
        <source>Sentiment</source>
        <translation>Stimmung</translation>
    </message>
    <message>
        <source>Pitch</source>
        <translation>Pitch</translation>
    </message>
</context>
<context>
    <name>CampaignEditCommands</name>
    <message>
        <source>Edit the brief of “%1”</source>
        <translation>Briefing von „%1“ bearbeiten</translation>
    </message>
    <message>
        <source>“%1” was changed by someone else since; it was left as they saved it.</source>
        <translation>„%1“ wurde inzwischen von jemand anderem geändert; der dort gespeicherte Stand bleibt erhalten.</translation>
    </message>
    <message>
        <source>New campaign “%1”</source>
        <translation>Neue Kampagne „%1“</translation>
    </message>
    <message>
        <source>Move campaign “%1” to the trash</source>
        <translation>Kampagne „%1“ in den Papierkorb verschieben</translation>
    </message>
    <message>
        <source>Restore campaign “%1”</source>
        <translation>Kampagne „%1“ wiederherstellen</translation>
    </message>
</context>
<context>
    <name>CampaignHistoryTab</name>
    <message>
        <source>History</source>
        <translation>Änderungen</translation>
    </message>
</context>
<context>
    <name>CampaignListModel</name>
    <message>
        <source>People on the campaign&apos;s media list</source>
        <translation>Personen im Presseverteiler der Kampagne</translation>
    </message>
    <message>
        <source>People pitched (every pitch past “planned”)</source>
        <translation>Gepitchte Personen (jeder Pitch über „geplant“ hinaus)</translation>
    </message>
    <message>
        <source>Pitches that got a reply (replied, interested, declined or covered)</source>
        <translation>Pitches mit Antwort (beantwortet, interessiert, abgelehnt oder berichtet)</translation>
    </message>
    <message>
        <source>Pitches that led to coverage</source>
        <translation>Pitches, aus denen Berichterstattung wurde</translation>
    </message>
    <message>
        <source>The audience of the campaign&apos;s coverage, added up</source>
        <translation>Die Reichweite der Berichterstattung der Kampagne, zusammengezählt</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Kampagne</translation>
    </message>
    <message>
        <source>Client</source>
        <comment>a client of the PR agency</comment>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Betreuer</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>Ende</translation>
    </message>
    <message>
        <source>On list</source>
        <comment>people on the media list</comment>
        <translation>Im Verteiler</translation>
    </message>
    <message>
        <source>Pitched</source>
        <translation>Gepitcht</translation>
    </message>
    <message>
        <source>Replied</source>
        <translation>Beantwortet</translation>
    </message>
    <message>
        <source>Covered</source>
        <translation>Berichtet</translation>
    </message>
    <message>
        <source>Reach</source>
        <comment>audience size</comment>
        <translation>Reichweite</translation>
    </message>
    <message>
        <source>In the trash since %1</source>
        <translation>Im Papierkorb seit %1</translation>
    </message>
</context>
<context>
    <name>CampaignListQuery</name>
    <message>
        <source>sorting the campaign list</source>
        <translation>beim Sortieren der Kampagnenliste</translation>
    </message>
    <message>
        <source>loading the campaign list</source>
        <translation>beim Laden der Kampagnenliste</translation>
    </message>
    <message>
        <source>counting campaigns</source>
        <translation>beim Zählen der Kampagnen</translation>
    </message>
    <message>
        <source>listing the clients</source>
        <translation>beim Auflisten der Kunden</translation>
    </message>
</context>
<context>
    <name>CampaignRepository</name>
    <message>
        <source>A campaign needs a name.</source>
        <translation>Eine Kampagne braucht einen Namen.</translation>
    </message>
    <message>
        <source>The name can be at most 300 characters long.</source>
        <translation>Der Name darf höchstens 300 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>Unknown campaign status “%1”.</source>
        <translation>Unbekannter Kampagnenstatus „%1“.</translation>
    </message>
    <message>
        <source>The campaign cannot end before it starts.</source>
        <translation>Die Kampagne kann nicht enden, bevor sie beginnt.</translation>
    </message>
    <message>
        <source>adding the campaign</source>
        <translation>Hinzufügen der Kampagne</translation>
    </message>
    <message>
        <source>This campaign has not been saved yet.</source>
        <translation>Diese Kampagne wurde noch nicht gespeichert.</translation>
    </message>
    <message>
        <source>saving the campaign</source>
        <translation>Speichern der Kampagne</translation>
    </message>
    <message>
        <source>“%1” was changed or deleted by someone else since you opened it. Reload it to see their changes; yours were not saved.</source>
        <translation>„%1“ wurde von jemand anderem geändert oder gelöscht, seit Sie die Kampagne geöffnet haben. Laden Sie sie neu, um diese Änderungen zu sehen; Ihre Änderungen wurden nicht gespeichert.</translation>
    </message>
    <message>
        <source>loading the campaign</source>
        <translation>Laden der Kampagne</translation>
    </message>
    <message>
        <source>The campaign no longer exists.</source>
        <translation>Die Kampagne existiert nicht mehr.</translation>
    </message>
    <message>
        <source>moving the campaign to the trash</source>
        <translation>Verschieben der Kampagne in den Papierkorb</translation>
    </message>
    <message>
        <source>restoring the campaign</source>
        <translation>Wiederherstellen der Kampagne</translation>
    </message>
    <message>
        <source>listing campaigns</source>
        <translation>Auflisten der Kampagnen</translation>
    </message>
    <message>
        <source>adding the pitch</source>
        <translation>Hinzufügen des Pitches</translation>
    </message>
    <message>
        <source>The contact no longer exists.</source>
        <translation>Der Kontakt existiert nicht mehr.</translation>
    </message>
    <message>
        <source>%1 asked not to be contacted (%2): they cannot be pitched.</source>
        <translation>%1 möchte nicht kontaktiert werden (%2) und kann daher nicht angesprochen werden.</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>ohne Angabe von Gründen</translation>
    </message>
    <message>
        <source>This contact is already on the campaign&apos;s pitch list.</source>
        <translation>Dieser Kontakt steht bereits auf dem Presseverteiler der Kampagne.</translation>
    </message>
    <message>
        <source>Unknown pitch status “%1”.</source>
        <translation>Unbekannter Pitch-Status „%1“.</translation>
    </message>
    <message>
        <source>saving the pitch</source>
        <translation>Speichern des Pitches</translation>
    </message>
    <message>
        <source>The pitch no longer exists.</source>
        <translation>Der Pitch existiert nicht mehr.</translation>
    </message>
    <message>
        <source>listing pitches</source>
        <translation>Auflisten der Pitches</translation>
    </message>
    <message>
        <source>saving the campaign&apos;s team</source>
        <translation>beim Speichern des Kampagnenteams</translation>
    </message>
</context>
<context>
    <name>CampaignStatus</name>
    <message>
        <source>Planned</source>
        <translation>Geplant</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
</context>
<context>
    <name>CampaignSummaryQuery</name>
    <message>
        <source>counting the campaign&apos;s pitches</source>
        <translation>beim Zählen der Pitches der Kampagne</translation>
    </message>
    <message>
        <source>loading the campaign&apos;s coverage</source>
        <translation>beim Laden der Berichterstattung der Kampagne</translation>
    </message>
    <message>
        <source>loading the users</source>
        <translation>beim Laden der Benutzer</translation>
    </message>
</context>
<context>
    <name>CampaignWorkspace</name>
    <message>
        <source>Select a campaign to see its brief, content, media list, pipeline and coverage.</source>
        <translation>Wählen Sie eine Kampagne, um Briefing, Inhalte, Presseverteiler, Pipeline und Berichterstattung zu sehen.</translation>
    </message>
    <message>
        <source>Brief</source>
        <translation>Briefing</translation>
    </message>
    <message>
        <source>Client, name, goals, key messages, topics, dates and team.</source>
        <translation>Kunde, Name, Ziele, Kernbotschaften, Themen, Zeitraum und Team.</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>Inhalte</translation>
    </message>
    <message>
        <source>Press releases, pitch emails, posts and media kits, with their versions.</source>
        <translation>Pressemitteilungen, Pitch-E-Mails, Beiträge und Pressemappen mit ihren Versionen.</translation>
    </message>
    <message>
        <source>Media list</source>
        <translation>Presseverteiler</translation>
    </message>
    <message>
        <source>The people this campaign pitches, with warnings before anyone is pitched.</source>
        <translation>Die Personen, die diese Kampagne anspricht, mit Warnungen, bevor jemand gepitcht wird.</translation>
    </message>
    <message>
        <source>Pipeline</source>
        <translation>Pipeline</translation>
    </message>
    <message>
        <source>Every pitch as a board: planned, pitched, replied, interested, declined, covered.</source>
        <translation>Jeder Pitch auf einer Tafel: geplant, gepitcht, geantwortet, interessiert, abgelehnt, berichtet.</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>Berichterstattung</translation>
    </message>
    <message>
        <source>The articles and posts that came out, with reach and sentiment.</source>
        <translation>Die erschienenen Artikel und Beiträge, mit Reichweite und Tonalität.</translation>
    </message>
    <message>
        <source>Who to pitch</source>
        <translation>Wen pitchen</translation>
    </message>
    <message>
        <source>People ranked for this campaign, with the reasons in words.</source>
        <translation>Personen nach Eignung für diese Kampagne geordnet, mit den Gründen in Worten.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Nicht gespeicherte Änderungen</translation>
    </message>
    <message>
        <source>This campaign has unsaved changes (%1). Save them before leaving it?</source>
        <translation>Diese Kampagne hat nicht gespeicherte Änderungen (%1). Vor dem Verlassen speichern?</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Änderungen</translation>
    </message>
    <message>
        <source>Who changed what in this campaign, and when.</source>
        <translation>Wer in dieser Kampagne was wann geändert hat.</translation>
    </message>
</context>
<context>
    <name>CampaignsView</name>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Kampagnen</translation>
    </message>
    <message>
        <source>Search by name, client or description</source>
        <translation>Nach Name, Kunde oder Beschreibung suchen</translation>
    </message>
    <message>
        <source>Search campaigns</source>
        <translation>Kampagnen durchsuchen</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Only this client&apos;s campaigns</source>
        <translation>Nur die Kampagnen dieses Kunden</translation>
    </message>
    <message>
        <source>All clients</source>
        <translation>Alle Kunden</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Jeder Status</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Betreuer</translation>
    </message>
    <message>
        <source>Only the campaigns this account manager owns</source>
        <translation>Nur die Kampagnen, die diese Person betreut</translation>
    </message>
    <message>
        <source>Any owner</source>
        <translation>Jeder Betreuer</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Laufzeit</translation>
    </message>
    <message>
        <source>Only the campaigns running at some time in this period</source>
        <translation>Nur die Kampagnen, die irgendwann in diesem Zeitraum laufen</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Gesamter Zeitraum</translation>
    </message>
    <message>
        <source>Running now</source>
        <translation>Läuft gerade</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>Diesen Monat</translation>
    </message>
    <message>
        <source>This quarter</source>
        <translation>Dieses Quartal</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>Dieses Jahr</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>Letzte 12 Monate</translation>
    </message>
    <message>
        <source>Next 3 months</source>
        <translation>Nächste 3 Monate</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Neu</translation>
    </message>
    <message>
        <source>&amp;Trash</source>
        <translation>&amp;Papierkorb</translation>
    </message>
    <message>
        <source>Show the campaigns in the trash, to restore them</source>
        <translation>Die Kampagnen im Papierkorb zeigen, um sie wiederherzustellen</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <source>&amp;New Campaign</source>
        <translation>&amp;Neue Kampagne</translation>
    </message>
    <message>
        <source>&amp;Edit Brief</source>
        <translation>Briefing &amp;bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Move to Trash</source>
        <translation>In den &amp;Papierkorb verschieben</translation>
    </message>
    <message>
        <source>&amp;Restore Campaign</source>
        <translation>Kampagne &amp;wiederherstellen</translation>
    </message>
    <message>
        <source>Show &amp;Trash</source>
        <translation>Papier&amp;korb zeigen</translation>
    </message>
    <message>
        <source>%L1 in the trash</source>
        <translation>%L1 im Papierkorb</translation>
    </message>
    <message numerus="yes">
        <source>%Ln campaign(s)</source>
        <translation>
            <numerusform>%Ln Kampagne</numerusform>
            <numerusform>%Ln Kampagnen</numerusform>
        </translation>
    </message>
    <message>
        <source>%L1 of %L2</source>
        <translation>%L1 von %L2</translation>
    </message>
    <message>
        <source>New campaign</source>
        <translation>Neue Kampagne</translation>
    </message>
    <message>
        <source>Moved “%1” to the trash.</source>
        <translation>„%1“ in den Papierkorb verschoben.</translation>
    </message>
    <message>
        <source>Restored “%1”.</source>
        <translation>„%1“ wiederhergestellt.</translation>
    </message>
</context>
<context>
    <name>ChartExport</name>
    <message>
        <source>Could not save the chart as %1</source>
        <translation>Das Diagramm konnte nicht als %1 gespeichert werden</translation>
    </message>
</context>
<context>
    <name>ChartPanel</name>
    <message>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>Show the numbers as a table</source>
        <translation>Die Zahlen als Tabelle zeigen</translation>
    </message>
    <message>
        <source>Copy as CSV</source>
        <translation>Als CSV kopieren</translation>
    </message>
    <message>
        <source>Copy the chart&apos;s numbers to the clipboard, for a spreadsheet</source>
        <translation>Die Zahlen des Diagramms für eine Tabellenkalkulation in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Save the chart as an image</source>
        <translation>Das Diagramm als Bild speichern</translation>
    </message>
    <message>
        <source>Save as PNG…</source>
        <translation>Als PNG speichern…</translation>
    </message>
    <message>
        <source>Save as SVG…</source>
        <translation>Als SVG speichern…</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>Wird berechnet…</translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <comment>chart hover: series, category: value</comment>
        <translation>%1, %2: %3</translation>
    </message>
    <message>
        <source>SVG drawings (*.svg)</source>
        <translation>SVG-Zeichnungen (*.svg)</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>Save Chart</source>
        <translation>Diagramm speichern</translation>
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
  sync [--account ID|all]
                    Fetch new posts and messages from one or every enabled account, once.
  accounts list     The accounts and feeds Rapport syncs from, with their state.
  accounts add feed URL --contact ID|--organization ID [--interval MIN] [--name NAME]
  accounts add mastodon SERVER_URL [--handle USER@SERVER] [--name NAME]
  accounts add bluesky HANDLE [--server PDS_URL] [--name NAME]
                    Add an account. The Mastodon access token or the Bluesky app password is
                    read from standard input, never from the command line.
  accounts remove ID
                    Stop syncing an account and delete its sign-in from the keyring.
  campaigns list [--client ID]
                    The campaigns, newest first, with their pitch figures and coverage reach.
  campaign show ID  A campaign&apos;s brief, its pitches per status and its coverage.
  campaign suggest ID [--limit N]
                    Who to pitch for a campaign: people ranked by fit, with the reasons.

Options:
  --db PATH-or-URL  An SQLite file, or postgresql://user[:password]@host[:port]/database.
                    Default: rapport.sqlite in the user&apos;s data folder.
  --lang CODE       Language of the interface (en, de, fr, es); default: the system&apos;s.
  --json            Print the result as JSON.
  --help, --version

Exit status: 0 ok, 1 failed (the reason is on standard error), 2 bad usage.
</source>
        <translation>Aufruf: rapport [--db PFAD-oder-URL] [--lang CODE] [BEFEHL] [OPTIONEN] [--json]

Ohne Befehl öffnet sich das Rapport-Fenster.

Befehle:
  demo --size small|large [--seed N] [--force]
                    Eine leere Datenbank mit einer Demo-PR-Agentur füllen (--force ersetzt den Inhalt).
  stats             Zeilen je Tabelle, Schema-Version und Größe der Datenbank.
  search SUCHE [--limit N] [--contacts-only]
                    Kontakte und Unterhaltungen zu SUCHE nach Relevanz (Wörter sind Präfixe).
  migrate           Die Datenbank auf das aktuelle Schema bringen und anzeigen, was getan wurde.
  sync [--account ID|all]
                    Neue Beiträge und Nachrichten einmalig von einem oder allen aktiven Konten abrufen.
  accounts list     Die Konten und Feeds, die Rapport synchronisiert, mit ihrem Status.
  accounts add feed URL --contact ID|--organization ID [--interval MIN] [--name NAME]
  accounts add mastodon SERVER_URL [--handle USER@SERVER] [--name NAME]
  accounts add bluesky HANDLE [--server PDS_URL] [--name NAME]
                    Ein Konto hinzufügen. Das Mastodon-Zugriffstoken oder das Bluesky-App-Passwort
                    wird von der Standardeingabe gelesen, nie von der Befehlszeile.
  accounts remove ID
                    Ein Konto nicht mehr synchronisieren, Anmeldedaten aus dem Schlüsselbund löschen.
  campaigns list [--client ID]
                    Die Kampagnen, neueste zuerst, mit ihren Pitch-Zahlen und der Reichweite der Berichte.
  campaign show ID  Das Briefing einer Kampagne, ihre Pitches je Status und ihre Berichterstattung.
  campaign suggest ID [--limit N]
                    Wen für eine Kampagne pitchen: Personen nach Eignung geordnet, mit den Gründen.

Optionen:
  --db PFAD-oder-URL  Eine SQLite-Datei oder postgresql://user[:password]@host[:port]/database.
                    Standard: rapport.sqlite im Datenordner des Benutzers.
  --lang CODE       Sprache der Oberfläche (en, de, fr, es); Standard: die des Systems.
  --json            Das Ergebnis als JSON ausgeben.
  --help, --version

Rückgabewert: 0 erfolgreich, 1 fehlgeschlagen (Grund in der Standardfehlerausgabe), 2 falscher Aufruf.
</translation>
    </message>
    <message>
        <source>
Reports (no display needed):
  report --client ID|--campaign ID --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.pdf [--agency NAME]
                    A PDF client report: cover, summary, charts, pitch funnel, top outlets and
                    the coverage table of the period.
</source>
        <translation>
Berichte (ohne Bildschirm):
  report --client ID|--campaign ID --from JJJJ-MM-TT --to JJJJ-MM-TT --out DATEI.pdf [--agency NAME]
                    Ein Kundenbericht als PDF: Deckblatt, Zusammenfassung, Diagramme, Pitch-Trichter,
                    wichtigste Medien und die Tabelle der Berichterstattung im Zeitraum.
</translation>
    </message>
    <message>
        <source>
The team of a team database (PostgreSQL; adding, roles and deactivating are for admins):
  users list        Everybody, with their role (admin, manager, member, viewer).
  users add LOGIN --role ROLE [--name NAME] [--email EMAIL]
                    A new person signing in as LOGIN; the password is read from standard input.
  users set-role LOGIN ROLE
  users deactivate LOGIN
                    LOGIN can no longer sign in; what they did stays.
</source>
        <translation>
Das Team einer Team-Datenbank (PostgreSQL; Hinzufügen, Rollen und Deaktivieren nur für Admins):
  users list        Alle Personen mit ihrer Rolle (admin, manager, member, viewer).
  users add LOGIN --role ROLE [--name NAME] [--email EMAIL]
                    Eine neue Person, die sich als LOGIN anmeldet; das Passwort wird von der Standardeingabe gelesen.
  users set-role LOGIN ROLE
  users deactivate LOGIN
                    LOGIN kann sich nicht mehr anmelden; was die Person getan hat, bleibt.
</translation>
    </message>
</context>
<context>
    <name>CommandPalette</name>
    <message>
        <source>Command palette</source>
        <translation>Befehlspalette</translation>
    </message>
    <message>
        <source>Type a name, a section or a command…</source>
        <translation>Geben Sie einen Namen, einen Bereich oder einen Befehl ein…</translation>
    </message>
    <message>
        <source>Command palette search</source>
        <translation>Suche in der Befehlspalette</translation>
    </message>
    <message>
        <source>Matching commands, contacts and organizations</source>
        <translation>Passende Befehle, Kontakte und Organisationen</translation>
    </message>
    <message>
        <source>↑↓ to choose · Enter to open · Esc to close</source>
        <translation>↑↓ auswählen · Enter öffnen · Esc schließen</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <source>Contact: %1</source>
        <translation>Kontakt: %1</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>Organisation</translation>
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
    <message>
        <source>Contacts (%L1):</source>
        <translation>Kontakte (%L1):</translation>
    </message>
    <message>
        <source>Conversations (%L1):</source>
        <translation>Unterhaltungen (%L1):</translation>
    </message>
    <message>
        <source>report needs either --client ID or --campaign ID.</source>
        <translation>report braucht entweder --client ID oder --campaign ID.</translation>
    </message>
    <message>
        <source>report needs a number after --%1.</source>
        <translation>report braucht eine Zahl nach --%1.</translation>
    </message>
    <message>
        <source>report needs --from and --to as dates (YYYY-MM-DD).</source>
        <translation>report braucht --from und --to als Datum (JJJJ-MM-TT).</translation>
    </message>
    <message>
        <source>The report&apos;s --from date is after its --to date.</source>
        <translation>Das --from-Datum des Berichts liegt nach seinem --to-Datum.</translation>
    </message>
    <message>
        <source>report needs --out FILE.pdf.</source>
        <translation>report braucht --out DATEI.pdf.</translation>
    </message>
    <message>
        <source>report takes no arguments besides its options.</source>
        <translation>report nimmt außer seinen Optionen keine Argumente.</translation>
    </message>
    <message>
        <source>Wrote the report to %1 (%L2 bytes).</source>
        <translation>Bericht nach %1 geschrieben (%L2 Bytes).</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Changed by Someone Else</source>
        <translation>Von jemand anderem geändert</translation>
    </message>
    <message>
        <source>While you edited “%1”, %2 saved changes to the same fields. Choose for each field what to keep; everything else you and they changed is merged.</source>
        <translation>Während Sie „%1“ bearbeitet haben, hat %2 Änderungen an denselben Feldern gespeichert. Wählen Sie für jedes Feld, was bleiben soll; alles andere, was Sie und die andere Person geändert haben, wird zusammengeführt.</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>Ursprünglich</translation>
    </message>
    <message>
        <source>Theirs</source>
        <translation>Deren</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>Meine</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Behalten</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(leer)</translation>
    </message>
    <message>
        <source>Nothing is saved; what you typed stays in the form</source>
        <translation>Nichts wird gespeichert; was Sie eingegeben haben, bleibt im Formular</translation>
    </message>
    <message>
        <source>someone else</source>
        <translation>jemand anderes</translation>
    </message>
    <message>
        <source>“%1” was moved to the trash by %2 while you edited it, so your changes were not saved; they are still in the form. Restore it from the trash to save them, or Reload to drop them.</source>
        <translation>„%1“ wurde von %2 in den Papierkorb verschoben, während Sie es bearbeitet haben; Ihre Änderungen wurden daher nicht gespeichert und stehen noch im Formular. Stellen Sie es aus dem Papierkorb wieder her, um sie zu speichern, oder laden Sie neu, um sie zu verwerfen.</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>Connect to Team Database</source>
        <translation>Mit Team-Datenbank verbinden</translation>
    </message>
    <message>
        <source>Work together with your team on one PostgreSQL database. Ask whoever set up the server for these details; the password is kept in the system keyring.</source>
        <translation>Arbeiten Sie mit Ihrem Team an einer gemeinsamen PostgreSQL-Datenbank. Die Angaben erhalten Sie von der Person, die den Server eingerichtet hat; das Passwort wird im Schlüsselbund des Systems gespeichert.</translation>
    </message>
    <message>
        <source>db.agency.example</source>
        <translation>db.agentur.example</translation>
    </message>
    <message>
        <source>rapport</source>
        <translation>rapport</translation>
    </message>
    <message>
        <source>Encrypted, server verified with the CA file (verify-full)</source>
        <translation>Verschlüsselt, Server mit der CA-Datei geprüft (verify-full)</translation>
    </message>
    <message>
        <source>Encrypted when the server offers it (prefer)</source>
        <translation>Verschlüsselt, wenn der Server es anbietet (prefer)</translation>
    </message>
    <message>
        <source>Encrypted, server not verified (require)</source>
        <translation>Verschlüsselt, Server nicht geprüft (require)</translation>
    </message>
    <message>
        <source>Not encrypted (disable)</source>
        <translation>Unverschlüsselt (disable)</translation>
    </message>
    <message>
        <source>verify-full encrypts the connection and checks that the server is the one named in its certificate, signed by the CA file: use it for a server on a network.</source>
        <translation>verify-full verschlüsselt die Verbindung und prüft, dass der Server der in seinem Zertifikat genannte ist, signiert von der CA-Datei: für einen Server im Netzwerk.</translation>
    </message>
    <message>
        <source>~/.postgresql/root.crt</source>
        <translation>~/.postgresql/root.crt</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>P&amp;ort:</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>&amp;Datenbank:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>&amp;Encryption:</source>
        <translation>&amp;Verschlüsselung:</translation>
    </message>
    <message>
        <source>C&amp;A file:</source>
        <translation>C&amp;A-Datei:</translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <source>Enter the server&apos;s name or address.</source>
        <translation>Geben Sie den Namen oder die Adresse des Servers ein.</translation>
    </message>
    <message>
        <source>Enter the name of the database.</source>
        <translation>Geben Sie den Namen der Datenbank ein.</translation>
    </message>
    <message>
        <source>Enter your user name on the server.</source>
        <translation>Geben Sie Ihren Benutzernamen auf dem Server ein.</translation>
    </message>
    <message>
        <source>The CA file %1 cannot be read.</source>
        <translation>Die CA-Datei %1 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbinde mit %1…</translation>
    </message>
    <message>
        <source>Connected. The database is empty: Rapport sets it up when it opens it.</source>
        <translation>Verbunden. Die Datenbank ist leer: Rapport richtet sie beim Öffnen ein.</translation>
    </message>
    <message>
        <source>Connected to %1.</source>
        <translation>Verbunden mit %1.</translation>
    </message>
    <message>
        <source>Keeping the password in the keyring…</source>
        <translation>Passwort wird im Schlüsselbund gespeichert…</translation>
    </message>
    <message>
        <source>CA file of the database server</source>
        <translation>CA-Datei des Datenbankservers</translation>
    </message>
    <message>
        <source>Certificates (*.crt *.pem);;All files (*)</source>
        <translation>Zertifikate (*.crt *.pem);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>The CA file&apos;s path must not contain a semicolon: move the file elsewhere.</source>
        <translation>Der Pfad der CA-Datei darf kein Semikolon enthalten: Legen Sie die Datei an einen anderen Ort.</translation>
    </message>
    <message>
        <source>The connection is encrypted (TLS).</source>
        <translation>Die Verbindung ist verschlüsselt (TLS).</translation>
    </message>
    <message>
        <source>The connection is not encrypted: use it only on a network you trust.</source>
        <translation>Die Verbindung ist nicht verschlüsselt: Nutzen Sie sie nur in einem Netz, dem Sie vertrauen.</translation>
    </message>
</context>
<context>
    <name>ContactCampaignsPanel</name>
    <message>
        <source>Campaigns and coverage</source>
        <translation>Kampagnen und Berichterstattung</translation>
    </message>
    <message>
        <source>Campaign or coverage</source>
        <translation>Kampagne oder Bericht</translation>
    </message>
    <message>
        <source>Pitch</source>
        <comment>the pitch&apos;s status</comment>
        <translation>Pitch</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Not pitched for any campaign yet, and no coverage recorded.</source>
        <translation>Noch für keine Kampagne gepitcht und keine Berichterstattung erfasst.</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Campaign %1. Double-click or press Enter to open it.</source>
        <translation>Kampagne %1. Zum Öffnen doppelklicken oder Eingabe drücken.</translation>
    </message>
    <message>
        <source>Not pitched</source>
        <translation>Nicht gepitcht</translation>
    </message>
    <message>
        <source>Coverage without a campaign</source>
        <translation>Berichterstattung ohne Kampagne</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Reach %L1</source>
        <translation>Reichweite %L1</translation>
    </message>
</context>
<context>
    <name>ContactCampaignsQuery</name>
    <message>
        <source>loading the person&apos;s campaigns</source>
        <translation>beim Laden der Kampagnen der Person</translation>
    </message>
</context>
<context>
    <name>ContactColumnChooser</name>
    <message>
        <source>Columns</source>
        <translation>Spalten</translation>
    </message>
</context>
<context>
    <name>ContactEditor</name>
    <message>
        <source>Re&amp;vert</source>
        <translation>&amp;Verwerfen</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>&amp;Reload (lose my changes)</source>
        <translation>&amp;Neu laden (meine Änderungen verwerfen)</translation>
    </message>
    <message>
        <source>&amp;Keep editing</source>
        <translation>&amp;Weiter bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Öffnen</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Ausblenden</translation>
    </message>
    <message>
        <source>&amp;New contact</source>
        <translation>&amp;Neuer Kontakt</translation>
    </message>
    <message>
        <source>&amp;Save contact</source>
        <translation>Kontakt &amp;speichern</translation>
    </message>
    <message>
        <source>Re&amp;vert changes</source>
        <translation>Änderungen &amp;verwerfen</translation>
    </message>
    <message>
        <source>Show &amp;trash…</source>
        <translation>&amp;Papierkorb anzeigen…</translation>
    </message>
    <message>
        <source>Contacts in the trash, to restore</source>
        <translation>Kontakte im Papierkorb, zum Wiederherstellen</translation>
    </message>
    <message>
        <source>Ne&amp;xt contact</source>
        <translation>Nächster &amp;Kontakt</translation>
    </message>
    <message>
        <source>&amp;Previous contact</source>
        <translation>Vorheri&amp;ger Kontakt</translation>
    </message>
    <message>
        <source>New contact</source>
        <translation>Neuer Kontakt</translation>
    </message>
    <message>
        <source>%1 (edited)</source>
        <translation>%1 (bearbeitet)</translation>
    </message>
    <message>
        <source>the new contact</source>
        <translation>dem neuen Kontakt</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Nicht gespeicherte Änderungen</translation>
    </message>
    <message>
        <source>Save your changes to %1?</source>
        <translation>Möchten Sie Ihre Änderungen an %1 speichern?</translation>
    </message>
    <message>
        <source>“%1” added.</source>
        <translation>„%1“ angelegt.</translation>
    </message>
    <message>
        <source>“%1” saved.</source>
        <translation>„%1“ gespeichert.</translation>
    </message>
    <message>
        <source>Organization “%1” created.</source>
        <translation>Organisation „%1“ angelegt.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Not saved: someone else changed this contact.</source>
        <translation>Nicht gespeichert: Jemand anderes hat diesen Kontakt geändert.</translation>
    </message>
    <message>
        <source>Delete a contact</source>
        <translation>Einen Kontakt löschen</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n contacts</source>
        <translation>
            <numerusform>%n Kontakt löschen</numerusform>
            <numerusform>%n Kontakte löschen</numerusform>
        </translation>
    </message>
    <message>
        <source>Not deleted</source>
        <translation>Nicht gelöscht</translation>
    </message>
    <message>
        <source>Moved to trash. Undo with %1.</source>
        <translation>In den Papierkorb verschoben. Rückgängig mit %1.</translation>
    </message>
    <message numerus="yes">
        <source>%n contacts moved to trash. Undo with %1.</source>
        <translation>
            <numerusform>%n Kontakt in den Papierkorb verschoben. Rückgängig mit %1.</numerusform>
            <numerusform>%n Kontakte in den Papierkorb verschoben. Rückgängig mit %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Restore %n contacts</source>
        <translation>
            <numerusform>%n Kontakt wiederherstellen</numerusform>
            <numerusform>%n Kontakte wiederherstellen</numerusform>
        </translation>
    </message>
    <message>
        <source>Not restored</source>
        <translation>Nicht wiederhergestellt</translation>
    </message>
    <message numerus="yes">
        <source>%n contacts restored.</source>
        <translation>
            <numerusform>%n Kontakt wiederhergestellt.</numerusform>
            <numerusform>%n Kontakte wiederhergestellt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not undo or redo</source>
        <translation>Rückgängigmachen oder Wiederherstellen nicht möglich</translation>
    </message>
    <message>
        <source>&amp;Log…</source>
        <translation>Er&amp;fassen…</translation>
    </message>
    <message>
        <source>Log a conversation with this contact</source>
        <translation>Unterhaltung mit diesem Kontakt erfassen</translation>
    </message>
    <message>
        <source>Log a call, email or meeting with this contact</source>
        <translation>Anruf, E-Mail oder Treffen mit diesem Kontakt erfassen</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Move to Tras&amp;h</source>
        <translation>In den Pap&amp;ierkorb</translation>
    </message>
    <message>
        <source>“%1” is in the trash: shown on its own. Restore it from Contact → Show trash.</source>
        <translation>„%1“ ist im Papierkorb und wird einzeln angezeigt. Wiederherstellen über Kontakt → Papierkorb anzeigen.</translation>
    </message>
    <message>
        <source>Search and filters cleared to show “%1”.</source>
        <translation>Suche und Filter wurden zurückgesetzt, um „%1“ anzuzeigen.</translation>
    </message>
    <message>
        <source>another contact</source>
        <translation>einem anderen Kontakt</translation>
    </message>
    <message>
        <source>%1 (%2, %3)</source>
        <comment>a contact: name (title, outlet)</comment>
        <translation>%1 (%2, %3)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>a contact: name (title or outlet)</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1, in the trash</source>
        <comment>a contact</comment>
        <translation>%1, im Papierkorb</translation>
    </message>
    <message>
        <source>Shares an email or handle with %1.</source>
        <translation>Hat eine E-Mail-Adresse oder ein Handle mit %1 gemeinsam.</translation>
    </message>
    <message>
        <source>Shares an email or handle with %1 and %2 others.</source>
        <translation>Hat eine E-Mail-Adresse oder ein Handle mit %1 und %2 weiteren gemeinsam.</translation>
    </message>
    <message>
        <source>the other contact</source>
        <translation>den anderen Kontakt</translation>
    </message>
    <message>
        <source>&amp;Save Anyway</source>
        <translation>&amp;Trotzdem speichern</translation>
    </message>
    <message>
        <source>&amp;Open “%1” (discard my changes)</source>
        <translation>„%1“ ö&amp;ffnen (meine Änderungen verwerfen)</translation>
    </message>
    <message>
        <source>&amp;Merge…</source>
        <translation>&amp;Zusammenführen…</translation>
    </message>
    <message>
        <source>Keep &amp;Editing</source>
        <translation>&amp;Weiter bearbeiten</translation>
    </message>
    <message>
        <source>Possible duplicate</source>
        <translation>Mögliches Duplikat</translation>
    </message>
    <message>
        <source>%1 The two may be the same person.

Save “%2” anyway, open “%3” instead, or merge the two?</source>
        <translation>%1 Die beiden könnten dieselbe Person sein.

„%2“ trotzdem speichern, stattdessen „%3“ öffnen oder beide zusammenführen?</translation>
    </message>
    <message>
        <source>The contact you are editing was merged: saving will report the change.</source>
        <translation>Der Kontakt, den Sie bearbeiten, wurde zusammengeführt: Beim Speichern wird die Änderung gemeldet.</translation>
    </message>
    <message>
        <source>“%1” was merged into “%2”.</source>
        <translation>„%1“ wurde mit „%2“ zusammengeführt.</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Kampagnen</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Änderungen</translation>
    </message>
    <message>
        <source>Who changed what in this profile, and when</source>
        <translation>Wer in diesem Profil was wann geändert hat</translation>
    </message>
    <message>
        <source>“%1” saved, merged with what %2 changed meanwhile (%3).</source>
        <translation>„%1“ gespeichert, zusammengeführt mit dem, was %2 inzwischen geändert hat (%3).</translation>
    </message>
    <message>
        <source>%1 changed the same fields meanwhile: choose what to keep.</source>
        <translation>%1 hat inzwischen dieselben Felder geändert: Wählen Sie, was bleiben soll.</translation>
    </message>
    <message>
        <source>“%1” saved with your choices.</source>
        <translation>„%1“ mit Ihrer Auswahl gespeichert.</translation>
    </message>
</context>
<context>
    <name>ContactFilterPanel</name>
    <message>
        <source>Contact filters</source>
        <translation>Kontaktfilter</translation>
    </message>
    <message>
        <source>Kinds</source>
        <translation>Arten</translation>
    </message>
    <message>
        <source>Beats and tags</source>
        <translation>Ressorts und Tags</translation>
    </message>
    <message>
        <source>e.g. retail, consumer tech</source>
        <translation>z. B. Handel, Unterhaltungselektronik</translation>
    </message>
    <message>
        <source>Outlets</source>
        <translation>Medien</translation>
    </message>
    <message>
        <source>Type an outlet&apos;s name</source>
        <translation>Namen eines Mediums eingeben</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>Any country</source>
        <translation>Alle Länder</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Stadt</translation>
    </message>
    <message>
        <source>Any city</source>
        <translation>Alle Städte</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Betreuer</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Do not contact</source>
        <translation>Nicht kontaktieren</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Only “do not contact”</source>
        <translation>Nur „Nicht kontaktieren“</translation>
    </message>
    <message>
        <source>Leave out “do not contact”</source>
        <translation>Ohne „Nicht kontaktieren“</translation>
    </message>
    <message>
        <source>Not contacted in days</source>
        <translation>Nicht kontaktiert seit (Tagen)</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tagen</translation>
    </message>
    <message>
        <source>C&amp;lear filters</source>
        <translation>Filter &amp;zurücksetzen</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Art:</translation>
    </message>
    <message>
        <source>&amp;Beats, tags:</source>
        <translation>&amp;Ressorts, Tags:</translation>
    </message>
    <message>
        <source>O&amp;utlet:</source>
        <translation>&amp;Medium:</translation>
    </message>
    <message>
        <source>O&amp;wner:</source>
        <translation>&amp;Betreuer:</translation>
    </message>
    <message>
        <source>Cou&amp;ntry:</source>
        <translation>&amp;Land:</translation>
    </message>
    <message>
        <source>C&amp;ity:</source>
        <translation>&amp;Stadt:</translation>
    </message>
    <message>
        <source>&amp;Do not contact:</source>
        <translation>&amp;Nicht kontaktieren:</translation>
    </message>
    <message>
        <source>Not contacted &amp;in:</source>
        <translation>Nicht kontaktiert s&amp;eit:</translation>
    </message>
</context>
<context>
    <name>ContactFollowUpsPanel</name>
    <message>
        <source>Open follow-ups</source>
        <translation>Offene Wiedervorlagen</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Erledigt</translation>
    </message>
    <message>
        <source>Mark the selected follow-up as done</source>
        <translation>Die ausgewählte Wiedervorlage als erledigt markieren</translation>
    </message>
    <message>
        <source>+1 day</source>
        <translation>+1 Tag</translation>
    </message>
    <message>
        <source>Move the selected follow-up one day on</source>
        <translation>Die ausgewählte Wiedervorlage um einen Tag verschieben</translation>
    </message>
    <message>
        <source>+1 week</source>
        <translation>+1 Woche</translation>
    </message>
    <message>
        <source>Move the selected follow-up one week on</source>
        <translation>Die ausgewählte Wiedervorlage um eine Woche verschieben</translation>
    </message>
    <message>
        <source>Open follow-ups with this contact</source>
        <translation>Offene Wiedervorlagen mit diesem Kontakt</translation>
    </message>
    <message>
        <source>Open follow-ups (%L1)</source>
        <translation>Offene Wiedervorlagen (%L1)</translation>
    </message>
</context>
<context>
    <name>ContactForm</name>
    <message>
        <source>&amp;Mastodon:</source>
        <translation>&amp;Mastodon:</translation>
    </message>
    <message>
        <source>Bl&amp;uesky:</source>
        <translation>Bluesk&amp;y:</translation>
    </message>
    <message>
        <source>&amp;X:</source>
        <translation>&amp;X:</translation>
    </message>
    <message>
        <source>Lin&amp;kedIn:</source>
        <translation>Lin&amp;kedIn:</translation>
    </message>
    <message>
        <source>&amp;Website:</source>
        <translation>&amp;Website:</translation>
    </message>
    <message>
        <source>Blog or &amp;feed:</source>
        <translation>Blo&amp;g oder Feed:</translation>
    </message>
    <message>
        <source>Identity</source>
        <translation>Identität</translation>
    </message>
    <message>
        <source>&amp;First name:</source>
        <translation>&amp;Vorname:</translation>
    </message>
    <message>
        <source>&amp;Last name:</source>
        <translation>&amp;Nachname:</translation>
    </message>
    <message>
        <source>Displa&amp;y name:</source>
        <translation>&amp;Anzeigename:</translation>
    </message>
    <message>
        <source>First and last name</source>
        <translation>Vor- und Nachname</translation>
    </message>
    <message>
        <source>Pro&amp;nouns:</source>
        <translation>&amp;Pronomen:</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>Pos&amp;ition:</translation>
    </message>
    <message>
        <source>&amp;Organization:</source>
        <translation>&amp;Organisation:</translation>
    </message>
    <message>
        <source>Outlet or company: pick one or type a new name</source>
        <translation>Medium oder Unternehmen: wählen Sie eines aus oder geben Sie einen neuen Namen ein</translation>
    </message>
    <message>
        <source>&amp;Role there:</source>
        <translation>&amp;Rolle dort:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>Ar&amp;t:</translation>
    </message>
    <message>
        <source>O&amp;wner:</source>
        <translation>&amp;Betreuer:</translation>
    </message>
    <message>
        <source>Reach and channels</source>
        <translation>Erreichbarkeit und Kanäle</translation>
    </message>
    <message>
        <source>email address</source>
        <translation>E-Mail-Adresse</translation>
    </message>
    <message>
        <source>&amp;Emails:</source>
        <translation>&amp;E-Mail:</translation>
    </message>
    <message>
        <source>phone number</source>
        <translation>Telefonnummer</translation>
    </message>
    <message>
        <source>&amp;Phones:</source>
        <translation>Tele&amp;fon:</translation>
    </message>
    <message>
        <source>No preference</source>
        <translation>Keine Präferenz</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Mastodon</source>
        <translation>Mastodon</translation>
    </message>
    <message>
        <source>Bluesky</source>
        <translation>Bluesky</translation>
    </message>
    <message>
        <source>X</source>
        <translation>X</translation>
    </message>
    <message>
        <source>LinkedIn</source>
        <translation>LinkedIn</translation>
    </message>
    <message>
        <source>In person</source>
        <translation>Persönlich</translation>
    </message>
    <message>
        <source>Prefe&amp;rred channel:</source>
        <translation>Bevorz&amp;ugter Kanal:</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <source> people</source>
        <translation> Personen</translation>
    </message>
    <message>
        <source>Reac&amp;h:</source>
        <translation>Reic&amp;hweite:</translation>
    </message>
    <message>
        <source>Beats and tags</source>
        <translation>Ressorts und Tags</translation>
    </message>
    <message>
        <source>&amp;Beats:</source>
        <translation>Re&amp;ssorts:</translation>
    </message>
    <message>
        <source>T&amp;ags:</source>
        <translation>Ta&amp;gs:</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Standort</translation>
    </message>
    <message>
        <source>&amp;City:</source>
        <translation>Sta&amp;dt:</translation>
    </message>
    <message>
        <source>Countr&amp;y:</source>
        <translation>&amp;Land:</translation>
    </message>
    <message>
        <source>Time &amp;zone:</source>
        <translation>&amp;Zeitzone:</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>No&amp;tes:</source>
        <translation>&amp;Notizen:</translation>
    </message>
    <message>
        <source>Consent and contact</source>
        <translation>Einwilligung und Kontaktaufnahme</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>Nicht erfasst</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Einwilligung</translation>
    </message>
    <message>
        <source>Legitimate interest</source>
        <translation>Berechtigtes Interesse</translation>
    </message>
    <message>
        <source>Contract</source>
        <translation>Vertrag</translation>
    </message>
    <message>
        <source>Public professional role</source>
        <translation>Öffentliche berufliche Rolle</translation>
    </message>
    <message>
        <source>Consent &amp;basis:</source>
        <translation>Re&amp;chtsgrundlage:</translation>
    </message>
    <message>
        <source>Recorded on</source>
        <translation>Erfasst am</translation>
    </message>
    <message>
        <source>Consent date</source>
        <translation>Datum der Einwilligung</translation>
    </message>
    <message>
        <source>Consent &amp;date:</source>
        <translation>Einwilligungs&amp;datum:</translation>
    </message>
    <message>
        <source>Consent date recorded</source>
        <translation>Datum der Einwilligung erfasst</translation>
    </message>
    <message>
        <source>Consent &amp;source:</source>
        <translation>Einwilligungs&amp;quelle:</translation>
    </message>
    <message>
        <source>e.g. signed up at the launch event</source>
        <translation>z. B. bei der Launch-Veranstaltung angemeldet</translation>
    </message>
    <message>
        <source>Do &amp;not contact</source>
        <translation>Nicht &amp;kontaktieren</translation>
    </message>
    <message>
        <source>Do not contact</source>
        <translation>Nicht kontaktieren</translation>
    </message>
    <message>
        <source>Reaso&amp;n:</source>
        <translation>&amp;Grund:</translation>
    </message>
    <message>
        <source>Nobody</source>
        <translation>Niemand</translation>
    </message>
    <message>
        <source>“%1” is not in your organizations yet: saving creates it.</source>
        <translation>„%1“ ist noch nicht unter Ihren Organisationen: Beim Speichern wird sie angelegt.</translation>
    </message>
    <message>
        <source>User %1</source>
        <translation>Benutzer %1</translation>
    </message>
    <message>
        <source>A new contact: nothing is saved until you save it.</source>
        <translation>Ein neuer Kontakt: Es wird erst etwas gespeichert, wenn Sie ihn speichern.</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>Created %1 · updated %2 · version %3 · last contacted %4%5</source>
        <translation>Angelegt %1 · geändert %2 · Version %3 · letzter Kontakt %4%5</translation>
    </message>
    <message>
        <source> · in the trash</source>
        <translation> · im Papierkorb</translation>
    </message>
    <message>
        <source>“%1” is not a time zone: pick one from the list, like Europe/London.</source>
        <translation>„%1“ ist keine Zeitzone: Wählen Sie eine aus der Liste, etwa Europe/Berlin.</translation>
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
        <source>Health</source>
        <comment>relationship health score column</comment>
        <translation>Beziehungsqualität</translation>
    </message>
    <message>
        <source>Relationship health: %1 of 100</source>
        <translation>Beziehungsqualität: %1 von 100</translation>
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
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
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
    <message>
        <source>reading beats and tags</source>
        <translation>Lesen der Ressorts und Tags</translation>
    </message>
    <message>
        <source>reading countries</source>
        <translation>Lesen der Länder</translation>
    </message>
    <message>
        <source>reading cities</source>
        <translation>Lesen der Städte</translation>
    </message>
</context>
<context>
    <name>ContactMerge</name>
    <message>
        <source>First name</source>
        <translation>Vorname</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Nachname</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>Anzeigename</translation>
    </message>
    <message>
        <source>Pronouns</source>
        <translation>Pronomen</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Role at the outlet</source>
        <translation>Rolle beim Medium</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Account manager</source>
        <translation>Betreuer</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Stadt</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Zeitzone</translation>
    </message>
    <message>
        <source>Reach</source>
        <translation>Reichweite</translation>
    </message>
    <message>
        <source>Preferred channel</source>
        <translation>Bevorzugter Kanal</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Do not contact</source>
        <translation>Nicht kontaktieren</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <source>Reason not to contact</source>
        <translation>Grund, nicht zu kontaktieren</translation>
    </message>
    <message>
        <source>Consent basis</source>
        <translation>Rechtsgrundlage der Einwilligung</translation>
    </message>
    <message>
        <source>Consent given</source>
        <translation>Einwilligung erteilt</translation>
    </message>
    <message>
        <source>Consent source</source>
        <translation>Quelle der Einwilligung</translation>
    </message>
    <message>
        <source>Emails</source>
        <translation>E-Mails</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation>Telefonnummern</translation>
    </message>
    <message>
        <source>Handles</source>
        <translation>Handles</translation>
    </message>
    <message>
        <source>Beats</source>
        <translation>Ressorts</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
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
    <message>
        <source>loading tags</source>
        <translation>Laden der Tags</translation>
    </message>
    <message>
        <source>loading the trash</source>
        <translation>Laden des Papierkorbs</translation>
    </message>
</context>
<context>
    <name>ContactSearchBar</name>
    <message>
        <source>Search contacts</source>
        <translation>Kontakte durchsuchen</translation>
    </message>
    <message>
        <source>Search names, emails, handles, outlets, titles, beats and notes</source>
        <translation>Namen, E-Mails, Handles, Medien, Positionen, Ressorts und Notizen durchsuchen</translation>
    </message>
    <message>
        <source>&amp;Filters</source>
        <translation>&amp;Filter</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>Filter</translation>
    </message>
    <message>
        <source>Filter by kind, beat, outlet, owner, place and last contact</source>
        <translation>Nach Art, Ressort, Medium, Betreuer, Ort und letztem Kontakt filtern</translation>
    </message>
    <message>
        <source>Clear Filters</source>
        <translation>Filter zurücksetzen</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Filter zurücksetzen</translation>
    </message>
    <message>
        <source>Show all contacts again</source>
        <translation>Wieder alle Kontakte anzeigen</translation>
    </message>
    <message>
        <source>Save &amp;View…</source>
        <translation>Ansicht &amp;speichern…</translation>
    </message>
    <message>
        <source>Save view</source>
        <translation>Ansicht speichern</translation>
    </message>
    <message>
        <source>Save this search, filters, sort and columns as a view in the sidebar</source>
        <translation>Suche, Filter, Sortierung und Spalten als Ansicht in der Seitenleiste speichern</translation>
    </message>
    <message>
        <source>&amp;Find Contacts…</source>
        <translation>Kontakte &amp;finden…</translation>
    </message>
    <message>
        <source>Beat/tag: %1</source>
        <translation>Ressort/Tag: %1</translation>
    </message>
    <message>
        <source>Do not contact only</source>
        <translation>Nur „Nicht kontaktieren“</translation>
    </message>
    <message>
        <source>Without “do not contact”</source>
        <translation>Ohne „Nicht kontaktieren“</translation>
    </message>
    <message>
        <source>Not contacted in %L1 days</source>
        <translation>Seit %L1 Tagen nicht kontaktiert</translation>
    </message>
    <message>
        <source>Active filters</source>
        <translation>Aktive Filter</translation>
    </message>
    <message>
        <source>Outlet #%1</source>
        <translation>Medium #%1</translation>
    </message>
    <message>
        <source>User #%1</source>
        <translation>Benutzer #%1</translation>
    </message>
    <message>
        <source>Remove filter: %1</source>
        <translation>Filter entfernen: %1</translation>
    </message>
    <message>
        <source>Remove this filter (Delete)</source>
        <translation>Diesen Filter entfernen (Entf)</translation>
    </message>
    <message>
        <source>Outlet: %1</source>
        <translation>Medium: %1</translation>
    </message>
    <message>
        <source>Owner: %1</source>
        <translation>Betreuer: %1</translation>
    </message>
    <message>
        <source>Country: %1</source>
        <translation>Land: %1</translation>
    </message>
    <message>
        <source>City: %1</source>
        <translation>Stadt: %1</translation>
    </message>
    <message>
        <source>%L1 found</source>
        <translation>%L1 gefunden</translation>
    </message>
    <message>
        <source>%L1+ found</source>
        <translation>%L1+ gefunden</translation>
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
    <name>ContentItemModel</name>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Geändert</translation>
    </message>
</context>
<context>
    <name>ContentLabels</name>
    <message>
        <source>Press release</source>
        <translation>Pressemitteilung</translation>
    </message>
    <message>
        <source>Pitch email</source>
        <translation>Pitch-E-Mail</translation>
    </message>
    <message>
        <source>Blog post</source>
        <translation>Blogbeitrag</translation>
    </message>
    <message>
        <source>Social post</source>
        <translation>Social-Media-Beitrag</translation>
    </message>
    <message>
        <source>Media kit</source>
        <translation>Pressemappe</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Entwurf</translation>
    </message>
    <message>
        <source>In review</source>
        <translation>In Prüfung</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Freigegeben</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Veröffentlicht</translation>
    </message>
    <message>
        <source>Positive</source>
        <comment>sentiment</comment>
        <translation>Positiv</translation>
    </message>
    <message>
        <source>Negative</source>
        <comment>sentiment</comment>
        <translation>Negativ</translation>
    </message>
    <message>
        <source>Neutral</source>
        <comment>sentiment</comment>
        <translation>Neutral</translation>
    </message>
</context>
<context>
    <name>ContentRepository</name>
    <message>
        <source>moving the content item to the trash</source>
        <translation>Verschieben des Inhalts in den Papierkorb</translation>
    </message>
    <message>
        <source>restoring the content item</source>
        <translation>Wiederherstellen des Inhalts</translation>
    </message>
    <message>
        <source>The content item no longer exists.</source>
        <translation>Der Inhalt existiert nicht mehr.</translation>
    </message>
    <message>
        <source>A content item belongs to a campaign.</source>
        <translation>Ein Inhalt gehört zu einer Kampagne.</translation>
    </message>
    <message>
        <source>Give the content item a title.</source>
        <translation>Geben Sie dem Inhalt einen Titel.</translation>
    </message>
    <message>
        <source>The title can be at most %1 characters long.</source>
        <translation>Der Titel darf höchstens %1 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>Unknown kind of content “%1”.</source>
        <translation>Unbekannte Inhaltsart „%1“.</translation>
    </message>
    <message>
        <source>Unknown content status “%1”.</source>
        <translation>Unbekannter Inhaltsstatus „%1“.</translation>
    </message>
    <message>
        <source>The URL must be a web address starting with http:// or https://, for example https://newsroom.example.com/launch.</source>
        <translation>Die URL muss eine Webadresse sein, die mit http:// oder https:// beginnt, etwa https://newsroom.example.com/launch.</translation>
    </message>
    <message>
        <source>The text is too long to save: %1 characters, and a content item holds at most %2 (about 1 MB). Shorten it, or put the full document on the web and enter its URL. Nothing was saved.</source>
        <translation>Der Text ist zu lang zum Speichern: %1 Zeichen, ein Inhalt fasst höchstens %2 (etwa 1 MB). Kürzen Sie ihn oder stellen Sie das vollständige Dokument ins Web und geben Sie dessen URL ein. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>listing the campaign&apos;s content</source>
        <translation>Auflisten der Inhalte der Kampagne</translation>
    </message>
    <message>
        <source>loading the content item</source>
        <translation>Laden des Inhalts</translation>
    </message>
    <message>
        <source>adding the content item</source>
        <translation>Hinzufügen des Inhalts</translation>
    </message>
    <message>
        <source>This content item has not been saved yet.</source>
        <translation>Dieser Inhalt wurde noch nicht gespeichert.</translation>
    </message>
    <message>
        <source>saving the content item</source>
        <translation>Speichern des Inhalts</translation>
    </message>
    <message>
        <source>“%1” was changed or deleted by someone else since you opened it. Your text is still in the editor; copy it, reload the item to see their changes, and save again.</source>
        <translation>„%1“ wurde von jemand anderem geändert oder gelöscht, seit Sie den Inhalt geöffnet haben. Ihr Text steht noch im Editor; kopieren Sie ihn, laden Sie den Inhalt neu, um die Änderungen zu sehen, und speichern Sie erneut.</translation>
    </message>
    <message>
        <source>keeping the previous version of the content item</source>
        <translation>Aufbewahren der vorherigen Version des Inhalts</translation>
    </message>
    <message>
        <source>listing earlier versions of the content item</source>
        <translation>Auflisten früherer Versionen des Inhalts</translation>
    </message>
    <message>
        <source>loading the earlier version</source>
        <translation>Laden der früheren Version</translation>
    </message>
    <message>
        <source>That earlier version no longer exists.</source>
        <translation>Diese frühere Version existiert nicht mehr.</translation>
    </message>
</context>
<context>
    <name>ContentTab</name>
    <message>
        <source>Content</source>
        <translation>Inhalte</translation>
    </message>
    <message>
        <source>&amp;New Item</source>
        <translation>&amp;Neuer Inhalt</translation>
    </message>
    <message>
        <source>Start a new content item (Ctrl+Shift+N)</source>
        <translation>Einen neuen Inhalt beginnen (Strg+Umschalt+N)</translation>
    </message>
    <message>
        <source>Move to Trash</source>
        <translation>In den Papierkorb</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Neu laden</translation>
    </message>
    <message>
        <source>Show the item as it is stored now; your unsaved changes are dropped</source>
        <translation>Den Inhalt so zeigen, wie er jetzt gespeichert ist; Ihre nicht gespeicherten Änderungen werden verworfen</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Titel:</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Status:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Art:</translation>
    </message>
    <message>
        <source>https://newsroom.example.com/…</source>
        <translation>https://newsroom.example.com/…</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>Nicht festgelegt</translation>
    </message>
    <message>
        <source>&amp;Publish date:</source>
        <translation>&amp;Veröffentlichung:</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>&amp;URL:</translation>
    </message>
    <message>
        <source>That is too long to paste: the text would be %1 characters, and a content item holds at most %2 (about 1 MB). Nothing was pasted; put the full document on the web and enter its URL.</source>
        <translation>Das ist zu lang zum Einfügen: Der Text hätte %1 Zeichen, ein Inhalt fasst höchstens %2 (etwa 1 MB). Es wurde nichts eingefügt; stellen Sie das vollständige Dokument ins Web und tragen Sie seine URL ein.</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>&amp;Restore This Version</source>
        <translation>Diese Version &amp;wiederherstellen</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Save the content item (Ctrl+S)</source>
        <translation>Den Inhalt speichern (Strg+S)</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Nicht gespeicherte Änderungen</translation>
    </message>
    <message>
        <source>Discard your unsaved changes and start a new item?</source>
        <translation>Ihre nicht gespeicherten Änderungen verwerfen und einen neuen Inhalt beginnen?</translation>
    </message>
    <message>
        <source>Set “%1” to %2</source>
        <translation>„%1“ auf %2 setzen</translation>
    </message>
    <message>
        <source>Edit “%1”</source>
        <translation>„%1“ bearbeiten</translation>
    </message>
    <message>
        <source>Saved “%1”.</source>
        <translation>„%1“ gespeichert.</translation>
    </message>
    <message>
        <source>Moved “%1” to the trash.</source>
        <translation>„%1“ in den Papierkorb verschoben.</translation>
    </message>
    <message>
        <source>The new item</source>
        <translation>Der neue Inhalt</translation>
    </message>
    <message>
        <source>%1 has unsaved changes. Save them first?</source>
        <translation>%1 hat nicht gespeicherte Änderungen. Zuerst speichern?</translation>
    </message>
    <message>
        <source>This item was saved elsewhere meanwhile (an undo, another window or another user). Saving now would be refused: copy your changes, then reload.</source>
        <translation>Dieser Inhalt wurde inzwischen anderswo gespeichert (durch Rückgängig, ein anderes Fenster oder eine andere Person). Speichern würde jetzt abgelehnt: Kopieren Sie Ihre Änderungen und laden Sie dann neu.</translation>
    </message>
    <message>
        <source>Version %1 · %2</source>
        <translation>Version %1 · %2</translation>
    </message>
    <message>
        <source>No earlier versions yet: each save keeps the text it replaces here.</source>
        <translation>Noch keine früheren Versionen: Jedes Speichern bewahrt hier den Text auf, den es ersetzt.</translation>
    </message>
    <message>
        <source>Restore version %1 of “%2”</source>
        <translation>Version %1 von „%2“ wiederherstellen</translation>
    </message>
    <message>
        <source>Restored version %1 of “%2”.</source>
        <translation>Version %1 von „%2“ wiederhergestellt.</translation>
    </message>
    <message>
        <source>Restoring version %1 drops your unsaved changes. Restore it?</source>
        <translation>Das Wiederherstellen von Version %1 verwirft Ihre nicht gespeicherten Änderungen. Wiederherstellen?</translation>
    </message>
</context>
<context>
    <name>CoolingOffModel</name>
    <message>
        <source>Health fell from %1 to %2 over %3 days; last spoke %4 days ago.</source>
        <translation>Beziehungsqualität in %3 Tagen von %1 auf %2 gesunken; zuletzt vor %4 Tagen gesprochen.</translation>
    </message>
    <message>
        <source>%1 → %2 (−%3)</source>
        <translation>%1 → %2 (−%3)</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 Tage</translation>
    </message>
    <message>
        <source>nobody</source>
        <comment>account manager</comment>
        <translation>niemand</translation>
    </message>
    <message>
        <source>Overdue since %1</source>
        <translation>Überfällig seit %1</translation>
    </message>
    <message>
        <source>Due %1</source>
        <translation>Fällig am %1</translation>
    </message>
    <message>
        <source>A follow-up is already planned; see Follow-ups.</source>
        <translation>Eine Wiedervorlage ist bereits geplant; siehe Wiedervorlagen.</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <source>Health then → now</source>
        <translation>Qualität damals → jetzt</translation>
    </message>
    <message>
        <source>Silent for</source>
        <translation>Funkstille</translation>
    </message>
    <message>
        <source>Reach</source>
        <translation>Reichweite</translation>
    </message>
    <message>
        <source>Account manager</source>
        <translation>Betreuer</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Wiedervorlage</translation>
    </message>
</context>
<context>
    <name>CoolingOffView</name>
    <message>
        <source>Cooling off</source>
        <translation>Abkühlende Beziehungen</translation>
    </message>
    <message>
        <source>Relationships cooling off, biggest drop first</source>
        <translation>Abkühlende Beziehungen, stärkster Rückgang zuerst</translation>
    </message>
    <message>
        <source>Account manager</source>
        <translation>Betreuer</translation>
    </message>
    <message>
        <source>Overdue since %1 %2</source>
        <translation>Überfällig seit %1 %2</translation>
    </message>
    <message>
        <source>Follow up</source>
        <translation>Wiedervorlage</translation>
    </message>
    <message>
        <source>&amp;Follow Up Tomorrow 9:00</source>
        <translation>&amp;Wiedervorlage morgen 9:00</translation>
    </message>
    <message>
        <source>Plan a follow-up tomorrow at 9:00 for the contact&apos;s account manager (Space)</source>
        <translation>Wiedervorlage für morgen 9:00 für den Betreuer des Kontakts anlegen (Leertaste)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Looking for relationships that are cooling off…</source>
        <translation>Abkühlende Beziehungen werden gesucht…</translation>
    </message>
    <message>
        <source>No valuable relationship is cooling off: nobody who was close 90 days ago has gone quiet since.</source>
        <translation>Keine wertvolle Beziehung kühlt ab: Niemand, der vor 90 Tagen eng verbunden war, ist seither verstummt.</translation>
    </message>
    <message>
        <source>Valuable relationships whose health fell by %1 points or more in %2 days while they went quiet. Space or “Follow up” plans a follow-up for tomorrow 9:00; Enter opens the contact.</source>
        <translation>Wertvolle Beziehungen, deren Beziehungsqualität in %2 Tagen um %1 Punkte oder mehr gesunken ist, während es still um sie wurde. Leertaste oder „Wiedervorlage“ legt eine Wiedervorlage für morgen 9:00 an; Enter öffnet den Kontakt.</translation>
    </message>
    <message>
        <source>Show one account manager&apos;s relationships</source>
        <translation>Die Beziehungen eines Betreuers zeigen</translation>
    </message>
    <message>
        <source>&amp;Who:</source>
        <translation>&amp;Wer:</translation>
    </message>
    <message>
        <source>Reading the list</source>
        <translation>Die Liste wird gelesen</translation>
    </message>
    <message>
        <source>Everybody</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Mine</source>
        <comment>relationships</comment>
        <translation>Meine</translation>
    </message>
    <message>
        <source>%L1 of %L2 relationships cooling off</source>
        <comment>shown of all</comment>
        <translation>%L1 von %L2 abkühlenden Beziehungen</translation>
    </message>
    <message>
        <source>The %L1 biggest drops (more are cooling off)</source>
        <translation>Die %L1 stärksten Rückgänge (weitere kühlen ab)</translation>
    </message>
    <message numerus="yes">
        <source>%n relationship(s) cooling off</source>
        <translation>
            <numerusform>%n abkühlende Beziehung</numerusform>
            <numerusform>%n abkühlende Beziehungen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CoverageDialog</name>
    <message>
        <source>Edit Coverage</source>
        <translation>Berichterstattung bearbeiten</translation>
    </message>
    <message>
        <source>Add Coverage</source>
        <translation>Berichterstattung erfassen</translation>
    </message>
    <message>
        <source>&amp;Headline:</source>
        <translation>&amp;Schlagzeile:</translation>
    </message>
    <message>
        <source>https://www.example.com/2026/05/story</source>
        <translation>https://www.example.com/2026/05/artikel</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>&amp;URL:</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keiner</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>pitch: person (status)</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>From &amp;pitch:</source>
        <translation>Aus &amp;Pitch:</translation>
    </message>
    <message>
        <source>&amp;Author:</source>
        <translation>&amp;Autor:</translation>
    </message>
    <message>
        <source>&amp;Outlet:</source>
        <translation>&amp;Medium:</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>Nicht festgelegt</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>&amp;Datum:</translation>
    </message>
    <message>
        <source>Audience, e.g. 250000</source>
        <translation>Publikum, z. B. 250000</translation>
    </message>
    <message>
        <source>&amp;Reach:</source>
        <translation>&amp;Reichweite:</translation>
    </message>
    <message>
        <source>Unknown</source>
        <comment>sentiment</comment>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <source>Positive</source>
        <comment>sentiment</comment>
        <translation>Positiv</translation>
    </message>
    <message>
        <source>Neutral</source>
        <comment>sentiment</comment>
        <translation>Neutral</translation>
    </message>
    <message>
        <source>Negative</source>
        <comment>sentiment</comment>
        <translation>Negativ</translation>
    </message>
    <message>
        <source>&amp;Sentiment:</source>
        <translation>&amp;Stimmung:</translation>
    </message>
    <message>
        <source>No. %1</source>
        <translation>Nr. %1</translation>
    </message>
    <message>
        <source>Enter the audience as a whole number, e.g. 250000.</source>
        <translation>Geben Sie das Publikum als ganze Zahl ein, z. B. 250000.</translation>
    </message>
</context>
<context>
    <name>CoverageRepository</name>
    <message>
        <source>moving the coverage to the trash</source>
        <translation>Verschieben der Berichterstattung in den Papierkorb</translation>
    </message>
    <message>
        <source>restoring the coverage</source>
        <translation>Wiederherstellen der Berichterstattung</translation>
    </message>
    <message>
        <source>This coverage no longer exists.</source>
        <translation>Diese Berichterstattung existiert nicht mehr.</translation>
    </message>
    <message>
        <source>Enter the headline.</source>
        <translation>Geben Sie die Überschrift ein.</translation>
    </message>
    <message>
        <source>The headline can be at most %1 characters long.</source>
        <translation>Die Überschrift darf höchstens %1 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>The reach cannot be negative.</source>
        <translation>Die Reichweite darf nicht negativ sein.</translation>
    </message>
    <message>
        <source>Unknown sentiment.</source>
        <translation>Unbekannte Stimmung.</translation>
    </message>
    <message>
        <source>looking for the same article</source>
        <translation>Suchen nach demselben Artikel</translation>
    </message>
    <message>
        <source>another coverage entry</source>
        <translation>ein anderer Eintrag der Berichterstattung</translation>
    </message>
    <message>
        <source>%1 in the campaign “%2”</source>
        <translation>%1 in der Kampagne „%2“</translation>
    </message>
    <message>
        <source>This article is already recorded as coverage: %1.</source>
        <translation>Dieser Artikel ist bereits als Berichterstattung erfasst: %1.</translation>
    </message>
    <message>
        <source>linking the pitch</source>
        <translation>Verknüpfen des Pitches</translation>
    </message>
    <message>
        <source>That pitch no longer exists or was taken off the media list.</source>
        <translation>Dieser Pitch existiert nicht mehr oder wurde aus dem Presseverteiler genommen.</translation>
    </message>
    <message>
        <source>That pitch belongs to another campaign.</source>
        <translation>Dieser Pitch gehört zu einer anderen Kampagne.</translation>
    </message>
    <message>
        <source>adding the coverage</source>
        <translation>Hinzufügen der Berichterstattung</translation>
    </message>
    <message>
        <source>This coverage has not been saved yet.</source>
        <translation>Diese Berichterstattung wurde noch nicht gespeichert.</translation>
    </message>
    <message>
        <source>saving the coverage</source>
        <translation>Speichern der Berichterstattung</translation>
    </message>
    <message>
        <source>“%1” was changed or deleted by someone else since you opened it; your changes were not saved.</source>
        <translation>„%1“ wurde von jemand anderem geändert oder gelöscht, seit Sie den Eintrag geöffnet haben; Ihre Änderungen wurden nicht gespeichert.</translation>
    </message>
    <message>
        <source>loading the coverage</source>
        <translation>Laden der Berichterstattung</translation>
    </message>
    <message>
        <source>listing the campaign&apos;s coverage</source>
        <translation>Auflisten der Berichterstattung der Kampagne</translation>
    </message>
    <message>
        <source>reading the campaign&apos;s topics</source>
        <translation>Lesen der Themen der Kampagne</translation>
    </message>
    <message>
        <source>looking for coverage in synced posts</source>
        <translation>Suchen nach Berichterstattung in synchronisierten Beiträgen</translation>
    </message>
    <message>
        <source>reading the proposed post</source>
        <translation>Lesen des vorgeschlagenen Beitrags</translation>
    </message>
    <message>
        <source>The proposed post no longer exists.</source>
        <translation>Der vorgeschlagene Beitrag existiert nicht mehr.</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>Beitrag</translation>
    </message>
    <message>
        <source>dismissing the proposal</source>
        <translation>Verwerfen des Vorschlags</translation>
    </message>
    <message>
        <source>proposing the post again</source>
        <translation>Erneutes Vorschlagen des Beitrags</translation>
    </message>
    <message>
        <source>listing the campaign&apos;s pitches</source>
        <translation>beim Auflisten der Pitches der Kampagne</translation>
    </message>
    <message>
        <source>giving recorded coverage its URL key</source>
        <translation>beim Vergeben der URL-Schlüssel für erfasste Berichterstattung</translation>
    </message>
</context>
<context>
    <name>CoverageTab</name>
    <message>
        <source>Author</source>
        <translation>Autor</translation>
    </message>
    <message>
        <source>Outlet</source>
        <translation>Medium</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Zeitpunkt</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>Beitrag</translation>
    </message>
    <message>
        <source>&amp;Accept as Coverage</source>
        <translation>Als Berichterstattung &amp;übernehmen</translation>
    </message>
    <message>
        <source>&amp;Dismiss</source>
        <translation>&amp;Verwerfen</translation>
    </message>
    <message>
        <source>Not coverage: do not propose this post again for this campaign</source>
        <translation>Keine Berichterstattung: diesen Beitrag für diese Kampagne nicht mehr vorschlagen</translation>
    </message>
    <message>
        <source>Add Coverage…</source>
        <translation>Berichterstattung erfassen…</translation>
    </message>
    <message>
        <source>Record an article or post (Ctrl+Shift+N)</source>
        <translation>Einen Artikel oder Beitrag erfassen (Strg+Umschalt+N)</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <source>Open Article</source>
        <translation>Artikel öffnen</translation>
    </message>
    <message>
        <source>Move to Trash</source>
        <translation>In den Papierkorb</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>Berichterstattung</translation>
    </message>
    <message numerus="yes">
        <source>Proposed coverage: %n post(s) by pitched people that mention the campaign&apos;s topics</source>
        <translation>
            <numerusform>Vorgeschlagene Berichterstattung: %n Beitrag einer angesprochenen Person, der die Themen der Kampagne erwähnt</numerusform>
            <numerusform>Vorgeschlagene Berichterstattung: %n Beiträge angesprochener Personen, die die Themen der Kampagne erwähnen</numerusform>
        </translation>
    </message>
    <message>
        <source>No coverage recorded yet.</source>
        <translation>Noch keine Berichterstattung erfasst.</translation>
    </message>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n Artikel</numerusform>
            <numerusform>%n Artikel</numerusform>
        </translation>
    </message>
    <message>
        <source>reach %1</source>
        <translation>Reichweite %1</translation>
    </message>
    <message>
        <source>%1 positive, %2 negative</source>
        <translation>%1 positiv, %2 negativ</translation>
    </message>
    <message>
        <source>Add coverage “%1”</source>
        <translation>Berichterstattung „%1“ erfassen</translation>
    </message>
    <message>
        <source>Saved coverage “%1”.</source>
        <translation>Berichterstattung „%1“ gespeichert.</translation>
    </message>
    <message>
        <source>Moved coverage “%1” to the trash.</source>
        <translation>Berichterstattung „%1“ in den Papierkorb verschoben.</translation>
    </message>
    <message>
        <source>No web browser could open %1.</source>
        <translation>Kein Webbrowser konnte %1 öffnen.</translation>
    </message>
    <message>
        <source>Accept “%1” as coverage</source>
        <translation>„%1“ als Berichterstattung übernehmen</translation>
    </message>
    <message>
        <source>Recorded “%1” as coverage.</source>
        <translation>„%1“ als Berichterstattung erfasst.</translation>
    </message>
</context>
<context>
    <name>CreateContactCommand</name>
    <message>
        <source>New contact “%1”</source>
        <translation>Neuer Kontakt „%1“</translation>
    </message>
</context>
<context>
    <name>CsvLayouts</name>
    <message>
        <source>Rapport (every field)</source>
        <translation>Rapport (alle Felder)</translation>
    </message>
    <message>
        <source>Google Contacts</source>
        <translation>Google Kontakte</translation>
    </message>
    <message>
        <source>Outlook</source>
        <translation>Outlook</translation>
    </message>
</context>
<context>
    <name>CsvReader</name>
    <message>
        <source>Line %1: a quoted field is never closed (a &quot; is missing). Check the file around that line.</source>
        <translation>Zeile %1: Ein Feld in Anführungszeichen wird nie geschlossen (ein &quot; fehlt). Prüfen Sie die Datei um diese Zeile.</translation>
    </message>
    <message>
        <source>Line %1 has more than %2 columns. A contacts file has far fewer: check the delimiter, or whether this is the right file.</source>
        <translation>Zeile %1 hat mehr als %2 Spalten. Eine Kontaktdatei hat weit weniger: Prüfen Sie das Trennzeichen oder ob dies die richtige Datei ist.</translation>
    </message>
</context>
<context>
    <name>DashboardChart</name>
    <message>
        <source>Interactions by channel</source>
        <translation>Gespräche nach Kanal</translation>
    </message>
    <message>
        <source>Pitches and reply rate</source>
        <translation>Pitches und Antwortquote</translation>
    </message>
    <message>
        <source>Pitch funnel</source>
        <translation>Pitch-Trichter</translation>
    </message>
    <message>
        <source>Coverage, sentiment and reach</source>
        <translation>Berichterstattung, Tonalität und Reichweite</translation>
    </message>
    <message>
        <source>Top relationships</source>
        <translation>Engste Beziehungen</translation>
    </message>
    <message>
        <source>Cooling relationships</source>
        <translation>Abkühlende Beziehungen</translation>
    </message>
    <message>
        <source>Top outlets</source>
        <translation>Wichtigste Medien</translation>
    </message>
    <message>
        <source>Team activity</source>
        <translation>Aktivität des Teams</translation>
    </message>
    <message>
        <source>Social engagement</source>
        <translation>Resonanz in sozialen Netzen</translation>
    </message>
    <message>
        <source>No interactions in this period.</source>
        <translation>Keine Gespräche in diesem Zeitraum.</translation>
    </message>
    <message>
        <source>No pitches were sent in this period.</source>
        <translation>In diesem Zeitraum wurden keine Pitches verschickt.</translation>
    </message>
    <message>
        <source>No pitches in this period.</source>
        <translation>Keine Pitches in diesem Zeitraum.</translation>
    </message>
    <message>
        <source>No coverage in this period.</source>
        <translation>Keine Berichterstattung in diesem Zeitraum.</translation>
    </message>
    <message>
        <source>No valuable relationship has gone quiet.</source>
        <translation>Keine wertvolle Beziehung ist verstummt.</translation>
    </message>
    <message>
        <source>No mentions, replies, likes, boosts or follows were synced in this period.</source>
        <translation>In diesem Zeitraum wurden keine Erwähnungen, Antworten, Likes, Boosts oder Follows synchronisiert.</translation>
    </message>
    <message>
        <source>Pitches</source>
        <translation>Pitches</translation>
    </message>
    <message>
        <source>Pieces</source>
        <translation>Beiträge</translation>
    </message>
</context>
<context>
    <name>DashboardFilterBar</name>
    <message>
        <source>This week</source>
        <translation>Diese Woche</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <source>This quarter</source>
        <translation>Dieses Quartal</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>Letzte 12 Monate</translation>
    </message>
    <message>
        <source>Custom range</source>
        <translation>Eigener Zeitraum</translation>
    </message>
    <message>
        <source>The period every chart looks at</source>
        <translation>Der Zeitraum, den alle Diagramme zeigen</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>Erster Tag</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Letzter Tag</translation>
    </message>
    <message>
        <source>Account manager</source>
        <translation>Betreuer</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Kampagne</translation>
    </message>
    <message>
        <source>Channel (for the interaction charts)</source>
        <translation>Kanal (für die Gesprächsdiagramme)</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>Alle Kanäle</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Zeitraum:</translation>
    </message>
    <message>
        <source>Everybody</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>All clients</source>
        <translation>Alle Kunden</translation>
    </message>
    <message>
        <source>All campaigns</source>
        <translation>Alle Kampagnen</translation>
    </message>
</context>
<context>
    <name>DashboardModels</name>
    <message>
        <source>Figure</source>
        <translation>Kennzahl</translation>
    </message>
    <message>
        <source>This period</source>
        <translation>Dieser Zeitraum</translation>
    </message>
    <message>
        <source>Previous period</source>
        <translation>Vorheriger Zeitraum</translation>
    </message>
    <message>
        <source>Change (%)</source>
        <translation>Veränderung (%)</translation>
    </message>
    <message>
        <source>Interactions</source>
        <translation>Interaktionen</translation>
    </message>
    <message>
        <source>Pitches sent</source>
        <translation>Gesendete Pitches</translation>
    </message>
    <message>
        <source>Reply rate (%)</source>
        <translation>Antwortquote (%)</translation>
    </message>
    <message>
        <source>Coverage pieces</source>
        <translation>Beiträge der Berichterstattung</translation>
    </message>
    <message>
        <source>Total reach</source>
        <translation>Gesamtreichweite</translation>
    </message>
    <message>
        <source>New contacts</source>
        <translation>Neue Kontakte</translation>
    </message>
    <message>
        <source>new</source>
        <comment>a figure that was zero in the previous period</comment>
        <translation>neu</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>%1 (out)</source>
        <comment>channel, outbound</comment>
        <translation>%1 (ausgehend)</translation>
    </message>
    <message>
        <source>%1 (in)</source>
        <comment>channel, inbound</comment>
        <translation>%1 (eingehend)</translation>
    </message>
    <message numerus="yes">
        <source>Replied within %n day(s)</source>
        <translation>
            <numerusform>Innerhalb von %n Tag beantwortet</numerusform>
            <numerusform>Innerhalb von %n Tagen beantwortet</numerusform>
        </translation>
    </message>
    <message>
        <source>Planned</source>
        <comment>pitch stage</comment>
        <translation>Geplant</translation>
    </message>
    <message>
        <source>Pitched</source>
        <comment>pitch stage</comment>
        <translation>Gepitcht</translation>
    </message>
    <message>
        <source>Replied</source>
        <comment>pitch stage</comment>
        <translation>Beantwortet</translation>
    </message>
    <message>
        <source>Interested</source>
        <comment>pitch stage</comment>
        <translation>Interessiert</translation>
    </message>
    <message>
        <source>Covered</source>
        <comment>pitch stage</comment>
        <translation>Berichtet</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Pitches</source>
        <translation>Pitches</translation>
    </message>
    <message>
        <source>Share of planned (%)</source>
        <translation>Anteil an geplanten (%)</translation>
    </message>
    <message>
        <source>Positive</source>
        <translation>Positiv</translation>
    </message>
    <message>
        <source>Neutral</source>
        <translation>Neutral</translation>
    </message>
    <message>
        <source>Negative</source>
        <translation>Negativ</translation>
    </message>
    <message>
        <source>Unrated</source>
        <comment>sentiment not set</comment>
        <translation>Nicht bewertet</translation>
    </message>
    <message>
        <source>Pieces</source>
        <translation>Beiträge</translation>
    </message>
    <message>
        <source>Reach</source>
        <translation>Reichweite</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Beziehungsqualität</translation>
    </message>
    <message>
        <source>Last contacted</source>
        <translation>Letzter Kontakt</translation>
    </message>
    <message>
        <source>Outlet</source>
        <translation>Medium</translation>
    </message>
    <message>
        <source>Account manager</source>
        <translation>Betreuer</translation>
    </message>
    <message>
        <source>Mentions</source>
        <translation>Erwähnungen</translation>
    </message>
    <message>
        <source>Replies</source>
        <translation>Antworten</translation>
    </message>
    <message>
        <source>Likes</source>
        <translation>Likes</translation>
    </message>
    <message>
        <source>Boosts</source>
        <translation>Boosts</translation>
    </message>
    <message>
        <source>Follows</source>
        <translation>Follows</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Zeitpunkt</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Kampagne</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
</context>
<context>
    <name>DashboardQuery</name>
    <message>
        <source>computing the dashboard&apos;s figures</source>
        <translation>Berechnen der Kennzahlen der Übersicht</translation>
    </message>
    <message>
        <source>The period&apos;s first day is after its last day.</source>
        <translation>Der erste Tag des Zeitraums liegt nach seinem letzten Tag.</translation>
    </message>
    <message>
        <source>Nobody</source>
        <comment>interactions without an account manager</comment>
        <translation>Niemand</translation>
    </message>
    <message>
        <source>reading the rows behind the chart</source>
        <translation>Lesen der Zeilen hinter dem Diagramm</translation>
    </message>
    <message>
        <source>reading the coverage</source>
        <translation>Lesen der Berichterstattung</translation>
    </message>
    <message>
        <source>reading the dashboard&apos;s filters</source>
        <translation>Lesen der Filter der Übersicht</translation>
    </message>
    <message>
        <source>reading a campaign</source>
        <translation>Lesen einer Kampagne</translation>
    </message>
    <message>
        <source>reading an organization</source>
        <translation>Lesen einer Organisation</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>Export PDF…</source>
        <translation>Als PDF exportieren…</translation>
    </message>
    <message>
        <source>Save the whole dashboard, as it is now, as a PDF</source>
        <translation>Die ganze Übersicht, wie sie jetzt ist, als PDF speichern</translation>
    </message>
    <message>
        <source>all accounts; only the period applies</source>
        <translation>alle Konten; nur der Zeitraum gilt</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>Wird berechnet…</translation>
    </message>
    <message>
        <source>Could not compute the dashboard</source>
        <translation>Die Übersicht konnte nicht berechnet werden</translation>
    </message>
    <message>
        <source>median time to reply: %1 h</source>
        <translation>Antwortzeit im Median: %1 h</translation>
    </message>
    <message>
        <source>median time to reply: %1 days</source>
        <translation>Antwortzeit im Median: %1 Tage</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>Aktualisiert %1</translation>
    </message>
    <message>
        <source>Export Dashboard</source>
        <translation>Übersicht exportieren</translation>
    </message>
    <message>
        <source>dashboard.pdf</source>
        <translation>uebersicht.pdf</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF-Dokumente (*.pdf)</translation>
    </message>
    <message>
        <source>The dashboard has not been computed yet.</source>
        <translation>Die Übersicht ist noch nicht berechnet.</translation>
    </message>
    <message>
        <source>Cancel Export</source>
        <translation>Export abbrechen</translation>
    </message>
    <message>
        <source>Stop writing the PDF; no file is left behind</source>
        <translation>Das Schreiben des PDFs abbrechen; es bleibt keine Datei zurück</translation>
    </message>
    <message>
        <source>Writing the PDF…</source>
        <translation>Das PDF wird geschrieben…</translation>
    </message>
    <message>
        <source>Export canceled</source>
        <translation>Export abgebrochen</translation>
    </message>
    <message>
        <source>Could not write the PDF</source>
        <translation>Das PDF konnte nicht geschrieben werden</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
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
    <message>
        <source>A postgresql:// database needs Qt&apos;s PostgreSQL driver, which is not installed. Install the package libqt6sql6-psql (sudo apt install libqt6sql6-psql) and start Rapport again.</source>
        <translation>Eine postgresql://-Datenbank braucht den PostgreSQL-Treiber von Qt, der nicht installiert ist. Installieren Sie das Paket libqt6sql6-psql (sudo apt install libqt6sql6-psql) und starten Sie Rapport neu.</translation>
    </message>
    <message>
        <source>The team database refused %1: your role does not allow it (%2). Ask a manager or an admin of your team.</source>
        <translation>Die Team-Datenbank hat %1 abgelehnt: Ihre Rolle erlaubt es nicht (%2). Fragen Sie eine Führungskraft oder einen Admin Ihres Teams.</translation>
    </message>
    <message>
        <source>The connection to %1 was lost, so %2 did not happen. Rapport reconnects by itself; try again once it is back.</source>
        <translation>Die Verbindung zu %1 ist unterbrochen, daher ist %2 nicht erfolgt. Rapport verbindet sich selbst neu; versuchen Sie es erneut, sobald sie wieder steht.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate could not be verified with the CA file %1: it was signed by another CA, or it has expired. Ask whoever set up the server for its CA file.</source>
        <translation>Das Zertifikat des Servers ließ sich mit der CA-Datei %1 nicht prüfen: Es wurde von einer anderen CA signiert oder ist abgelaufen. Fragen Sie, wer den Server eingerichtet hat, nach dessen CA-Datei.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is made out to another name than %1: connect with the server&apos;s name as written in its certificate.</source>
        <translation>Das Zertifikat des Servers lautet auf einen anderen Namen als %1: Verbinden Sie sich mit dem Namen des Servers, wie er im Zertifikat steht.</translation>
    </message>
    <message>
        <source>The server does not offer encryption (TLS). Ask whoever set up the server to turn it on; connect without encryption only on a network you trust.</source>
        <translation>Der Server bietet keine Verschlüsselung (TLS) an. Bitten Sie, wer den Server eingerichtet hat, sie einzuschalten; verbinden Sie sich unverschlüsselt nur in einem Netz, dem Sie vertrauen.</translation>
    </message>
    <message>
        <source>Choose the CA file that whoever set up the server gave you.</source>
        <translation>Wählen Sie die CA-Datei, die Sie von der Person bekommen haben, die den Server eingerichtet hat.</translation>
    </message>
    <message>
        <source>The server accepts only encrypted connections: choose verify-full and the server&apos;s CA file.</source>
        <translation>Der Server nimmt nur verschlüsselte Verbindungen an: Wählen Sie verify-full und die CA-Datei des Servers.</translation>
    </message>
    <message>
        <source>the server gave no reason</source>
        <translation>der Server nannte keinen Grund</translation>
    </message>
</context>
<context>
    <name>DatabaseBackup</name>
    <message>
        <source>Cannot write in the folder %1: %2.</source>
        <translation>In den Ordner %1 kann nicht geschrieben werden: %2.</translation>
    </message>
    <message>
        <source>writing the backup</source>
        <translation>Schreiben der Sicherung</translation>
    </message>
    <message>
        <source>The backup could not be written to %1. %2</source>
        <translation>Die Sicherung konnte nicht nach %1 geschrieben werden. %2</translation>
    </message>
    <message>
        <source>counting the rows of the backup</source>
        <translation>Zählen der Zeilen der Sicherung</translation>
    </message>
    <message>
        <source>%1 is empty: it is not a Rapport backup.</source>
        <translation>%1 ist leer: keine Rapport-Sicherung.</translation>
    </message>
    <message>
        <source>checking the backup</source>
        <translation>Prüfen der Sicherung</translation>
    </message>
    <message>
        <source>%1 is damaged (%2); it cannot be restored.</source>
        <translation>%1 ist beschädigt (%2) und kann nicht wiederhergestellt werden.</translation>
    </message>
    <message>
        <source>Rapport backs up its embedded SQLite database only. A PostgreSQL database is backed up where the server runs: “pg_dump -Fc -f rapport.dump DATABASE”, and restored with “pg_restore -d DATABASE rapport.dump” (see docs/BACKUP.md).</source>
        <translation>Rapport sichert nur seine eingebettete SQLite-Datenbank. Eine PostgreSQL-Datenbank wird dort gesichert, wo der Server läuft: „pg_dump -Fc -f rapport.dump DATENBANK“, und mit „pg_restore -d DATENBANK rapport.dump“ wiederhergestellt (siehe docs/BACKUP.md).</translation>
    </message>
    <message>
        <source>%1 is a folder: give the backup a file name.</source>
        <translation>%1 ist ein Ordner: Geben Sie der Sicherung einen Dateinamen.</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>Den Ordner %1 gibt es nicht.</translation>
    </message>
    <message>
        <source>%1 is the database itself: choose another file for the backup.</source>
        <translation>%1 ist die Datenbank selbst: Wählen Sie eine andere Datei für die Sicherung.</translation>
    </message>
    <message>
        <source>The backup could not be written to %1: %2. Nothing was replaced.</source>
        <translation>Die Sicherung konnte nicht nach %1 geschrieben werden: %2. Nichts wurde ersetzt.</translation>
    </message>
    <message>
        <source>There is no file %1.</source>
        <translation>Die Datei %1 gibt es nicht.</translation>
    </message>
    <message>
        <source>%1 is a folder, not a backup file.</source>
        <translation>%1 ist ein Ordner, keine Sicherungsdatei.</translation>
    </message>
    <message>
        <source>Cannot create the backup folder %1.</source>
        <translation>Der Sicherungsordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>%1 is the database itself, not a backup of it.</source>
        <translation>%1 ist die Datenbank selbst, keine Sicherung davon.</translation>
    </message>
    <message>
        <source>This backup was written by a newer version of Rapport (schema %1; this version knows up to %2). Restore it with that version, or update Rapport.</source>
        <translation>Diese Sicherung stammt von einer neueren Rapport-Version (Schema %1; diese Version kennt bis %2). Mit jener Version wiederherstellen oder Rapport aktualisieren.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1 for the database.</source>
        <translation>Der Ordner %1 für die Datenbank kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>The restored copy could not be written beside %1: %2. Nothing was changed.</source>
        <translation>Die wiederhergestellte Kopie konnte nicht neben %1 geschrieben werden: %2. Nichts wurde geändert.</translation>
    </message>
    <message>
        <source>Another program is using %1 (another Rapport window, or a sync run from the command line). Close it and restore again; nothing was changed.</source>
        <translation>Ein anderes Programm benutzt %1 (ein anderes Rapport-Fenster oder eine Synchronisation auf der Kommandozeile). Schließen Sie es und stellen Sie erneut wieder her; nichts wurde geändert.</translation>
    </message>
    <message>
        <source>%1 already exists; wait a second and restore again.</source>
        <translation>%1 gibt es schon; warten Sie eine Sekunde und stellen Sie erneut wieder her.</translation>
    </message>
    <message>
        <source>The current database could not be kept aside as %1: %2. Nothing was changed.</source>
        <translation>Die aktuelle Datenbank konnte nicht als %1 beiseitegelegt werden: %2. Nichts wurde geändert.</translation>
    </message>
    <message>
        <source>The backup could not take the place of %1: %2. The current database was left in place.</source>
        <translation>Die Sicherung konnte nicht an die Stelle von %1 treten: %2. Die aktuelle Datenbank blieb an ihrem Platz.</translation>
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
    <message>
        <source>Unknown sslmode “%1”: use one of %2.</source>
        <translation>Unbekannter sslmode „%1“: verwenden Sie einen von %2.</translation>
    </message>
    <message>
        <source>The CA file&apos;s path “%1” contains a semicolon, which the PostgreSQL driver cannot pass on: move the file elsewhere.</source>
        <translation>Der Pfad der CA-Datei „%1“ enthält ein Semikolon, das der PostgreSQL-Treiber nicht weitergeben kann: Legen Sie die Datei an einen anderen Ort.</translation>
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
    <message>
        <source>Scoring relationship health…</source>
        <translation>Beziehungsqualität wird berechnet…</translation>
    </message>
    <message>
        <source># %1

%2 today announced the %3. TODO: quote from the CEO, availability, price.
</source>
        <translation># %1

%2 stellt heute den %3 vor. TODO: Zitat der Geschäftsführung, Verfügbarkeit, Preis.
</translation>
    </message>
    <message>
        <source># %1

**%2 today announced the %3**, designed for people who want %4 that simply works. It goes on sale next month.

## Highlights

- Set up in under five minutes
- A week of battery life on one charge
- Works with the apps people already use

&gt; “We built the %3 because our customers asked for something calmer,” said the CEO of %2.

## Availability

The %3 will be sold online and in selected stores. Images and the fact sheet are in the [newsroom](%5).

## About %2

%2 makes everyday technology that gets out of the way.

**Press contact:** %6
</source>
        <translation># %1

**%2 stellt heute den %3 vor**, gemacht für alle, die %4 wollen, das einfach funktioniert. Er kommt nächsten Monat in den Handel.

## Das Wichtigste

- In weniger als fünf Minuten eingerichtet
- Eine Woche Akkulaufzeit mit einer Ladung
- Funktioniert mit den Apps, die man schon nutzt

&gt; „Wir haben den %3 gebaut, weil sich unsere Kundschaft etwas Ruhigeres gewünscht hat“, sagt die Geschäftsführung von %2.

## Verfügbarkeit

Der %3 ist online und in ausgewählten Geschäften erhältlich. Bilder und Datenblatt liegen im [Newsroom](%5).

## Über %2

%2 entwickelt Alltagstechnik, die nicht im Weg steht.

**Pressekontakt:** %6
</translation>
    </message>
    <message>
        <source>Hi,

would you like an early look at the %1 from %2?
</source>
        <translation>Hallo,

möchten Sie einen frühen Blick auf den %1 von %2 werfen?
</translation>
    </message>
    <message>
        <source>Hi,

you have been writing about %1, so I thought of you first: %2 is launching the **%3**, and we can offer you an *exclusive first look* before the announcement.

1. A hands-on sample, delivered this week
2. Thirty minutes with the product lead
3. Embargoed data from the customer study

The press release and images are in the [newsroom](%4). Would Tuesday or Thursday suit you?

Best regards
</source>
        <translation>Hallo,

Sie schreiben über %1, deshalb habe ich zuerst an Sie gedacht: %2 bringt den **%3** heraus, und wir können Ihnen vor der Ankündigung einen *exklusiven ersten Blick* anbieten.

1. Ein Testgerät, noch diese Woche geliefert
2. Dreißig Minuten mit der Produktleitung
3. Daten aus der Kundenstudie unter Sperrfrist

Pressemitteilung und Bilder liegen im [Newsroom](%4). Passt Ihnen Dienstag oder Donnerstag?

Beste Grüße
</translation>
    </message>
    <message>
        <source>Meet the **%1** from %2: calmer %3, a week of battery, five-minute setup. More in our [newsroom](%4) #launch
</source>
        <translation>Das ist der **%1** von %2: ruhigeres %3, eine Woche Akku, in fünf Minuten eingerichtet. Mehr im [Newsroom](%4) #launch
</translation>
    </message>
    <message>
        <source># %1 media kit

## What is inside

- High-resolution product images
- The fact sheet of the %2
- Biographies of our spokespeople
- The press release

## Spokespeople

- **The CEO** on why %1 built the %2
- **The product lead** on the design

Download everything from the [newsroom](%3); interviews through %4.
</source>
        <translation># Pressemappe von %1

## Inhalt

- Hochauflösende Produktbilder
- Das Datenblatt des %2
- Biografien unserer Ansprechpartner
- Die Pressemitteilung

## Ansprechpartner

- **Die Geschäftsführung** darüber, warum %1 den %2 gebaut hat
- **Die Produktleitung** über das Design

Alles zum Herunterladen im [Newsroom](%3); Interviews über %4.
</translation>
    </message>
    <message>
        <source># %1

Notes: the customer interviews, the prototypes, what we left out.
</source>
        <translation># %1

Notizen: die Kundeninterviews, die Prototypen, was wir weggelassen haben.
</translation>
    </message>
    <message>
        <source># %1

Two years ago we sat down with forty customers and asked what annoyed them about %2. The answers were surprisingly similar.

## What we heard

- *Too many settings.*
- *Too many notifications.*
- *It stops working when the app updates.*

## What we built

The %3 does less, on purpose. Read the announcement in our [newsroom](%4).
</source>
        <translation># %1

Vor zwei Jahren haben wir mit vierzig Kundinnen und Kunden gesprochen und gefragt, was sie an %2 stört. Die Antworten waren überraschend ähnlich.

## Was wir gehört haben

- *Zu viele Einstellungen.*
- *Zu viele Benachrichtigungen.*
- *Nach jedem App-Update geht etwas nicht mehr.*

## Was wir gebaut haben

Der %3 macht mit Absicht weniger. Die Ankündigung steht in unserem [Newsroom](%4).
</translation>
    </message>
    <message>
        <source>The %1 sets up in five minutes and then stays out of the way.

It works with the apps people already use.

%2 designed it with forty customers, not for them.</source>
        <translation>%1 ist in fünf Minuten eingerichtet und drängt sich danach nicht auf.

Es funktioniert mit den Apps, die die Leute schon nutzen.

%2 hat es mit vierzig Kunden entwickelt, nicht für sie.</translation>
    </message>
    <message>
        <source>%1 makes %2 calmer: fewer settings, fewer notifications.

The %3 runs for a week on one charge.

Independent testers rated it the easiest in its class.</source>
        <translation>%1 macht %2 ruhiger: weniger Einstellungen, weniger Benachrichtigungen.

%3 läuft eine Woche mit einer Ladung.

Unabhängige Tester bewerteten es als das einfachste seiner Klasse.</translation>
    </message>
    <message>
        <source>%1 articles in tier-one %3 outlets within six weeks of the launch.

%2 broadcast or podcast interviews with the product lead.

A share of voice ahead of the two closest competitors.</source>
        <translation>%1 Artikel in Leitmedien (%3) innerhalb von sechs Wochen nach dem Start.

%2 Interviews in Funk, Fernsehen oder Podcasts mit der Produktleitung.

Mehr Präsenz in den Medien als die zwei nächsten Wettbewerber.</translation>
    </message>
    <message>
        <source>tidying up after the demo data</source>
        <translation>Aufräumen nach den Demodaten</translation>
    </message>
    <message>
        <source>Writing the team&apos;s history</source>
        <translation>Verlauf des Teams wird angelegt</translation>
    </message>
    <message>
        <source>writing the team&apos;s history</source>
        <translation>Anlegen des Verlaufs des Teams</translation>
    </message>
</context>
<context>
    <name>DismissProposalCommand</name>
    <message>
        <source>Dismiss the proposed coverage “%1”</source>
        <translation>Vorgeschlagene Berichterstattung „%1“ verwerfen</translation>
    </message>
</context>
<context>
    <name>DismissReplyCommand</name>
    <message>
        <source>Dismiss the reply of %1</source>
        <translation>Antwort von %1 verwerfen</translation>
    </message>
</context>
<context>
    <name>DrillDownDialog</name>
    <message>
        <source>Reading…</source>
        <translation>Wird gelesen…</translation>
    </message>
    <message>
        <source>Nothing to list.</source>
        <translation>Nichts aufzulisten.</translation>
    </message>
    <message>
        <source>The newest %L1 rows. Enter opens a row&apos;s contact.</source>
        <translation>Die neuesten %L1 Zeilen. Eingabe öffnet den Kontakt einer Zeile.</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s). Enter opens a row&apos;s contact.</source>
        <translation>
            <numerusform>%n Zeile. Eingabe öffnet den Kontakt einer Zeile.</numerusform>
            <numerusform>%n Zeilen. Eingabe öffnet den Kontakt einer Zeile.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DuplicatePairModel</name>
    <message>
        <source>Same email: %1</source>
        <translation>Gleiche E-Mail: %1</translation>
    </message>
    <message>
        <source>Same handle: %1</source>
        <translation>Gleiches Handle: %1</translation>
    </message>
    <message>
        <source>Similar name at %1</source>
        <translation>Ähnlicher Name bei %1</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <source>Possible duplicate</source>
        <translation>Mögliches Duplikat</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Grund</translation>
    </message>
</context>
<context>
    <name>DuplicateRepository</name>
    <message>
        <source>looking for duplicates</source>
        <translation>Suchen nach Duplikaten</translation>
    </message>
    <message>
        <source>merging the contacts</source>
        <translation>Zusammenführen der Kontakte</translation>
    </message>
    <message>
        <source>The contact no longer exists.</source>
        <translation>Der Kontakt existiert nicht mehr.</translation>
    </message>
    <message>
        <source>A contact cannot be merged with itself.</source>
        <translation>Ein Kontakt kann nicht mit sich selbst zusammengeführt werden.</translation>
    </message>
    <message>
        <source>“%1” is in the trash: restore it before merging.</source>
        <translation>„%1“ liegt im Papierkorb: Stellen Sie den Kontakt vor dem Zusammenführen wieder her.</translation>
    </message>
    <message>
        <source>Merged into “%1” (#%2) on %3.</source>
        <translation>Am %3 mit „%1“ (#%2) zusammengeführt.</translation>
    </message>
    <message>
        <source>The merge of “%1” cannot be undone: one of the two contacts was changed since.</source>
        <translation>Das Zusammenführen von „%1“ kann nicht rückgängig gemacht werden: Einer der beiden Kontakte wurde inzwischen geändert.</translation>
    </message>
</context>
<context>
    <name>DuplicatesDialog</name>
    <message>
        <source>&amp;Merge</source>
        <translation>&amp;Zusammenführen</translation>
    </message>
    <message>
        <source>&amp;Search Again</source>
        <translation>&amp;Erneut suchen</translation>
    </message>
    <message>
        <source>Find Duplicates</source>
        <translation>Duplikate finden</translation>
    </message>
    <message>
        <source>Searching for duplicates</source>
        <translation>Duplikate werden gesucht</translation>
    </message>
    <message>
        <source>Likely duplicates</source>
        <translation>Wahrscheinliche Duplikate</translation>
    </message>
    <message>
        <source>The two contacts side by side</source>
        <translation>Die beiden Kontakte im Vergleich</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Title</source>
        <comment>job title</comment>
        <translation>Position</translation>
    </message>
    <message>
        <source>Outlet</source>
        <translation>Medium</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Emails</source>
        <translation>E-Mails</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Handles</source>
        <translation>Handles</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Beats</source>
        <translation>Ressorts</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Stadt</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Angelegt</translation>
    </message>
    <message>
        <source>Keep the &amp;left one</source>
        <translation>&amp;Linken behalten</translation>
    </message>
    <message>
        <source>Keep the &amp;right one</source>
        <translation>&amp;Rechten behalten</translation>
    </message>
    <message>
        <source>Keep the left contact</source>
        <translation>Linken Kontakt behalten</translation>
    </message>
    <message>
        <source>Keep the right contact</source>
        <translation>Rechten Kontakt behalten</translation>
    </message>
    <message>
        <source>Move everything of the other contact to the kept one and put the other in the trash (undo with %1)</source>
        <translation>Alles vom anderen Kontakt auf den behaltenen übertragen und den anderen in den Papierkorb legen (rückgängig mit %1)</translation>
    </message>
    <message>
        <source>Find D&amp;uplicates…</source>
        <translation>&amp;Duplikate finden…</translation>
    </message>
    <message>
        <source>List contacts that are likely the same person and merge them (%1)</source>
        <translation>Kontakte auflisten, die wahrscheinlich dieselbe Person sind, und sie zusammenführen (%1)</translation>
    </message>
    <message>
        <source>Looking for contacts that are likely the same person…</source>
        <translation>Suche nach Kontakten, die wahrscheinlich dieselbe Person sind…</translation>
    </message>
    <message>
        <source>The search for duplicates failed: %1</source>
        <translation>Die Suche nach Duplikaten ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>No likely duplicates found.</source>
        <translation>Keine wahrscheinlichen Duplikate gefunden.</translation>
    </message>
    <message numerus="yes">
        <source>%n likely duplicate pair(s) found in %1 ms. Pick one, choose the contact to keep and merge.</source>
        <translation>
            <numerusform>%n wahrscheinliches Duplikatpaar in %1 ms gefunden. Wählen Sie es aus, bestimmen Sie den zu behaltenden Kontakt und führen Sie die beiden zusammen.</numerusform>
            <numerusform>%n wahrscheinliche Duplikatpaare in %1 ms gefunden. Wählen Sie eines aus, bestimmen Sie den zu behaltenden Kontakt und führen Sie die beiden zusammen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Merge failed</source>
        <translation>Zusammenführen fehlgeschlagen</translation>
    </message>
    <message>
        <source>“%1” was merged into “%2”. Undo with %3.</source>
        <translation>„%1“ wurde mit „%2“ zusammengeführt. Rückgängig mit %3.</translation>
    </message>
    <message>
        <source>Only a manager or an admin can merge duplicates.</source>
        <translation>Nur eine Führungskraft oder ein Admin kann Dubletten zusammenführen.</translation>
    </message>
</context>
<context>
    <name>EditContactCommand</name>
    <message>
        <source>Edit “%1”</source>
        <translation>„%1“ bearbeiten</translation>
    </message>
</context>
<context>
    <name>EditContentCommand</name>
    <message>
        <source>“%1” was changed by someone else since; it was left as they saved it.</source>
        <translation>„%1“ wurde inzwischen von jemand anderem geändert; der dort gespeicherte Stand bleibt erhalten.</translation>
    </message>
</context>
<context>
    <name>EditCoverageCommand</name>
    <message>
        <source>Edit coverage “%1”</source>
        <translation>Berichterstattung „%1“ bearbeiten</translation>
    </message>
    <message>
        <source>“%1” was changed by someone else since; it was left as they saved it.</source>
        <translation>„%1“ wurde inzwischen von jemand anderem geändert; der dort gespeicherte Stand bleibt erhalten.</translation>
    </message>
</context>
<context>
    <name>EditInteractionCommand</name>
    <message>
        <source>Edit “%1”</source>
        <translation>„%1“ bearbeiten</translation>
    </message>
</context>
<context>
    <name>EraseDialog</name>
    <message>
        <source>Erase This Person</source>
        <translation>Diese Person löschen</translation>
    </message>
    <message numerus="yes">
        <source>%n conversation(s)</source>
        <translation>
            <numerusform>%n Gespräch</numerusform>
            <numerusform>%n Gespräche</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pitch(es)</source>
        <translation>
            <numerusform>%n Pitch</numerusform>
            <numerusform>%n Pitches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n follow-up(s)</source>
        <translation>
            <numerusform>%n Wiedervorlage</numerusform>
            <numerusform>%n Wiedervorlagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n handle(s)</source>
        <translation>
            <numerusform>%n Handle</numerusform>
            <numerusform>%n Handles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n email address(es)</source>
        <translation>
            <numerusform>%n E-Mail-Adresse</numerusform>
            <numerusform>%n E-Mail-Adressen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n phone number(s)</source>
        <translation>
            <numerusform>%n Telefonnummer</numerusform>
            <numerusform>%n Telefonnummern</numerusform>
        </translation>
    </message>
    <message>
        <source>Their profile, %1, their text in the search indexes and their entries in the audit log will be erased.</source>
        <translation>Ihr Profil, %1, ihr Text in den Suchindizes und ihre Einträge im Änderungsprotokoll werden gelöscht.</translation>
    </message>
    <message>
        <source>Erase %1 for good?</source>
        <translation>%1 endgültig löschen?</translation>
    </message>
    <message numerus="yes">
        <source>%n coverage entry(s) they wrote stay with the campaign, without their name.</source>
        <translation>
            <numerusform>%n Berichterstattung, die die Person geschrieben hat, bleibt ohne ihren Namen bei der Kampagne.</numerusform>
            <numerusform>%n Berichte, die die Person geschrieben hat, bleiben ohne ihren Namen bei der Kampagne.</numerusform>
        </translation>
    </message>
    <message>
        <source>The audit log keeps only a line that an erasure happened. This cannot be undone, and the undo history is cleared.</source>
        <translation>Das Änderungsprotokoll behält nur eine Zeile, dass gelöscht wurde. Das lässt sich nicht rückgängig machen, und der Rückgängig-Verlauf wird geleert.</translation>
    </message>
    <message numerus="yes">
        <source>Add their Mastodon and Bluesky handles (%n) to the ignore list, so the sync does not bring them back</source>
        <translation>
            <numerusform>Ihr Mastodon- oder Bluesky-Handle (%n) auf die Ignorierliste setzen, damit die Synchronisierung es nicht zurückbringt</numerusform>
            <numerusform>Ihre Mastodon- und Bluesky-Handles (%n) auf die Ignorierliste setzen, damit die Synchronisierung sie nicht zurückbringt</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Erase</source>
        <translation>&amp;Löschen</translation>
    </message>
</context>
<context>
    <name>ErasureRepository</name>
    <message>
        <source>counting what the erasure removes</source>
        <translation>beim Zählen, was die Löschung entfernt</translation>
    </message>
    <message>
        <source>erasing the person</source>
        <translation>beim Löschen der Person</translation>
    </message>
</context>
<context>
    <name>ExportCommands</name>
    <message>
        <source>Export and erasure:
  export contacts [--format vcard|csv] [--layout rapport|google|outlook] [--vcard-version 4.0|3.0]
  export followups [--format ics]
  export person ID [--format json|vcard]
  export all [--format json]
         [--out FILE]
                    Every contact not in the trash as vCard (4.0 unless 3.0 is asked for) or CSV
                    (Rapport&apos;s columns, or Google&apos;s or Outlook&apos;s), the open follow-ups as an
                    iCalendar file, everything about one person or the whole database as JSON.
                    Without --out the export goes to standard output.
  erase person ID --yes [--ignore-handles]
                    Erase a person for good: their profile, conversations, pitches, follow-ups
                    and handles, their text in the search indexes and the audit log. With
                    --ignore-handles the sync skips their Mastodon and Bluesky handles from now on.
</source>
        <translation>Export und Löschen:
  export contacts [--format vcard|csv] [--layout rapport|google|outlook] [--vcard-version 4.0|3.0]
  export followups [--format ics]
  export person ID [--format json|vcard]
  export all [--format json]
         [--out FILE]
                    Alle Kontakte außerhalb des Papierkorbs als vCard (4.0, außer 3.0 ist verlangt) oder
                    CSV (Rapports Spalten oder die von Google oder Outlook), die offenen Wiedervorlagen
                    als iCalendar-Datei, alles über eine Person oder die ganze Datenbank als JSON.
                    Ohne --out geht der Export auf die Standardausgabe.
  erase person ID --yes [--ignore-handles]
                    Eine Person endgültig löschen: Profil, Gespräche, Pitches, Wiedervorlagen und
                    Handles, ihren Text in den Suchindizes und im Änderungsprotokoll. Mit
                    --ignore-handles überspringt die Synchronisierung ab jetzt ihre Mastodon- und Bluesky-Handles.
</translation>
    </message>
    <message>
        <source>export person takes the id of a contact.</source>
        <translation>export person erwartet die ID eines Kontakts.</translation>
    </message>
    <message>
        <source>export %1 takes no further arguments.</source>
        <translation>export %1 erwartet keine weiteren Argumente.</translation>
    </message>
    <message>
        <source>export takes contacts, followups, person ID or all.</source>
        <translation>export erwartet contacts, followups, person ID oder all.</translation>
    </message>
    <message>
        <source>export %1 writes %2, not “%3”.</source>
        <translation>export %1 schreibt %2, nicht „%3“.</translation>
    </message>
    <message>
        <source>--layout is for --format csv.</source>
        <translation>--layout gilt für --format csv.</translation>
    </message>
    <message>
        <source>--layout is rapport, google or outlook, not “%1”.</source>
        <translation>--layout ist rapport, google oder outlook, nicht „%1“.</translation>
    </message>
    <message>
        <source>--vcard-version is for --format vcard.</source>
        <translation>--vcard-version gilt für --format vcard.</translation>
    </message>
    <message>
        <source>--vcard-version is 4.0 or 3.0, not “%1”.</source>
        <translation>--vcard-version ist 4.0 oder 3.0, nicht „%1“.</translation>
    </message>
    <message>
        <source>standard output</source>
        <translation>die Standardausgabe</translation>
    </message>
    <message>
        <source>Exported %L1 contacts to %2.</source>
        <translation>%L1 Kontakte nach %2 exportiert.</translation>
    </message>
    <message>
        <source>Exported %L1 open follow-ups to %2.</source>
        <translation>%L1 offene Wiedervorlagen nach %2 exportiert.</translation>
    </message>
    <message>
        <source>There is no contact %1.</source>
        <translation>Es gibt keinen Kontakt %1.</translation>
    </message>
    <message>
        <source>Exported everything about contact %1 to %2.</source>
        <translation>Alles über Kontakt %1 nach %2 exportiert.</translation>
    </message>
    <message>
        <source>Exported the whole database to %1.</source>
        <translation>Die ganze Datenbank nach %1 exportiert.</translation>
    </message>
    <message>
        <source>erase takes person ID.</source>
        <translation>erase erwartet person ID.</translation>
    </message>
    <message>
        <source>Erasing a person cannot be undone: add --yes to erase contact %1.</source>
        <translation>Das Löschen einer Person lässt sich nicht rückgängig machen: --yes hinzufügen, um Kontakt %1 zu löschen.</translation>
    </message>
    <message>
        <source>Erased contact %1: %L2 conversations, %L3 pitches, %L4 follow-ups, %L5 handles and %L6 audit entries; %L7 coverage entries are kept without them.</source>
        <translation>Kontakt %1 gelöscht: %L2 Gespräche, %L3 Pitches, %L4 Wiedervorlagen, %L5 Handles und %L6 Protokolleinträge; %L7 Berichte bleiben ohne die Person erhalten.</translation>
    </message>
    <message>
        <source>The sync ignores %L1 of their handles from now on.</source>
        <translation>Die Synchronisierung ignoriert ab jetzt %L1 ihrer Handles.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <source>&amp;All contacts</source>
        <translation>&amp;Alle Kontakte</translation>
    </message>
    <message>
        <source>The contacts the &amp;list shows now (%L1)</source>
        <translation>Die Kontakte, die die &amp;Liste jetzt zeigt (%L1)</translation>
    </message>
    <message>
        <source>The contacts the &amp;list shows now (no search or filter)</source>
        <translation>Die Kontakte, die die &amp;Liste jetzt zeigt (keine Suche, kein Filter)</translation>
    </message>
    <message>
        <source>The contacts that match the list&apos;s search, filters or saved view</source>
        <translation>Die Kontakte, die zur Suche, zu den Filtern oder zur gespeicherten Ansicht der Liste passen</translation>
    </message>
    <message>
        <source>The &amp;selected contacts (%L1)</source>
        <translation>Die au&amp;sgewählten Kontakte (%L1)</translation>
    </message>
    <message>
        <source>Open &amp;follow-ups, as a calendar (iCalendar)</source>
        <translation>Offene &amp;Wiedervorlagen als Kalender (iCalendar)</translation>
    </message>
    <message>
        <source>Each open follow-up becomes a task with its due date and a reminder; exporting again updates the same tasks in the calendar</source>
        <translation>Jede offene Wiedervorlage wird eine Aufgabe mit Fälligkeit und Erinnerung; ein erneuter Export aktualisiert dieselben Aufgaben im Kalender</translation>
    </message>
    <message>
        <source>vCard 4.0 (address books, phones)</source>
        <translation>vCard 4.0 (Adressbücher, Telefone)</translation>
    </message>
    <message>
        <source>vCard 3.0 (older address books)</source>
        <translation>vCard 3.0 (ältere Adressbücher)</translation>
    </message>
    <message>
        <source>CSV: every Rapport field</source>
        <translation>CSV: alle Rapport-Felder</translation>
    </message>
    <message>
        <source>CSV: Google Contacts columns</source>
        <translation>CSV: Spalten von Google Kontakte</translation>
    </message>
    <message>
        <source>CSV: Outlook columns</source>
        <translation>CSV: Outlook-Spalten</translation>
    </message>
    <message>
        <source>F&amp;ormat:</source>
        <translation>F&amp;ormat:</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren…</translation>
    </message>
    <message>
        <source>Follow-ups are written as iCalendar tasks (.ics) that calendars and task lists open.</source>
        <translation>Wiedervorlagen werden als iCalendar-Aufgaben (.ics) geschrieben, die Kalender und Aufgabenlisten öffnen.</translation>
    </message>
    <message>
        <source>One card per person with emails, phones, handles, tags and Rapport&apos;s own fields; Rapport imports it back as the same profiles.</source>
        <translation>Eine Karte pro Person mit E-Mails, Telefonen, Handles, Schlagworten und Rapports eigenen Feldern; Rapport importiert sie als dieselben Profile zurück.</translation>
    </message>
    <message>
        <source>Every field Rapport imports, one column each; several values in one cell are separated by “ ::: ”.</source>
        <translation>Jedes Feld, das Rapport importiert, in einer eigenen Spalte; mehrere Werte in einer Zelle sind durch „ ::: “ getrennt.</translation>
    </message>
    <message>
        <source>Names, organization, emails, phones, address, websites, notes and tags in the columns %1 reads; beats, handles, kind and reach have no place there.</source>
        <translation>Namen, Organisation, E-Mails, Telefone, Adresse, Websites, Notizen und Schlagworte in den Spalten, die %1 liest; Ressorts, Handles, Art und Reichweite haben dort keinen Platz.</translation>
    </message>
    <message>
        <source>follow-ups</source>
        <comment>file name</comment>
        <translation>wiedervorlagen</translation>
    </message>
    <message>
        <source>contacts</source>
        <comment>file name</comment>
        <translation>kontakte</translation>
    </message>
    <message>
        <source>vCard files (*.vcf)</source>
        <translation>vCard-Dateien (*.vcf)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>iCalendar files (*.ics)</source>
        <translation>iCalendar-Dateien (*.ics)</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Exporting the follow-ups…</source>
        <translation>Wiedervorlagen werden exportiert…</translation>
    </message>
    <message>
        <source>Exporting %L1 contacts…</source>
        <translation>%L1 Kontakte werden exportiert…</translation>
    </message>
    <message>
        <source>Exported %L1 follow-ups to %2.</source>
        <translation>%L1 Wiedervorlagen nach %2 exportiert.</translation>
    </message>
    <message>
        <source>Exported %L1 contacts to %2.</source>
        <translation>%L1 Kontakte nach %2 exportiert.</translation>
    </message>
    <message>
        <source>&amp;All contacts (%L1)</source>
        <translation>&amp;Alle Kontakte (%L1)</translation>
    </message>
</context>
<context>
    <name>ExportFile</name>
    <message>
        <source>the standard output</source>
        <translation>die Standardausgabe</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Could not write to the standard output: %1</source>
        <translation>Die Standardausgabe konnte nicht geschrieben werden: %1</translation>
    </message>
</context>
<context>
    <name>ExportJob</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
</context>
<context>
    <name>ExportRepository</name>
    <message>
        <source>reading the contacts to export</source>
        <translation>beim Lesen der zu exportierenden Kontakte</translation>
    </message>
    <message>
        <source>reading the account managers</source>
        <translation>beim Lesen der Kundenbetreuer</translation>
    </message>
    <message>
        <source>The export was canceled.</source>
        <translation>Der Export wurde abgebrochen.</translation>
    </message>
    <message>
        <source>reading the follow-ups to export</source>
        <translation>beim Lesen der zu exportierenden Wiedervorlagen</translation>
    </message>
    <message>
        <source>reading everything about the person</source>
        <translation>beim Lesen aller Daten über die Person</translation>
    </message>
    <message>
        <source>reading the database to export</source>
        <translation>beim Lesen der zu exportierenden Datenbank</translation>
    </message>
</context>
<context>
    <name>FeedParser</name>
    <message>
        <source>The feed at %1 is not valid JSON: %2 (at character %L3).</source>
        <translation>Der Feed unter %1 ist kein gültiges JSON: %2 (bei Zeichen %L3).</translation>
    </message>
    <message>
        <source>%1 sends JSON, but not a JSON Feed.</source>
        <translation>%1 liefert JSON, aber keinen JSON Feed.</translation>
    </message>
    <message>
        <source>The feed has more than %L1 items; only the first %L1 were read.</source>
        <translation>Der Feed hat mehr als %L1 Einträge; nur die ersten %L1 wurden gelesen.</translation>
    </message>
    <message>
        <source>The server sent an empty document instead of the feed at %1.</source>
        <translation>Der Server hat statt des Feeds unter %1 ein leeres Dokument gesendet.</translation>
    </message>
    <message>
        <source>%1 is not a feed: it is neither XML nor JSON.</source>
        <translation>%1 ist kein Feed: Es ist weder XML noch JSON.</translation>
    </message>
    <message>
        <source>%1 is a web page, not a feed. The page names a feed at %2: use that address instead.</source>
        <translation>%1 ist eine Webseite, kein Feed. Die Seite nennt einen Feed unter %2: Verwenden Sie stattdessen diese Adresse.</translation>
    </message>
    <message>
        <source>%1 is a web page, not a feed.</source>
        <translation>%1 ist eine Webseite, kein Feed.</translation>
    </message>
    <message>
        <source>%1 is an XML document but not a feed (it starts with &lt;%2&gt;).</source>
        <translation>%1 ist ein XML-Dokument, aber kein Feed (es beginnt mit &lt;%2&gt;).</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>Zeile %1</translation>
    </message>
    <message>
        <source>The feed at %1 ended before its first complete item (the download was cut short, or the server sent an incomplete file).</source>
        <translation>Der Feed unter %1 endet vor seinem ersten vollständigen Eintrag (der Download wurde abgebrochen oder der Server hat eine unvollständige Datei gesendet).</translation>
    </message>
    <message>
        <source>The feed at %1 cannot be read: %2 (%3).</source>
        <translation>Der Feed unter %1 kann nicht gelesen werden: %2 (%3).</translation>
    </message>
    <message>
        <source>The feed breaks off at %1 (%2); the one complete item before that was read.</source>
        <translation>Der Feed bricht bei %1 ab (%2); der eine vollständige Eintrag davor wurde gelesen.</translation>
    </message>
    <message>
        <source>The feed breaks off at %1 (%2); the %L3 complete items before that were read.</source>
        <translation>Der Feed bricht bei %1 ab (%2); die %L3 vollständigen Einträge davor wurden gelesen.</translation>
    </message>
</context>
<context>
    <name>FeedSource</name>
    <message>
        <source>The feed at %1 answered %2.</source>
        <translation>Der Feed unter %1 antwortete mit %2.</translation>
    </message>
    <message>
        <source>Check the address, or remove the feed if the site no longer has it.</source>
        <translation>Prüfen Sie die Adresse oder entfernen Sie den Feed, falls die Website ihn nicht mehr anbietet.</translation>
    </message>
    <message>
        <source>The feed is not public.</source>
        <translation>Der Feed ist nicht öffentlich.</translation>
    </message>
    <message>
        <source>The sync was cancelled.</source>
        <translation>Die Synchronisierung wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Feed “%1”, 1 item</source>
        <translation>Feed „%1“, 1 Eintrag</translation>
    </message>
    <message>
        <source>Feed “%1”, %L2 items</source>
        <translation>Feed „%1“, %L2 Einträge</translation>
    </message>
    <message>
        <source>(the feed breaks off; only the complete items were read)</source>
        <translation>(der Feed bricht ab; nur die vollständigen Einträge wurden gelesen)</translation>
    </message>
</context>
<context>
    <name>FollowUpCommand</name>
    <message>
        <source>Complete follow-up with %1</source>
        <translation>Wiedervorlage zu %1 erledigen</translation>
    </message>
    <message>
        <source>Snooze follow-up with %1</source>
        <translation>Wiedervorlage zu %1 zurückstellen</translation>
    </message>
    <message>
        <source>Reassign follow-up to %1</source>
        <translation>Wiedervorlage neu an %1 zuweisen</translation>
    </message>
    <message>
        <source>Plan a follow-up with %1</source>
        <translation>Wiedervorlage zu %1 planen</translation>
    </message>
</context>
<context>
    <name>FollowUpModel</name>
    <message>
        <source>Today %1</source>
        <translation>Heute %1</translation>
    </message>
    <message>
        <source>Yesterday %1</source>
        <translation>Gestern %1</translation>
    </message>
    <message>
        <source>Tomorrow %1</source>
        <translation>Morgen %1</translation>
    </message>
    <message>
        <source>%1 (%L2, the first %L3 shown)</source>
        <translation>%1 (%L2, die ersten %L3 angezeigt)</translation>
    </message>
    <message>
        <source>%1 (%L2)</source>
        <translation>%1 (%L2)</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Zuständig</translation>
    </message>
</context>
<context>
    <name>FollowUpRepository</name>
    <message>
        <source>A follow-up needs a contact or a campaign.</source>
        <translation>Eine Wiedervorlage braucht einen Kontakt oder eine Kampagne.</translation>
    </message>
    <message>
        <source>Enter when the follow-up is due.</source>
        <translation>Geben Sie an, wann die Wiedervorlage fällig ist.</translation>
    </message>
    <message>
        <source>The due date must be between 1900 and ten years from now; please check the year.</source>
        <translation>Das Fälligkeitsdatum muss zwischen 1900 und zehn Jahren in der Zukunft liegen; bitte prüfen Sie das Jahr.</translation>
    </message>
    <message>
        <source>saving the follow-up</source>
        <translation>Speichern der Wiedervorlage</translation>
    </message>
    <message>
        <source>This follow-up was changed or deleted by someone else since you opened it. Reload it to see their changes; yours were not saved.</source>
        <translation>Diese Wiedervorlage wurde von jemand anderem geändert oder gelöscht, seit Sie sie geöffnet haben. Laden Sie sie neu, um diese Änderungen zu sehen; Ihre Änderungen wurden nicht gespeichert.</translation>
    </message>
    <message>
        <source>loading the follow-up</source>
        <translation>Laden der Wiedervorlage</translation>
    </message>
    <message>
        <source>The follow-up no longer exists.</source>
        <translation>Die Wiedervorlage existiert nicht mehr.</translation>
    </message>
    <message>
        <source>completing the follow-up</source>
        <translation>Erledigen der Wiedervorlage</translation>
    </message>
    <message>
        <source>reopening the follow-up</source>
        <translation>Wiedereröffnen der Wiedervorlage</translation>
    </message>
    <message>
        <source>snoozing the follow-up</source>
        <translation>Zurückstellen der Wiedervorlage</translation>
    </message>
    <message>
        <source>reassigning the follow-up</source>
        <translation>Neuzuweisen der Wiedervorlage</translation>
    </message>
    <message>
        <source>deleting the follow-up</source>
        <translation>Löschen der Wiedervorlage</translation>
    </message>
    <message>
        <source>restoring the follow-up</source>
        <translation>Wiederherstellen der Wiedervorlage</translation>
    </message>
    <message>
        <source>loading follow-ups</source>
        <translation>Laden der Wiedervorlagen</translation>
    </message>
    <message>
        <source>counting overdue follow-ups</source>
        <translation>Zählen der überfälligen Wiedervorlagen</translation>
    </message>
    <message>
        <source>counting follow-ups</source>
        <translation>Zählen der Wiedervorlagen</translation>
    </message>
    <message>
        <source>The note is %L1 characters long; at most %L2 fit.</source>
        <translation>Die Notiz ist %L1 Zeichen lang; höchstens %L2 sind möglich.</translation>
    </message>
</context>
<context>
    <name>FollowUpsView</name>
    <message>
        <source>Follow-ups</source>
        <translation>Wiedervorlagen</translation>
    </message>
    <message>
        <source>&amp;Complete</source>
        <translation>&amp;Erledigen</translation>
    </message>
    <message>
        <source>Mark the follow-up as done</source>
        <translation>Wiedervorlage als erledigt markieren</translation>
    </message>
    <message>
        <source>Snooze 1 &amp;Day</source>
        <translation>1 &amp;Tag zurückstellen</translation>
    </message>
    <message>
        <source>Move the due time one day on</source>
        <translation>Fälligkeit um einen Tag verschieben</translation>
    </message>
    <message>
        <source>Snooze 1 &amp;Week</source>
        <translation>1 &amp;Woche zurückstellen</translation>
    </message>
    <message>
        <source>Move the due time one week on</source>
        <translation>Fälligkeit um eine Woche verschieben</translation>
    </message>
    <message>
        <source>Snooze &amp;To…</source>
        <translation>Zurückstellen &amp;bis…</translation>
    </message>
    <message>
        <source>Pick a new due date and time</source>
        <translation>Neues Fälligkeitsdatum mit Uhrzeit wählen</translation>
    </message>
    <message>
        <source>&amp;Reassign…</source>
        <translation>&amp;Neu zuweisen…</translation>
    </message>
    <message>
        <source>Give the follow-up to someone else</source>
        <translation>Wiedervorlage einer anderen Person zuweisen</translation>
    </message>
    <message>
        <source>Open follow-ups by due date</source>
        <translation>Offene Wiedervorlagen nach Fälligkeit</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Zuständig</translation>
    </message>
    <message>
        <source>Nothing to follow up. Add a follow-up date when you log a conversation (Ctrl+L).</source>
        <translation>Keine offenen Wiedervorlagen. Geben Sie beim Erfassen einer Unterhaltung ein Wiedervorlagedatum an (Ctrl+L).</translation>
    </message>
    <message>
        <source>Rapport</source>
        <translation>Rapport</translation>
    </message>
    <message>
        <source>Follow-up due</source>
        <translation>Wiedervorlage fällig</translation>
    </message>
    <message>
        <source>Snooze Follow-up</source>
        <translation>Wiedervorlage zurückstellen</translation>
    </message>
    <message>
        <source>New due time</source>
        <translation>Neue Fälligkeit</translation>
    </message>
    <message>
        <source>Due &amp;on:</source>
        <translation>&amp;Fällig am:</translation>
    </message>
    <message>
        <source>Reassign Follow-up</source>
        <translation>Wiedervorlage neu zuweisen</translation>
    </message>
    <message>
        <source>&amp;Assign to:</source>
        <translation>&amp;Zuweisen an:</translation>
    </message>
    <message>
        <source>Show the follow-ups of</source>
        <translation>Wiedervorlagen zeigen von</translation>
    </message>
    <message>
        <source>Everybody&apos;s follow-ups, yours, or one account manager&apos;s</source>
        <translation>Die Wiedervorlagen aller, Ihre oder die eines Betreuers</translation>
    </message>
    <message>
        <source>S&amp;how:</source>
        <translation>&amp;Zeigen:</translation>
    </message>
    <message>
        <source>Everybody</source>
        <comment>follow-ups of</comment>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Mine</source>
        <comment>follow-ups</comment>
        <translation>Meine</translation>
    </message>
    <message>
        <source>Nothing to follow up for %1.</source>
        <translation>Keine offenen Wiedervorlagen für %1.</translation>
    </message>
</context>
<context>
    <name>Gui</name>
    <message>
        <source>rapport: %1</source>
        <translation>rapport: %1</translation>
    </message>
    <message>
        <source>Restoring %1…</source>
        <translation>%1 wird wiederhergestellt…</translation>
    </message>
    <message>
        <source>Restoring — Rapport</source>
        <translation>Wiederherstellen — Rapport</translation>
    </message>
    <message>
        <source>The backup was not restored.</source>
        <translation>Die Sicherung wurde nicht wiederhergestellt.</translation>
    </message>
    <message>
        <source>Not restored</source>
        <translation>Nicht wiederhergestellt</translation>
    </message>
    <message>
        <source>The backup was not restored, and the database is as it was.

%1</source>
        <translation>Die Sicherung wurde nicht wiederhergestellt; die Datenbank ist unverändert.

%1</translation>
    </message>
    <message>
        <source>Restored the backup taken %1.</source>
        <translation>Die Sicherung vom %1 wurde wiederhergestellt.</translation>
    </message>
    <message>
        <source>&lt;p&gt;Restored the backup taken %1.&lt;/p&gt;&lt;p&gt;Contacts: %2 · Conversations: %3 · Campaigns: %4&lt;/p&gt;</source>
        <translation>&lt;p&gt;Die Sicherung vom %1 wurde wiederhergestellt.&lt;/p&gt;&lt;p&gt;Kontakte: %2 · Gespräche: %3 · Kampagnen: %4&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;It was upgraded from schema %1 to %2.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Sie wurde von Schema %1 auf %2 aktualisiert.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;The database you had open is kept as %1.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Die bisher geöffnete Datenbank liegt jetzt unter %1.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Backup restored</source>
        <translation>Sicherung wiederhergestellt</translation>
    </message>
    <message>
        <source>Could not connect to the team database: %1</source>
        <translation>Keine Verbindung zur Team-Datenbank: %1</translation>
    </message>
</context>
<context>
    <name>HealthPanel</name>
    <message>
        <source>Relationship health</source>
        <translation>Beziehungsqualität</translation>
    </message>
    <message>
        <source>Health unknown</source>
        <translation>Beziehungsqualität unbekannt</translation>
    </message>
    <message>
        <source>Health %1 of 100 · %2</source>
        <translation>Beziehungsqualität %1 von 100 · %2</translation>
    </message>
    <message numerus="yes">
        <source>%n like(s), boost(s), follow(s) or quote(s) on social media in 90 days</source>
        <translation>
            <numerusform>%n Like, Boost, Follow oder Zitat in sozialen Medien in 90 Tagen</numerusform>
            <numerusform>%n Likes, Boosts, Follows oder Zitate in sozialen Medien in 90 Tagen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HealthScore</name>
    <message>
        <source>computing relationship health</source>
        <translation>Berechnen der Beziehungsqualität</translation>
    </message>
    <message>
        <source>No conversations yet.</source>
        <translation>Noch keine Unterhaltungen.</translation>
    </message>
    <message>
        <source>Last spoke today.</source>
        <translation>Zuletzt heute gesprochen.</translation>
    </message>
    <message>
        <source>Last spoke yesterday.</source>
        <translation>Zuletzt gestern gesprochen.</translation>
    </message>
    <message>
        <source>Last spoke %1 days ago.</source>
        <translation>Zuletzt vor %1 Tagen gesprochen.</translation>
    </message>
    <message>
        <source>One interaction in the last %1 days.</source>
        <translation>Eine Interaktion in den letzten %1 Tagen.</translation>
    </message>
    <message>
        <source>%1 interactions in the last %2 days.</source>
        <translation>%1 Interaktionen in den letzten %2 Tagen.</translation>
    </message>
    <message>
        <source>Answers %1 of %2 pitches.</source>
        <translation>Beantwortet %1 von %2 Pitches.</translation>
    </message>
    <message>
        <source>No pitches sent yet.</source>
        <translation>Noch keine Pitches gesendet.</translation>
    </message>
    <message>
        <source>Talked on one channel.</source>
        <translation>Kontakt über einen Kanal.</translation>
    </message>
    <message>
        <source>Talked on %1 channels.</source>
        <translation>Kontakt über %1 Kanäle.</translation>
    </message>
    <message>
        <source>Known for %1 years.</source>
        <translation>Seit %1 Jahren bekannt.</translation>
    </message>
    <message>
        <source>Known for over a year.</source>
        <translation>Seit über einem Jahr bekannt.</translation>
    </message>
    <message>
        <source>Known for %1 months.</source>
        <translation>Seit %1 Monaten bekannt.</translation>
    </message>
    <message>
        <source>Known for a month.</source>
        <translation>Seit einem Monat bekannt.</translation>
    </message>
    <message>
        <source>Known for less than a month.</source>
        <translation>Seit weniger als einem Monat bekannt.</translation>
    </message>
    <message>
        <source>The contact no longer exists.</source>
        <translation>Der Kontakt existiert nicht mehr.</translation>
    </message>
    <message>
        <source>updating relationship health</source>
        <translation>Aktualisieren der Beziehungsqualität</translation>
    </message>
    <message>
        <source>Recency</source>
        <translation>Aktualität</translation>
    </message>
    <message>
        <source>No conversation logged, only pitches.</source>
        <translation>Keine Unterhaltung erfasst, nur Pitches.</translation>
    </message>
    <message>
        <source>Frequency</source>
        <translation>Häufigkeit</translation>
    </message>
    <message>
        <source>Mostly outbound: %1 of %2 interactions were ours.</source>
        <translation>Überwiegend ausgehend: %1 von %2 Interaktionen kamen von uns.</translation>
    </message>
    <message>
        <source>Mostly inbound: %1 of %2 interactions came from them.</source>
        <translation>Überwiegend eingehend: %1 von %2 Interaktionen kamen von der Gegenseite.</translation>
    </message>
    <message>
        <source>Balanced: %1 of %2 interactions came from them.</source>
        <translation>Ausgewogen: %1 von %2 Interaktionen kamen von der Gegenseite.</translation>
    </message>
    <message>
        <source>Reciprocity</source>
        <translation>Gegenseitigkeit</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>Resonanz</translation>
    </message>
    <message>
        <source>Breadth</source>
        <translation>Vielfalt</translation>
    </message>
    <message>
        <source>Tenure</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>not scored</source>
        <comment>relationship health</comment>
        <translation>nicht bewertet</translation>
    </message>
    <message>
        <source>strong</source>
        <comment>relationship health</comment>
        <translation>stark</translation>
    </message>
    <message>
        <source>steady</source>
        <comment>relationship health</comment>
        <translation>stabil</translation>
    </message>
    <message>
        <source>cooling</source>
        <comment>relationship health</comment>
        <translation>kühlt ab</translation>
    </message>
    <message>
        <source>cold</source>
        <comment>relationship health</comment>
        <translation>kalt</translation>
    </message>
    <message>
        <source>%1 %2 of %3: %4</source>
        <comment>component, points, maximum, sentence</comment>
        <translation>%1 %2 von %3: %4</translation>
    </message>
    <message>
        <source>Relationship health %1 of 100 (%2)</source>
        <translation>Beziehungsqualität %1 von 100 (%2)</translation>
    </message>
    <message>
        <source>finding the relationships that are cooling off</source>
        <translation>Suchen der abkühlenden Beziehungen</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>When</source>
        <translation>Zeitpunkt</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Vorher</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Nachher</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Angelegt</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>Bearbeitet</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <source>Moved to the trash</source>
        <translation>In den Papierkorb verschoben</translation>
    </message>
    <message>
        <source>Restored from the trash</source>
        <translation>Aus dem Papierkorb wiederhergestellt</translation>
    </message>
    <message>
        <source>Merged a duplicate into this</source>
        <translation>Eine Dublette hierhin zusammengeführt</translation>
    </message>
    <message>
        <source>Merge undone</source>
        <translation>Zusammenführung rückgängig gemacht</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importiert</translation>
    </message>
    <message>
        <source>Import undone</source>
        <translation>Import rückgängig gemacht</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>Synchronisiert</translation>
    </message>
    <message>
        <source>Tagged with others</source>
        <translation>Zusammen mit anderen verschlagwortet</translation>
    </message>
    <message>
        <source>Untagged with others</source>
        <translation>Schlagwort zusammen mit anderen entfernt</translation>
    </message>
    <message>
        <source>Account manager changed with others</source>
        <translation>Betreuer zusammen mit anderen geändert</translation>
    </message>
    <message>
        <source>Kind changed with others</source>
        <translation>Art zusammen mit anderen geändert</translation>
    </message>
    <message>
        <source>Linked from the Inbox</source>
        <translation>Aus dem Posteingang verknüpft</translation>
    </message>
    <message>
        <source>Unlinked from the Inbox</source>
        <translation>Verknüpfung aus dem Posteingang gelöst</translation>
    </message>
    <message>
        <source>Status changed</source>
        <translation>Status geändert</translation>
    </message>
    <message>
        <source>Moved in the pipeline</source>
        <translation>In der Pipeline verschoben</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Gelöscht</translation>
    </message>
    <message>
        <source>Added to the team</source>
        <translation>Zum Team hinzugefügt</translation>
    </message>
    <message>
        <source>Role changed</source>
        <translation>Rolle geändert</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>Deaktiviert</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Vorname</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Nachname</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Outlet</source>
        <translation>Medium</translation>
    </message>
    <message>
        <source>Role at the outlet</source>
        <translation>Rolle beim Medium</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Stadt</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Zeitzone</translation>
    </message>
    <message>
        <source>Reach</source>
        <translation>Reichweite</translation>
    </message>
    <message>
        <source>Preferred channel</source>
        <translation>Bevorzugter Kanal</translation>
    </message>
    <message>
        <source>Pronouns</source>
        <translation>Pronomen</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Do not contact</source>
        <translation>Nicht kontaktieren</translation>
    </message>
    <message>
        <source>Reason not to contact</source>
        <translation>Grund, nicht zu kontaktieren</translation>
    </message>
    <message>
        <source>Consent basis</source>
        <translation>Rechtsgrundlage der Einwilligung</translation>
    </message>
    <message>
        <source>Consent given</source>
        <translation>Einwilligung erteilt</translation>
    </message>
    <message>
        <source>Consent source</source>
        <translation>Quelle der Einwilligung</translation>
    </message>
    <message>
        <source>Account manager</source>
        <translation>Betreuer</translation>
    </message>
    <message>
        <source>In the trash since</source>
        <translation>Im Papierkorb seit</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Website</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>Ende</translation>
    </message>
    <message>
        <source>Goals</source>
        <translation>Ziele</translation>
    </message>
    <message>
        <source>Key messages</source>
        <translation>Kernbotschaften</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>Themen</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Kampagne</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Richtung</translation>
    </message>
    <message>
        <source>When it happened</source>
        <translation>Wann es war</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Sentiment</source>
        <translation>Stimmung</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(leer)</translation>
    </message>
    <message>
        <source>#%1 (gone)</source>
        <translation>#%1 (nicht mehr vorhanden)</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Gespräch</translation>
    </message>
    <message>
        <source>Pitch</source>
        <translation>Pitch</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Wiedervorlage</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 #%2</source>
        <translation>%1 #%2</translation>
    </message>
    <message>
        <source>%1 #%2: %3</source>
        <translation>%1 #%2: %3</translation>
    </message>
    <message>
        <source>Rapport</source>
        <translation>Rapport</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation>%1: %2 → %3</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Beat</source>
        <translation>Ressort</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Mastodon</source>
        <translation>Mastodon</translation>
    </message>
    <message>
        <source>Bluesky</source>
        <translation>Bluesky</translation>
    </message>
    <message>
        <source>X</source>
        <translation>X</translation>
    </message>
    <message>
        <source>LinkedIn</source>
        <translation>LinkedIn</translation>
    </message>
    <message>
        <source>Blog or feed</source>
        <translation>Blog oder Feed</translation>
    </message>
</context>
<context>
    <name>HistoryQuery</name>
    <message>
        <source>reading the history</source>
        <translation>Lesen des Verlaufs</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>Only the changes of this person</source>
        <translation>Nur die Änderungen dieser Person</translation>
    </message>
    <message>
        <source>Only the changes of this period</source>
        <translation>Nur die Änderungen dieses Zeitraums</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>Gesamter Zeitraum</translation>
    </message>
    <message>
        <source>Today and yesterday</source>
        <translation>Heute und gestern</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>Letzte 12 Monate</translation>
    </message>
    <message numerus="yes">
        <source>Last %n days</source>
        <translation>
            <numerusform>Letzter %n Tag</numerusform>
            <numerusform>Letzte %n Tage</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Person:</source>
        <translation>&amp;Person:</translation>
    </message>
    <message>
        <source>P&amp;eriod:</source>
        <translation>&amp;Zeitraum:</translation>
    </message>
    <message>
        <source>No changes recorded.</source>
        <translation>Keine Änderungen erfasst.</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Everybody</source>
        <translation>Alle</translation>
    </message>
</context>
<context>
    <name>IcsWriter</name>
    <message>
        <source>Follow up with %1 (%2)</source>
        <translation>Wiedervorlage: %1 (%2)</translation>
    </message>
    <message>
        <source>Follow up with %1</source>
        <translation>Wiedervorlage: %1</translation>
    </message>
    <message>
        <source>Follow up on %1</source>
        <translation>Wiedervorlage zu %1</translation>
    </message>
    <message>
        <source>Follow up</source>
        <translation>Wiedervorlage</translation>
    </message>
</context>
<context>
    <name>ImportBatchCommand</name>
    <message>
        <source>Import %1</source>
        <translation>Import von %1</translation>
    </message>
    <message>
        <source>The import of %1 could not be undone: %2</source>
        <translation>Der Import von %1 konnte nicht rückgängig gemacht werden: %2</translation>
    </message>
    <message>
        <source>Import undone</source>
        <translation>Import rückgängig gemacht</translation>
    </message>
</context>
<context>
    <name>ImportBatchListModel</name>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importiert</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Angelegt</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Übersprungen</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Probleme</translation>
    </message>
    <message>
        <source>Undone</source>
        <translation>Rückgängig gemacht</translation>
    </message>
    <message>
        <source>Import %1 (%2)</source>
        <translation>Import %1 (%2)</translation>
    </message>
    <message>
        <source>vCard</source>
        <translation>vCard</translation>
    </message>
    <message>
        <source>CSV</source>
        <translation>CSV</translation>
    </message>
</context>
<context>
    <name>ImportCommands</name>
    <message>
        <source>Import:
  import FILE [--format csv|vcard] [--preset NAME|--mapping FILE] [--encoding ENC]
         [--delimiter ,|;|tab] [--on-duplicate skip|fill|overwrite|create] [--dry-run]
                    Import contacts from a CSV or vCard file as one batch that can be undone.
                    Presets: google, google-legacy, outlook, rapport, or a saved one.
  imports list      The import batches, newest first.
  imports undo BATCH
                    Remove what a batch created and restore what it changed; rows edited
                    since are kept and reported.
</source>
        <translation>Import:
  import DATEI [--format csv|vcard] [--preset NAME|--mapping DATEI] [--encoding KODIERUNG]
         [--delimiter ,|;|tab] [--on-duplicate skip|fill|overwrite|create] [--dry-run]
                    Kontakte aus einer CSV- oder vCard-Datei als ein Stapel importieren, der sich
                    rückgängig machen lässt. Vorlagen: google, google-legacy, outlook, rapport oder eine gespeicherte.
  imports list      Die Importstapel, neueste zuerst.
  imports undo STAPEL
                    Entfernt, was ein Stapel angelegt hat, und stellt wieder her, was er geändert hat;
                    seither bearbeitete Zeilen bleiben und werden gemeldet.
</translation>
    </message>
    <message>
        <source>import takes one FILE.</source>
        <translation>import erwartet eine DATEI.</translation>
    </message>
    <message>
        <source>--format is csv or vcard, not “%1”.</source>
        <translation>--format ist csv oder vcard, nicht „%1“.</translation>
    </message>
    <message>
        <source>--encoding is utf-8, utf-16le, utf-16be or windows-1252, not “%1”.</source>
        <translation>--encoding ist utf-8, utf-16le, utf-16be oder windows-1252, nicht „%1“.</translation>
    </message>
    <message>
        <source>--delimiter is , ; | or tab, not “%1”.</source>
        <translation>--delimiter ist , ; | oder tab, nicht „%1“.</translation>
    </message>
    <message>
        <source>Give either --preset or --mapping, not both.</source>
        <translation>Geben Sie entweder --preset oder --mapping an, nicht beides.</translation>
    </message>
    <message>
        <source>The mapping file %1 cannot be read: %2</source>
        <translation>Die Zuordnungsdatei %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The mapping file %1 is not JSON: %2</source>
        <translation>Die Zuordnungsdatei %1 ist kein JSON: %2</translation>
    </message>
    <message>
        <source>--on-duplicate is skip, fill, overwrite or create, not “%1”.</source>
        <translation>--on-duplicate ist skip, fill, overwrite oder create, nicht „%1“.</translation>
    </message>
    <message>
        <source>Dry run of %1 (nothing was written): %2 would be created, %3 updated, %4 skipped as duplicates, %5 merged within the file, %6 rows have problems.</source>
        <translation>Probelauf von %1 (nichts wurde geschrieben): %2 würden angelegt, %3 aktualisiert, %4 als Dubletten übersprungen, %5 innerhalb der Datei zusammengeführt, %6 Zeilen haben Probleme.</translation>
    </message>
    <message>
        <source>Imported %1 as batch %2: %3 created, %4 updated, %5 skipped as duplicates, %6 merged within the file, %7 rows with problems left out.</source>
        <translation>%1 als Stapel %2 importiert: %3 angelegt, %4 aktualisiert, %5 als Dubletten übersprungen, %6 innerhalb der Datei zusammengeführt, %7 Zeilen mit Problemen ausgelassen.</translation>
    </message>
    <message>
        <source>  … and %1 more (--json lists them all).</source>
        <translation>  … und %1 weitere (--json listet alle auf).</translation>
    </message>
    <message>
        <source>Undo with: rapport imports undo %1</source>
        <translation>Rückgängig machen mit: rapport imports undo %1</translation>
    </message>
    <message>
        <source>imports list takes no arguments.</source>
        <translation>imports list erwartet keine Argumente.</translation>
    </message>
    <message>
        <source>No imports yet.</source>
        <translation>Noch keine Importe.</translation>
    </message>
    <message>
        <source>%1  %2  %3  %4 created, %5 updated  by %6</source>
        <translation>%1  %2  %3  %4 angelegt, %5 aktualisiert  von %6</translation>
    </message>
    <message>
        <source>  (undone %1)</source>
        <translation>  (rückgängig gemacht %1)</translation>
    </message>
    <message>
        <source>imports undo takes the number of a batch (see “rapport imports list”).</source>
        <translation>imports undo erwartet die Nummer eines Stapels (siehe „rapport imports list“).</translation>
    </message>
    <message>
        <source>Undid import %1: %2 contacts removed, %3 restored, %4 kept because they changed since.</source>
        <translation>Import %1 rückgängig gemacht: %2 Kontakte entfernt, %3 wiederhergestellt, %4 behalten, weil sie sich seither geändert haben.</translation>
    </message>
    <message>
        <source>imports takes list or undo BATCH.</source>
        <translation>imports erwartet list oder undo STAPEL.</translation>
    </message>
</context>
<context>
    <name>ImportController</name>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <source>Import &amp;History…</source>
        <translation>Import-&amp;Verlauf…</translation>
    </message>
    <message>
        <source>Import contacts from a CSV or vCard file (%1); dropping the file on the window does the same</source>
        <translation>Kontakte aus einer CSV- oder vCard-Datei importieren (%1); die Datei auf das Fenster ziehen geht auch</translation>
    </message>
    <message>
        <source>Every import, with Undo Import for any of them</source>
        <translation>Alle Importe, jeder davon rückgängig zu machen</translation>
    </message>
    <message>
        <source>Imported %1: %L2 created, %L3 updated.</source>
        <translation>%1 importiert: %L2 angelegt, %L3 geändert.</translation>
    </message>
</context>
<context>
    <name>ImportDuplicatesModel</name>
    <message>
        <source>Row</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>In the file</source>
        <translation>In der Datei</translation>
    </message>
    <message>
        <source>Already in Rapport</source>
        <translation>Schon in Rapport</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Chosen for this row</source>
        <translation>Für diese Zeile gewählt</translation>
    </message>
    <message>
        <source>The action for all duplicates</source>
        <translation>Die Aktion für alle Dubletten</translation>
    </message>
</context>
<context>
    <name>ImportDuplicatesPage</name>
    <message>
        <source>People already in Rapport</source>
        <translation>Schon in Rapport</translation>
    </message>
    <message>
        <source>Rows that match a contact you have (same email or handle, or same name at the same organization). Choose what happens to all of them, or to each one in its Action cell.</source>
        <translation>Zeilen, die zu einem vorhandenen Kontakt passen (gleiche E-Mail oder gleiches Handle, oder gleicher Name bei derselben Organisation). Wählen Sie, was mit allen geschieht, oder mit einzelnen in ihrer Spalte „Aktion“.</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
    <message>
        <source>For &amp;all of them:</source>
        <translation>Für &amp;alle:</translation>
    </message>
    <message>
        <source>Looking for people who are in Rapport already…</source>
        <translation>Suche nach Personen, die schon in Rapport sind…</translation>
    </message>
    <message>
        <source>People of the file already in Rapport: %L1.</source>
        <translation>Personen der Datei, die schon in Rapport sind: %L1.</translation>
    </message>
    <message>
        <source>Nobody in the file is in Rapport yet: every row becomes a new contact.</source>
        <translation>Niemand aus der Datei ist schon in Rapport: Jede Zeile wird ein neuer Kontakt.</translation>
    </message>
    <message>
        <source>Rows that repeat a person of an earlier row, merged with it: %L1.</source>
        <translation>Zeilen, die eine Person einer früheren Zeile wiederholen, mit ihr zusammengeführt: %L1.</translation>
    </message>
    <message>
        <source>The contact in Rapport stays as it is; the row is not imported.</source>
        <translation>Der Kontakt in Rapport bleibt, wie er ist; die Zeile wird nicht importiert.</translation>
    </message>
    <message>
        <source>Empty fields of the contact are filled from the row; new emails, phones, handles, beats and tags are added.</source>
        <translation>Leere Felder des Kontakts werden aus der Zeile gefüllt; neue E-Mails, Telefonnummern, Handles, Ressorts und Tags kommen hinzu.</translation>
    </message>
    <message>
        <source>The row&apos;s values replace the contact&apos;s; emails, phones, handles, beats and tags are added.</source>
        <translation>Die Werte der Zeile ersetzen die des Kontakts; E-Mails, Telefonnummern, Handles, Ressorts und Tags kommen hinzu.</translation>
    </message>
    <message>
        <source>A second contact is created; handles the first one has are left out.</source>
        <translation>Ein zweiter Kontakt wird angelegt; Handles, die der erste hat, werden weggelassen.</translation>
    </message>
    <message>
        <source>People of the first %L1 rows already in Rapport: %L2.</source>
        <translation>Personen der ersten %L1 Zeilen, die schon in Rapport sind: %L2.</translation>
    </message>
    <message>
        <source>Nobody of the first %L1 rows is in Rapport yet.</source>
        <translation>Niemand aus den ersten %L1 Zeilen ist schon in Rapport.</translation>
    </message>
    <message>
        <source>The rows after them are matched while importing and get the choice for all; repeats of a person anywhere in the file are merged.</source>
        <translation>Die Zeilen danach werden beim Importieren abgeglichen und erhalten die Auswahl für alle; Wiederholungen einer Person irgendwo in der Datei werden zusammengeführt.</translation>
    </message>
</context>
<context>
    <name>ImportFields</name>
    <message>
        <source>(ignore)</source>
        <translation>(ignorieren)</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Vorname</translation>
    </message>
    <message>
        <source>Middle name</source>
        <translation>Zweiter Vorname</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Nachname</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Vollständiger Name</translation>
    </message>
    <message>
        <source>Job title</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Email label</source>
        <translation>E-Mail-Bezeichnung</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Phone label</source>
        <translation>Telefon-Bezeichnung</translation>
    </message>
    <message>
        <source>Handle</source>
        <translation>Handle</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Website</translation>
    </message>
    <message>
        <source>Beats</source>
        <translation>Ressorts</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Stadt</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Zeitzone</translation>
    </message>
    <message>
        <source>Reach</source>
        <translation>Reichweite</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Betreuer</translation>
    </message>
    <message>
        <source>Do not contact</source>
        <translation>Nicht kontaktieren</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Einwilligung</translation>
    </message>
</context>
<context>
    <name>ImportFile</name>
    <message>
        <source>The file %1 does not exist.</source>
        <translation>Die Datei %1 existiert nicht.</translation>
    </message>
    <message>
        <source>The file %1 cannot be opened: %2</source>
        <translation>Die Datei %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Reading the file was cancelled.</source>
        <translation>Das Lesen der Datei wurde abgebrochen.</translation>
    </message>
    <message>
        <source>The file %1 has no rows.</source>
        <translation>Die Datei %1 hat keine Zeilen.</translation>
    </message>
    <message>
        <source>No column of %1 holds a name. Map the columns (--mapping FILE) or check that the first row is the header.</source>
        <translation>Keine Spalte von %1 enthält einen Namen. Ordnen Sie die Spalten zu (--mapping DATEI) oder prüfen Sie, ob die erste Zeile die Überschriften enthält.</translation>
    </message>
    <message>
        <source>Column %1</source>
        <translation>Spalte %1</translation>
    </message>
</context>
<context>
    <name>ImportFilePage</name>
    <message>
        <source>Choose a file</source>
        <translation>Datei wählen</translation>
    </message>
    <message>
        <source>A CSV file (Google Contacts, Outlook, a spreadsheet) or vCards (.vcf). You can also drop the file on Rapport&apos;s window.</source>
        <translation>Eine CSV-Datei (Google Kontakte, Outlook, eine Tabelle) oder vCards (.vcf). Sie können die Datei auch auf das Fenster von Rapport ziehen.</translation>
    </message>
    <message>
        <source>Path of a .csv or .vcf file</source>
        <translation>Pfad einer .csv- oder .vcf-Datei</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>Dur&amp;chsuchen…</translation>
    </message>
    <message>
        <source>CSV (comma-separated values)</source>
        <translation>CSV (kommagetrennte Werte)</translation>
    </message>
    <message>
        <source>vCard</source>
        <translation>vCard</translation>
    </message>
    <message>
        <source>Windows-1252 (Western, Latin-1)</source>
        <translation>Windows-1252 (westeuropäisch, Latin-1)</translation>
    </message>
    <message>
        <source>Comma ( , )</source>
        <translation>Komma ( , )</translation>
    </message>
    <message>
        <source>Semicolon ( ; )</source>
        <translation>Semikolon ( ; )</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tabulator</translation>
    </message>
    <message>
        <source>Vertical bar ( | )</source>
        <translation>Senkrechter Strich ( | )</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>The row that holds the column names; “none” when the first row is already a contact</source>
        <translation>Die Zeile mit den Spaltennamen; „keine“, wenn schon die erste Zeile ein Kontakt ist</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Datei:</translation>
    </message>
    <message>
        <source>F&amp;ormat:</source>
        <translation>F&amp;ormat:</translation>
    </message>
    <message>
        <source>&amp;Encoding:</source>
        <translation>&amp;Kodierung:</translation>
    </message>
    <message>
        <source>&amp;Delimiter:</source>
        <translation>&amp;Trennzeichen:</translation>
    </message>
    <message>
        <source>Column &amp;names in row:</source>
        <translation>Spalten&amp;namen in Zeile:</translation>
    </message>
    <message>
        <source>Import Contacts</source>
        <translation>Kontakte importieren</translation>
    </message>
    <message>
        <source>Contacts (*.csv *.tsv *.txt *.vcf *.vcard);;All files (*)</source>
        <translation>Kontakte (*.csv *.tsv *.txt *.vcf *.vcard);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>The file holds no contacts.</source>
        <translation>Die Datei enthält keine Kontakte.</translation>
    </message>
    <message>
        <source>Recognised: %1.</source>
        <translation>Erkannt: %1.</translation>
    </message>
    <message>
        <source>Encoding chosen by you.</source>
        <translation>Kodierung von Ihnen gewählt.</translation>
    </message>
    <message>
        <source>Encoding detected from the byte-order mark.</source>
        <translation>Kodierung an der Byte-Order-Markierung erkannt.</translation>
    </message>
    <message>
        <source>Encoding detected from the text.</source>
        <translation>Kodierung am Text erkannt.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>The first %L1 contacts are shown; the whole file is read while importing.</source>
        <translation>Die ersten %L1 Kontakte werden gezeigt; die ganze Datei wird beim Importieren gelesen.</translation>
    </message>
</context>
<context>
    <name>ImportHistoryDialog</name>
    <message>
        <source>Nothing was imported into this database yet.</source>
        <translation>In diese Datenbank wurde noch nichts importiert.</translation>
    </message>
    <message>
        <source>Import History</source>
        <translation>Import-Verlauf</translation>
    </message>
    <message>
        <source>Every import is one batch. Undoing one removes the contacts it created and restores those it changed; contacts edited since are kept and listed.</source>
        <translation>Jeder Import ist ein Stapel. Ihn rückgängig zu machen entfernt die angelegten Kontakte und stellt die geänderten wieder her; seither bearbeitete Kontakte bleiben und werden genannt.</translation>
    </message>
    <message>
        <source>&amp;Undo Import</source>
        <translation>Import &amp;rückgängig</translation>
    </message>
    <message>
        <source>Undo this import?</source>
        <translation>Diesen Import rückgängig machen?</translation>
    </message>
    <message>
        <source>Undo the import of %1 from %2?

Contacts it created, to be removed: %L3. Contacts it changed, to be restored: %L4. Contacts someone edited since are kept as they are.</source>
        <translation>Den Import von %1 vom %2 rückgängig machen?

Angelegte Kontakte, die entfernt werden: %L3. Geänderte Kontakte, die wiederhergestellt werden: %L4. Kontakte, die seither jemand bearbeitet hat, bleiben, wie sie sind.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Import not undone</source>
        <translation>Import nicht rückgängig gemacht</translation>
    </message>
    <message>
        <source>The import of %1 could not be undone: %2</source>
        <translation>Der Import von %1 konnte nicht rückgängig gemacht werden: %2</translation>
    </message>
    <message>
        <source>Import undone</source>
        <translation>Import rückgängig gemacht</translation>
    </message>
</context>
<context>
    <name>ImportMappingPage</name>
    <message>
        <source>Label from the file</source>
        <translation>Bezeichnung aus der Datei</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>Arbeit</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Privat</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>Mobil</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstige</translation>
    </message>
    <message>
        <source>Feed</source>
        <translation>Feed</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Website</translation>
    </message>
    <message>
        <source>Map the columns</source>
        <translation>Spalten zuordnen</translation>
    </message>
    <message>
        <source>What each column of the file becomes in Rapport. Columns set to “(ignore)” are left out.</source>
        <translation>Was aus jeder Spalte der Datei in Rapport wird. Spalten mit „(ignorieren)“ werden weggelassen.</translation>
    </message>
    <message>
        <source>&amp;Preset:</source>
        <translation>&amp;Vorlage:</translation>
    </message>
    <message>
        <source>&amp;Save as Preset…</source>
        <translation>Als Vorlage &amp;speichern…</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>Spalte in der Datei</translation>
    </message>
    <message>
        <source>First values</source>
        <translation>Erste Werte</translation>
    </message>
    <message>
        <source>Becomes</source>
        <translation>Wird zu</translation>
    </message>
    <message>
        <source>Label or network</source>
        <translation>Bezeichnung oder Netzwerk</translation>
    </message>
    <message>
        <source>By column names</source>
        <translation>Nach Spaltennamen</translation>
    </message>
    <message>
        <source>%1 (recognised)</source>
        <translation>%1 (erkannt)</translation>
    </message>
    <message>
        <source>Your own mapping</source>
        <translation>Eigene Zuordnung</translation>
    </message>
    <message>
        <source>Field for the column “%1”</source>
        <translation>Feld für die Spalte „%1“</translation>
    </message>
    <message>
        <source>Preset not loaded</source>
        <translation>Vorlage nicht geladen</translation>
    </message>
    <message>
        <source>No column is mapped to a name yet: map one to First name, Last name or Full name.</source>
        <translation>Noch keine Spalte ist einem Namen zugeordnet: Ordnen Sie eine Vorname, Nachname oder Vollständiger Name zu.</translation>
    </message>
    <message>
        <source>Save as Preset</source>
        <translation>Als Vorlage speichern</translation>
    </message>
    <message>
        <source>Name of the preset, for the next file with these columns:</source>
        <translation>Name der Vorlage, für die nächste Datei mit diesen Spalten:</translation>
    </message>
    <message>
        <source>Preset not saved</source>
        <translation>Vorlage nicht gespeichert</translation>
    </message>
</context>
<context>
    <name>ImportPresets</name>
    <message>
        <source>The mapping has no columns: it needs a &quot;columns&quot; list of {&quot;column&quot;, &quot;field&quot;}.</source>
        <translation>Die Zuordnung hat keine Spalten: Sie braucht eine Liste &quot;columns&quot; aus {&quot;column&quot;, &quot;field&quot;}.</translation>
    </message>
    <message>
        <source>The mapping names an unknown field “%1” for the column “%2”.</source>
        <translation>Die Zuordnung nennt ein unbekanntes Feld „%1“ für die Spalte „%2“.</translation>
    </message>
    <message>
        <source>Google Contacts</source>
        <translation>Google Kontakte</translation>
    </message>
    <message>
        <source>Google Contacts (older form)</source>
        <translation>Google Kontakte (ältere Form)</translation>
    </message>
    <message>
        <source>Outlook</source>
        <translation>Outlook</translation>
    </message>
    <message>
        <source>Rapport</source>
        <translation>Rapport</translation>
    </message>
    <message>
        <source>Google Contacts CSV</source>
        <translation>Google-Kontakte-CSV</translation>
    </message>
    <message>
        <source>Google Contacts CSV (older form)</source>
        <translation>Google-Kontakte-CSV (ältere Form)</translation>
    </message>
    <message>
        <source>Outlook CSV written by Google Contacts</source>
        <translation>Outlook-CSV aus Google Kontakte</translation>
    </message>
    <message>
        <source>Outlook (desktop export)</source>
        <translation>Outlook (Export der Desktop-App)</translation>
    </message>
    <message>
        <source>Outlook.com export</source>
        <translation>Export von Outlook.com</translation>
    </message>
    <message>
        <source>Rapport export</source>
        <translation>Rapport-Export</translation>
    </message>
    <message>
        <source>Give the preset a name.</source>
        <translation>Geben Sie der Vorlage einen Namen.</translation>
    </message>
    <message>
        <source>The folder for presets cannot be created: %1</source>
        <translation>Der Ordner für Vorlagen kann nicht angelegt werden: %1</translation>
    </message>
    <message>
        <source>The preset could not be saved: %1</source>
        <translation>Die Vorlage konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>There is no import preset called “%1”.</source>
        <translation>Es gibt keine Importvorlage namens „%1“.</translation>
    </message>
    <message>
        <source>The preset “%1” is damaged: %2</source>
        <translation>Die Vorlage „%1“ ist beschädigt: %2</translation>
    </message>
</context>
<context>
    <name>ImportPreviewModel</name>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Probleme</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Emails</source>
        <translation>E-Mails</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Handles</source>
        <translation>Handles</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Stadt</translation>
    </message>
    <message>
        <source>Reach</source>
        <translation>Reichweite</translation>
    </message>
    <message>
        <source>Not imported until its problems are fixed</source>
        <translation>Wird erst importiert, wenn die Probleme behoben sind</translation>
    </message>
    <message>
        <source>Uncheck to leave this row out</source>
        <translation>Abwählen, um diese Zeile wegzulassen</translation>
    </message>
    <message>
        <source>Line %L1 of the file</source>
        <translation>Zeile %L1 der Datei</translation>
    </message>
    <message>
        <source>Rows merged into this one: %1</source>
        <translation>Mit dieser zusammengeführte Zeilen: %1</translation>
    </message>
</context>
<context>
    <name>ImportPreviewPage</name>
    <message>
        <source>Show only rows with &amp;problems</source>
        <translation>Nur Zeilen mit &amp;Problemen zeigen</translation>
    </message>
    <message>
        <source>Check the rows</source>
        <translation>Zeilen prüfen</translation>
    </message>
    <message>
        <source>Each row as it will be stored. Rows with problems are left out unless you fix them here (double-click a cell or press F2); uncheck a row to leave it out.</source>
        <translation>Jede Zeile so, wie sie gespeichert wird. Zeilen mit Problemen werden weggelassen, wenn Sie sie nicht hier beheben (Doppelklick auf eine Zelle oder F2); wählen Sie eine Zeile ab, um sie wegzulassen.</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>%1 wird gelesen…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) read.</source>
        <translation>
            <numerusform>%Ln Zeile gelesen.</numerusform>
            <numerusform>%Ln Zeilen gelesen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln with problems, left out unless fixed.</source>
        <translation>
            <numerusform>%Ln mit Problemen, wird weggelassen, wenn nicht behoben.</numerusform>
            <numerusform>%Ln mit Problemen, werden weggelassen, wenn nicht behoben.</numerusform>
        </translation>
    </message>
    <message>
        <source>No problems found.</source>
        <translation>Keine Probleme gefunden.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln left out by you.</source>
        <translation>
            <numerusform>%Ln von Ihnen weggelassen.</numerusform>
            <numerusform>%Ln von Ihnen weggelassen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing would be imported.</source>
        <translation>Es würde nichts importiert.</translation>
    </message>
    <message>
        <source>The first %L1 rows of the file are shown here; the rows after them are read while importing, and those with problems are left out and named at the end.</source>
        <translation>Hier werden die ersten %L1 Zeilen der Datei gezeigt; die Zeilen danach werden beim Importieren gelesen, und solche mit Problemen werden ausgelassen und am Ende genannt.</translation>
    </message>
</context>
<context>
    <name>ImportRecords</name>
    <message>
        <source>Row %1 (line %2)</source>
        <translation>Zeile %1 (Dateizeile %2)</translation>
    </message>
    <message>
        <source>%1: unknown kind “%2” (use journalist, editor, blogger, influencer, analyst, client contact, customer or other).</source>
        <translation>%1: unbekannte Art „%2“ (möglich: journalist, editor, blogger, influencer, analyst, client contact, customer oder other).</translation>
    </message>
    <message>
        <source>%1: the reach “%2” is not a number.</source>
        <translation>%1: Die Reichweite „%2“ ist keine Zahl.</translation>
    </message>
    <message>
        <source>%1: “%2” under do not contact is neither yes nor no.</source>
        <translation>%1: „%2“ unter „Nicht kontaktieren“ ist weder ja noch nein.</translation>
    </message>
    <message>
        <source>%1: no name.</source>
        <translation>%1: kein Name.</translation>
    </message>
    <message>
        <source>%1: “%2” is not a valid email address.</source>
        <translation>%1: „%2“ ist keine gültige E-Mail-Adresse.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>ImportRepository</name>
    <message>
        <source>looking for contacts already there</source>
        <translation>Suchen nach bereits vorhandenen Kontakten</translation>
    </message>
    <message>
        <source>same email %1</source>
        <translation>gleiche E-Mail-Adresse %1</translation>
    </message>
    <message>
        <source>same handle %1</source>
        <translation>gleiches Handle %1</translation>
    </message>
    <message>
        <source>same name at %1</source>
        <translation>gleicher Name bei %1</translation>
    </message>
    <message>
        <source>“%1” was changed by someone else meanwhile.</source>
        <translation>„%1“ wurde inzwischen von jemand anderem geändert.</translation>
    </message>
    <message>
        <source>importing %1</source>
        <translation>Importieren von %1</translation>
    </message>
    <message>
        <source>The import was cancelled; nothing was imported.</source>
        <translation>Der Import wurde abgebrochen; nichts wurde importiert.</translation>
    </message>
    <message>
        <source>Row %1 (line %2): no user is called “%3”; the contact has no owner.</source>
        <translation>Zeile %1 (Dateizeile %2): Es gibt keinen Benutzer namens „%3“; der Kontakt hat keinen Betreuer.</translation>
    </message>
    <message>
        <source>Row %1 (line %2): the handle %3 belongs to another contact and was left out.</source>
        <translation>Zeile %1 (Dateizeile %2): Das Handle %3 gehört zu einem anderen Kontakt und wurde ausgelassen.</translation>
    </message>
    <message>
        <source>Row %1 (line %2): %3</source>
        <translation>Zeile %1 (Dateizeile %2): %3</translation>
    </message>
    <message>
        <source>%1: %2 created, %3 updated</source>
        <translation>%1: %2 angelegt, %3 aktualisiert</translation>
    </message>
    <message>
        <source>listing the imports</source>
        <translation>Auflisten der Importe</translation>
    </message>
    <message>
        <source>undoing the import</source>
        <translation>Rückgängigmachen des Imports</translation>
    </message>
    <message>
        <source>There is no import %1.</source>
        <translation>Es gibt keinen Import %1.</translation>
    </message>
    <message>
        <source>The import %1 (%2) was already undone.</source>
        <translation>Der Import %1 (%2) wurde bereits rückgängig gemacht.</translation>
    </message>
    <message>
        <source>“%1” was changed or has conversations since the import, so it was kept.</source>
        <translation>„%1“ wurde seit dem Import geändert oder hat Unterhaltungen und wurde daher behalten.</translation>
    </message>
    <message>
        <source>A contact the import changed was deleted since.</source>
        <translation>Ein Kontakt, den der Import geändert hat, wurde seither gelöscht.</translation>
    </message>
    <message>
        <source>“%1” was edited since the import, so the import&apos;s changes to it were kept.</source>
        <translation>„%1“ wurde seit dem Import bearbeitet, daher bleiben die Änderungen des Imports daran erhalten.</translation>
    </message>
    <message>
        <source>%1: %2 removed, %3 restored, %4 kept</source>
        <translation>%1: %2 entfernt, %3 wiederhergestellt, %4 behalten</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Überspringen</translation>
    </message>
    <message>
        <source>Fill empty fields</source>
        <translation>Leere Felder füllen</translation>
    </message>
    <message>
        <source>Overwrite</source>
        <translation>Überschreiben</translation>
    </message>
    <message>
        <source>Create anyway</source>
        <translation>Trotzdem anlegen</translation>
    </message>
</context>
<context>
    <name>ImportRunPage</name>
    <message>
        <source>&amp;Cancel Import</source>
        <translation>Import &amp;abbrechen</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>%1 wird importiert…</translation>
    </message>
    <message>
        <source>%L1 of %L2</source>
        <translation>%L1 von %L2</translation>
    </message>
    <message>
        <source>Cancelling: nothing of this import will be kept…</source>
        <translation>Wird abgebrochen: Von diesem Import bleibt nichts…</translation>
    </message>
    <message>
        <source>Import cancelled</source>
        <translation>Import abgebrochen</translation>
    </message>
    <message>
        <source>The import of %1 was cancelled. Nothing was imported.</source>
        <translation>Der Import von %1 wurde abgebrochen. Es wurde nichts importiert.</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>Import fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1 was not imported: %2&lt;br&gt;Nothing was imported.</source>
        <translation>%1 wurde nicht importiert: %2&lt;br&gt;Es wurde nichts importiert.</translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation>Import abgeschlossen</translation>
    </message>
    <message>
        <source>%1 was imported.</source>
        <translation>%1 wurde importiert.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln contact(s) created</source>
        <translation>
            <numerusform>%Ln Kontakt angelegt</numerusform>
            <numerusform>%Ln Kontakte angelegt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln contact(s) updated</source>
        <translation>
            <numerusform>%Ln Kontakt geändert</numerusform>
            <numerusform>%Ln Kontakte geändert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln already in Rapport and skipped</source>
        <translation>
            <numerusform>%Ln schon in Rapport und übersprungen</numerusform>
            <numerusform>%Ln schon in Rapport und übersprungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) merged with another row of the file</source>
        <translation>
            <numerusform>%Ln Zeile mit einer anderen Zeile der Datei zusammengeführt</numerusform>
            <numerusform>%Ln Zeilen mit einer anderen Zeile der Datei zusammengeführt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) left out for their problems</source>
        <translation>
            <numerusform>%Ln Zeile wegen Problemen weggelassen</numerusform>
            <numerusform>%Ln Zeilen wegen Problemen weggelassen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) left out by you</source>
        <translation>
            <numerusform>%Ln Zeile von Ihnen weggelassen</numerusform>
            <numerusform>%Ln Zeilen von Ihnen weggelassen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln organization(s) created</source>
        <translation>
            <numerusform>%Ln Organisation angelegt</numerusform>
            <numerusform>%Ln Organisationen angelegt</numerusform>
        </translation>
    </message>
    <message>
        <source>Good to know:</source>
        <translation>Gut zu wissen:</translation>
    </message>
    <message>
        <source>… and %L1 more.</source>
        <translation>… und %L1 weitere.</translation>
    </message>
    <message>
        <source>Edit → Undo (Ctrl+Z) takes this import back; so does File → Import History…, also later.</source>
        <translation>Bearbeiten → Rückgängig (Strg+Z) nimmt diesen Import zurück, ebenso Datei → Import-Verlauf…, auch später.</translation>
    </message>
    <message>
        <source>%L1 of about %L2</source>
        <translation>%L1 von etwa %L2</translation>
    </message>
</context>
<context>
    <name>ImportUndo</name>
    <message>
        <source>Undoing the import of %1…</source>
        <translation>Import von %1 wird rückgängig gemacht…</translation>
    </message>
    <message>
        <source>Undid the import of %1. Contacts removed: %L2, restored: %L3.</source>
        <translation>Import von %1 rückgängig gemacht. Kontakte entfernt: %L2, wiederhergestellt: %L3.</translation>
    </message>
    <message>
        <source>Kept because they changed since: %L1.</source>
        <translation>Behalten, weil seither geändert: %L1.</translation>
    </message>
    <message>
        <source>Kept as they are now:</source>
        <translation>So behalten, wie sie jetzt sind:</translation>
    </message>
    <message>
        <source>… and %L1 more.</source>
        <translation>… und %L1 weitere.</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import Contacts</source>
        <translation>Kontakte importieren</translation>
    </message>
</context>
<context>
    <name>InFileMerger</name>
    <message>
        <source>The import&apos;s temporary file for finding repeated people failed: %1</source>
        <translation>Die temporäre Datei des Imports zum Finden wiederholter Personen ist fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>InboxCommand</name>
    <message>
        <source>Link %1 to %2</source>
        <translation>%1 mit %2 verknüpfen</translation>
    </message>
    <message>
        <source>New contact from %1</source>
        <translation>Neuer Kontakt aus %1</translation>
    </message>
    <message>
        <source>Ignore %1</source>
        <translation>%1 ignorieren</translation>
    </message>
</context>
<context>
    <name>InboxModel</name>
    <message>
        <source>Today %1</source>
        <translation>Heute %1</translation>
    </message>
    <message>
        <source>Yesterday %1</source>
        <translation>Gestern %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>inbox author: name (handle)</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Autor</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netzwerk</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Einträge</translation>
    </message>
    <message>
        <source>Newest</source>
        <translation>Neueste</translation>
    </message>
</context>
<context>
    <name>InboxView</name>
    <message>
        <source>Inbox</source>
        <translation>Posteingang</translation>
    </message>
    <message>
        <source>Authors waiting in the Inbox</source>
        <translation>Autoren, die im Posteingang warten</translation>
    </message>
    <message>
        <source>&amp;Link to First Suggestion</source>
        <translation>Mit erstem &amp;Vorschlag verknüpfen</translation>
    </message>
    <message>
        <source>Link the author to the first suggested contact</source>
        <translation>Den Autor mit dem ersten vorgeschlagenen Kontakt verknüpfen</translation>
    </message>
    <message>
        <source>&amp;Create Contact</source>
        <translation>Kontakt &amp;anlegen</translation>
    </message>
    <message>
        <source>Make a new contact from the author</source>
        <translation>Aus dem Autor einen neuen Kontakt anlegen</translation>
    </message>
    <message>
        <source>&amp;Ignore This Person</source>
        <translation>Diese Person &amp;ignorieren</translation>
    </message>
    <message>
        <source>Drop the author&apos;s items and skip them from now on</source>
        <translation>Die Einträge des Autors verwerfen und ihn künftig überspringen</translation>
    </message>
    <message>
        <source>The Inbox is empty. Posts and messages from people who are not contacts yet appear here after a sync (File → Accounts…).</source>
        <translation>Der Posteingang ist leer. Beiträge und Nachrichten von Personen, die noch keine Kontakte sind, erscheinen hier nach einer Synchronisierung (Datei → Konten…).</translation>
    </message>
    <message>
        <source>Is this one of your contacts?</source>
        <translation>Ist das einer Ihrer Kontakte?</translation>
    </message>
    <message>
        <source>No contact looks like this author.</source>
        <translation>Kein Kontakt ähnelt diesem Autor.</translation>
    </message>
    <message>
        <source>Link to &amp;another contact:</source>
        <translation>Mit &amp;anderem Kontakt verknüpfen:</translation>
    </message>
    <message>
        <source>Link to another contact</source>
        <translation>Mit anderem Kontakt verknüpfen</translation>
    </message>
    <message>
        <source>Type a name</source>
        <translation>Namen eingeben</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Verknüpfen</translation>
    </message>
    <message>
        <source>Ignore this person</source>
        <translation>Diese Person ignorieren</translation>
    </message>
    <message>
        <source>Create contact</source>
        <translation>Kontakt anlegen</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 auf %2</translation>
    </message>
    <message numerus="yes">
        <source>Newest of %n item(s): %1</source>
        <translation>
            <numerusform>%n Eintrag: %1</numerusform>
            <numerusform>Neuester von %n Einträgen: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Create contact “%1”</source>
        <translation>Kontakt „%1“ anlegen</translation>
    </message>
    <message>
        <source>Link to %1</source>
        <translation>Mit %1 verknüpfen</translation>
    </message>
    <message>
        <source>Link to %1 (%2)</source>
        <translation>Mit %1 verknüpfen (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n item(s) moved to the contact&apos;s history.</source>
        <translation>
            <numerusform>%1: %n Eintrag in den Verlauf des Kontakts verschoben.</numerusform>
            <numerusform>%1: %n Einträge in den Verlauf des Kontakts verschoben.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: its items were removed; later ones will be skipped.</source>
        <translation>%1: Die Einträge wurden entfernt; künftige werden übersprungen.</translation>
    </message>
    <message>
        <source>Type the name of the contact this author is.</source>
        <translation>Geben Sie den Namen des Kontakts ein, zu dem dieser Autor gehört.</translation>
    </message>
    <message>
        <source>No contact is called “%1”.</source>
        <translation>Es gibt keinen Kontakt namens „%1“.</translation>
    </message>
    <message>
        <source>Several contacts match “%1”: pick one from the list.</source>
        <translation>Mehrere Kontakte passen zu „%1“: Wählen Sie einen aus der Liste.</translation>
    </message>
</context>
<context>
    <name>Interaction</name>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Anruf</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Treffen</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Veranstaltung</translation>
    </message>
    <message>
        <source>Mention</source>
        <comment>a social network post naming someone</comment>
        <translation>Erwähnung</translation>
    </message>
    <message>
        <source>Reply</source>
        <comment>noun: an answer on a social network</comment>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>Direct message</source>
        <translation>Direktnachricht</translation>
    </message>
    <message>
        <source>Pitch</source>
        <comment>noun: offering a story to a journalist</comment>
        <translation>Pitch</translation>
    </message>
    <message>
        <source>Note</source>
        <comment>noun</comment>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Post</source>
        <comment>noun: a social network post</comment>
        <translation>Beitrag</translation>
    </message>
    <message>
        <source>Inbound</source>
        <comment>from the contact to us</comment>
        <translation>Eingehend</translation>
    </message>
    <message>
        <source>Outbound</source>
        <comment>from us to the contact</comment>
        <translation>Ausgehend</translation>
    </message>
    <message>
        <source>Positive</source>
        <translation>Positiv</translation>
    </message>
    <message>
        <source>Negative</source>
        <translation>Negativ</translation>
    </message>
    <message>
        <source>Neutral</source>
        <translation>Neutral</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Überfällig</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>Diese Woche</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Später</translation>
    </message>
</context>
<context>
    <name>InteractionRepository</name>
    <message>
        <source>Choose the contact this interaction was with.</source>
        <translation>Wählen Sie den Kontakt, mit dem diese Interaktion stattfand.</translation>
    </message>
    <message>
        <source>“%1” is not a known channel.</source>
        <translation>„%1“ ist kein bekannter Kanal.</translation>
    </message>
    <message>
        <source>The direction must be inbound or outbound, not “%1”.</source>
        <translation>Die Richtung muss eingehend oder ausgehend sein, nicht „%1“.</translation>
    </message>
    <message>
        <source>Enter when the interaction took place.</source>
        <translation>Geben Sie an, wann die Interaktion stattfand.</translation>
    </message>
    <message>
        <source>The date %1 is before 1900, which is surely a typing mistake in the year. Please check it.</source>
        <translation>Das Datum %1 liegt vor 1900 – sicher ein Tippfehler im Jahr. Bitte prüfen Sie es.</translation>
    </message>
    <message>
        <source>The date %1 is more than a year from now. An interaction is something that happened or is planned soon, so please check the year.</source>
        <translation>Das Datum %1 liegt mehr als ein Jahr in der Zukunft. Eine Interaktion hat bereits stattgefunden oder ist in Kürze geplant; bitte prüfen Sie das Jahr.</translation>
    </message>
    <message>
        <source>The sentiment must be negative, neutral or positive.</source>
        <translation>Die Stimmung muss negativ, neutral oder positiv sein.</translation>
    </message>
    <message>
        <source>The follow-up date is out of range; please check the year.</source>
        <translation>Das Datum der Wiedervorlage liegt außerhalb des gültigen Bereichs; bitte prüfen Sie das Jahr.</translation>
    </message>
    <message>
        <source>saving the interaction</source>
        <translation>Speichern der Interaktion</translation>
    </message>
    <message>
        <source>The contact was deleted meanwhile; the interaction was not saved.</source>
        <translation>Der Kontakt wurde inzwischen gelöscht; die Interaktion wurde nicht gespeichert.</translation>
    </message>
    <message>
        <source>This interaction has not been saved yet.</source>
        <translation>Diese Interaktion wurde noch nicht gespeichert.</translation>
    </message>
    <message>
        <source>This interaction was changed or deleted by someone else since you opened it. Reload it to see their changes; yours were not saved.</source>
        <translation>Diese Interaktion wurde von jemand anderem geändert oder gelöscht, seit Sie sie geöffnet haben. Laden Sie sie neu, um diese Änderungen zu sehen; Ihre Änderungen wurden nicht gespeichert.</translation>
    </message>
    <message>
        <source>loading the interaction</source>
        <translation>Laden der Interaktion</translation>
    </message>
    <message>
        <source>The interaction no longer exists.</source>
        <translation>Die Interaktion existiert nicht mehr.</translation>
    </message>
    <message>
        <source>deleting the interaction</source>
        <translation>Löschen der Interaktion</translation>
    </message>
    <message>
        <source>restoring the interaction</source>
        <translation>Wiederherstellen der Interaktion</translation>
    </message>
    <message>
        <source>The subject is %L1 characters long; at most %L2 fit. Put the rest in the notes.</source>
        <translation>Der Betreff ist %L1 Zeichen lang; höchstens %L2 sind möglich. Schreiben Sie den Rest in die Notizen.</translation>
    </message>
    <message>
        <source>The notes are %L1 characters long; at most %L2 fit. Attach long documents as a link instead.</source>
        <translation>Die Notizen sind %L1 Zeichen lang; höchstens %L2 sind möglich. Fügen Sie lange Dokumente stattdessen als Link ein.</translation>
    </message>
</context>
<context>
    <name>KpiTiles</name>
    <message>
        <source>no change to compare</source>
        <comment>KPI tile: previous period had nothing</comment>
        <translation>kein Vergleich möglich</translation>
    </message>
    <message>
        <source>%1 on the previous period</source>
        <translation>%1 zum vorherigen Zeitraum</translation>
    </message>
    <message>
        <source>Previous period: %1</source>
        <translation>Vorheriger Zeitraum: %1</translation>
    </message>
</context>
<context>
    <name>LabeledValuesList</name>
    <message>
        <source>Add %1</source>
        <translation>%1 hinzufügen</translation>
    </message>
    <message>
        <source>Label of %1 %2</source>
        <translation>Bezeichnung für %1 %2</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Remove %1 %2</source>
        <translation>%1 %2 entfernen</translation>
    </message>
    <message>
        <source>Remove this %1</source>
        <translation>%1 entfernen</translation>
    </message>
    <message>
        <source>work</source>
        <comment>email or phone label</comment>
        <translation>geschäftlich</translation>
    </message>
    <message>
        <source>personal</source>
        <comment>email label</comment>
        <translation>privat</translation>
    </message>
    <message>
        <source>mobile</source>
        <comment>phone label</comment>
        <translation>mobil</translation>
    </message>
    <message>
        <source>home</source>
        <comment>phone label</comment>
        <translation>privat</translation>
    </message>
    <message>
        <source>other</source>
        <comment>email or phone label</comment>
        <translation>sonstige</translation>
    </message>
</context>
<context>
    <name>LogInteractionCommand</name>
    <message>
        <source>Log %1 with %2</source>
        <translation>%1 mit %2 erfassen</translation>
    </message>
    <message numerus="yes">
        <source>Log %1 with %n people</source>
        <translation>
            <numerusform>%1 mit %n Person erfassen</numerusform>
            <numerusform>%1 mit %n Personen erfassen</numerusform>
        </translation>
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
        <translation>Bee&amp;nden</translation>
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
    <message>
        <source>&amp;Organization</source>
        <translation>&amp;Organisation</translation>
    </message>
    <message>
        <source>&amp;Go to…</source>
        <translation>&amp;Gehe zu…</translation>
    </message>
    <message>
        <source>Jump to any contact, organization, section or command (%1)</source>
        <translation>Zu einem Kontakt, einer Organisation, einem Bereich oder Befehl springen (%1)</translation>
    </message>
    <message>
        <source>Follow-ups (%L1)</source>
        <comment>sidebar: overdue count</comment>
        <translation>Wiedervorlagen (%L1)</translation>
    </message>
    <message numerus="yes">
        <source>%n follow-up(s) overdue</source>
        <translation>
            <numerusform>%n Wiedervorlage überfällig</numerusform>
            <numerusform>%n Wiedervorlagen überfällig</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Log</source>
        <translation>&amp;Erfassen</translation>
    </message>
    <message>
        <source>&amp;Log a Conversation…</source>
        <translation>&amp;Unterhaltung erfassen…</translation>
    </message>
    <message>
        <source>Log a call, email or meeting with a contact (%1)</source>
        <translation>Anruf, E-Mail oder Treffen mit einem Kontakt erfassen (%1)</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Aktivität</translation>
    </message>
    <message>
        <source>Inbox (%L1)</source>
        <comment>sidebar: authors waiting</comment>
        <translation>Posteingang (%L1)</translation>
    </message>
    <message>
        <source>Not changed</source>
        <translation>Nicht geändert</translation>
    </message>
    <message>
        <source>&amp;Accounts…</source>
        <translation>&amp;Konten…</translation>
    </message>
    <message>
        <source>Mastodon, Bluesky and feed accounts that Rapport syncs from</source>
        <translation>Mastodon-, Bluesky- und Feed-Konten, die Rapport synchronisiert</translation>
    </message>
    <message>
        <source>&amp;Sync Now</source>
        <translation>Jetzt &amp;synchronisieren</translation>
    </message>
    <message>
        <source>Fetch new mentions, replies and posts from every account (%1)</source>
        <translation>Neue Erwähnungen, Antworten und Beiträge aus allen Konten abrufen (%1)</translation>
    </message>
    <message numerus="yes">
        <source>%n author(s) waiting in the Inbox</source>
        <translation>
            <numerusform>%n Autor wartet im Posteingang</numerusform>
            <numerusform>%n Autoren warten im Posteingang</numerusform>
        </translation>
    </message>
    <message>
        <source>Ca&amp;mpaign</source>
        <translation>Ka&amp;mpagne</translation>
    </message>
    <message>
        <source>&amp;Report…</source>
        <translation>&amp;Bericht…</translation>
    </message>
    <message>
        <source>A PDF report on a client or a campaign for a period, with a preview</source>
        <translation>Ein PDF-Bericht über einen Kunden oder eine Kampagne für einen Zeitraum, mit Vorschau</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren…</translation>
    </message>
    <message>
        <source>Contacts as vCard or CSV, follow-ups as a calendar (%1)</source>
        <translation>Kontakte als vCard oder CSV, Wiedervorlagen als Kalender (%1)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>Ein&amp;stellungen</translation>
    </message>
    <message>
        <source>&amp;Team…</source>
        <translation>&amp;Team…</translation>
    </message>
    <message>
        <source>A personal database has one person and no team</source>
        <translation>Eine persönliche Datenbank hat eine Person und kein Team</translation>
    </message>
    <message>
        <source>Invite people, change their roles, deactivate them</source>
        <translation>Personen einladen, ihre Rollen ändern, sie deaktivieren</translation>
    </message>
    <message>
        <source>Only an admin can manage the team</source>
        <translation>Nur ein Admin kann das Team verwalten</translation>
    </message>
    <message>
        <source>Your role on %1 is Viewer: you can read everything and change nothing.</source>
        <translation>Ihre Rolle in %1 ist Leser: Sie können alles lesen und nichts ändern.</translation>
    </message>
    <message numerus="yes">
        <source>Back online: %n change(s) made meanwhile are shown.</source>
        <translation>
            <numerusform>Wieder online: %n Änderung von inzwischen wird angezeigt.</numerusform>
            <numerusform>Wieder online: %n Änderungen von inzwischen werden angezeigt.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Connect to Team Database…</source>
        <translation>&amp;Mit Team-Datenbank verbinden…</translation>
    </message>
    <message>
        <source>Work on your team&apos;s shared PostgreSQL database</source>
        <translation>An der gemeinsamen PostgreSQL-Datenbank Ihres Teams arbeiten</translation>
    </message>
    <message>
        <source>Use &amp;Local Database</source>
        <translation>&amp;Lokale Datenbank verwenden</translation>
    </message>
    <message>
        <source>Work alone on the database file on this computer; the team database is not opened at the next start</source>
        <translation>Allein an der Datenbankdatei auf diesem Computer arbeiten; die Team-Datenbank wird beim nächsten Start nicht geöffnet</translation>
    </message>
    <message>
        <source>Offline — reconnecting…</source>
        <translation>Offline – Verbindung wird wiederhergestellt…</translation>
    </message>
    <message>
        <source>The connection to %1 was lost. Rapport reconnects by itself and then shows what changed meanwhile; what you are typing stays.</source>
        <translation>Die Verbindung zu %1 ist unterbrochen. Rapport verbindet sich selbst neu und zeigt dann, was sich inzwischen geändert hat; was Sie gerade eingeben, bleibt erhalten.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <source>Team: %1</source>
        <translation>Team: %1</translation>
    </message>
    <message>
        <source>Connected to %1. Changes by others appear as they are saved.</source>
        <translation>Verbunden mit %1. Änderungen anderer erscheinen, sobald sie gespeichert sind.</translation>
    </message>
    <message>
        <source>Team: %1 (encrypted)</source>
        <translation>Team: %1 (verschlüsselt)</translation>
    </message>
    <message>
        <source>Connected to %1 over an encrypted connection (TLS). Changes by others appear as they are saved.</source>
        <translation>Verbunden mit %1 über eine verschlüsselte Verbindung (TLS). Änderungen anderer erscheinen, sobald sie gespeichert sind.</translation>
    </message>
</context>
<context>
    <name>MastodonAuth</name>
    <message>
        <source>Enter the address of your Mastodon server.</source>
        <translation>Geben Sie die Adresse Ihres Mastodon-Servers ein.</translation>
    </message>
    <message>
        <source>“%1” is not the address of a server (like mastodon.social).</source>
        <translation>„%1“ ist keine Serveradresse (etwa mastodon.social).</translation>
    </message>
    <message>
        <source>“%1” does not use https://: Rapport only signs in over an encrypted connection.</source>
        <translation>„%1“ verwendet nicht https://: Rapport meldet sich nur über eine verschlüsselte Verbindung an.</translation>
    </message>
    <message>
        <source>Rapport could not wait for the browser&apos;s answer: %1</source>
        <translation>Rapport konnte nicht auf die Antwort des Browsers warten: %1</translation>
    </message>
    <message>
        <source>Paste the access token exactly as the server shows it.</source>
        <translation>Fügen Sie das Zugriffstoken genau so ein, wie der Server es anzeigt.</translation>
    </message>
    <message>
        <source>Signing in was cancelled.</source>
        <translation>Die Anmeldung wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Could not reach %1: %2</source>
        <translation>%1 ist nicht erreichbar: %2</translation>
    </message>
    <message>
        <source>%1 is not a Mastodon server (it does not know %2).</source>
        <translation>%1 ist kein Mastodon-Server (%2 ist dort unbekannt).</translation>
    </message>
    <message>
        <source>%1 refused: %2</source>
        <translation>%1 hat abgelehnt: %2</translation>
    </message>
    <message>
        <source>%1 answered with HTTP status %2.</source>
        <translation>%1 antwortete mit HTTP-Status %2.</translation>
    </message>
    <message>
        <source>%1 answered something that is not Mastodon JSON.</source>
        <translation>Die Antwort von %1 ist kein Mastodon-JSON.</translation>
    </message>
    <message>
        <source>No answer came from the browser. Try signing in again.</source>
        <translation>Vom Browser kam keine Antwort. Versuchen Sie erneut, sich anzumelden.</translation>
    </message>
    <message>
        <source>Rapport</source>
        <translation>Rapport</translation>
    </message>
    <message>
        <source>This sign-in link is out of date. Start signing in again in Rapport.</source>
        <translation>Dieser Anmeldelink ist veraltet. Starten Sie die Anmeldung in Rapport erneut.</translation>
    </message>
    <message>
        <source>Signing in was not allowed. You can close this tab.</source>
        <translation>Die Anmeldung wurde nicht erlaubt. Sie können diesen Tab schließen.</translation>
    </message>
    <message>
        <source>Access was denied in the browser.</source>
        <translation>Der Zugriff wurde im Browser verweigert.</translation>
    </message>
    <message>
        <source>%1 refused the sign-in: %2</source>
        <translation>%1 hat die Anmeldung abgelehnt: %2</translation>
    </message>
    <message>
        <source>You are signed in. You can close this tab and return to Rapport.</source>
        <translation>Sie sind angemeldet. Sie können diesen Tab schließen und zu Rapport zurückkehren.</translation>
    </message>
    <message>
        <source>%1 did not accept the access token.</source>
        <translation>%1 hat das Zugriffstoken nicht akzeptiert.</translation>
    </message>
</context>
<context>
    <name>MastodonMapping</name>
    <message>
        <source>The server answered something that is not Mastodon JSON (%1).</source>
        <translation>Die Antwort des Servers ist kein Mastodon-JSON (%1).</translation>
    </message>
    <message>
        <source>not JSON: %1 at byte %2</source>
        <translation>kein JSON: %1 bei Byte %2</translation>
    </message>
    <message>
        <source>%1 without an id</source>
        <translation>%1 ohne ID</translation>
    </message>
    <message>
        <source>%1 without a valid created_at</source>
        <translation>%1 ohne gültiges created_at</translation>
    </message>
    <message>
        <source>%1 without an account</source>
        <translation>%1 ohne Konto</translation>
    </message>
    <message>
        <source>%1 with an account without id or acct</source>
        <translation>%1 mit einem Konto ohne id oder acct</translation>
    </message>
    <message>
        <source>%1 without a status</source>
        <translation>%1 ohne Status</translation>
    </message>
    <message>
        <source>%1 with a status without uri</source>
        <translation>%1 mit einem Status ohne uri</translation>
    </message>
    <message>
        <source>%1 is not a list</source>
        <translation>%1 ist keine Liste</translation>
    </message>
    <message>
        <source>the notification list</source>
        <translation>die Benachrichtigungsliste</translation>
    </message>
    <message>
        <source>a notification that is not an object</source>
        <translation>eine Benachrichtigung, die kein Objekt ist</translation>
    </message>
    <message>
        <source>a notification</source>
        <translation>eine Benachrichtigung</translation>
    </message>
    <message>
        <source>notification %1 without a type</source>
        <translation>Benachrichtigung %1 ohne Typ</translation>
    </message>
    <message>
        <source>notification %1</source>
        <translation>Benachrichtigung %1</translation>
    </message>
    <message>
        <source>the conversation list</source>
        <translation>die Unterhaltungsliste</translation>
    </message>
    <message>
        <source>a conversation that is not an object</source>
        <translation>eine Unterhaltung, die kein Objekt ist</translation>
    </message>
    <message>
        <source>a conversation</source>
        <translation>eine Unterhaltung</translation>
    </message>
    <message>
        <source>conversation %1</source>
        <translation>Unterhaltung %1</translation>
    </message>
    <message>
        <source>%1 with a last_status that is not an object</source>
        <translation>%1 mit einem last_status, der kein Objekt ist</translation>
    </message>
    <message>
        <source>%1 without accounts</source>
        <translation>%1 ohne Konten</translation>
    </message>
    <message>
        <source>the account is not an object</source>
        <translation>das Konto ist kein Objekt</translation>
    </message>
    <message>
        <source>the account</source>
        <translation>das Konto</translation>
    </message>
    <message>
        <source>%1: a mention whose post was deleted</source>
        <translation>%1: eine Erwähnung, deren Beitrag gelöscht wurde</translation>
    </message>
</context>
<context>
    <name>MastodonSource</name>
    <message>
        <source>The sync was cancelled.</source>
        <translation>Die Synchronisierung wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Signed in as @%1</source>
        <translation>Angemeldet als @%1</translation>
    </message>
    <message>
        <source>“%1” is not the address of a Mastodon server.</source>
        <translation>„%1“ ist keine Adresse eines Mastodon-Servers.</translation>
    </message>
    <message>
        <source>Sign in to %1 again: Rapport has no access token for this account.</source>
        <translation>Melden Sie sich erneut bei %1 an: Rapport hat kein Zugriffstoken für dieses Konto.</translation>
    </message>
    <message>
        <source>Sign in to %1 again: the access token could not be read (%2)</source>
        <translation>Melden Sie sich erneut bei %1 an: Das Zugriffstoken konnte nicht gelesen werden (%2)</translation>
    </message>
    <message>
        <source>%1 no longer accepts Rapport&apos;s access (the token is invalid or was revoked). Sign in to %1 again.</source>
        <translation>%1 akzeptiert den Zugriff von Rapport nicht mehr (das Token ist ungültig oder wurde widerrufen). Melden Sie sich erneut bei %1 an.</translation>
    </message>
    <message>
        <source>%1 does not allow Rapport to read this account. Sign in to %1 again.</source>
        <translation>%1 erlaubt Rapport nicht, dieses Konto zu lesen. Melden Sie sich erneut bei %1 an.</translation>
    </message>
    <message>
        <source>%1 does not allow Rapport to read this account: %2. Sign in to %1 again.</source>
        <translation>%1 erlaubt Rapport nicht, dieses Konto zu lesen: %2. Melden Sie sich erneut bei %1 an.</translation>
    </message>
    <message>
        <source>%1 is not a Mastodon server (it does not know %2).</source>
        <translation>%1 ist kein Mastodon-Server (%2 ist dort unbekannt).</translation>
    </message>
    <message>
        <source>%1 refused the request.</source>
        <translation>%1 hat die Anfrage abgelehnt.</translation>
    </message>
    <message>
        <source>%1 refused the request: %2</source>
        <translation>%1 hat die Anfrage abgelehnt: %2</translation>
    </message>
    <message>
        <source>%1 answered with HTTP status %2.</source>
        <translation>%1 antwortete mit HTTP-Status %2.</translation>
    </message>
    <message>
        <source>%1 answered with HTTP status %2: %3</source>
        <translation>%1 antwortete mit HTTP-Status %2: %3</translation>
    </message>
    <message>
        <source>%1 answered with a web page instead of Mastodon data. Check that %1 is a Mastodon server; if it is, it may be down for maintenance.</source>
        <translation>%1 hat mit einer Webseite statt mit Mastodon-Daten geantwortet. Prüfen Sie, ob %1 ein Mastodon-Server ist; falls ja, wird er vielleicht gerade gewartet.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>server: what was wrong with its answer</comment>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>MediaListModel</name>
    <message>
        <source>%1 (%2)</source>
        <comment>name (title)</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
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
        <source>Beats</source>
        <translation>Ressorts</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Beziehungsqualität</translation>
    </message>
    <message>
        <source>Last contacted</source>
        <translation>Letzter Kontakt</translation>
    </message>
    <message>
        <source>Pitch</source>
        <translation>Pitch</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Warnungen</translation>
    </message>
</context>
<context>
    <name>MediaListTab</name>
    <message>
        <source>Add a person: type a name, pick from the list</source>
        <translation>Person hinzufügen: Namen eingeben</translation>
    </message>
    <message>
        <source>Add a person</source>
        <translation>Person hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <source>Saved view</source>
        <translation>Gespeicherte Ansicht</translation>
    </message>
    <message>
        <source>A saved view of the contact list: everybody it lists can be added at once</source>
        <translation>Eine gespeicherte Ansicht der Kontaktliste: Alle, die sie zeigt, lassen sich auf einmal hinzufügen</translation>
    </message>
    <message>
        <source>Add &amp;everybody in the view</source>
        <translation>&amp;Alle aus der Ansicht hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Take the selected people off the media list (Delete)</source>
        <translation>Die ausgewählten Personen aus dem Presseverteiler nehmen (Entf)</translation>
    </message>
    <message>
        <source>Media list</source>
        <translation>Presseverteiler</translation>
    </message>
    <message>
        <source>No saved views yet</source>
        <translation>Noch keine gespeicherten Ansichten</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <comment>completion: name — title, outlet</comment>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>Nobody is called “%1”.</source>
        <translation>Niemand heißt „%1“.</translation>
    </message>
    <message>
        <source>Several people match “%1”: pick one from the list.</source>
        <translation>Mehrere Personen passen zu „%1“: Wählen Sie eine aus der Liste.</translation>
    </message>
    <message>
        <source>Not added.</source>
        <translation>Nicht hinzugefügt.</translation>
    </message>
    <message numerus="yes">
        <source>Added %n person(s) to the media list.</source>
        <translation>
            <numerusform>%n Person zum Presseverteiler hinzugefügt.</numerusform>
            <numerusform>%n Personen zum Presseverteiler hinzugefügt.</numerusform>
        </translation>
    </message>
    <message>
        <source>“%1” lists more than %L2 people; narrow it down first (a media list is for the people you will really pitch).</source>
        <translation>„%1“ zeigt mehr als %L2 Personen; grenzen Sie die Ansicht zuerst ein (ein Presseverteiler ist für die Leute, die Sie wirklich pitchen).</translation>
    </message>
    <message>
        <source>“%1” lists nobody.</source>
        <translation>„%1“ zeigt niemanden.</translation>
    </message>
    <message>
        <source>Remove %1 from the media list</source>
        <translation>%1 aus dem Presseverteiler entfernen</translation>
    </message>
    <message numerus="yes">
        <source>Remove %n people from the media list</source>
        <translation>
            <numerusform>%n Person aus dem Presseverteiler entfernen</numerusform>
            <numerusform>%n Personen aus dem Presseverteiler entfernen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln person(s) on the media list</source>
        <translation>
            <numerusform>%Ln Person im Presseverteiler</numerusform>
            <numerusform>%Ln Personen im Presseverteiler</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln with a warning</source>
        <translation>
            <numerusform>%Ln mit Warnung</numerusform>
            <numerusform>%Ln mit Warnung</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MergeContactsCommand</name>
    <message>
        <source>Merge “%1” into “%2”</source>
        <translation>„%1“ mit „%2“ zusammenführen</translation>
    </message>
    <message>
        <source>Could not undo or redo</source>
        <translation>Rückgängigmachen oder Wiederherstellen nicht möglich</translation>
    </message>
    <message>
        <source>“%1” could not be undone or redone: %2</source>
        <translation>„%1“ konnte nicht rückgängig gemacht oder wiederhergestellt werden: %2</translation>
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
    <message>
        <source>Added background sync of social accounts and feeds, and the Inbox (version 2).</source>
        <translation>Hintergrundsynchronisierung von Social-Media-Konten und Feeds sowie der Posteingang wurden hinzugefügt (Version 2).</translation>
    </message>
    <message>
        <source>Sorted the contact list by outlet faster (version 3).</source>
        <translation>Die Kontaktliste wird schneller nach Medium sortiert (Version 3).</translation>
    </message>
    <message>
        <source>Marked synced items whose source gave no date (version 4).</source>
        <translation>Synchronisierte Einträge, deren Quelle kein Datum angab, werden gekennzeichnet (Version 4).</translation>
    </message>
    <message>
        <source>Kept what the last sync of each account had to skip (version 5).</source>
        <translation>Festgehalten, was die letzte Synchronisierung jedes Kontos überspringen musste (Version 5).</translation>
    </message>
    <message>
        <source>Added campaign briefs, content versions, the pitch pipeline&apos;s history and coverage links (version 6).</source>
        <translation>Kampagnen-Briefings, Inhaltsversionen, der Verlauf der Pitch-Pipeline und Verknüpfungen zur Berichterstattung wurden hinzugefügt (Version 6).</translation>
    </message>
    <message>
        <source>Kept each contact&apos;s health of 90 days ago, so Cooling off lists at once (version 7).</source>
        <translation>Den Beziehungswert jedes Kontakts von vor 90 Tagen gespeichert, damit „Abkühlend“ sofort erscheint (Version 7).</translation>
    </message>
    <message>
        <source>Gave coverage recorded earlier its normalized address, so the same article is never recorded twice (version 8).</source>
        <translation>Früher erfasster Berichterstattung ihre normalisierte Adresse gegeben, damit derselbe Artikel nie doppelt erfasst wird (Version 8).</translation>
    </message>
    <message>
        <source>Recorded import batches, so that an import can be undone (version 9).</source>
        <translation>Importstapel werden festgehalten, damit sich ein Import rückgängig machen lässt (Version 9).</translation>
    </message>
    <message>
        <source>Kept the dashboard&apos;s counts up to date on every change, so it answers at once (version 10).</source>
        <translation>Hält die Zahlen der Übersicht bei jeder Änderung aktuell, damit es sofort antwortet (Version 10).</translation>
    </message>
    <message>
        <source>Kept the dashboard&apos;s counts per month too, so that a year is counted as fast as a week (version 13).</source>
        <translation>Hält die Zahlen der Übersicht auch pro Monat, damit ein Jahr so schnell gezählt ist wie eine Woche (Version 13).</translation>
    </message>
    <message>
        <source>Added indexes that make the who-to-pitch suggestions faster on PostgreSQL (version 14).</source>
        <translation>Fügt Indizes hinzu, die die Vorschläge „Wen pitchen“ unter PostgreSQL beschleunigen (Version 14).</translation>
    </message>
    <message>
        <source>Added team roles enforced by the database server and the history of every field (version 11).</source>
        <translation>Team-Rollen, die der Datenbankserver durchsetzt, und der Verlauf jedes Felds hinzugefügt (Version 11).</translation>
    </message>
    <message>
        <source>Made counting the open follow-ups faster (version 19).</source>
        <translation>Zählt die offenen Wiedervorlagen schneller (Version 19).</translation>
    </message>
    <message>
        <source>Let the server announce every change, so other people&apos;s edits appear at once (version 12).</source>
        <translation>Der Server kündigt jede Änderung an, damit Änderungen anderer sofort erscheinen (Version 12).</translation>
    </message>
    <message>
        <source>Made search as you type faster on PostgreSQL (version 17).</source>
        <translation>Beschleunigt die Suche während der Eingabe unter PostgreSQL (Version 17).</translation>
    </message>
    <message>
        <source>Kept each contact&apos;s conversations per month, so that a year&apos;s top relationships are found at once (version 16).</source>
        <translation>Hält die Gespräche jedes Kontakts pro Monat fest, damit die wichtigsten Beziehungen eines Jahres sofort gefunden sind (Version 16).</translation>
    </message>
    <message>
        <source>counting the dashboard&apos;s figures</source>
        <translation>Zählen der Kennzahlen der Übersicht</translation>
    </message>
    <message>
        <source>Made searching the conversations for a common word faster on PostgreSQL (version 20).</source>
        <translation>Beschleunigt die Suche nach einem häufigen Wort in den Unterhaltungen unter PostgreSQL (Version 20).</translation>
    </message>
    <message>
        <source>Added the email addresses, phone numbers, handles, beats and tags of a contact to its history (version 21).</source>
        <translation>Die E-Mail-Adressen, Telefonnummern, Handles, Ressorts und Tags eines Kontakts in seinen Verlauf aufgenommen (Version 21).</translation>
    </message>
</context>
<context>
    <name>MovePitchCommand</name>
    <message>
        <source>Move %1 to “%2”</source>
        <translation>%1 nach „%2“ verschieben</translation>
    </message>
</context>
<context>
    <name>NaturalDate</name>
    <message>
        <source>today</source>
        <translation>heute</translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation>gestern</translation>
    </message>
    <message>
        <source>tomorrow</source>
        <translation>morgen</translation>
    </message>
    <message>
        <source>now</source>
        <translation>jetzt</translation>
    </message>
    <message>
        <source>at</source>
        <comment>between a date and a time: tomorrow at 10:00</comment>
        <translation>um</translation>
    </message>
</context>
<context>
    <name>Network</name>
    <message>
        <source>Mastodon</source>
        <translation>Mastodon</translation>
    </message>
    <message>
        <source>Bluesky</source>
        <translation>Bluesky</translation>
    </message>
    <message>
        <source>Feed</source>
        <comment>an RSS or Atom feed</comment>
        <translation>Feed</translation>
    </message>
    <message>
        <source>%1, %2 or %3</source>
        <comment>the kinds of accounts</comment>
        <translation>%1, %2 oder %3</translation>
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
    <name>OrganizationCommands</name>
    <message>
        <source>Edit “%1”</source>
        <translation>„%1“ bearbeiten</translation>
    </message>
    <message>
        <source>“%1” was changed by someone else since; it was left as they saved it.</source>
        <translation>„%1“ wurde inzwischen von jemand anderem geändert; der dort gespeicherte Stand bleibt erhalten.</translation>
    </message>
    <message>
        <source>New organization “%1”</source>
        <translation>Neue Organisation „%1“</translation>
    </message>
    <message>
        <source>Move “%1” to the trash</source>
        <translation>„%1“ in den Papierkorb verschieben</translation>
    </message>
</context>
<context>
    <name>OrganizationEditor</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Kind of organization</source>
        <translation>Art der Organisation</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Website</translation>
    </message>
    <message>
        <source>Reach</source>
        <translation>Reichweite</translation>
    </message>
    <message>
        <source>Readers, listeners or followers, as far as known.</source>
        <translation>Leser, Hörer oder Follower, soweit bekannt.</translation>
    </message>
    <message>
        <source>Unknown</source>
        <comment>reach</comment>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Stadt</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>Na&amp;me:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Art:</translation>
    </message>
    <message>
        <source>&amp;Website:</source>
        <translation>&amp;Website:</translation>
    </message>
    <message>
        <source>&amp;Reach:</source>
        <translation>&amp;Reichweite:</translation>
    </message>
    <message>
        <source>C&amp;ity:</source>
        <translation>S&amp;tadt:</translation>
    </message>
    <message>
        <source>C&amp;ountry:</source>
        <translation>&amp;Land:</translation>
    </message>
    <message>
        <source>No&amp;tes:</source>
        <translation>N&amp;otizen:</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Save the organization (%1)</source>
        <translation>Organisation speichern (%1)</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>&amp;Verwerfen</translation>
    </message>
    <message>
        <source>Forget your changes and show what is saved</source>
        <translation>Ihre Änderungen verwerfen und den gespeicherten Stand anzeigen</translation>
    </message>
    <message>
        <source>People who work here</source>
        <translation>Personen, die hier arbeiten</translation>
    </message>
    <message>
        <source>Double-click or press Enter to open the contact</source>
        <translation>Doppelklicken oder Enter drücken, um den Kontakt zu öffnen</translation>
    </message>
    <message>
        <source>&amp;People: nobody works here yet.</source>
        <translation>&amp;Personen: Hier arbeitet noch niemand.</translation>
    </message>
    <message>
        <source>&amp;People who work here (%L1):</source>
        <translation>&amp;Personen, die hier arbeiten (%L1):</translation>
    </message>
    <message>
        <source>New organization</source>
        <translation>Neue Organisation</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Änderungen</translation>
    </message>
    <message>
        <source>Who changed what in this organization, and when</source>
        <translation>Wer in dieser Organisation was wann geändert hat</translation>
    </message>
</context>
<context>
    <name>OrganizationListModel</name>
    <message>
        <source>Newspaper</source>
        <translation>Zeitung</translation>
    </message>
    <message>
        <source>Magazine</source>
        <translation>Zeitschrift</translation>
    </message>
    <message>
        <source>Online outlet</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Broadcaster</source>
        <translation>Sender</translation>
    </message>
    <message>
        <source>Podcast</source>
        <translation>Podcast</translation>
    </message>
    <message>
        <source>Blog</source>
        <translation>Blog</translation>
    </message>
    <message>
        <source>Agency</source>
        <comment>news or PR agency</comment>
        <translation>Agentur</translation>
    </message>
    <message>
        <source>Client</source>
        <comment>a client of the PR agency</comment>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Other</source>
        <comment>organization kind</comment>
        <translation>Sonstige</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Kind</source>
        <comment>newspaper, magazine, client...</comment>
        <translation>Art</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Stadt</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>Reach</source>
        <comment>audience size</comment>
        <translation>Reichweite</translation>
    </message>
    <message>
        <source>People</source>
        <comment>contacts working at the organization</comment>
        <translation>Personen</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Geändert</translation>
    </message>
</context>
<context>
    <name>OrganizationListQuery</name>
    <message>
        <source>counting organizations</source>
        <translation>Zählen der Organisationen</translation>
    </message>
    <message>
        <source>sorting the organization list</source>
        <translation>Sortieren der Organisationsliste</translation>
    </message>
    <message>
        <source>loading the organization list</source>
        <translation>Laden der Organisationsliste</translation>
    </message>
</context>
<context>
    <name>OrganizationPeopleModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Title</source>
        <comment>job title</comment>
        <translation>Position</translation>
    </message>
    <message>
        <source>Role</source>
        <comment>role at the organization</comment>
        <translation>Rolle</translation>
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
    <message>
        <source>loading the people of the organization</source>
        <translation>Laden der Personen der Organisation</translation>
    </message>
    <message>
        <source>counting the people of the organization</source>
        <translation>Zählen der Personen der Organisation</translation>
    </message>
</context>
<context>
    <name>OrganizationsView</name>
    <message>
        <source>Search by name, city, country or website</source>
        <translation>Nach Name, Stadt, Land oder Website suchen</translation>
    </message>
    <message>
        <source>Search organizations</source>
        <translation>Organisationen durchsuchen</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Neu</translation>
    </message>
    <message>
        <source>Organizations</source>
        <translation>Organisationen</translation>
    </message>
    <message>
        <source>Select an organization to see its details and its people.</source>
        <translation>Wählen Sie eine Organisation aus, um Details und Personen zu sehen.</translation>
    </message>
    <message>
        <source>&amp;New Organization</source>
        <translation>&amp;Neue Organisation</translation>
    </message>
    <message>
        <source>&amp;Save Organization</source>
        <translation>Organisation &amp;speichern</translation>
    </message>
    <message>
        <source>Re&amp;vert Changes</source>
        <translation>Änderungen &amp;verwerfen</translation>
    </message>
    <message>
        <source>&amp;Move to Trash</source>
        <translation>In den &amp;Papierkorb verschieben</translation>
    </message>
    <message>
        <source>%L1 organizations</source>
        <translation>%L1 Organisationen</translation>
    </message>
    <message>
        <source>%L1 of %L2</source>
        <translation>%L1 von %L2</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Nicht gespeicherte Änderungen</translation>
    </message>
    <message>
        <source>Save the new organization before leaving it?</source>
        <translation>Möchten Sie die neue Organisation speichern, bevor Sie sie verlassen?</translation>
    </message>
    <message>
        <source>“%1” has unsaved changes. Save them before leaving it?</source>
        <translation>„%1“ hat nicht gespeicherte Änderungen. Möchten Sie sie speichern, bevor Sie die Organisation verlassen?</translation>
    </message>
    <message>
        <source>Organization not opened</source>
        <translation>Organisation nicht geöffnet</translation>
    </message>
    <message>
        <source>Discard your unsaved changes and start a new organization?</source>
        <translation>Nicht gespeicherte Änderungen verwerfen und eine neue Organisation anlegen?</translation>
    </message>
    <message>
        <source>Organization not deleted</source>
        <translation>Organisation nicht gelöscht</translation>
    </message>
    <message>
        <source>Move to the trash?</source>
        <translation>In den Papierkorb verschieben?</translation>
    </message>
    <message numerus="yes">
        <source>%n people work at “%1”. They keep their other details and show no organization while it is in the trash. Move it to the trash?</source>
        <translation>
            <numerusform>%n Person arbeitet bei „%1“. Sie behält ihre übrigen Angaben und zeigt keine Organisation an, solange diese im Papierkorb liegt. In den Papierkorb verschieben?</numerusform>
            <numerusform>%n Personen arbeiten bei „%1“. Sie behalten ihre übrigen Angaben und zeigen keine Organisation an, solange diese im Papierkorb liegt. In den Papierkorb verschieben?</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not undo or redo</source>
        <translation>Rückgängigmachen oder Wiederherstellen nicht möglich</translation>
    </message>
    <message>
        <source>“%1” saved, merged with what %2 changed meanwhile (%3).</source>
        <translation>„%1“ gespeichert, zusammengeführt mit dem, was %2 inzwischen geändert hat (%3).</translation>
    </message>
    <message>
        <source>“%1” saved with your choices.</source>
        <translation>„%1“ mit Ihrer Auswahl gespeichert.</translation>
    </message>
</context>
<context>
    <name>PendingCampaignTab</name>
    <message>
        <source>This tab is not built yet.</source>
        <translation>Dieser Tab ist noch nicht gebaut.</translation>
    </message>
</context>
<context>
    <name>PipelineTab</name>
    <message>
        <source>&amp;Board</source>
        <translation>&amp;Tafel</translation>
    </message>
    <message>
        <source>One column per status; drag cards between them</source>
        <translation>Eine Spalte je Status; Karten zwischen den Spalten ziehen</translation>
    </message>
    <message>
        <source>&amp;Table</source>
        <translation>Ta&amp;belle</translation>
    </message>
    <message>
        <source>Every pitch in one sortable table</source>
        <translation>Alle Pitches in einer sortierbaren Tabelle</translation>
    </message>
    <message>
        <source>Move to the previous status</source>
        <translation>In den vorigen Status verschieben</translation>
    </message>
    <message>
        <source>Move to the next status</source>
        <translation>In den nächsten Status verschieben</translation>
    </message>
    <message>
        <source>Move to “%1”</source>
        <translation>Nach „%1“ verschieben</translation>
    </message>
    <message>
        <source>◀ Move back</source>
        <translation>◀ Zurück</translation>
    </message>
    <message>
        <source>Move on ▶</source>
        <translation>Weiter ▶</translation>
    </message>
    <message>
        <source>Ctrl+Right / Ctrl+Left or Alt+1 … Alt+6 move the selected pitch; Enter opens the person.</source>
        <translation>Strg+Rechts / Strg+Links oder Alt+1 … Alt+6 verschieben den ausgewählten Pitch; Eingabe öffnet die Person.</translation>
    </message>
    <message>
        <source>Pipeline</source>
        <translation>Pipeline</translation>
    </message>
    <message>
        <source>%1: %2 on %3</source>
        <translation>%1: %2 am %3</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <source>Move %1&apos;s pitch to “Replied”, replied on %2</source>
        <translation>Den Pitch an %1 nach „Beantwortet“ verschieben, beantwortet am %2</translation>
    </message>
    <message>
        <source>Not a reply</source>
        <translation>Keine Antwort</translation>
    </message>
    <message>
        <source>Stop proposing this for %1 until something newer comes in</source>
        <translation>Für %1 nicht mehr vorschlagen, bis etwas Neueres kommt</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more (marked “Reply?” on the board).</source>
        <translation>
            <numerusform>… und %n weitere (auf der Tafel mit „Antwort?“ markiert).</numerusform>
            <numerusform>… und %n weitere (auf der Tafel mit „Antwort?“ markiert).</numerusform>
        </translation>
    </message>
    <message>
        <source>The board was reloaded with the latest state.</source>
        <translation>Die Tafel wurde mit dem neuesten Stand neu geladen.</translation>
    </message>
    <message>
        <source>%1 moved to “%2”.</source>
        <translation>%1 nach „%2“ verschoben.</translation>
    </message>
    <message>
        <source>%1 replied: moved to “%2”.</source>
        <translation>%1 hat geantwortet: nach „%2“ verschoben.</translation>
    </message>
    <message>
        <source>%1 “%2”</source>
        <comment>channel “subject”</comment>
        <translation>%1 „%2“</translation>
    </message>
    <message numerus="yes">
        <source>%Ln pitch(es)</source>
        <translation>
            <numerusform>%Ln Pitch</numerusform>
            <numerusform>%Ln Pitches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln reply(s) came in after a pitch. Accept to move the pitch to “Replied”:</source>
        <translation>
            <numerusform>%Ln Antwort kam nach einem Pitch. Übernehmen verschiebt den Pitch nach „Beantwortet“:</numerusform>
            <numerusform>%Ln Antworten kamen nach einem Pitch. Übernehmen verschiebt den Pitch nach „Beantwortet“:</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 moved to “%2”, kept with what %3 changed meanwhile.</source>
        <translation>%1 nach „%2“ verschoben, zusammen mit dem, was %3 inzwischen geändert hat.</translation>
    </message>
    <message>
        <source>%1 was already moved to “%2” by %3.</source>
        <translation>%1 wurde bereits von %3 nach „%2“ verschoben.</translation>
    </message>
</context>
<context>
    <name>PitchBoard</name>
    <message>
        <source>Drag a card to another column, or use Ctrl+Right / Ctrl+Left or Alt+1 … Alt+6 to move the selected pitch. Left and Right go to the next column; Enter opens the person.</source>
        <translation>Ziehen Sie eine Karte in eine andere Spalte, oder verschieben Sie den ausgewählten Pitch mit Strg+Rechts / Strg+Links oder Alt+1 … Alt+6. Links und Rechts gehen zur nächsten Spalte; Eingabe öffnet die Person.</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <comment>board column: status · number of pitches</comment>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>PitchBoardModel</name>
    <message>
        <source>Moved on %1</source>
        <translation>Verschoben am %1</translation>
    </message>
    <message>
        <source>Moved by %1 on %2</source>
        <translation>Verschoben von %1 am %2</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>A reply came in after the pitch: accept it above the board.</source>
        <translation>Nach dem Pitch kam eine Antwort: Übernehmen Sie sie oberhalb der Tafel.</translation>
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
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Pitched</source>
        <translation>Gepitcht</translation>
    </message>
    <message>
        <source>Replied</source>
        <translation>Beantwortet</translation>
    </message>
    <message>
        <source>Last moved</source>
        <translation>Zuletzt verschoben</translation>
    </message>
    <message>
        <source>Reply?</source>
        <translation>Antwort?</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <comment>card: date · who moved it</comment>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>PitchMoves</name>
    <message>
        <source>Unknown pitch status “%1”.</source>
        <translation>Unbekannter Pitch-Status „%1“.</translation>
    </message>
    <message>
        <source>moving the pitch</source>
        <translation>Verschieben des Pitches</translation>
    </message>
    <message>
        <source>The pitch no longer exists or was taken off the media list.</source>
        <translation>Dieser Pitch existiert nicht mehr oder wurde aus dem Presseverteiler genommen.</translation>
    </message>
</context>
<context>
    <name>PitchRepository</name>
    <message numerus="yes">
        <source>Added %n person(s) to the media list.</source>
        <translation>
            <numerusform>%n Person zum Presseverteiler hinzugefügt.</numerusform>
            <numerusform>%n Personen zum Presseverteiler hinzugefügt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not added:</source>
        <translation>
            <numerusform>%n nicht hinzugefügt:</numerusform>
            <numerusform>%n nicht hinzugefügt:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(and %n more)</source>
        <translation>
            <numerusform>(und %n weitere)</numerusform>
            <numerusform>(und %n weitere)</numerusform>
        </translation>
    </message>
    <message>
        <source>Do not contact.</source>
        <translation>Nicht kontaktieren.</translation>
    </message>
    <message>
        <source>Do not contact: %1.</source>
        <translation>Nicht kontaktieren: %1.</translation>
    </message>
    <message>
        <source>No recorded consent.</source>
        <translation>Keine Einwilligung erfasst.</translation>
    </message>
    <message>
        <source>today</source>
        <translation>heute</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>vor %n Tag</numerusform>
            <numerusform>vor %n Tagen</numerusform>
        </translation>
    </message>
    <message>
        <source>Pitched %1.</source>
        <translation>Gepitcht %1.</translation>
    </message>
    <message>
        <source>Pitched %1 for “%2”.</source>
        <translation>Gepitcht %1 für „%2“.</translation>
    </message>
    <message>
        <source>adding people to the media list</source>
        <translation>Hinzufügen von Personen zum Presseverteiler</translation>
    </message>
    <message>
        <source>The campaign no longer exists.</source>
        <translation>Die Kampagne existiert nicht mehr.</translation>
    </message>
    <message>
        <source>Contact no. %1 no longer exists.</source>
        <translation>Kontakt Nr. %1 existiert nicht mehr.</translation>
    </message>
    <message>
        <source>%1 is in the trash.</source>
        <translation>%1 liegt im Papierkorb.</translation>
    </message>
    <message>
        <source>%1 asked not to be contacted (%2).</source>
        <translation>%1 möchte nicht kontaktiert werden (%2).</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>ohne Angabe von Gründen</translation>
    </message>
    <message>
        <source>%1 is already on the media list.</source>
        <translation>%1 steht bereits auf dem Presseverteiler.</translation>
    </message>
    <message>
        <source>removing people from the media list</source>
        <translation>Entfernen von Personen aus dem Presseverteiler</translation>
    </message>
    <message>
        <source>putting people back on the media list</source>
        <translation>Zurücksetzen von Personen auf den Presseverteiler</translation>
    </message>
    <message>
        <source>Someone else changed this media list meanwhile; nothing was removed.</source>
        <translation>Jemand anderes hat diesen Presseverteiler inzwischen geändert; es wurde nichts entfernt.</translation>
    </message>
    <message>
        <source>Someone else changed this media list meanwhile; nobody was put back.</source>
        <translation>Jemand anderes hat diesen Presseverteiler inzwischen geändert; niemand wurde wieder aufgenommen.</translation>
    </message>
    <message>
        <source>loading the media list</source>
        <translation>Laden des Presseverteilers</translation>
    </message>
    <message>
        <source>loading the pipeline</source>
        <translation>Laden der Pipeline</translation>
    </message>
    <message>
        <source>The pitch is no longer on the media list.</source>
        <translation>Der Pitch steht nicht mehr auf dem Presseverteiler.</translation>
    </message>
    <message>
        <source>logging the pitch</source>
        <translation>Erfassen des Pitches</translation>
    </message>
    <message>
        <source>Pitched for “%1”</source>
        <translation>Gepitcht für „%1“</translation>
    </message>
    <message>
        <source>Pitched “%1” for “%2”</source>
        <translation>„%1“ gepitcht für „%2“</translation>
    </message>
    <message>
        <source>taking the pitch out of the timeline</source>
        <translation>Entfernen des Pitches aus dem Verlauf</translation>
    </message>
    <message>
        <source>Unknown pitch status “%1”.</source>
        <translation>Unbekannter Pitch-Status „%1“.</translation>
    </message>
    <message>
        <source>moving the pitch</source>
        <translation>Verschieben des Pitches</translation>
    </message>
    <message>
        <source>The pitch no longer exists.</source>
        <translation>Der Pitch existiert nicht mehr.</translation>
    </message>
    <message>
        <source>%1 was taken off the media list by someone else meanwhile; the move was not saved.</source>
        <translation>%1 wurde inzwischen von jemand anderem aus dem Presseverteiler genommen; die Verschiebung wurde nicht gespeichert.</translation>
    </message>
    <message>
        <source>Someone else changed %1&apos;s pitch meanwhile (it is in “%2” now); the move was not saved.</source>
        <translation>Jemand anderes hat den Pitch an %1 inzwischen geändert (er steht jetzt auf „%2“); die Verschiebung wurde nicht gespeichert.</translation>
    </message>
    <message>
        <source>Someone else changed %1&apos;s pitch meanwhile; the move was not saved.</source>
        <translation>Jemand anderes hat den Pitch an %1 inzwischen geändert; die Verschiebung wurde nicht gespeichert.</translation>
    </message>
    <message>
        <source>loading the pitch&apos;s moves</source>
        <translation>Laden der Verschiebungen des Pitches</translation>
    </message>
    <message>
        <source>looking for replies</source>
        <translation>Suchen nach Antworten</translation>
    </message>
    <message>
        <source>dismissing the reply</source>
        <translation>Verwerfen der Antwort</translation>
    </message>
    <message>
        <source>Someone else changed this pitch meanwhile; nothing was changed.</source>
        <translation>Jemand anderes hat diesen Pitch inzwischen geändert; es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>loading the pitch</source>
        <translation>Laden des Pitches</translation>
    </message>
</context>
<context>
    <name>PitchScore</name>
    <message>
        <source>today</source>
        <translation>heute</translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation>gestern</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>vor %n Tag</numerusform>
            <numerusform>vor %n Tagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n week(s) ago</source>
        <translation>
            <numerusform>vor %n Woche</numerusform>
            <numerusform>vor %n Wochen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n month(s) ago</source>
        <translation>
            <numerusform>vor %n Monat</numerusform>
            <numerusform>vor %n Monaten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n year(s) ago</source>
        <translation>
            <numerusform>vor %n Jahr</numerusform>
            <numerusform>vor %n Jahren</numerusform>
        </translation>
    </message>
    <message>
        <source>email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>phone calls</source>
        <translation>Anrufe</translation>
    </message>
    <message>
        <source>direct messages</source>
        <translation>Direktnachrichten</translation>
    </message>
    <message>
        <source>meeting in person</source>
        <translation>persönliche Treffen</translation>
    </message>
    <message>
        <source>Mastodon</source>
        <translation>Mastodon</translation>
    </message>
    <message>
        <source>Bluesky</source>
        <translation>Bluesky</translation>
    </message>
    <message>
        <source>X</source>
        <translation>X</translation>
    </message>
    <message>
        <source>LinkedIn</source>
        <translation>LinkedIn</translation>
    </message>
    <message>
        <source>covers %1</source>
        <translation>Ressort %1</translation>
    </message>
    <message>
        <source>tagged %1</source>
        <translation>Schlagwort %1</translation>
    </message>
    <message>
        <source>wrote about %1 %2</source>
        <translation>schrieb %2 über %1</translation>
    </message>
    <message numerus="yes">
        <source>wrote about %1 %2 (%n matching posts in %3 days)</source>
        <translation>
            <numerusform>schrieb %2 über %1 (%n passender Beitrag in %3 Tagen)</numerusform>
            <numerusform>schrieb %2 über %1 (%n passende Beiträge in %3 Tagen)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>covered %1 %n time(s) before</source>
        <translation>
            <numerusform>berichtete schon einmal über %1</numerusform>
            <numerusform>berichtete schon %n-mal über %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>replied to %1 of %n pitch(es)</source>
        <translation>
            <numerusform>antwortete auf %1 von %n Pitch</numerusform>
            <numerusform>antwortete auf %1 von %n Pitches</numerusform>
        </translation>
    </message>
    <message>
        <source>not pitched before</source>
        <translation>noch nie gepitcht</translation>
    </message>
    <message numerus="yes">
        <source>covered %1 of %n pitch(es)</source>
        <translation>
            <numerusform>berichtete nach %1 von %n Pitch</numerusform>
            <numerusform>berichtete nach %1 von %n Pitches</numerusform>
        </translation>
    </message>
    <message>
        <source>no conversations yet</source>
        <translation>noch keine Gespräche</translation>
    </message>
    <message>
        <source>relationship strong (%1)</source>
        <translation>Beziehung stark (%1)</translation>
    </message>
    <message>
        <source>relationship steady (%1)</source>
        <translation>Beziehung stabil (%1)</translation>
    </message>
    <message>
        <source>relationship cooling (%1)</source>
        <translation>Beziehung kühlt ab (%1)</translation>
    </message>
    <message>
        <source>relationship cold (%1)</source>
        <translation>Beziehung kalt (%1)</translation>
    </message>
    <message>
        <source>pitched %1</source>
        <translation>%1 gepitcht</translation>
    </message>
    <message numerus="yes">
        <source>pitched %n times in the last %1 days, last %2</source>
        <translation>
            <numerusform>in den letzten %1 Tagen einmal gepitcht, %2</numerusform>
            <numerusform>in den letzten %1 Tagen %n-mal gepitcht, zuletzt %2</numerusform>
        </translation>
    </message>
    <message>
        <source>declined a %1 pitch %2</source>
        <translation>lehnte %2 einen Pitch für %1 ab</translation>
    </message>
    <message>
        <source>prefers %1</source>
        <translation>bevorzugt %1</translation>
    </message>
    <message>
        <source>no recorded consent</source>
        <translation>keine Einwilligung erfasst</translation>
    </message>
</context>
<context>
    <name>PitchStatus</name>
    <message>
        <source>Planned</source>
        <translation>Geplant</translation>
    </message>
    <message>
        <source>Pitched</source>
        <translation>Gepitcht</translation>
    </message>
    <message>
        <source>Replied</source>
        <translation>Beantwortet</translation>
    </message>
    <message>
        <source>Interested</source>
        <translation>Interessiert</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Covered</source>
        <translation>Berichtet</translation>
    </message>
</context>
<context>
    <name>PitchSuggestionModel</name>
    <message>
        <source>Score %1 of 100</source>
        <translation>Punktzahl %1 von 100</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <comment>a who-to-pitch reason without points</comment>
        <translation>Hinweis: %1</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>points, reason</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>No consent or other legal basis is recorded for %1: check before pitching.</source>
        <translation>Für %1 ist keine Einwilligung und keine andere Rechtsgrundlage erfasst: vor dem Pitch prüfen.</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <comment>name, job title</comment>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>%1, reach %2</source>
        <translation>%1, Reichweite %2</translation>
    </message>
    <message>
        <source>No recorded consent</source>
        <translation>Keine Einwilligung erfasst</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Punkte</translation>
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
        <source>Why</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>An amber sign marks people without recorded consent</source>
        <translation>Ein gelbes Warnzeichen markiert Personen ohne erfasste Einwilligung</translation>
    </message>
</context>
<context>
    <name>PitchSuggestions</name>
    <message>
        <source>reading beats and tags</source>
        <translation>Lesen der Ressorts und Schlagwörter</translation>
    </message>
    <message>
        <source>reading recent posts</source>
        <translation>Lesen der neuen Beiträge</translation>
    </message>
    <message>
        <source>reading coverage</source>
        <translation>Lesen der Berichterstattung</translation>
    </message>
    <message>
        <source>reading the pitch history</source>
        <translation>Lesen der bisherigen Pitches</translation>
    </message>
    <message>
        <source>reading the campaign</source>
        <translation>Lesen der Kampagne</translation>
    </message>
    <message>
        <source>The campaign no longer exists.</source>
        <translation>Die Kampagne existiert nicht mehr.</translation>
    </message>
    <message>
        <source>reading the candidates</source>
        <translation>Lesen der Kandidaten</translation>
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
    <name>PrivacyActions</name>
    <message>
        <source>Write everything Rapport holds about this person to a JSON file and a vCard</source>
        <translation>Alles, was Rapport über diese Person hat, in eine JSON-Datei und eine vCard schreiben</translation>
    </message>
    <message>
        <source>E&amp;rase This Person…</source>
        <translation>Diese Person endgültig &amp;löschen…</translation>
    </message>
    <message>
        <source>Remove this person and everything about them for good, on request</source>
        <translation>Diese Person und alles über sie auf Wunsch endgültig entfernen</translation>
    </message>
    <message>
        <source>Choose a contact first.</source>
        <translation>Zuerst einen Kontakt wählen.</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Export Everything About %1</source>
        <translation>Alles über %1 exportieren</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <source>Exporting everything about %1…</source>
        <translation>Alles über %1 wird exportiert…</translation>
    </message>
    <message>
        <source>Exported everything about %1 to %2 and %3.</source>
        <translation>Alles über %1 nach %2 und %3 exportiert.</translation>
    </message>
    <message>
        <source>Erasure failed</source>
        <translation>Löschen fehlgeschlagen</translation>
    </message>
    <message>
        <source>Erasing %1…</source>
        <translation>%1 wird gelöscht…</translation>
    </message>
    <message>
        <source>Erased %1; the sync ignores their handles from now on.</source>
        <translation>%1 gelöscht; die Synchronisierung ignoriert ab jetzt ihre Handles.</translation>
    </message>
    <message>
        <source>Erased %1.</source>
        <translation>%1 gelöscht.</translation>
    </message>
    <message>
        <source>Export Everyth&amp;ing About This Person…</source>
        <translation>Alles über diese Person e&amp;xportieren…</translation>
    </message>
</context>
<context>
    <name>QuickLogDialog</name>
    <message>
        <source>Log a conversation</source>
        <translation>Unterhaltung erfassen</translation>
    </message>
    <message>
        <source>Type a name; separate several with commas</source>
        <translation>Namen eingeben; mehrere durch Kommas trennen</translation>
    </message>
    <message>
        <source>&amp;Contact:</source>
        <translation>&amp;Kontakt:</translation>
    </message>
    <message>
        <source>Type the first letter to pick: C for Call, E for Email, M for Meeting…</source>
        <translation>Per Anfangsbuchstabe wählen: A für Anruf, E für E-Mail, T für Treffen…</translation>
    </message>
    <message>
        <source>C&amp;hannel:</source>
        <translation>Ka&amp;nal:</translation>
    </message>
    <message>
        <source>&amp;Direction:</source>
        <translation>&amp;Richtung:</translation>
    </message>
    <message>
        <source>now, yesterday 15:00, today 9:30, 2026-11-20 14:00</source>
        <translation>jetzt, gestern 15:00, heute 9:30, 20.11.2026 14:00</translation>
    </message>
    <message>
        <source>Not a date I can read</source>
        <translation>Kein lesbares Datum</translation>
    </message>
    <message>
        <source>&amp;When:</source>
        <translation>&amp;Zeitpunkt:</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Zeitpunkt</translation>
    </message>
    <message>
        <source>&amp;Subject:</source>
        <translation>&amp;Betreff:</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>N&amp;otizen:</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <source>− Negative</source>
        <translation>− Negativ</translation>
    </message>
    <message>
        <source>0 Neutral</source>
        <translation>0 Neutral</translation>
    </message>
    <message>
        <source>+ Positive</source>
        <translation>+ Positiv</translation>
    </message>
    <message>
        <source>S&amp;entiment:</source>
        <translation>&amp;Stimmung:</translation>
    </message>
    <message>
        <source>e.g. interested, wants exclusive, declined</source>
        <translation>z. B. interessiert, wünscht Exklusivität, abgelehnt</translation>
    </message>
    <message>
        <source>&amp;Outcome:</source>
        <translation>&amp;Ergebnis:</translation>
    </message>
    <message>
        <source>optional: tomorrow 10:00, 2026-12-01</source>
        <translation>optional: morgen 10:00, 01.12.2026</translation>
    </message>
    <message>
        <source>&amp;Follow up:</source>
        <translation>&amp;Wiedervorlage:</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Erfassen</translation>
    </message>
    <message>
        <source>Save the conversation (%1)</source>
        <translation>Unterhaltung speichern (%1)</translation>
    </message>
    <message>
        <source>Close without saving (Esc)</source>
        <translation>Ohne Speichern schließen (Esc)</translation>
    </message>
    <message>
        <source>Type the name of the person you talked to.</source>
        <translation>Geben Sie den Namen der Person ein, mit der Sie gesprochen haben.</translation>
    </message>
    <message>
        <source>No contact is called “%1”.</source>
        <translation>Es gibt keinen Kontakt namens „%1“.</translation>
    </message>
    <message>
        <source>Several contacts match “%1”: pick one from the list.</source>
        <translation>Mehrere Kontakte passen zu „%1“: Wählen Sie einen aus der Liste.</translation>
    </message>
    <message>
        <source>Type a date such as “yesterday 15:00”, “today 9:30” or “2026-11-20 14:00”.</source>
        <translation>Geben Sie ein Datum wie „gestern 15:00“, „heute 9:30“ oder „20.11.2026 14:00“ ein.</translation>
    </message>
    <message>
        <source>Type a date such as “tomorrow 10:00” or “2026-12-01”, or leave it empty.</source>
        <translation>Geben Sie ein Datum wie „morgen 10:00“ oder „01.12.2026“ ein, oder lassen Sie das Feld leer.</translation>
    </message>
    <message>
        <source>Synced conversation</source>
        <translation>Synchronisierte Unterhaltung</translation>
    </message>
    <message>
        <source>Edit a conversation</source>
        <translation>Unterhaltung bearbeiten</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>This conversation is in the trash.</source>
        <translation>Diese Unterhaltung liegt im Papierkorb.</translation>
    </message>
    <message>
        <source>Synced from %1: it is kept as the network sent it. You can delete it from the timeline, but not edit it.</source>
        <translation>Aus %1 synchronisiert: Die Unterhaltung bleibt so erhalten, wie das Netzwerk sie gesendet hat. Sie können sie aus dem Verlauf löschen, aber nicht bearbeiten.</translation>
    </message>
    <message>
        <source>The database is read-only: this conversation cannot be changed.</source>
        <translation>Die Datenbank ist schreibgeschützt: Diese Unterhaltung kann nicht geändert werden.</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <comment>completion: name — title, outlet</comment>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Several contacts are called “%1”: pick one from the list.</source>
        <translation>Mehrere Kontakte heißen „%1“: Wählen Sie einen aus der Liste.</translation>
    </message>
</context>
<context>
    <name>RecordMerge</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Website</translation>
    </message>
    <message>
        <source>Reach</source>
        <translation>Reichweite</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Stadt</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>Ende</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Betreuer</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Goals</source>
        <translation>Ziele</translation>
    </message>
    <message>
        <source>Key messages</source>
        <translation>Kernbotschaften</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>Themen</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Pitched</source>
        <translation>Gepitcht</translation>
    </message>
    <message>
        <source>Replied</source>
        <translation>Beantwortet</translation>
    </message>
    <message>
        <source>Pitched by</source>
        <translation>Gepitcht von</translation>
    </message>
    <message>
        <source>Content used</source>
        <translation>Verwendeter Inhalt</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Client Report</source>
        <translation>Kundenbericht</translation>
    </message>
    <message>
        <source>C&amp;lient:</source>
        <translation>K&amp;unde:</translation>
    </message>
    <message>
        <source>Ca&amp;mpaign:</source>
        <translation>Ka&amp;mpagne:</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Zeitraum:</translation>
    </message>
    <message>
        <source>&amp;Agency name:</source>
        <translation>Name der &amp;Agentur:</translation>
    </message>
    <message>
        <source>Pre&amp;view…</source>
        <translation>&amp;Vorschau…</translation>
    </message>
    <message>
        <source>&amp;Save PDF…</source>
        <translation>PDF &amp;speichern…</translation>
    </message>
    <message>
        <source>There is no client or campaign to report on yet.</source>
        <translation>Es gibt noch keinen Kunden und keine Kampagne für einen Bericht.</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>%1 gespeichert.</translation>
    </message>
    <message>
        <source>Report %1 %2.pdf</source>
        <translation>Bericht %1 %2.pdf</translation>
    </message>
    <message>
        <source>Save Report</source>
        <translation>Bericht speichern</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF-Dokumente (*.pdf)</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <source>Stop writing the report (Esc); no file is left behind</source>
        <translation>Das Schreiben des Berichts abbrechen (Esc); es bleibt keine Datei zurück</translation>
    </message>
    <message>
        <source>Canceled: nothing was saved.</source>
        <translation>Abgebrochen: Es wurde nichts gespeichert.</translation>
    </message>
</context>
<context>
    <name>ReportJob</name>
    <message>
        <source>Reading the figures…</source>
        <translation>Die Zahlen werden gelesen…</translation>
    </message>
    <message>
        <source>Drawing the charts…</source>
        <translation>Die Diagramme werden gezeichnet…</translation>
    </message>
    <message>
        <source>Writing the PDF…</source>
        <translation>Das PDF wird geschrieben…</translation>
    </message>
    <message>
        <source>The report was canceled.</source>
        <translation>Der Bericht wurde abgebrochen.</translation>
    </message>
</context>
<context>
    <name>ReportWriter</name>
    <message>
        <source>%1 to %2</source>
        <comment>period: first day to last day</comment>
        <translation>%1 bis %2</translation>
    </message>
    <message>
        <source>Page %1</source>
        <translation>Seite %1</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Kennzahl</translation>
    </message>
    <message>
        <source>This period</source>
        <translation>Dieser Zeitraum</translation>
    </message>
    <message>
        <source>Previous period</source>
        <translation>Vorheriger Zeitraum</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Veränderung</translation>
    </message>
    <message>
        <source>From %1 the agency logged %2 conversations for %3 and sent %4 pitches.</source>
        <translation>Von %1 hat die Agentur %2 Gespräche für %3 festgehalten und %4 Pitches verschickt.</translation>
    </message>
    <message>
        <source>%1 % of the pitches had a reply within %2 days</source>
        <translation>%1 % der Pitches wurden innerhalb von %2 Tagen beantwortet</translation>
    </message>
    <message>
        <source>; the median time to reply was %1 days</source>
        <translation>; die Antwortzeit lag im Median bei %1 Tagen</translation>
    </message>
    <message>
        <source>The campaigns earned %1 pieces of coverage with a combined reach of %2 (each outlet counted once).</source>
        <translation>Die Kampagnen brachten %1 Beiträge mit einer Gesamtreichweite von %2 (jedes Medium einmal gezählt).</translation>
    </message>
    <message>
        <source>%1 % of the rated coverage was positive.</source>
        <translation>%1 % der bewerteten Berichterstattung war positiv.</translation>
    </message>
    <message>
        <source>The outlet with the most coverage was %1.</source>
        <translation>Das Medium mit der meisten Berichterstattung war %1.</translation>
    </message>
    <message>
        <source>No coverage was recorded in this period.</source>
        <translation>In diesem Zeitraum wurde keine Berichterstattung erfasst.</translation>
    </message>
    <message>
        <source>positive</source>
        <translation>positiv</translation>
    </message>
    <message>
        <source>negative</source>
        <translation>negativ</translation>
    </message>
    <message>
        <source>neutral</source>
        <translation>neutral</translation>
    </message>
    <message>
        <source>Could not write %1: the folder %2 does not exist.</source>
        <translation>%1 konnte nicht geschrieben werden: Den Ordner %2 gibt es nicht.</translation>
    </message>
    <message>
        <source>the folder %1 is read-only</source>
        <translation>der Ordner %1 ist schreibgeschützt</translation>
    </message>
    <message>
        <source>Could not write %1: %2.</source>
        <translation>%1 konnte nicht geschrieben werden: %2.</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>der Datenträger ist voll</translation>
    </message>
    <message>
        <source>Your PR agency</source>
        <translation>Ihre PR-Agentur</translation>
    </message>
    <message>
        <source>A report is for one client or one campaign.</source>
        <translation>Ein Bericht gilt einem Kunden oder einer Kampagne.</translation>
    </message>
    <message>
        <source>The report needs a period whose first day is not after its last.</source>
        <translation>Der Bericht braucht einen Zeitraum, dessen erster Tag nicht nach seinem letzten liegt.</translation>
    </message>
    <message>
        <source>There is no campaign %1.</source>
        <translation>Es gibt keine Kampagne %1.</translation>
    </message>
    <message>
        <source>There is no organization %1.</source>
        <translation>Es gibt keine Organisation %1.</translation>
    </message>
    <message>
        <source>Could not start the PDF.</source>
        <translation>Das PDF konnte nicht begonnen werden.</translation>
    </message>
    <message>
        <source>Coverage and engagement report</source>
        <translation>Bericht über Berichterstattung und Resonanz</translation>
    </message>
    <message>
        <source>Prepared by %1 on %2</source>
        <translation>Erstellt von %1 am %2</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>Pitches</source>
        <translation>Pitches</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Share of planned</source>
        <translation>Anteil an geplanten</translation>
    </message>
    <message>
        <source>Outlets and conversations</source>
        <translation>Medien und Gespräche</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>Berichterstattung</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Headline</source>
        <translation>Schlagzeile</translation>
    </message>
    <message>
        <source>Outlet</source>
        <translation>Medium</translation>
    </message>
    <message>
        <source>Reach</source>
        <translation>Reichweite</translation>
    </message>
    <message>
        <source>Sentiment</source>
        <translation>Tonalität</translation>
    </message>
    <message>
        <source>The dashboard has not been computed yet.</source>
        <translation>Die Übersicht ist noch nicht berechnet.</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>filtered by account manager, client, campaign or channel as on screen</source>
        <translation>gefiltert nach Betreuer, Kunde, Kampagne oder Kanal wie auf dem Bildschirm</translation>
    </message>
    <message>
        <source>The report was canceled.</source>
        <translation>Der Bericht wurde abgebrochen.</translation>
    </message>
</context>
<context>
    <name>RestorePreviewDialog</name>
    <message>
        <source>Restore From Backup</source>
        <translation>Aus Sicherung wiederherstellen</translation>
    </message>
    <message>
        <source>Restoring puts this backup in the place of the database you have open. The current database is not deleted: it is kept beside it, renamed with today&apos;s date and time, and Rapport reopens with the backup.</source>
        <translation>Beim Wiederherstellen tritt diese Sicherung an die Stelle der geöffneten Datenbank. Die aktuelle Datenbank wird nicht gelöscht: Sie bleibt daneben liegen, umbenannt mit dem heutigen Datum und der Uhrzeit, und Rapport öffnet sich neu mit der Sicherung.</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Datei:</translation>
    </message>
    <message>
        <source>Taken:</source>
        <translation>Erstellt:</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>Größe:</translation>
    </message>
    <message>
        <source>Schema version:</source>
        <translation>Schemaversion:</translation>
    </message>
    <message>
        <source>Contacts:</source>
        <translation>Kontakte:</translation>
    </message>
    <message>
        <source>Conversations:</source>
        <translation>Gespräche:</translation>
    </message>
    <message>
        <source>Campaigns:</source>
        <translation>Kampagnen:</translation>
    </message>
    <message>
        <source>Reading the backup…</source>
        <translation>Sicherung wird gelesen…</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <source>This file cannot be restored: %1</source>
        <translation>Diese Datei kann nicht wiederhergestellt werden: %1</translation>
    </message>
    <message>
        <source>%1 (newer than this version of Rapport, which knows up to %2)</source>
        <translation>%1 (neuer als diese Rapport-Version, die bis %2 kennt)</translation>
    </message>
    <message>
        <source>%1 (upgraded to %2 when restored)</source>
        <translation>%1 (wird beim Wiederherstellen auf %2 aktualisiert)</translation>
    </message>
    <message>
        <source>%1 (the current one)</source>
        <translation>%1 (die aktuelle)</translation>
    </message>
    <message>
        <source>This backup was written by a newer version of Rapport. Restore it with that version, or update Rapport first.</source>
        <translation>Diese Sicherung stammt von einer neueren Rapport-Version. Stellen Sie sie mit jener Version wieder her oder aktualisieren Sie zuerst Rapport.</translation>
    </message>
    <message>
        <source>The backup was checked and is intact.</source>
        <translation>Die Sicherung wurde geprüft und ist unversehrt.</translation>
    </message>
</context>
<context>
    <name>RichTextEditor</name>
    <message>
        <source>Heading 1</source>
        <translation>Überschrift 1</translation>
    </message>
    <message>
        <source>Make the paragraph a heading</source>
        <translation>Den Absatz zur Überschrift machen</translation>
    </message>
    <message>
        <source>Heading 2</source>
        <translation>Überschrift 2</translation>
    </message>
    <message>
        <source>Make the paragraph a subheading</source>
        <translation>Den Absatz zur Zwischenüberschrift machen</translation>
    </message>
    <message>
        <source>Paragraph</source>
        <translation>Absatz</translation>
    </message>
    <message>
        <source>Make the heading a normal paragraph</source>
        <translation>Die Überschrift wieder zum normalen Absatz machen</translation>
    </message>
    <message>
        <source>Bold</source>
        <translation>Fett</translation>
    </message>
    <message>
        <source>Italic</source>
        <translation>Kursiv</translation>
    </message>
    <message>
        <source>• List</source>
        <translation>• Liste</translation>
    </message>
    <message>
        <source>Bulleted list</source>
        <translation>Aufzählung</translation>
    </message>
    <message>
        <source>1. List</source>
        <translation>1. Liste</translation>
    </message>
    <message>
        <source>Numbered list</source>
        <translation>Nummerierte Liste</translation>
    </message>
    <message>
        <source>Link…</source>
        <translation>Link…</translation>
    </message>
    <message>
        <source>Link the selected text to a web address</source>
        <translation>Den markierten Text mit einer Webadresse verlinken</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Link</translation>
    </message>
    <message>
        <source>Web address for the link:</source>
        <translation>Webadresse für den Link:</translation>
    </message>
</context>
<context>
    <name>Rollups</name>
    <message>
        <source>counting the dashboard&apos;s figures</source>
        <translation>Zählen der Kennzahlen der Übersicht</translation>
    </message>
</context>
<context>
    <name>SaveViewDialog</name>
    <message>
        <source>Save View</source>
        <translation>Ansicht speichern</translation>
    </message>
    <message>
        <source>View name</source>
        <translation>Name der Ansicht</translation>
    </message>
    <message>
        <source>e.g. Tech editors not contacted in 90 days</source>
        <translation>z. B. Tech-Redakteure, seit 90 Tagen nicht kontaktiert</translation>
    </message>
    <message>
        <source>&amp;Share with the team</source>
        <translation>Mit dem &amp;Team teilen</translation>
    </message>
    <message>
        <source>Everyone using this database sees shared views in their sidebar.</source>
        <translation>Alle, die diese Datenbank nutzen, sehen geteilte Ansichten in ihrer Seitenleiste.</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
</context>
<context>
    <name>SavedViewRepository</name>
    <message>
        <source>Give the view a name.</source>
        <translation>Geben Sie der Ansicht einen Namen.</translation>
    </message>
    <message>
        <source>A view&apos;s name can have at most %1 characters.</source>
        <translation>Der Name einer Ansicht darf höchstens %1 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>checking the view&apos;s name</source>
        <translation>Prüfen des Namens der Ansicht</translation>
    </message>
    <message>
        <source>There is already a view named “%1”.</source>
        <translation>Es gibt bereits eine Ansicht namens „%1“.</translation>
    </message>
    <message>
        <source>saving the view</source>
        <translation>Speichern der Ansicht</translation>
    </message>
    <message>
        <source>This view has not been saved yet.</source>
        <translation>Diese Ansicht wurde noch nicht gespeichert.</translation>
    </message>
    <message>
        <source>Someone else changed or deleted the view “%1” meanwhile. Reload it and try again.</source>
        <translation>Jemand anderes hat die Ansicht „%1“ inzwischen geändert oder gelöscht. Laden Sie sie neu und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>deleting the view</source>
        <translation>Löschen der Ansicht</translation>
    </message>
    <message>
        <source>This view no longer exists.</source>
        <translation>Diese Ansicht existiert nicht mehr.</translation>
    </message>
    <message>
        <source>reading the view</source>
        <translation>Lesen der Ansicht</translation>
    </message>
    <message>
        <source>reading the saved views</source>
        <translation>Lesen der gespeicherten Ansichten</translation>
    </message>
</context>
<context>
    <name>SavedViewsPanel</name>
    <message>
        <source>Saved views</source>
        <translation>Gespeicherte Ansichten</translation>
    </message>
    <message>
        <source>Click a view to show it; right-click to rename or delete it.</source>
        <translation>Klicken Sie auf eine Ansicht, um sie anzuzeigen; mit einem Rechtsklick können Sie sie umbenennen oder löschen.</translation>
    </message>
    <message>
        <source>%1 (shared with the team)</source>
        <translation>%1 (mit dem Team geteilt)</translation>
    </message>
    <message>
        <source>View not shown</source>
        <translation>Ansicht nicht angezeigt</translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation>&amp;Umbenennen</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Delete view?</source>
        <translation>Ansicht löschen?</translation>
    </message>
    <message>
        <source>Delete the saved view “%1”?</source>
        <translation>Die gespeicherte Ansicht „%1“ löschen?</translation>
    </message>
    <message>
        <source>View not renamed</source>
        <translation>Ansicht nicht umbenannt</translation>
    </message>
    <message>
        <source>View not deleted</source>
        <translation>Ansicht nicht gelöscht</translation>
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
    <message>
        <source>searching</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>counting the common words of the conversations</source>
        <translation>Zählen der häufigen Wörter der Unterhaltungen</translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <source>No password or sign-in is stored for %1.</source>
        <translation>Für %1 sind weder ein Passwort noch Anmeldedaten gespeichert.</translation>
    </message>
    <message>
        <source>The system keyring did not answer, so the sign-in for %1 could not be read. Unlock the keyring or sign in again.</source>
        <translation>Der Schlüsselbund des Systems hat nicht geantwortet, daher konnten die Anmeldedaten für %1 nicht gelesen werden. Entsperren Sie den Schlüsselbund oder melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>the system keyring is not available (%1)</source>
        <translation>der Schlüsselbund des Systems ist nicht verfügbar (%1)</translation>
    </message>
    <message numerus="yes">
        <source>the system keyring did not answer within %n second(s); it may be locked</source>
        <translation>
            <numerusform>der Schlüsselbund des Systems hat nicht innerhalb von %n Sekunde geantwortet; er ist vielleicht gesperrt</numerusform>
            <numerusform>der Schlüsselbund des Systems hat nicht innerhalb von %n Sekunden geantwortet; er ist vielleicht gesperrt</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SocialAccount</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Sign in again</source>
        <translation>Erneut anmelden</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Noch nicht synchronisiert</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) could not be read and were skipped.</source>
        <translation>
            <numerusform>%n Eintrag konnte nicht gelesen werden und wurde übersprungen.</numerusform>
            <numerusform>%n Einträge konnten nicht gelesen werden und wurden übersprungen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) could not be read and were skipped: %1</source>
        <translation>
            <numerusform>%n Eintrag konnte nicht gelesen werden und wurde übersprungen: %1</numerusform>
            <numerusform>%n Einträge konnten nicht gelesen werden und wurden übersprungen: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SoftDelete</name>
    <message>
        <source>checking the trash</source>
        <translation>Prüfen des Papierkorbs</translation>
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
    <name>SuggestCommand</name>
    <message>
        <source>rapport: %1</source>
        <translation>rapport: %1</translation>
    </message>
    <message>
        <source>Try “rapport --help”.</source>
        <translation>Hilfe erhalten Sie mit „rapport --help“.</translation>
    </message>
    <message>
        <source>Use “campaign suggest ID”.</source>
        <translation>Aufruf: „campaign suggest ID“.</translation>
    </message>
    <message>
        <source>The campaign ID must be a positive whole number.</source>
        <translation>Die Kampagnen-ID muss eine positive ganze Zahl sein.</translation>
    </message>
    <message>
        <source>--limit needs a number from 1 to 10000.</source>
        <translation>--limit erwartet eine Zahl von 1 bis 10000.</translation>
    </message>
    <message>
        <source>“%1” has no topics yet: add keywords to its brief to get suggestions.</source>
        <translation>„%1“ hat noch keine Themen: Tragen Sie im Briefing Stichwörter ein, um Vorschläge zu erhalten.</translation>
    </message>
    <message>
        <source>[no recorded consent]</source>
        <translation>[keine Einwilligung erfasst]</translation>
    </message>
    <message numerus="yes">
        <source>Who to pitch for “%1” (topics: %2): %n of %L3 people</source>
        <translation>
            <numerusform>Wen für „%1“ pitchen (Themen: %2): %n von %L3 Personen</numerusform>
            <numerusform>Wen für „%1“ pitchen (Themen: %2): %n von %L3 Personen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncCommands</name>
    <message>
        <source>accounts list takes no arguments.</source>
        <translation>accounts list erwartet keine Argumente.</translation>
    </message>
    <message>
        <source>No accounts. Add one with “rapport accounts add …”.</source>
        <translation>Keine Konten. Fügen Sie eines mit „rapport accounts add …“ hinzu.</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message numerus="yes">
        <source>last synced %1, %n item(s)</source>
        <translation>
            <numerusform>zuletzt synchronisiert: %1, %n Eintrag</numerusform>
            <numerusform>zuletzt synchronisiert: %1, %n Einträge</numerusform>
        </translation>
    </message>
    <message>
        <source>accounts add feed takes one URL.</source>
        <translation>accounts add feed erwartet genau eine URL.</translation>
    </message>
    <message>
        <source>Too many arguments. The secret is read from standard input, never from the command line.</source>
        <translation>Zu viele Argumente. Die Zugangsdaten werden von der Standardeingabe gelesen, nie von der Befehlszeile.</translation>
    </message>
    <message>
        <source>--interval needs a number of minutes from 1 to 10080.</source>
        <translation>--interval erwartet eine Anzahl Minuten von 1 bis 10080.</translation>
    </message>
    <message>
        <source>A feed belongs to a contact or an organization: give --contact ID or --organization ID.</source>
        <translation>Ein Feed gehört zu einem Kontakt oder einer Organisation: Geben Sie --contact ID oder --organization ID an.</translation>
    </message>
    <message>
        <source>--contact needs a contact&apos;s id.</source>
        <translation>--contact erwartet die ID eines Kontakts.</translation>
    </message>
    <message>
        <source>--organization needs an organization&apos;s id.</source>
        <translation>--organization erwartet die ID einer Organisation.</translation>
    </message>
    <message>
        <source>--server is for Bluesky accounts only.</source>
        <translation>--server gilt nur für Bluesky-Konten.</translation>
    </message>
    <message>
        <source>Access token: </source>
        <translation>Zugriffstoken: </translation>
    </message>
    <message>
        <source>App password: </source>
        <translation>App-Passwort: </translation>
    </message>
    <message>
        <source>No access token on standard input. Pipe it in: rapport accounts add mastodon URL &lt; token.txt</source>
        <translation>Kein Zugriffstoken in der Standardeingabe. Übergeben Sie es per Pipe: rapport accounts add mastodon URL &lt; token.txt</translation>
    </message>
    <message>
        <source>No app password on standard input. Pipe it in: rapport accounts add bluesky HANDLE &lt; password.txt</source>
        <translation>Kein App-Passwort in der Standardeingabe. Übergeben Sie es per Pipe: rapport accounts add bluesky HANDLE &lt; password.txt</translation>
    </message>
    <message>
        <source>No keyring is available, so the secret cannot be kept after this command ends; the account was not added.</source>
        <translation>Es ist kein Schlüsselbund verfügbar, daher können die Zugangsdaten nach Ende dieses Befehls nicht aufbewahrt werden; das Konto wurde nicht hinzugefügt.</translation>
    </message>
    <message>
        <source>The secret could not be stored in the keyring (%1); the account was not added.</source>
        <translation>Die Zugangsdaten konnten nicht im Schlüsselbund gespeichert werden (%1); das Konto wurde nicht hinzugefügt.</translation>
    </message>
    <message>
        <source>Added %1 account #%2 “%3”.</source>
        <translation>%1-Konto #%2 „%3“ hinzugefügt.</translation>
    </message>
    <message>
        <source>accounts remove needs one account id (see “rapport accounts list”).</source>
        <translation>accounts remove erwartet genau eine Konto-ID (siehe „rapport accounts list“).</translation>
    </message>
    <message>
        <source>There is no account #%1.</source>
        <translation>Es gibt kein Konto #%1.</translation>
    </message>
    <message>
        <source>Removed account #%1 “%2”.</source>
        <translation>Konto #%1 „%2“ entfernt.</translation>
    </message>
    <message>
        <source>rapport: the sign-in could not be deleted from the keyring: %1</source>
        <translation>rapport: Die Anmeldedaten konnten nicht aus dem Schlüsselbund gelöscht werden: %1</translation>
    </message>
    <message>
        <source>accounts needs list, add or remove.</source>
        <translation>accounts erwartet list, add oder remove.</translation>
    </message>
    <message>
        <source>Unknown accounts command “%1”: use list, add or remove.</source>
        <translation>Unbekannter accounts-Befehl „%1“: Verwenden Sie list, add oder remove.</translation>
    </message>
    <message>
        <source>sync takes no arguments; choose an account with --account ID.</source>
        <translation>sync erwartet keine Argumente; wählen Sie ein Konto mit --account ID.</translation>
    </message>
    <message>
        <source>--account needs an account id or “all”.</source>
        <translation>--account erwartet eine Konto-ID oder „all“.</translation>
    </message>
    <message>
        <source>The database is read-only, so nothing synced could be stored.</source>
        <translation>Die Datenbank ist schreibgeschützt, daher konnte nichts Synchronisiertes gespeichert werden.</translation>
    </message>
    <message numerus="yes">
        <source>Syncing %1… %n item(s)</source>
        <translation>
            <numerusform>%1 wird synchronisiert… %n Eintrag</numerusform>
            <numerusform>%1 wird synchronisiert… %n Einträge</numerusform>
        </translation>
    </message>
    <message>
        <source>not synced (the account waits for a new sign-in or is paused)</source>
        <translation>nicht synchronisiert (das Konto wartet auf eine neue Anmeldung oder ist pausiert)</translation>
    </message>
    <message>
        <source>#%1 %2: fetched %3, %4 new, %5 to the Inbox</source>
        <translation>#%1 %2: %3 abgerufen, %4 neu, %5 in den Posteingang</translation>
    </message>
    <message>
        <source>rapport: #%1 %2: %3</source>
        <translation>rapport: #%1 %2: %3</translation>
    </message>
    <message>
        <source>No enabled accounts to sync.</source>
        <translation>Keine aktivierten Konten zum Synchronisieren.</translation>
    </message>
    <message numerus="yes">
        <source>%n author(s) waiting in the Inbox.</source>
        <translation>
            <numerusform>%n Autor wartet im Posteingang.</numerusform>
            <numerusform>%n Autoren warten im Posteingang.</numerusform>
        </translation>
    </message>
    <message>
        <source>accounts add needs a kind (%1) and its address.</source>
        <translation>accounts add erwartet eine Art (%1) und ihre Adresse.</translation>
    </message>
    <message>
        <source>Unknown kind of account “%1”: use %2.</source>
        <translation>Unbekannte Kontoart „%1“: verwenden Sie %2.</translation>
    </message>
</context>
<context>
    <name>SyncHttp</name>
    <message>
        <source>the server</source>
        <translation>der Server</translation>
    </message>
    <message>
        <source>The sync was cancelled.</source>
        <translation>Die Synchronisierung wurde abgebrochen.</translation>
    </message>
    <message>
        <source>%1 answered with more than %2 MB, more than Rapport accepts.</source>
        <translation>%1 antwortete mit mehr als %2 MB – mehr, als Rapport annimmt.</translation>
    </message>
    <message>
        <source>%1 did not answer within %2 s</source>
        <translation>%1 hat nicht innerhalb von %2 s geantwortet</translation>
    </message>
    <message>
        <source>%1 refused the connection</source>
        <translation>%1 hat die Verbindung abgelehnt</translation>
    </message>
    <message>
        <source>%1 closed the connection before its answer was complete</source>
        <translation>%1 hat die Verbindung geschlossen, bevor die Antwort vollständig war</translation>
    </message>
    <message>
        <source>%1 closed the connection without answering</source>
        <translation>%1 hat die Verbindung ohne Antwort geschlossen</translation>
    </message>
    <message>
        <source>%1 could not be found. Check the address and the internet connection.</source>
        <translation>%1 wurde nicht gefunden. Prüfen Sie die Adresse und die Internetverbindung.</translation>
    </message>
    <message>
        <source>The secure connection to %1 failed: its certificate is not valid.</source>
        <translation>Die sichere Verbindung zu %1 ist fehlgeschlagen: Das Zertifikat ist ungültig.</translation>
    </message>
    <message>
        <source>The address for %1 is not a web address.</source>
        <translation>Die Adresse für %1 ist keine Webadresse.</translation>
    </message>
    <message>
        <source>the network connection to %1 was lost</source>
        <translation>die Netzwerkverbindung zu %1 wurde unterbrochen</translation>
    </message>
    <message>
        <source>the proxy did not pass the request on to %1</source>
        <translation>der Proxy hat die Anfrage nicht an %1 weitergeleitet</translation>
    </message>
    <message>
        <source>the connection to %1 failed</source>
        <translation>die Verbindung zu %1 ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1 asks Rapport to wait before the next request, until %2. Rapport will try again then.</source>
        <translation>%1 bittet Rapport, mit der nächsten Anfrage bis %2 zu warten. Rapport versucht es dann erneut.</translation>
    </message>
    <message>
        <source>%1 sends Rapport from one address to the next without end (redirects in a loop).</source>
        <translation>%1 leitet Rapport endlos von einer Adresse zur nächsten weiter (Weiterleitungsschleife).</translation>
    </message>
    <message>
        <source>%1 redirected to an address that is not a web address.</source>
        <translation>%1 hat auf eine Adresse weitergeleitet, die keine Webadresse ist.</translation>
    </message>
    <message>
        <source>%1 redirected from a secure to an insecure address; Rapport does not follow that.</source>
        <translation>%1 hat von einer sicheren auf eine unsichere Adresse weitergeleitet; dem folgt Rapport nicht.</translation>
    </message>
    <message>
        <source>%1 keeps asking Rapport to slow down. Rapport will try again later.</source>
        <translation>%1 bittet Rapport wiederholt, langsamer zu werden. Rapport versucht es später erneut.</translation>
    </message>
    <message>
        <source>%1 answered with server error %2</source>
        <translation>%1 antwortete mit Serverfehler %2</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n attempts)</source>
        <translation>
            <numerusform>%1 (%n Versuch)</numerusform>
            <numerusform>%1 (%n Versuche)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 took more than %2 s to answer</source>
        <translation>%1 hat länger als %2 s für die Antwort gebraucht</translation>
    </message>
</context>
<context>
    <name>SyncManager</name>
    <message>
        <source>Sync is not running.</source>
        <translation>Die Synchronisierung läuft nicht.</translation>
    </message>
    <message>
        <source>Up to date.</source>
        <translation>Auf dem neuesten Stand.</translation>
    </message>
    <message numerus="yes">
        <source>%n new item(s)</source>
        <translation>
            <numerusform>%n neuer Eintrag</numerusform>
            <numerusform>%n neue Einträge</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n for the Inbox</source>
        <translation>
            <numerusform>, %n für den Posteingang</numerusform>
            <numerusform>, %n für den Posteingang</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n like(s), boost(s) or follow(s)</source>
        <translation>
            <numerusform>, %n Like, Boost oder Follow</numerusform>
            <numerusform>, %n Likes, Boosts oder Follows</numerusform>
        </translation>
    </message>
    <message>
        <source>Rapport cannot sync “%1”: it does not know the network “%2”.</source>
        <translation>Rapport kann „%1“ nicht synchronisieren: Das Netzwerk „%2“ ist unbekannt.</translation>
    </message>
    <message>
        <source>Sync cancelled.</source>
        <translation>Synchronisierung abgebrochen.</translation>
    </message>
    <message>
        <source>Rapport does not know the network “%1”.</source>
        <translation>Rapport kennt das Netzwerk „%1“ nicht.</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) could not be read and were skipped.</source>
        <translation>
            <numerusform>%n Eintrag konnte nicht gelesen werden und wurde übersprungen.</numerusform>
            <numerusform>%n Einträge konnten nicht gelesen werden und wurden übersprungen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncRepository</name>
    <message>
        <source>Enter the address of the feed.</source>
        <translation>Geben Sie die Adresse des Feeds ein.</translation>
    </message>
    <message>
        <source>Enter the address of the Mastodon server, like https://mastodon.social.</source>
        <translation>Geben Sie die Adresse des Mastodon-Servers ein, etwa https://mastodon.social.</translation>
    </message>
    <message>
        <source>“%1” is not a web address starting with http:// or https://.</source>
        <translation>„%1“ ist keine Webadresse, die mit http:// oder https:// beginnt.</translation>
    </message>
    <message>
        <source>Enter the Bluesky handle to sign in with, like name.bsky.social.</source>
        <translation>Geben Sie das Bluesky-Handle für die Anmeldung ein, etwa name.bsky.social.</translation>
    </message>
    <message>
        <source>Choose the contact or the organization this feed belongs to.</source>
        <translation>Wählen Sie aus, zu welchem Kontakt oder welcher Organisation dieser Feed gehört.</translation>
    </message>
    <message>
        <source>The name can be at most %1 characters long.</source>
        <translation>Der Name darf höchstens %1 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>Sync at most every minute and at least once a week.</source>
        <translation>Synchronisieren Sie höchstens einmal pro Minute und mindestens einmal pro Woche.</translation>
    </message>
    <message>
        <source>listing the synced accounts</source>
        <translation>Auflisten der synchronisierten Konten</translation>
    </message>
    <message>
        <source>loading the synced account</source>
        <translation>Laden des synchronisierten Kontos</translation>
    </message>
    <message>
        <source>The synced account no longer exists.</source>
        <translation>Das synchronisierte Konto existiert nicht mehr.</translation>
    </message>
    <message>
        <source>adding the synced account</source>
        <translation>Hinzufügen des synchronisierten Kontos</translation>
    </message>
    <message>
        <source>This account has not been saved yet.</source>
        <translation>Dieses Konto wurde noch nicht gespeichert.</translation>
    </message>
    <message>
        <source>saving the synced account</source>
        <translation>Speichern des synchronisierten Kontos</translation>
    </message>
    <message>
        <source>“%1” was changed or removed by someone else since you opened it. Reload it to see their changes; yours were not saved.</source>
        <translation>„%1“ wurde von jemand anderem geändert oder entfernt, seit Sie das Konto geöffnet haben. Laden Sie es neu, um diese Änderungen zu sehen; Ihre Änderungen wurden nicht gespeichert.</translation>
    </message>
    <message>
        <source>removing the synced account</source>
        <translation>Entfernen des synchronisierten Kontos</translation>
    </message>
    <message>
        <source>recording the sync result</source>
        <translation>Speichern des Synchronisierungsergebnisses</translation>
    </message>
    <message>
        <source>reading where the last sync stopped</source>
        <translation>Lesen des Stands der letzten Synchronisierung</translation>
    </message>
    <message>
        <source>storing synced items</source>
        <translation>Speichern synchronisierter Einträge</translation>
    </message>
    <message>
        <source>storing the synced item %1</source>
        <translation>Speichern des synchronisierten Eintrags %1</translation>
    </message>
    <message>
        <source>A synced item came without an identity (source and id); the page was not stored.</source>
        <translation>Ein synchronisierter Eintrag hatte keine Identität (Quelle und ID); die Seite wurde nicht gespeichert.</translation>
    </message>
    <message>
        <source>The synced item %1 has no valid date; the page was not stored.</source>
        <translation>Der synchronisierte Eintrag %1 hat kein gültiges Datum; die Seite wurde nicht gespeichert.</translation>
    </message>
    <message>
        <source>saving where the sync stopped</source>
        <translation>Speichern des Synchronisierungsstands</translation>
    </message>
    <message>
        <source>counting engagement</source>
        <translation>Zählen der Reaktionen</translation>
    </message>
    <message>
        <source>reading the Inbox</source>
        <translation>Lesen des Posteingangs</translation>
    </message>
    <message>
        <source>counting the Inbox</source>
        <translation>Zählen der Einträge im Posteingang</translation>
    </message>
    <message>
        <source>looking for matching contacts</source>
        <translation>Suchen nach passenden Kontakten</translation>
    </message>
    <message>
        <source>same name</source>
        <translation>gleicher Name</translation>
    </message>
    <message>
        <source>similar name</source>
        <translation>ähnlicher Name</translation>
    </message>
    <message>
        <source>handle matches email</source>
        <translation>Handle passt zur E-Mail-Adresse</translation>
    </message>
    <message>
        <source>email at the feed&apos;s site</source>
        <translation>E-Mail-Adresse unter der Domain des Feeds</translation>
    </message>
    <message>
        <source>moving the Inbox items to the contact</source>
        <translation>Verschieben der Posteingangseinträge zum Kontakt</translation>
    </message>
    <message>
        <source>The contact no longer exists.</source>
        <translation>Der Kontakt existiert nicht mehr.</translation>
    </message>
    <message>
        <source>%1 already belongs to %2. Remove it there first if it was wrong.</source>
        <translation>%1 gehört bereits zu %2. Entfernen Sie es dort zuerst, falls das falsch war.</translation>
    </message>
    <message>
        <source>putting the items back in the Inbox</source>
        <translation>Zurücklegen der Einträge in den Posteingang</translation>
    </message>
    <message>
        <source>%1 was not linked to this contact from the Inbox, so there is nothing to undo.</source>
        <translation>%1 wurde nicht aus dem Posteingang mit diesem Kontakt verknüpft, daher gibt es nichts rückgängig zu machen.</translation>
    </message>
    <message>
        <source>ignoring %1</source>
        <translation>Ignorieren von %1</translation>
    </message>
    <message>
        <source>no longer ignoring %1</source>
        <translation>Aufheben des Ignorierens von %1</translation>
    </message>
    <message>
        <source>reading the contacts&apos; handles</source>
        <translation>Lesen der Handles der Kontakte</translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message>
        <source>Syncing</source>
        <translation>Synchronisierung</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop syncing now; what was fetched so far is kept</source>
        <translation>Synchronisierung jetzt beenden; bereits Abgerufenes bleibt erhalten</translation>
    </message>
    <message>
        <source>account %1</source>
        <translation>Konto %1</translation>
    </message>
    <message>
        <source>Syncing %1…</source>
        <translation>%1 wird synchronisiert…</translation>
    </message>
    <message numerus="yes">
        <source>Syncing %1… %n item(s)</source>
        <translation>
            <numerusform>%1 wird synchronisiert… %n Eintrag</numerusform>
            <numerusform>%1 wird synchronisiert… %n Einträge</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Synced %n account(s)</source>
        <translation>
            <numerusform>%n Konto synchronisiert</numerusform>
            <numerusform>%n Konten synchronisiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n new item(s)</source>
        <translation>
            <numerusform>, %n neuer Eintrag</numerusform>
            <numerusform>, %n neue Einträge</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n in the Inbox</source>
        <translation>
            <numerusform>, %n im Posteingang</numerusform>
            <numerusform>, %n im Posteingang</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n failed: %1</source>
        <translation>
            <numerusform>; %n fehlgeschlagen: %1</numerusform>
            <numerusform>; %n fehlgeschlagen: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TagsEdit</name>
    <message>
        <source>Separate with commas</source>
        <translation>Mit Kommas trennen</translation>
    </message>
</context>
<context>
    <name>TeamConnection</name>
    <message>
        <source>No team database is set up.</source>
        <translation>Es ist keine Team-Datenbank eingerichtet.</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 auf %2</translation>
    </message>
    <message>
        <source>%1 on %2 as %3</source>
        <translation>%1 auf %2 als %3</translation>
    </message>
</context>
<context>
    <name>TeamDialog</name>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Everybody who signs in to %1. The database server enforces each role: what a role may not do is refused there too.</source>
        <translation>Alle, die sich bei %1 anmelden. Der Datenbankserver setzt jede Rolle durch: Was eine Rolle nicht darf, lehnt auch er ab.</translation>
    </message>
    <message>
        <source>&amp;Change Role</source>
        <translation>Rolle &amp;ändern</translation>
    </message>
    <message>
        <source>&amp;Deactivate…</source>
        <translation>&amp;Deaktivieren…</translation>
    </message>
    <message>
        <source>The person can no longer sign in; what they did stays, under their name</source>
        <translation>Die Person kann sich nicht mehr anmelden; was sie getan hat, bleibt unter ihrem Namen</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Rolle:</translation>
    </message>
    <message>
        <source>Invite a person</source>
        <translation>Eine Person einladen</translation>
    </message>
    <message>
        <source>e.g. jane.doe</source>
        <translation>z. B. erika.muster</translation>
    </message>
    <message>
        <source>Give this password to the person; they sign in with it</source>
        <translation>Geben Sie der Person dieses Passwort; sie meldet sich damit an</translation>
    </message>
    <message>
        <source>&amp;Invite</source>
        <translation>Ein&amp;laden</translation>
    </message>
    <message>
        <source>&amp;Signs in as:</source>
        <translation>&amp;Meldet sich an als:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;E-Mail:</translation>
    </message>
    <message>
        <source>R&amp;ole:</source>
        <translation>R&amp;olle:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>A personal database has one person and no team.</source>
        <translation>Eine persönliche Datenbank hat eine Person und kein Team.</translation>
    </message>
    <message>
        <source>Only an admin can manage the team.</source>
        <translation>Nur ein Admin kann das Team verwalten.</translation>
    </message>
    <message>
        <source>Give the person a password to sign in with.</source>
        <translation>Geben Sie der Person ein Passwort zum Anmelden.</translation>
    </message>
    <message>
        <source>Invited %1 as %2. They sign in as “%1” with the password %3 — give it to them in person or by another channel than this one.</source>
        <translation>%1 als %2 eingeladen. Die Person meldet sich als „%1“ mit dem Passwort %3 an – geben Sie es ihr persönlich oder über einen anderen Weg als diesen.</translation>
    </message>
    <message>
        <source>%1 is now %2.</source>
        <translation>%1 ist jetzt %2.</translation>
    </message>
    <message>
        <source>Deactivate %1?</source>
        <translation>%1 deaktivieren?</translation>
    </message>
    <message>
        <source>%1 will no longer be able to sign in. What they did stays, under their name; an admin can invite them again later.</source>
        <translation>%1 kann sich dann nicht mehr anmelden. Was die Person getan hat, bleibt unter ihrem Namen; ein Admin kann sie später wieder einladen.</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>Deaktivieren</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>%1 can no longer sign in.</source>
        <translation>%1 kann sich nicht mehr anmelden.</translation>
    </message>
</context>
<context>
    <name>TeamModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Signs in as</source>
        <translation>Meldet sich an als</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Deactivated on %1</source>
        <translation>Deaktiviert am %1</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>No sign-in yet: invite them</source>
        <translation>Noch keine Anmeldung: einladen</translation>
    </message>
</context>
<context>
    <name>TeamRoles</name>
    <message>
        <source>Viewer</source>
        <translation>Leser</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Mitglied</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>Führungskraft</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>Admin</translation>
    </message>
    <message>
        <source>Reads everything, changes nothing.</source>
        <translation>Liest alles, ändert nichts.</translation>
    </message>
    <message>
        <source>Adds and edits contacts, logs conversations, works on the campaigns they are on; changes at most 100 rows at once, cannot erase or merge.</source>
        <translation>Legt Kontakte an und bearbeitet sie, erfasst Gespräche, arbeitet an den eigenen Kampagnen; ändert höchstens 100 Zeilen auf einmal, kann weder endgültig löschen noch zusammenführen.</translation>
    </message>
    <message>
        <source>Everything on the data: bulk actions, merges, erasing, undoing imports, every campaign.</source>
        <translation>Alles an den Daten: Massenaktionen, Zusammenführen, endgültiges Löschen, Importe rückgängig machen, alle Kampagnen.</translation>
    </message>
    <message>
        <source>Everything a manager does, and manages the team.</source>
        <translation>Alles, was eine Führungskraft darf, und verwaltet das Team.</translation>
    </message>
    <message>
        <source>admin, manager, member or viewer</source>
        <translation>admin, manager, member oder viewer</translation>
    </message>
</context>
<context>
    <name>TextLineReader</name>
    <message>
        <source>The file cannot be read.</source>
        <translation>Die Datei kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>Die Datei ist leer.</translation>
    </message>
    <message>
        <source>This is not a text file (it contains binary data). Save the contacts as CSV or vCard and import that file.</source>
        <translation>Dies ist keine Textdatei (sie enthält Binärdaten). Speichern Sie die Kontakte als CSV oder vCard und importieren Sie diese Datei.</translation>
    </message>
    <message>
        <source>Line %1 is longer than %2 characters: this is not a contacts file, or it is damaged.</source>
        <translation>Zeile %1 ist länger als %2 Zeichen: Dies ist keine Kontaktdatei, oder sie ist beschädigt.</translation>
    </message>
    <message>
        <source>The file could not be read to the end: %1</source>
        <translation>Die Datei konnte nicht bis zum Ende gelesen werden: %1</translation>
    </message>
</context>
<context>
    <name>Theme</name>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Farbschema</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>&amp;System</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
</context>
<context>
    <name>TimelineDelegate</name>
    <message>
        <source>Pitch</source>
        <comment>noun: offering a story to a journalist</comment>
        <translation>Pitch</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>Berichterstattung</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Gestern</translation>
    </message>
    <message>
        <source>by %1</source>
        <comment>logged by an account manager</comment>
        <translation>von %1</translation>
    </message>
    <message>
        <source>via %1</source>
        <comment>synced from a network</comment>
        <translation>via %1</translation>
    </message>
    <message>
        <source>date unknown, first seen %1</source>
        <comment>a synced item whose source gave no date; %1 is a date and time</comment>
        <translation>Datum unbekannt, zuerst gesehen %1</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <source>Pitched “%1”</source>
        <translation>Pitch „%1“ gesendet</translation>
    </message>
    <message>
        <source>Replied to the pitch “%1”</source>
        <translation>Auf den Pitch „%1“ geantwortet</translation>
    </message>
    <message>
        <source>Coverage: %1</source>
        <translation>Berichterstattung: %1</translation>
    </message>
</context>
<context>
    <name>TimelineQuery</name>
    <message>
        <source>loading the timeline</source>
        <translation>Laden des Verlaufs</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>Timeline</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>Show one channel only</source>
        <translation>Nur einen Kanal anzeigen</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>Alle Kanäle</translation>
    </message>
    <message>
        <source>Pitches</source>
        <translation>Pitches</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>Berichterstattung</translation>
    </message>
    <message>
        <source>Search the timeline</source>
        <translation>Verlauf durchsuchen</translation>
    </message>
    <message>
        <source>Search subjects and notes</source>
        <translation>Betreff und Notizen durchsuchen</translation>
    </message>
    <message>
        <source>Conversations, newest first</source>
        <translation>Unterhaltungen, neueste zuerst</translation>
    </message>
    <message>
        <source>Nothing matches this filter.</source>
        <translation>Keine Treffer für diesen Filter.</translation>
    </message>
    <message>
        <source>No conversations yet. Log one with Ctrl+L.</source>
        <translation>Noch keine Unterhaltungen. Erfassen Sie eine mit Ctrl+L.</translation>
    </message>
    <message>
        <source>Enter or double-click edits a conversation; Delete moves it to the trash</source>
        <translation>Enter oder Doppelklick bearbeitet eine Unterhaltung; Entf verschiebt sie in den Papierkorb</translation>
    </message>
    <message>
        <source>&amp;Edit Conversation…</source>
        <translation>Unterhaltung &amp;bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Delete Conversation</source>
        <translation>Unterhaltung &amp;löschen</translation>
    </message>
    <message>
        <source>Move the conversation to the trash (Delete); Ctrl+Z brings it back</source>
        <translation>Unterhaltung in den Papierkorb verschieben (Entf); Ctrl+Z stellt sie wieder her</translation>
    </message>
    <message>
        <source>&amp;Open Contact</source>
        <translation>&amp;Kontakt öffnen</translation>
    </message>
    <message>
        <source>Conversations with the people here, newest first</source>
        <translation>Unterhaltungen mit den Personen hier, neueste zuerst</translation>
    </message>
    <message>
        <source>&amp;View Conversation…</source>
        <translation>Unterhaltung &amp;anzeigen…</translation>
    </message>
</context>
<context>
    <name>TrashContentCommand</name>
    <message>
        <source>New content item “%1”</source>
        <translation>Neuer Inhalt „%1“</translation>
    </message>
    <message>
        <source>Move “%1” to the trash</source>
        <translation>„%1“ in den Papierkorb verschieben</translation>
    </message>
</context>
<context>
    <name>TrashCoverageCommand</name>
    <message>
        <source>Move coverage “%1” to the trash</source>
        <translation>Berichterstattung „%1“ in den Papierkorb verschieben</translation>
    </message>
</context>
<context>
    <name>TrashDialog</name>
    <message>
        <source>Trash</source>
        <translation>Papierkorb</translation>
    </message>
    <message>
        <source>Contacts in the &amp;trash, most recently deleted first:</source>
        <translation>Kontakte im &amp;Papierkorb, zuletzt gelöschte zuerst:</translation>
    </message>
    <message>
        <source>Contacts in the trash</source>
        <translation>Kontakte im Papierkorb</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <source>Put the selected contacts back in the list</source>
        <translation>Die ausgewählten Kontakte wieder in die Liste aufnehmen</translation>
    </message>
    <message>
        <source>%1 — deleted %2</source>
        <translation>%1 — gelöscht am %2</translation>
    </message>
    <message>
        <source>The trash is empty.</source>
        <translation>Der Papierkorb ist leer.</translation>
    </message>
</context>
<context>
    <name>TrashInteractionCommand</name>
    <message>
        <source>Delete “%1”</source>
        <translation>„%1“ löschen</translation>
    </message>
</context>
<context>
    <name>UndoStatus</name>
    <message>
        <source>Undid: %1</source>
        <translation>Rückgängig gemacht: %1</translation>
    </message>
    <message>
        <source>Redid: %1</source>
        <translation>Wiederhergestellt: %1</translation>
    </message>
</context>
<context>
    <name>Url</name>
    <message>
        <source>“%1” is not a web address. Enter the article&apos;s address, for example https://www.example.com/2026/05/story.</source>
        <translation>„%1“ ist keine Webadresse. Geben Sie die Adresse des Artikels ein, etwa https://www.example.com/2026/05/story.</translation>
    </message>
    <message>
        <source>Enter the article&apos;s web address.</source>
        <translation>Geben Sie die Webadresse des Artikels ein.</translation>
    </message>
    <message>
        <source>The web address is longer than %1 characters.</source>
        <translation>Die Webadresse ist länger als %1 Zeichen.</translation>
    </message>
    <message>
        <source>Only web addresses (http:// or https://) can be recorded as coverage, not “%1”.</source>
        <translation>Nur Webadressen (http:// oder https://) können als Berichterstattung erfasst werden, nicht „%1“.</translation>
    </message>
</context>
<context>
    <name>UserCommands</name>
    <message>
        <source>users list takes no arguments.</source>
        <translation>users list nimmt keine Argumente.</translation>
    </message>
    <message>
        <source>  (deactivated %1)</source>
        <translation>  (deaktiviert am %1)</translation>
    </message>
    <message>
        <source>users add needs one LOGIN.</source>
        <translation>users add braucht genau ein LOGIN.</translation>
    </message>
    <message>
        <source>users add needs --role %1.</source>
        <translation>users add braucht --role %1.</translation>
    </message>
    <message>
        <source>--role takes %1.</source>
        <translation>--role nimmt %1.</translation>
    </message>
    <message>
        <source>Password for %1: </source>
        <translation>Passwort für %1: </translation>
    </message>
    <message>
        <source>users add reads the new person&apos;s password from standard input, and it was empty.</source>
        <translation>users add liest das Passwort der neuen Person von der Standardeingabe, und die war leer.</translation>
    </message>
    <message>
        <source>Added %1 as %2. They sign in as %1 with that password.</source>
        <translation>%1 als %2 hinzugefügt. Die Person meldet sich als %1 mit diesem Passwort an.</translation>
    </message>
    <message>
        <source>users set-role needs a LOGIN and a ROLE (%1).</source>
        <translation>users set-role braucht ein LOGIN und eine ROLE (%1).</translation>
    </message>
    <message>
        <source>The role is %1.</source>
        <translation>Die Rolle ist %1.</translation>
    </message>
    <message>
        <source>%1 is now %2.</source>
        <translation>%1 ist jetzt %2.</translation>
    </message>
    <message>
        <source>users deactivate needs one LOGIN.</source>
        <translation>users deactivate braucht genau ein LOGIN.</translation>
    </message>
    <message>
        <source>%1 can no longer sign in; what they did stays, under their name.</source>
        <translation>%1 kann sich nicht mehr anmelden; was die Person getan hat, bleibt unter ihrem Namen.</translation>
    </message>
    <message>
        <source>users takes list, add, set-role or deactivate.</source>
        <translation>users nimmt list, add, set-role oder deactivate.</translation>
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
    <message>
        <source>signing in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>%1 has no Rapport role on %2. Ask an admin of your team to add you (Settings → Team, or rapport users add %1).</source>
        <translation>%1 hat keine Rapport-Rolle in %2. Bitten Sie einen Admin Ihres Teams, Sie hinzuzufügen (Einstellungen → Team oder rapport users add %1).</translation>
    </message>
    <message>
        <source>%1 is a personal database for one person: people and roles exist only on a team database (PostgreSQL).</source>
        <translation>%1 ist eine persönliche Datenbank für eine Person: Personen und Rollen gibt es nur in einer Team-Datenbank (PostgreSQL).</translation>
    </message>
    <message>
        <source>“%1” cannot be a sign-in name: use lower-case letters, digits, “_”, “.” or “-”, starting with a letter, at most 63.</source>
        <translation>„%1“ kann kein Anmeldename sein: Verwenden Sie Kleinbuchstaben, Ziffern, „_“, „.“ oder „-“, beginnend mit einem Buchstaben, höchstens 63.</translation>
    </message>
    <message>
        <source>“%1” cannot be a sign-in name: names starting with “pg_” or “rapport_” are reserved.</source>
        <translation>„%1“ kann kein Anmeldename sein: Namen, die mit „pg_“ oder „rapport_“ beginnen, sind reserviert.</translation>
    </message>
    <message>
        <source>adding %1 to the team</source>
        <translation>Hinzufügen von %1 zum Team</translation>
    </message>
    <message>
        <source>changing the role of %1</source>
        <translation>Ändern der Rolle von %1</translation>
    </message>
    <message>
        <source>deactivating %1</source>
        <translation>Deaktivieren von %1</translation>
    </message>
</context>
<context>
    <name>VCardReader</name>
    <message>
        <source>The card that begins on line %1 has no END:VCARD: the file is cut off or damaged.</source>
        <translation>Der Eintrag, der in Zeile %1 beginnt, hat kein END:VCARD: Die Datei ist abgeschnitten oder beschädigt.</translation>
    </message>
    <message>
        <source>Line %1 is not part of a vCard (a card begins with BEGIN:VCARD).</source>
        <translation>Zeile %1 gehört zu keiner vCard (eine vCard beginnt mit BEGIN:VCARD).</translation>
    </message>
    <message>
        <source>Line %1 is not a vCard property and was left out.</source>
        <translation>Zeile %1 ist keine vCard-Eigenschaft und wurde ausgelassen.</translation>
    </message>
    <message>
        <source>The card that begins on line %1 has no END:VCARD before the next card begins on line %2.</source>
        <translation>Der Eintrag, der in Zeile %1 beginnt, hat kein END:VCARD, bevor in Zeile %2 der nächste beginnt.</translation>
    </message>
    <message>
        <source>The card that begins on line %1 has more than %2 properties: the file is damaged.</source>
        <translation>Der Eintrag, der in Zeile %1 beginnt, hat mehr als %2 Eigenschaften: Die Datei ist beschädigt.</translation>
    </message>
    <message>
        <source>Line %1: the %2 property is too long and was left out.</source>
        <translation>Zeile %1: Die Eigenschaft %2 ist zu lang und wurde ausgelassen.</translation>
    </message>
    <message>
        <source>Line %1: the %2 property is larger than %3 MB and was left out.</source>
        <translation>Zeile %1: Die Eigenschaft %2 ist größer als %3 MB und wurde ausgelassen.</translation>
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
<context>
    <name>WhoToPitchTab</name>
    <message>
        <source>Add %1 to the media list</source>
        <translation>%1 zur Medienliste hinzufügen</translation>
    </message>
    <message numerus="yes">
        <source>Add %n people to the media list</source>
        <translation>
            <numerusform>%n Person zur Medienliste hinzufügen</numerusform>
            <numerusform>%n Personen zur Medienliste hinzufügen</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Compute the list again (F5)</source>
        <translation>Liste neu berechnen (F5)</translation>
    </message>
    <message>
        <source>Finding people to pitch…</source>
        <translation>Passende Personen werden gesucht…</translation>
    </message>
    <message>
        <source>Add the selected people to this campaign&apos;s media list as planned pitches (Ctrl+Enter)</source>
        <translation>Die ausgewählten Personen als geplante Pitches zur Medienliste dieser Kampagne hinzufügen (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>Select several with Ctrl or Shift. Enter opens the person.</source>
        <translation>Mehrere mit Strg oder Umschalt auswählen. Eingabe öffnet die Person.</translation>
    </message>
    <message>
        <source>Add to Media List</source>
        <translation>Zur Medienliste hinzufügen</translation>
    </message>
    <message>
        <source>Refresh Who to Pitch</source>
        <translation>Pitch-Vorschläge aktualisieren</translation>
    </message>
    <message>
        <source>No campaign is open.</source>
        <translation>Keine Kampagne geöffnet.</translation>
    </message>
    <message>
        <source>Who to pitch</source>
        <translation>Wen pitchen</translation>
    </message>
    <message>
        <source>Topics: %1</source>
        <translation>Themen: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n people</source>
        <translation>
            <numerusform>%n Person</numerusform>
            <numerusform>%n Personen</numerusform>
        </translation>
    </message>
    <message>
        <source>This campaign has no topics yet. Add keywords to its brief, one per line (for example “smart home”), and the people who cover them or wrote about them recently appear here.</source>
        <translation>Diese Kampagne hat noch keine Themen. Tragen Sie im Briefing Stichwörter ein, eines pro Zeile (zum Beispiel „Smart Home“), dann erscheinen hier die Personen, die darüber berichten oder kürzlich darüber geschrieben haben.</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Add %n to Media List</source>
        <translation>
            <numerusform>%n zur Medienliste &amp;hinzufügen</numerusform>
            <numerusform>%n zur Medienliste &amp;hinzufügen</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Add to Media List</source>
        <translation>Zur Medienliste &amp;hinzufügen</translation>
    </message>
    <message>
        <source>Nobody new matches the topics: no beat, tag or recent post of anyone who is not on the media list yet mentions them.</source>
        <translation>Niemand Neues passt zu den Themen: kein Ressort, kein Schlagwort und kein neuer Beitrag von jemandem, der noch nicht auf der Medienliste steht, erwähnt sie.</translation>
    </message>
    <message>
        <source>Best %L1 of %L2 people</source>
        <translation>Die besten %L1 von %L2 Personen</translation>
    </message>
</context>
</TS>
