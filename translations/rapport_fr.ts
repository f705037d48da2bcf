<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AccountEditor</name>
    <message>
        <source>Add %1 Account</source>
        <translation>Ajouter un compte %1</translation>
    </message>
    <message>
        <source>Edit %1 Account</source>
        <translation>Modifier le compte %1</translation>
    </message>
    <message>
        <source>Add Feed</source>
        <translation>Ajouter un flux</translation>
    </message>
    <message>
        <source>Edit Feed</source>
        <translation>Modifier le flux</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Serveur&#xa0;:</translation>
    </message>
    <message>
        <source>Sign in with &amp;Browser…</source>
        <translation>Se connecter dans le &amp;navigateur…</translation>
    </message>
    <message>
        <source>Opens your server&apos;s sign-in page in the browser; Rapport gets a read-only token</source>
        <translation>Ouvre la page de connexion de votre serveur dans le navigateur&#xa0;; Rapport obtient un jeton en lecture seule</translation>
    </message>
    <message>
        <source>(stored; type a new one to replace it)</source>
        <translation>(enregistré&#xa0;; saisissez-en un nouveau pour le remplacer)</translation>
    </message>
    <message>
        <source>Access &amp;token:</source>
        <translation>&amp;Jeton d&apos;accès&#xa0;:</translation>
    </message>
    <message>
        <source>On your server: Preferences → Development → New application with the read scopes, then copy “Your access token”.</source>
        <translation>Sur votre serveur&#xa0;: Préférences → Développement → Nouvelle application avec les autorisations de lecture (read), puis copiez «&#xa0;Votre jeton d&apos;accès&#xa0;».</translation>
    </message>
    <message>
        <source>optional: you@server.social</source>
        <translation>facultatif&#xa0;: vous@server.social</translation>
    </message>
    <message>
        <source>&amp;Handle:</source>
        <translation>&amp;Identifiant&#xa0;:</translation>
    </message>
    <message>
        <source>App &amp;password:</source>
        <translation>Mot de &amp;passe d&apos;application&#xa0;:</translation>
    </message>
    <message>
        <source>Create one under Settings → Privacy and security → App passwords. Never your account password.</source>
        <translation>Créez-en un dans Paramètres → Confidentialité et sécurité → Mots de passe d&apos;application. Jamais le mot de passe de votre compte.</translation>
    </message>
    <message>
        <source>&amp;PDS server:</source>
        <translation>Serveur P&amp;DS&#xa0;:</translation>
    </message>
    <message>
        <source>Feed &amp;URL:</source>
        <translation>&amp;URL du flux&#xa0;:</translation>
    </message>
    <message>
        <source>C&amp;ontact</source>
        <translation>C&amp;ontact</translation>
    </message>
    <message>
        <source>Or&amp;ganization</source>
        <translation>Or&amp;ganisation</translation>
    </message>
    <message>
        <source>Type a name</source>
        <translation>Saisissez un nom</translation>
    </message>
    <message>
        <source>&amp;Belongs to:</source>
        <translation>&amp;Appartient à&#xa0;:</translation>
    </message>
    <message>
        <source>Belongs to</source>
        <translation>Appartient à</translation>
    </message>
    <message>
        <source>optional: the feed&apos;s title</source>
        <translation>facultatif&#xa0;: le titre du flux</translation>
    </message>
    <message>
        <source>optional: the handle</source>
        <translation>facultatif&#xa0;: l&apos;identifiant</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom&#xa0;:</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Sync &amp;every:</source>
        <translation>Synchroniser &amp;toutes les&#xa0;:</translation>
    </message>
    <message>
        <source>Sync when Rapport &amp;starts</source>
        <translation>Synchroniser au &amp;démarrage de Rapport</translation>
    </message>
    <message>
        <source>Sync &amp;automatically</source>
        <translation>Synchroniser &amp;automatiquement</translation>
    </message>
    <message>
        <source>Test &amp;Connection</source>
        <translation>Tester la &amp;connexion</translation>
    </message>
    <message>
        <source>Testing the connection</source>
        <translation>Test de la connexion</translation>
    </message>
    <message>
        <source>✓ %1</source>
        <translation>✓ %1</translation>
    </message>
    <message>
        <source>No keyring is available: the secret will be kept only until Rapport quits, and you will have to enter it again next time.</source>
        <translation>Aucun trousseau de clés n&apos;est disponible&#xa0;: le secret ne sera conservé que jusqu&apos;à la fermeture de Rapport, et vous devrez le saisir à nouveau la prochaine fois.</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Type the server&apos;s address, such as https://mastodon.social.</source>
        <translation>Saisissez l&apos;adresse du serveur, par exemple https://mastodon.social.</translation>
    </message>
    <message>
        <source>Type the name of the contact or organization whose feed this is.</source>
        <translation>Saisissez le nom du contact ou de l&apos;organisation à qui appartient ce flux.</translation>
    </message>
    <message>
        <source>No organization is called “%1”.</source>
        <translation>Aucune organisation ne s&apos;appelle «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>No contact is called “%1”.</source>
        <translation>Aucun contact ne s&apos;appelle «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>Several contacts match “%1”: pick one from the list.</source>
        <translation>Plusieurs contacts correspondent à «&#xa0;%1&#xa0;»&#xa0;: choisissez-en un dans la liste.</translation>
    </message>
    <message>
        <source>The secret could not be stored: %1</source>
        <translation>Le secret n&apos;a pas pu être enregistré&#xa0;: %1</translation>
    </message>
    <message>
        <source>Secret kept for this session only</source>
        <translation>Secret conservé pour cette session uniquement</translation>
    </message>
    <message>
        <source>✓ Signed in as @%1. Save to keep it.</source>
        <translation>✓ Connecté en tant que @%1. Enregistrez pour conserver la connexion.</translation>
    </message>
    <message>
        <source>Waiting for you to allow Rapport in the browser…</source>
        <translation>En attente de votre autorisation pour Rapport dans le navigateur…</translation>
    </message>
    <message>
        <source>Cancel Sign-in</source>
        <translation>Annuler la connexion</translation>
    </message>
    <message>
        <source>Registering Rapport with the server…</source>
        <translation>Enregistrement de Rapport auprès du serveur…</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Test en cours…</translation>
    </message>
    <message>
        <source>Rapport cannot use the system keyring (%1), so the secret of “%2” is kept only until Rapport quits. You will have to enter it again next time.</source>
        <translation>Rapport ne peut pas utiliser le trousseau de clés du système (%1)&#xa0;: le secret de «&#xa0;%2&#xa0;» ne sera conservé que jusqu&apos;à la fermeture de Rapport. Vous devrez le saisir à nouveau la prochaine fois.</translation>
    </message>
    <message>
        <source>Storing the secret in the system keyring…</source>
        <translation>Enregistrement du secret dans le trousseau de clés du système…</translation>
    </message>
</context>
<context>
    <name>AccountInput</name>
    <message>
        <source>Sync every 1 to %1 minutes (one week).</source>
        <translation>Synchronisez toutes les 1 à %1 minutes (une semaine).</translation>
    </message>
    <message>
        <source>Type the feed&apos;s address, starting with https:// or http://.</source>
        <translation>Saisissez l&apos;adresse du flux, commençant par https:// ou http://.</translation>
    </message>
    <message>
        <source>Type the server&apos;s address, such as https://mastodon.social.</source>
        <translation>Saisissez l&apos;adresse du serveur, par exemple https://mastodon.social.</translation>
    </message>
    <message>
        <source>Type the account&apos;s handle, such as %1.</source>
        <translation>Saisissez l&apos;identifiant du compte, par exemple %1.</translation>
    </message>
    <message>
        <source>Paste the access token from your server.</source>
        <translation>Collez le jeton d&apos;accès fourni par votre serveur.</translation>
    </message>
    <message>
        <source>Type an app password for this account.</source>
        <translation>Saisissez un mot de passe d&apos;application pour ce compte.</translation>
    </message>
    <message>
        <source>A feed belongs to one contact or one organization.</source>
        <translation>Un flux appartient à un seul contact ou à une seule organisation.</translation>
    </message>
</context>
<context>
    <name>AccountListModel</name>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>today %1</source>
        <translation>aujourd&apos;hui %1</translation>
    </message>
    <message>
        <source>yesterday %1</source>
        <translation>hier %1</translation>
    </message>
    <message>
        <source>tomorrow %1</source>
        <translation>demain %1</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <comment>account list: network · name</comment>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>en pause</translation>
    </message>
    <message>
        <source>due now</source>
        <translation>à faire maintenant</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Last synced</source>
        <translation>Dernière synchro</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Éléments</translation>
    </message>
    <message>
        <source>Next sync</source>
        <translation>Prochaine synchro</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Dernière erreur</translation>
    </message>
</context>
<context>
    <name>AccountsDialog</name>
    <message>
        <source>Accounts</source>
        <translation>Comptes</translation>
    </message>
    <message>
        <source>Rapport reads mentions, replies and messages from these accounts and feeds. Authors who match a contact go to their history, the others to the Inbox.</source>
        <translation>Rapport lit les mentions, réponses et messages de ces comptes et flux. Les auteurs qui correspondent à un contact vont dans son historique, les autres dans la boîte de réception.</translation>
    </message>
    <message>
        <source>Accounts and feeds</source>
        <translation>Comptes et flux</translation>
    </message>
    <message>
        <source>No accounts yet. Add the agency&apos;s Mastodon or Bluesky account, or the feed of a journalist&apos;s blog or an outlet.</source>
        <translation>Aucun compte pour l&apos;instant. Ajoutez le compte Mastodon ou Bluesky de l&apos;agence, ou le flux du blog d&apos;un journaliste ou d&apos;un média.</translation>
    </message>
    <message>
        <source>Add &amp;Mastodon…</source>
        <translation>Ajouter &amp;Mastodon…</translation>
    </message>
    <message>
        <source>Add &amp;Bluesky…</source>
        <translation>Ajouter &amp;Bluesky…</translation>
    </message>
    <message>
        <source>Add &amp;Feed…</source>
        <translation>Ajouter un &amp;flux…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>&amp;Retirer…</translation>
    </message>
    <message>
        <source>&amp;Sync Now</source>
        <translation>&amp;Synchroniser maintenant</translation>
    </message>
    <message>
        <source>Sync the selected account now</source>
        <translation>Synchroniser maintenant le compte sélectionné</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Synchronisation…</translation>
    </message>
    <message numerus="yes">
        <source>Syncing… %n item(s)</source>
        <translation>
            <numerusform>Synchronisation… %n élément</numerusform>
            <numerusform>Synchronisation… %n éléments</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove Account?</source>
        <translation>Retirer le compte&#xa0;?</translation>
    </message>
    <message>
        <source>Remove “%1”? Rapport stops syncing it and forgets its sign-in. What it already fetched stays in the contacts&apos; history and the Inbox.</source>
        <translation>Retirer «&#xa0;%1&#xa0;»&#xa0;? Rapport cesse de le synchroniser et oublie sa connexion. Ce qui a déjà été récupéré reste dans l&apos;historique des contacts et dans la boîte de réception.</translation>
    </message>
</context>
<context>
    <name>ActivitySection</name>
    <message>
        <source>Latest</source>
        <comment>the team&apos;s latest conversations</comment>
        <translation>Récent</translation>
    </message>
    <message>
        <source>Cooling off</source>
        <translation>Refroidissement</translation>
    </message>
    <message>
        <source>The team&apos;s latest conversations</source>
        <translation>Les derniers échanges de l&apos;équipe</translation>
    </message>
    <message>
        <source>Valuable relationships going quiet, to follow up</source>
        <translation>Relations précieuses qui s&apos;essoufflent, à relancer</translation>
    </message>
    <message>
        <source>Changes</source>
        <comment>who changed what</comment>
        <translation>Modifications</translation>
    </message>
    <message>
        <source>Who in the team changed what, and when</source>
        <translation>Qui, dans l&apos;équipe, a modifié quoi et quand</translation>
    </message>
</context>
<context>
    <name>ActivityView</name>
    <message>
        <source>Latest activity</source>
        <translation>Activité récente</translation>
    </message>
    <message>
        <source>Account manager</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Show one account manager&apos;s conversations</source>
        <translation>Afficher les échanges d&apos;un responsable</translation>
    </message>
    <message>
        <source>Everybody</source>
        <translation>Tout le monde</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>Tous les canaux</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Période</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Toute période</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Aujourd&apos;hui</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>7 derniers jours</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>30 derniers jours</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>90 derniers jours</translation>
    </message>
    <message>
        <source>Between…</source>
        <translation>Entre…</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Au</translation>
    </message>
    <message>
        <source>and</source>
        <comment>between date and date</comment>
        <translation>et</translation>
    </message>
    <message>
        <source>&amp;Who:</source>
        <translation>&amp;Qui&#xa0;:</translation>
    </message>
    <message>
        <source>The team&apos;s conversations, newest first</source>
        <translation>Les échanges de l&apos;équipe, les plus récents en premier</translation>
    </message>
    <message>
        <source>Enter or double-click opens the contact</source>
        <translation>Entrée ou un double-clic ouvre le contact</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <source>No conversations match these filters.</source>
        <translation>Aucun échange ne correspond à ces filtres.</translation>
    </message>
</context>
<context>
    <name>AddToMediaListCommand</name>
    <message numerus="yes">
        <source>Add %n person(s) to “%1”</source>
        <translation>
            <numerusform>Ajouter %n personne à «&#xa0;%1&#xa0;»</numerusform>
            <numerusform>Ajouter %n personnes à «&#xa0;%1&#xa0;»</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AuditLog</name>
    <message>
        <source>writing the audit log</source>
        <translation>écriture du journal des modifications</translation>
    </message>
</context>
<context>
    <name>AuditTrail</name>
    <message>
        <source>updating the database schema</source>
        <translation>mise à jour du schéma de la base</translation>
    </message>
    <message>
        <source>writing the audit log</source>
        <translation>écriture du journal des modifications</translation>
    </message>
</context>
<context>
    <name>BackgroundJob</name>
    <message>
        <source>Working…</source>
        <translation>Traitement en cours…</translation>
    </message>
</context>
<context>
    <name>BackupCommands</name>
    <message>
        <source>  taken:          %1</source>
        <translation>  date&#xa0;:         %1</translation>
    </message>
    <message>
        <source>  size:           %1</source>
        <translation>  taille&#xa0;:        %1</translation>
    </message>
    <message>
        <source>  schema version: %1</source>
        <translation>  version du schéma&#xa0;: %1</translation>
    </message>
    <message>
        <source>  contacts:       %L1</source>
        <translation>  contacts&#xa0;:      %L1</translation>
    </message>
    <message>
        <source>  interactions:   %L1</source>
        <translation>  échanges&#xa0;:      %L1</translation>
    </message>
    <message>
        <source>  campaigns:      %L1</source>
        <translation>  campagnes&#xa0;:     %L1</translation>
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
        <translation>Sauvegardes (la base SQLite intégrée&#xa0;; PostgreSQL&#xa0;: pg_dump)&#xa0;:
  backup [--out FICHIER]
                    Une copie cohérente de la base, sans risque pendant que Rapport tourne. Sans
                    --out&#xa0;: dans le dossier backups à côté de la base, en gardant les 7 dernières.
  restore SAUVEGARDE --yes
                    Mettre une sauvegarde à la place de la base (Rapport doit être fermé)&#xa0;; le fichier
                    actuel est mis de côté, horodaté. Sans --yes&#xa0;: montre seulement la sauvegarde.
</translation>
    </message>
    <message>
        <source>backup takes no arguments; give the file with --out FILE.</source>
        <translation>backup ne prend pas d’argument&#xa0;; indiquez le fichier avec --out FICHIER.</translation>
    </message>
    <message>
        <source>--out needs a file name.</source>
        <translation>--out demande un nom de fichier.</translation>
    </message>
    <message>
        <source>Backed up %1 to %2:</source>
        <translation>%1 sauvegardée dans %2&#xa0;:</translation>
    </message>
    <message>
        <source>Removed the old backup %1 (the last %2 are kept).</source>
        <translation>Ancienne sauvegarde %1 supprimée (les %2 dernières sont gardées).</translation>
    </message>
    <message>
        <source>restore takes one BACKUP file.</source>
        <translation>restore prend un fichier SAUVEGARDE.</translation>
    </message>
    <message>
        <source>%1 was written by a newer version of Rapport (schema %2; this version knows up to %3). Restore it with that version, or update Rapport.</source>
        <translation>%1 a été écrit par une version plus récente de Rapport (schéma %2&#xa0;; cette version connaît jusqu’à %3). Restaurez-le avec cette version, ou mettez Rapport à jour.</translation>
    </message>
    <message>
        <source>Backup %1:</source>
        <translation>Sauvegarde %1&#xa0;:</translation>
    </message>
    <message>
        <source>restoring replaces the database %1; add --yes to restore this backup.</source>
        <translation>la restauration remplace la base %1&#xa0;; ajoutez --yes pour restaurer cette sauvegarde.</translation>
    </message>
    <message>
        <source>Restored %1 into %2:</source>
        <translation>%1 restaurée dans %2&#xa0;:</translation>
    </message>
    <message>
        <source>The previous database was kept as %1.</source>
        <translation>La base précédente est conservée sous %1.</translation>
    </message>
</context>
<context>
    <name>BackupController</name>
    <message>
        <source>&amp;Back Up Database…</source>
        <translation>Sau&amp;vegarder la base…</translation>
    </message>
    <message>
        <source>Save a copy of the whole database to a file, safe while you and the sync keep working</source>
        <translation>Enregistrer une copie de toute la base dans un fichier, sans gêner votre travail ni la synchronisation</translation>
    </message>
    <message>
        <source>Res&amp;tore From Backup…</source>
        <translation>Res&amp;taurer une sauvegarde…</translation>
    </message>
    <message>
        <source>Put a backup in the place of this database; the current file is kept aside</source>
        <translation>Mettre une sauvegarde à la place de cette base&#xa0;; le fichier actuel est mis de côté</translation>
    </message>
    <message>
        <source>Back Up &amp;Daily</source>
        <translation>Sauvegarde q&amp;uotidienne</translation>
    </message>
    <message>
        <source>Once a day, keep a backup in %1 (the last %2)</source>
        <translation>Une fois par jour, garder une sauvegarde dans %1 (les %2 dernières)</translation>
    </message>
    <message>
        <source>A PostgreSQL database is backed up on its server, with pg_dump</source>
        <translation>Une base PostgreSQL se sauvegarde sur son serveur, avec pg_dump</translation>
    </message>
    <message>
        <source>A backup will be kept every day.</source>
        <translation>Une sauvegarde sera gardée chaque jour.</translation>
    </message>
    <message>
        <source>Daily backups are turned off.</source>
        <translation>Les sauvegardes quotidiennes sont désactivées.</translation>
    </message>
    <message>
        <source>Today&apos;s backup was saved in %1.</source>
        <translation>La sauvegarde du jour est enregistrée dans %1.</translation>
    </message>
    <message>
        <source>Today&apos;s backup failed: %1</source>
        <translation>La sauvegarde du jour a échoué&#xa0;: %1</translation>
    </message>
    <message>
        <source>Daily backup failed</source>
        <translation>Échec de la sauvegarde quotidienne</translation>
    </message>
    <message>
        <source>Today&apos;s backup could not be written. The earlier backups were left as they were.

%1</source>
        <translation>La sauvegarde du jour n’a pas pu être écrite. Les sauvegardes précédentes sont restées telles quelles.

%1</translation>
    </message>
    <message>
        <source>Back up with pg_dump</source>
        <translation>Sauvegarder avec pg_dump</translation>
    </message>
    <message>
        <source>Rapport backup %1.sqlite</source>
        <comment>file name</comment>
        <translation>Sauvegarde Rapport %1.sqlite</translation>
    </message>
    <message>
        <source>Back Up Database</source>
        <translation>Sauvegarder la base</translation>
    </message>
    <message>
        <source>Rapport databases (*.sqlite);;All files (*)</source>
        <translation>Bases Rapport (*.sqlite);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Backing up the database to %1…</source>
        <translation>Sauvegarde de la base dans %1…</translation>
    </message>
    <message>
        <source>The backup failed.</source>
        <translation>La sauvegarde a échoué.</translation>
    </message>
    <message>
        <source>Backup failed</source>
        <translation>Échec de la sauvegarde</translation>
    </message>
    <message numerus="yes">
        <source>Backed up %n contact(s) to %1 (%2).</source>
        <translation>
            <numerusform>%n contact sauvegardé dans %1 (%2).</numerusform>
            <numerusform>%n contacts sauvegardés dans %1 (%2).</numerusform>
        </translation>
    </message>
    <message>
        <source>Restore From Backup</source>
        <translation>Restaurer une sauvegarde</translation>
    </message>
    <message>
        <source>Rapport databases (*.sqlite *.db);;All files (*)</source>
        <translation>Bases Rapport (*.sqlite *.db);;Tous les fichiers (*)</translation>
    </message>
</context>
<context>
    <name>BlueskyMapping</name>
    <message>
        <source>The Bluesky server sent an answer Rapport does not understand (%1).</source>
        <translation>Le serveur Bluesky a envoyé une réponse que Rapport ne comprend pas (%1).</translation>
    </message>
    <message>
        <source>not JSON: %1</source>
        <translation>pas du JSON&#xa0;: %1</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>pas un objet JSON</translation>
    </message>
    <message>
        <source>no list of notifications</source>
        <translation>aucune liste de notifications</translation>
    </message>
    <message>
        <source>no list of posts</source>
        <translation>aucune liste de publications</translation>
    </message>
    <message>
        <source>a session without an account</source>
        <translation>une session sans compte</translation>
    </message>
    <message>
        <source>a session without tokens</source>
        <translation>une session sans jetons</translation>
    </message>
    <message>
        <source>notification %1 (%2) without a valid URI, time or author</source>
        <translation>notification %1 (%2) sans URI, date ou auteur valide</translation>
    </message>
    <message>
        <source>post %1 of %2 without a valid URI, time or author</source>
        <translation>publication %1 de %2 sans URI, date ou auteur valide</translation>
    </message>
</context>
<context>
    <name>BlueskySession</name>
    <message>
        <source>Bluesky (%1) no longer accepts Rapport&apos;s sign-in for @%2. Sign in again with a new app password.</source>
        <translation>Bluesky (%1) n&apos;accepte plus la connexion de Rapport pour @%2. Reconnectez-vous avec un nouveau mot de passe d&apos;application.</translation>
    </message>
    <message>
        <source>Bluesky (%1) answered with status %2.</source>
        <translation>Bluesky (%1) a répondu avec le statut %2.</translation>
    </message>
    <message>
        <source>Bluesky (%1) answered with status %2: %3</source>
        <translation>Bluesky (%1) a répondu avec le statut %2&#xa0;: %3</translation>
    </message>
    <message>
        <source>The Bluesky account has no handle to sign in with.</source>
        <translation>Le compte Bluesky n&apos;a pas d&apos;identifiant pour se connecter.</translation>
    </message>
    <message>
        <source>Rapport has no app password for @%1 (the keyring may have been reset). Sign in again with an app password.</source>
        <translation>Rapport n&apos;a pas de mot de passe d&apos;application pour @%1 (le trousseau de clés a peut-être été réinitialisé). Reconnectez-vous avec un mot de passe d&apos;application.</translation>
    </message>
    <message>
        <source>Bluesky has suspended the account @%1.</source>
        <translation>Bluesky a suspendu le compte @%1.</translation>
    </message>
    <message>
        <source>Bluesky refused the app password for @%1. Create a new app password in Bluesky&apos;s settings and sign in again.</source>
        <translation>Bluesky a refusé le mot de passe d&apos;application pour @%1. Créez un nouveau mot de passe d&apos;application dans les paramètres de Bluesky et reconnectez-vous.</translation>
    </message>
</context>
<context>
    <name>BlueskySource</name>
    <message>
        <source>The Bluesky sync was cancelled.</source>
        <translation>La synchronisation Bluesky a été annulée.</translation>
    </message>
    <message>
        <source>Signed in as @%1</source>
        <translation>Connecté en tant que @%1</translation>
    </message>
</context>
<context>
    <name>BriefTab</name>
    <message>
        <source>Not set</source>
        <comment>no date</comment>
        <translation>Non définie</translation>
    </message>
    <message>
        <source>Brief</source>
        <translation>Brief</translation>
    </message>
    <message>
        <source>Re&amp;load Theirs</source>
        <translation>Re&amp;charger leur version</translation>
    </message>
    <message>
        <source>Show the brief as it is stored now; your edits are dropped</source>
        <translation>Afficher le brief tel qu’il est enregistré&#xa0;; vos modifications sont abandonnées</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom&#xa0;:</translation>
    </message>
    <message>
        <source>The client organization: type to pick one</source>
        <translation>L’organisation cliente&#xa0;: tapez pour en choisir une</translation>
    </message>
    <message>
        <source>&amp;Client:</source>
        <translation>&amp;Client&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Statut&#xa0;:</translation>
    </message>
    <message>
        <source>to</source>
        <comment>from date to date</comment>
        <translation>au</translation>
    </message>
    <message>
        <source>No date</source>
        <translation>Pas de date</translation>
    </message>
    <message>
        <source>&amp;Dates:</source>
        <translation>&amp;Dates&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Owner:</source>
        <translation>&amp;Responsable&#xa0;:</translation>
    </message>
    <message>
        <source>Team members</source>
        <translation>Membres de l’équipe</translation>
    </message>
    <message>
        <source>&amp;Team:</source>
        <translation>É&amp;quipe&#xa0;:</translation>
    </message>
    <message>
        <source>What the campaign is about</source>
        <translation>Le sujet de la campagne</translation>
    </message>
    <message>
        <source>D&amp;escription:</source>
        <translation>D&amp;escription&#xa0;:</translation>
    </message>
    <message>
        <source>What counts as success, e.g. ten tier-one articles</source>
        <translation>Ce qui compte comme un succès, p. ex. dix articles dans des médias de premier plan</translation>
    </message>
    <message>
        <source>&amp;Goals:</source>
        <translation>&amp;Objectifs&#xa0;:</translation>
    </message>
    <message>
        <source>What every pitch and article should carry</source>
        <translation>Ce que chaque pitch et chaque article doit porter</translation>
    </message>
    <message>
        <source>&amp;Key messages:</source>
        <translation>&amp;Messages clés&#xa0;:</translation>
    </message>
    <message>
        <source>Keywords, separated by commas: used to suggest whom to pitch</source>
        <translation>Mots-clés séparés par des virgules&#xa0;: ils servent à suggérer qui solliciter</translation>
    </message>
    <message>
        <source>To&amp;pics:</source>
        <translation>T&amp;hèmes&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>A&amp;bandonner</translation>
    </message>
    <message>
        <source>Save Brief</source>
        <translation>Enregistrer le brief</translation>
    </message>
    <message>
        <source>Save the brief (%1)</source>
        <translation>Enregistrer le brief (%1)</translation>
    </message>
    <message>
        <source>Nobody</source>
        <translation>Personne</translation>
    </message>
    <message>
        <source>User %1</source>
        <translation>Utilisateur %1</translation>
    </message>
    <message>
        <source>The campaign cannot end before it starts (%1).</source>
        <translation>La campagne ne peut pas se terminer avant de commencer (%1).</translation>
    </message>
    <message>
        <source>There is no organization named “%1”. Pick one from the list, or add it in Organizations first.</source>
        <translation>Aucune organisation ne s’appelle «&#xa0;%1&#xa0;». Choisissez-en une dans la liste, ou ajoutez-la d’abord dans Organisations.</translation>
    </message>
    <message>
        <source>Saved the brief of “%1”.</source>
        <translation>Brief de «&#xa0;%1&#xa0;» enregistré.</translation>
    </message>
    <message>
        <source>Saved the brief of “%1”, merged with what %2 changed meanwhile (%3).</source>
        <translation>Brief de «&#xa0;%1&#xa0;» enregistré, fusionné avec ce que %2 a modifié entre-temps (%3).</translation>
    </message>
    <message>
        <source>Saved the brief of “%1” with your choices.</source>
        <translation>Brief de «&#xa0;%1&#xa0;» enregistré avec vos choix.</translation>
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
        <translation>&amp;Ajouter une étiquette…</translation>
    </message>
    <message>
        <source>Add a tag to the selected contacts</source>
        <translation>Ajouter une étiquette aux contacts sélectionnés</translation>
    </message>
    <message>
        <source>Re&amp;move Tag…</source>
        <translation>Retirer une éti&amp;quette…</translation>
    </message>
    <message>
        <source>Remove a tag from the selected contacts</source>
        <translation>Retirer une étiquette des contacts sélectionnés</translation>
    </message>
    <message>
        <source>Add &amp;Beat…</source>
        <translation>Ajouter une &amp;rubrique…</translation>
    </message>
    <message>
        <source>Add a beat to the selected contacts</source>
        <translation>Ajouter une rubrique aux contacts sélectionnés</translation>
    </message>
    <message>
        <source>Remove B&amp;eat…</source>
        <translation>Retirer une r&amp;ubrique…</translation>
    </message>
    <message>
        <source>Remove a beat from the selected contacts</source>
        <translation>Retirer une rubrique des contacts sélectionnés</translation>
    </message>
    <message>
        <source>Set &amp;Owner…</source>
        <translation>Définir &amp;le responsable…</translation>
    </message>
    <message>
        <source>Give the selected contacts to an account manager</source>
        <translation>Confier les contacts sélectionnés à un responsable</translation>
    </message>
    <message>
        <source>Set &amp;Kind…</source>
        <translation>Définir le t&amp;ype…</translation>
    </message>
    <message>
        <source>Set the kind of the selected contacts</source>
        <translation>Définir le type des contacts sélectionnés</translation>
    </message>
    <message>
        <source>Bulk change failed</source>
        <translation>Échec de la modification groupée</translation>
    </message>
    <message>
        <source>Add Beat</source>
        <translation>Ajouter une rubrique</translation>
    </message>
    <message>
        <source>Add Tag</source>
        <translation>Ajouter une étiquette</translation>
    </message>
    <message>
        <source>Remove Beat</source>
        <translation>Retirer une rubrique</translation>
    </message>
    <message>
        <source>Remove Tag</source>
        <translation>Retirer une étiquette</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Beat to add to %n contact(s):</source>
        <translation>
            <numerusform>&amp;Rubrique à ajouter à %n contact&#xa0;:</numerusform>
            <numerusform>&amp;Rubrique à ajouter à %n contacts&#xa0;:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Tag to add to %n contact(s):</source>
        <translation>
            <numerusform>Éti&amp;quette à ajouter à %n contact&#xa0;:</numerusform>
            <numerusform>Éti&amp;quette à ajouter à %n contacts&#xa0;:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Beat to remove from %n contact(s):</source>
        <translation>
            <numerusform>&amp;Rubrique à retirer de %n contact&#xa0;:</numerusform>
            <numerusform>&amp;Rubrique à retirer de %n contacts&#xa0;:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Tag to remove from %n contact(s):</source>
        <translation>
            <numerusform>Éti&amp;quette à retirer de %n contact&#xa0;:</numerusform>
            <numerusform>Éti&amp;quette à retirer de %n contacts&#xa0;:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Changing %n contact(s)…</source>
        <translation>
            <numerusform>Modification de %n contact…</numerusform>
            <numerusform>Modification de %n contacts…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add beat “%1” to %n contact(s)</source>
        <translation>
            <numerusform>Ajouter la rubrique «&#xa0;%1&#xa0;» à %n contact</numerusform>
            <numerusform>Ajouter la rubrique «&#xa0;%1&#xa0;» à %n contacts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add tag “%1” to %n contact(s)</source>
        <translation>
            <numerusform>Ajouter l&apos;étiquette «&#xa0;%1&#xa0;» à %n contact</numerusform>
            <numerusform>Ajouter l&apos;étiquette «&#xa0;%1&#xa0;» à %n contacts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove beat “%1” from %n contact(s)</source>
        <translation>
            <numerusform>Retirer la rubrique «&#xa0;%1&#xa0;» de %n contact</numerusform>
            <numerusform>Retirer la rubrique «&#xa0;%1&#xa0;» de %n contacts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove tag “%1” from %n contact(s)</source>
        <translation>
            <numerusform>Retirer l&apos;étiquette «&#xa0;%1&#xa0;» de %n contact</numerusform>
            <numerusform>Retirer l&apos;étiquette «&#xa0;%1&#xa0;» de %n contacts</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to change.</source>
        <translation>Rien à modifier.</translation>
    </message>
    <message>
        <source>Nobody</source>
        <comment>no owner</comment>
        <translation>Personne</translation>
    </message>
    <message>
        <source>Set Owner</source>
        <translation>Définir le responsable</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Account manager for %n contact(s):</source>
        <translation>
            <numerusform>&amp;Responsable de %n contact&#xa0;:</numerusform>
            <numerusform>&amp;Responsable de %n contacts&#xa0;:</numerusform>
        </translation>
    </message>
    <message>
        <source>nobody</source>
        <comment>no owner</comment>
        <translation>personne</translation>
    </message>
    <message numerus="yes">
        <source>Give %n contact(s) to %1</source>
        <translation>
            <numerusform>Confier %n contact à %1</numerusform>
            <numerusform>Confier %n contacts à %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Set Kind</source>
        <translation>Définir le type</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Kind of %n contact(s):</source>
        <translation>
            <numerusform>&amp;Type de %n contact&#xa0;:</numerusform>
            <numerusform>&amp;Type de %n contacts&#xa0;:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Make %n contact(s) “%1”</source>
        <translation>
            <numerusform>Passer %n contact en «&#xa0;%1&#xa0;»</numerusform>
            <numerusform>Passer %n contacts en «&#xa0;%1&#xa0;»</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Moving %n contact(s) to the trash…</source>
        <translation>
            <numerusform>Déplacement de %n contact vers la corbeille…</numerusform>
            <numerusform>Déplacement de %n contacts vers la corbeille…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n contact(s) to the trash</source>
        <translation>
            <numerusform>Déplacer %n contact vers la corbeille</numerusform>
            <numerusform>Déplacer %n contacts vers la corbeille</numerusform>
        </translation>
    </message>
    <message>
        <source>. Undo with %1.</source>
        <translation>. Annuler avec %1.</translation>
    </message>
    <message>
        <source>Select None</source>
        <translation>Ne rien sélectionner</translation>
    </message>
    <message>
        <source>Keep only the current contact selected</source>
        <translation>Ne garder sélectionné que le contact courant</translation>
    </message>
    <message>
        <source>%L1 selected</source>
        <comment>contacts</comment>
        <translation>%L1 sélectionnés</translation>
    </message>
    <message>
        <source>Add to &amp;Campaign…</source>
        <translation>Ajouter à une ca&amp;mpagne…</translation>
    </message>
    <message>
        <source>Add the selected contacts to a campaign&apos;s media list</source>
        <translation>Ajouter les contacts sélectionnés à la liste médias d&apos;une campagne</translation>
    </message>
    <message>
        <source>There is no campaign yet: create one in the Campaigns section first.</source>
        <translation>Il n&apos;y a pas encore de campagne&#xa0;: créez-en une d&apos;abord dans la section Campagnes.</translation>
    </message>
    <message>
        <source>Add to Campaign</source>
        <translation>Ajouter à une campagne</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Campaign to add %n contact(s) to:</source>
        <translation>
            <numerusform>&amp;Campagne à laquelle ajouter %n contact&#xa0;:</numerusform>
            <numerusform>&amp;Campagne à laquelle ajouter %n contacts&#xa0;:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Adding %n contact(s) to “%1”…</source>
        <translation>
            <numerusform>Ajout de %n contact à «&#xa0;%1&#xa0;»…</numerusform>
            <numerusform>Ajout de %n contacts à «&#xa0;%1&#xa0;»…</numerusform>
        </translation>
    </message>
    <message>
        <source>“%1”:</source>
        <comment>campaign name</comment>
        <translation>«&#xa0;%1&#xa0;»&#xa0;:</translation>
    </message>
    <message>
        <source>%L1 selected — your role changes at most %L2 at once; ask a manager</source>
        <comment>contacts</comment>
        <translation>%L1 sélectionnés — votre rôle modifie au plus %L2 à la fois&#xa0;; demandez à un gestionnaire</translation>
    </message>
</context>
<context>
    <name>BulkCommand</name>
    <message>
        <source>Could not undo or redo</source>
        <translation>Impossible d&apos;annuler ou de rétablir</translation>
    </message>
    <message>
        <source>“%1” could not be undone or redone: %2</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;a pas pu être annulé ou rétabli&#xa0;: %2</translation>
    </message>
    <message>
        <source>Undoing or redoing “%1”…</source>
        <translation>Annulation ou rétablissement de «&#xa0;%1&#xa0;»…</translation>
    </message>
</context>
<context>
    <name>BulkContactRepository</name>
    <message>
        <source>reading the selected contacts</source>
        <translation>lecture des contacts sélectionnés</translation>
    </message>
    <message>
        <source>saving the selected contacts</source>
        <translation>enregistrement des contacts sélectionnés</translation>
    </message>
    <message>
        <source>writing the audit log</source>
        <translation>écriture du journal des modifications</translation>
    </message>
    <message>
        <source>saving a tag</source>
        <translation>enregistrement d&apos;une étiquette</translation>
    </message>
    <message>
        <source>reading a tag</source>
        <translation>lecture d&apos;une étiquette</translation>
    </message>
    <message>
        <source>Enter the name of a tag.</source>
        <translation>Saisissez le nom d&apos;une étiquette.</translation>
    </message>
    <message>
        <source>A tag can have at most %1 characters.</source>
        <translation>Une étiquette peut compter au plus %1 caractères.</translation>
    </message>
    <message>
        <source>Unknown kind of tag: %1</source>
        <translation>Type d&apos;étiquette inconnu&#xa0;: %1</translation>
    </message>
    <message>
        <source>saving the tags of the selected contacts</source>
        <translation>enregistrement des étiquettes des contacts sélectionnés</translation>
    </message>
    <message>
        <source>updating the search index</source>
        <translation>mise à jour de l&apos;index de recherche</translation>
    </message>
    <message>
        <source>Unknown kind of contact: %1</source>
        <translation>Type de contact inconnu&#xa0;: %1</translation>
    </message>
    <message>
        <source>reading the users</source>
        <translation>lecture des utilisateurs</translation>
    </message>
    <message>
        <source>That account manager no longer exists.</source>
        <translation>Ce responsable n&apos;existe plus.</translation>
    </message>
    <message>
        <source>reading the tags</source>
        <translation>lecture des étiquettes</translation>
    </message>
</context>
<context>
    <name>BulkInserter</name>
    <message>
        <source>writing %1</source>
        <translation>écriture de %1</translation>
    </message>
    <message>
        <source>reading %1</source>
        <translation>lecture de %1</translation>
    </message>
    <message>
        <source>checking whether the database is empty</source>
        <translation>vérification que la base de données est vide</translation>
    </message>
    <message>
        <source>emptying %1</source>
        <translation>vidage de %1</translation>
    </message>
    <message>
        <source>updating the ids of %1</source>
        <translation>mise à jour des identifiants de %1</translation>
    </message>
    <message>
        <source>preparing the bulk load</source>
        <translation>préparation du chargement en masse</translation>
    </message>
    <message>
        <source>building the indexes</source>
        <translation>construction des index</translation>
    </message>
</context>
<context>
    <name>CampaignCommands</name>
    <message>
        <source>rapport: %1</source>
        <translation>rapport&#xa0;: %1</translation>
    </message>
    <message>
        <source>Try “rapport --help”.</source>
        <translation>Essayez «&#xa0;rapport --help&#xa0;».</translation>
    </message>
    <message>
        <source>Use “rapport campaigns list [--client ID]”.</source>
        <translation>Utilisez «&#xa0;rapport campaigns list [--client ID]&#xa0;».</translation>
    </message>
    <message>
        <source>--client needs an organization id (a whole number above 0).</source>
        <translation>--client attend l’identifiant d’une organisation (un entier supérieur à 0).</translation>
    </message>
    <message>
        <source>There is no organization with id %1.</source>
        <translation>Aucune organisation n’a l’identifiant %1.</translation>
    </message>
    <message>
        <source>No campaigns.</source>
        <translation>Aucune campagne.</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Campagne</translation>
    </message>
    <message>
        <source>List</source>
        <translation>Liste</translation>
    </message>
    <message>
        <source>Pitched</source>
        <translation>Envoyés</translation>
    </message>
    <message>
        <source>Replied</source>
        <translation>Réponses</translation>
    </message>
    <message>
        <source>Covered</source>
        <translation>Couverts</translation>
    </message>
    <message>
        <source>Reach</source>
        <translation>Audience</translation>
    </message>
    <message>
        <source>Use “rapport campaign show ID”.</source>
        <translation>Utilisez «&#xa0;rapport campaign show ID&#xa0;».</translation>
    </message>
    <message>
        <source>“%1” is not a campaign id (a whole number above 0).</source>
        <translation>«&#xa0;%1&#xa0;» n’est pas un identifiant de campagne (un entier supérieur à 0).</translation>
    </message>
    <message>
        <source>There is no campaign with id %1.</source>
        <translation>Aucune campagne n’a l’identifiant %1.</translation>
    </message>
    <message>
        <source>Client:</source>
        <translation>Client&#xa0;:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Statut&#xa0;:</translation>
    </message>
    <message>
        <source>Dates:</source>
        <translation>Dates&#xa0;:</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>du %1 au %2</translation>
    </message>
    <message>
        <source>Owner:</source>
        <translation>Responsable&#xa0;:</translation>
    </message>
    <message>
        <source>Team:</source>
        <translation>Équipe&#xa0;:</translation>
    </message>
    <message>
        <source>Topics:</source>
        <translation>Thèmes&#xa0;:</translation>
    </message>
    <message>
        <source>Description:</source>
        <translation>Description&#xa0;:</translation>
    </message>
    <message>
        <source>Goals:</source>
        <translation>Objectifs&#xa0;:</translation>
    </message>
    <message>
        <source>Key messages:</source>
        <translation>Messages clés&#xa0;:</translation>
    </message>
    <message>
        <source>Pitches:</source>
        <translation>Pitchs&#xa0;:</translation>
    </message>
    <message>
        <source>Coverage (%1):</source>
        <translation>Retombées (%1)&#xa0;:</translation>
    </message>
    <message>
        <source>reach %1</source>
        <translation>audience %1</translation>
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
        <translation>Titre</translation>
    </message>
    <message>
        <source>Outlet</source>
        <translation>Média</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Auteur</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Reach</source>
        <translation>Audience</translation>
    </message>
    <message>
        <source>Sentiment</source>
        <translation>Tonalité</translation>
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
        <translation>Modifier le brief de «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>“%1” was changed by someone else since; it was left as they saved it.</source>
        <translation>«&#xa0;%1&#xa0;» a été modifiée entre-temps par quelqu’un d’autre&#xa0;; elle est restée telle qu’enregistrée.</translation>
    </message>
    <message>
        <source>New campaign “%1”</source>
        <translation>Nouvelle campagne «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>Move campaign “%1” to the trash</source>
        <translation>Mettre la campagne «&#xa0;%1&#xa0;» à la corbeille</translation>
    </message>
    <message>
        <source>Restore campaign “%1”</source>
        <translation>Restaurer la campagne «&#xa0;%1&#xa0;»</translation>
    </message>
</context>
<context>
    <name>CampaignHistoryTab</name>
    <message>
        <source>History</source>
        <translation>Modifications</translation>
    </message>
</context>
<context>
    <name>CampaignListModel</name>
    <message>
        <source>People on the campaign&apos;s media list</source>
        <translation>Personnes de la liste médias de la campagne</translation>
    </message>
    <message>
        <source>People pitched (every pitch past “planned”)</source>
        <translation>Personnes sollicitées (tout pitch au-delà de «&#xa0;prévu&#xa0;»)</translation>
    </message>
    <message>
        <source>Pitches that got a reply (replied, interested, declined or covered)</source>
        <translation>Pitchs qui ont reçu une réponse (réponse, intéressé, refusé ou couvert)</translation>
    </message>
    <message>
        <source>Pitches that led to coverage</source>
        <translation>Pitchs qui ont donné des retombées</translation>
    </message>
    <message>
        <source>The audience of the campaign&apos;s coverage, added up</source>
        <translation>L’audience cumulée des retombées de la campagne</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Campagne</translation>
    </message>
    <message>
        <source>Client</source>
        <comment>a client of the PR agency</comment>
        <translation>Client</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>On list</source>
        <comment>people on the media list</comment>
        <translation>Sur la liste</translation>
    </message>
    <message>
        <source>Pitched</source>
        <translation>Envoyés</translation>
    </message>
    <message>
        <source>Replied</source>
        <translation>Réponses</translation>
    </message>
    <message>
        <source>Covered</source>
        <translation>Couverts</translation>
    </message>
    <message>
        <source>Reach</source>
        <comment>audience size</comment>
        <translation>Audience</translation>
    </message>
    <message>
        <source>In the trash since %1</source>
        <translation>Dans la corbeille depuis le %1</translation>
    </message>
</context>
<context>
    <name>CampaignListQuery</name>
    <message>
        <source>sorting the campaign list</source>
        <translation>tri de la liste des campagnes</translation>
    </message>
    <message>
        <source>loading the campaign list</source>
        <translation>chargement de la liste des campagnes</translation>
    </message>
    <message>
        <source>counting campaigns</source>
        <translation>comptage des campagnes</translation>
    </message>
    <message>
        <source>listing the clients</source>
        <translation>liste des clients</translation>
    </message>
</context>
<context>
    <name>CampaignRepository</name>
    <message>
        <source>A campaign needs a name.</source>
        <translation>Une campagne doit avoir un nom.</translation>
    </message>
    <message>
        <source>The name can be at most 300 characters long.</source>
        <translation>Le nom peut compter au plus 300 caractères.</translation>
    </message>
    <message>
        <source>Unknown campaign status “%1”.</source>
        <translation>Statut de campagne inconnu «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>The campaign cannot end before it starts.</source>
        <translation>La campagne ne peut pas se terminer avant d&apos;avoir commencé.</translation>
    </message>
    <message>
        <source>adding the campaign</source>
        <translation>ajout de la campagne</translation>
    </message>
    <message>
        <source>This campaign has not been saved yet.</source>
        <translation>Cette campagne n&apos;a pas encore été enregistrée.</translation>
    </message>
    <message>
        <source>saving the campaign</source>
        <translation>enregistrement de la campagne</translation>
    </message>
    <message>
        <source>“%1” was changed or deleted by someone else since you opened it. Reload it to see their changes; yours were not saved.</source>
        <translation>«&#xa0;%1&#xa0;» a été modifiée ou supprimée par quelqu&apos;un d&apos;autre depuis que vous l&apos;avez ouverte. Rechargez-la pour voir ces modifications&#xa0;; les vôtres n&apos;ont pas été enregistrées.</translation>
    </message>
    <message>
        <source>loading the campaign</source>
        <translation>chargement de la campagne</translation>
    </message>
    <message>
        <source>The campaign no longer exists.</source>
        <translation>La campagne n&apos;existe plus.</translation>
    </message>
    <message>
        <source>moving the campaign to the trash</source>
        <translation>déplacement de la campagne vers la corbeille</translation>
    </message>
    <message>
        <source>restoring the campaign</source>
        <translation>restauration de la campagne</translation>
    </message>
    <message>
        <source>listing campaigns</source>
        <translation>liste des campagnes</translation>
    </message>
    <message>
        <source>adding the pitch</source>
        <translation>ajout du pitch</translation>
    </message>
    <message>
        <source>The contact no longer exists.</source>
        <translation>Le contact n&apos;existe plus.</translation>
    </message>
    <message>
        <source>%1 asked not to be contacted (%2): they cannot be pitched.</source>
        <translation>%1 a demandé à ne pas être contacté (%2)&#xa0;: impossible de lui adresser un pitch.</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>aucune raison indiquée</translation>
    </message>
    <message>
        <source>This contact is already on the campaign&apos;s pitch list.</source>
        <translation>Ce contact figure déjà dans la liste médias de la campagne.</translation>
    </message>
    <message>
        <source>Unknown pitch status “%1”.</source>
        <translation>Statut de pitch inconnu «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>saving the pitch</source>
        <translation>enregistrement du pitch</translation>
    </message>
    <message>
        <source>The pitch no longer exists.</source>
        <translation>Le pitch n&apos;existe plus.</translation>
    </message>
    <message>
        <source>listing pitches</source>
        <translation>liste des pitchs</translation>
    </message>
    <message>
        <source>saving the campaign&apos;s team</source>
        <translation>enregistrement de l’équipe de la campagne</translation>
    </message>
</context>
<context>
    <name>CampaignStatus</name>
    <message>
        <source>Planned</source>
        <translation>Prévue</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Terminée</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulée</translation>
    </message>
</context>
<context>
    <name>CampaignSummaryQuery</name>
    <message>
        <source>counting the campaign&apos;s pitches</source>
        <translation>comptage des pitchs de la campagne</translation>
    </message>
    <message>
        <source>loading the campaign&apos;s coverage</source>
        <translation>chargement des retombées de la campagne</translation>
    </message>
    <message>
        <source>loading the users</source>
        <translation>chargement des utilisateurs</translation>
    </message>
</context>
<context>
    <name>CampaignWorkspace</name>
    <message>
        <source>Select a campaign to see its brief, content, media list, pipeline and coverage.</source>
        <translation>Choisissez une campagne pour voir son brief, ses contenus, sa liste médias, son suivi des pitchs et ses retombées.</translation>
    </message>
    <message>
        <source>Brief</source>
        <translation>Brief</translation>
    </message>
    <message>
        <source>Client, name, goals, key messages, topics, dates and team.</source>
        <translation>Client, nom, objectifs, messages clés, thèmes, dates et équipe.</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>Contenus</translation>
    </message>
    <message>
        <source>Press releases, pitch emails, posts and media kits, with their versions.</source>
        <translation>Communiqués, e-mails de pitch, publications et dossiers de presse, avec leurs versions.</translation>
    </message>
    <message>
        <source>Media list</source>
        <translation>Liste médias</translation>
    </message>
    <message>
        <source>The people this campaign pitches, with warnings before anyone is pitched.</source>
        <translation>Les personnes que cette campagne démarche, avec des avertissements avant tout pitch.</translation>
    </message>
    <message>
        <source>Pipeline</source>
        <translation>Suivi des pitchs</translation>
    </message>
    <message>
        <source>Every pitch as a board: planned, pitched, replied, interested, declined, covered.</source>
        <translation>Chaque pitch sur un tableau&#xa0;: prévu, envoyé, réponse, intéressé, refusé, couvert.</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>Retombées</translation>
    </message>
    <message>
        <source>The articles and posts that came out, with reach and sentiment.</source>
        <translation>Les articles et publications parus, avec leur audience et leur tonalité.</translation>
    </message>
    <message>
        <source>Who to pitch</source>
        <translation>Qui solliciter</translation>
    </message>
    <message>
        <source>People ranked for this campaign, with the reasons in words.</source>
        <translation>Les personnes classées pour cette campagne, avec les raisons en toutes lettres.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <source>This campaign has unsaved changes (%1). Save them before leaving it?</source>
        <translation>Cette campagne a des modifications non enregistrées (%1). Les enregistrer avant de la quitter&#xa0;?</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Modifications</translation>
    </message>
    <message>
        <source>Who changed what in this campaign, and when.</source>
        <translation>Qui a modifié quoi dans cette campagne, et quand.</translation>
    </message>
</context>
<context>
    <name>CampaignsView</name>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Campagnes</translation>
    </message>
    <message>
        <source>Search by name, client or description</source>
        <translation>Rechercher par nom, client ou description</translation>
    </message>
    <message>
        <source>Search campaigns</source>
        <translation>Rechercher des campagnes</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Only this client&apos;s campaigns</source>
        <translation>Seulement les campagnes de ce client</translation>
    </message>
    <message>
        <source>All clients</source>
        <translation>Tous les clients</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Tous les statuts</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Only the campaigns this account manager owns</source>
        <translation>Seulement les campagnes dont ce chargé de compte est responsable</translation>
    </message>
    <message>
        <source>Any owner</source>
        <translation>Tout responsable</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Only the campaigns running at some time in this period</source>
        <translation>Seulement les campagnes en cours à un moment de cette période</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Toute période</translation>
    </message>
    <message>
        <source>Running now</source>
        <translation>En cours maintenant</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>Ce mois-ci</translation>
    </message>
    <message>
        <source>This quarter</source>
        <translation>Ce trimestre</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>Cette année</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>12 derniers mois</translation>
    </message>
    <message>
        <source>Next 3 months</source>
        <translation>3 prochains mois</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Nouvelle</translation>
    </message>
    <message>
        <source>&amp;Trash</source>
        <translation>&amp;Corbeille</translation>
    </message>
    <message>
        <source>Show the campaigns in the trash, to restore them</source>
        <translation>Afficher les campagnes de la corbeille pour les restaurer</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Restaurer</translation>
    </message>
    <message>
        <source>&amp;New Campaign</source>
        <translation>&amp;Nouvelle campagne</translation>
    </message>
    <message>
        <source>&amp;Edit Brief</source>
        <translation>&amp;Modifier le brief</translation>
    </message>
    <message>
        <source>&amp;Move to Trash</source>
        <translation>Mettre à la cor&amp;beille</translation>
    </message>
    <message>
        <source>&amp;Restore Campaign</source>
        <translation>&amp;Restaurer la campagne</translation>
    </message>
    <message>
        <source>Show &amp;Trash</source>
        <translation>Afficher la &amp;corbeille</translation>
    </message>
    <message>
        <source>%L1 in the trash</source>
        <translation>%L1 dans la corbeille</translation>
    </message>
    <message numerus="yes">
        <source>%Ln campaign(s)</source>
        <translation>
            <numerusform>%Ln campagne</numerusform>
            <numerusform>%Ln campagnes</numerusform>
        </translation>
    </message>
    <message>
        <source>%L1 of %L2</source>
        <translation>%L1 sur %L2</translation>
    </message>
    <message>
        <source>New campaign</source>
        <translation>Nouvelle campagne</translation>
    </message>
    <message>
        <source>Moved “%1” to the trash.</source>
        <translation>«&#xa0;%1&#xa0;» mise à la corbeille.</translation>
    </message>
    <message>
        <source>Restored “%1”.</source>
        <translation>«&#xa0;%1&#xa0;» restaurée.</translation>
    </message>
</context>
<context>
    <name>ChartExport</name>
    <message>
        <source>Could not save the chart as %1</source>
        <translation>Impossible d&apos;enregistrer le graphique sous %1</translation>
    </message>
</context>
<context>
    <name>ChartPanel</name>
    <message>
        <source>Table</source>
        <translation>Tableau</translation>
    </message>
    <message>
        <source>Show the numbers as a table</source>
        <translation>Afficher les chiffres sous forme de tableau</translation>
    </message>
    <message>
        <source>Copy as CSV</source>
        <translation>Copier en CSV</translation>
    </message>
    <message>
        <source>Copy the chart&apos;s numbers to the clipboard, for a spreadsheet</source>
        <translation>Copier les chiffres du graphique dans le presse-papiers, pour un tableur</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Save the chart as an image</source>
        <translation>Enregistrer le graphique comme image</translation>
    </message>
    <message>
        <source>Save as PNG…</source>
        <translation>Enregistrer en PNG…</translation>
    </message>
    <message>
        <source>Save as SVG…</source>
        <translation>Enregistrer en SVG…</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>Calcul…</translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <comment>chart hover: series, category: value</comment>
        <translation>%1, %2 : %3</translation>
    </message>
    <message>
        <source>SVG drawings (*.svg)</source>
        <translation>Dessins SVG (*.svg)</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Images PNG (*.png)</translation>
    </message>
    <message>
        <source>Save Chart</source>
        <translation>Enregistrer le graphique</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>Unknown option --%1.</source>
        <translation>Option inconnue --%1.</translation>
    </message>
    <message>
        <source>The option --%1 needs a value.</source>
        <translation>L&apos;option --%1 attend une valeur.</translation>
    </message>
    <message>
        <source>The option --%1 takes no value.</source>
        <translation>L&apos;option --%1 n&apos;accepte pas de valeur.</translation>
    </message>
    <message>
        <source>Unknown option %1.</source>
        <translation>Option inconnue %1.</translation>
    </message>
    <message>
        <source>Unknown command “%1”.</source>
        <translation>Commande inconnue «&#xa0;%1&#xa0;».</translation>
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
        <translation>Usage&#xa0;: rapport [--db CHEMIN-ou-URL] [--lang CODE] [COMMANDE] [OPTIONS] [--json]

Sans commande, ouvre la fenêtre de Rapport.

Commandes&#xa0;:
  demo --size small|large [--seed N] [--force]
                    Remplit une base vide avec une agence de RP de démonstration (--force remplace son contenu).
  stats             Nombre de lignes par table, version du schéma et taille de la base.
  search RECHERCHE [--limit N] [--contacts-only]
                    Contacts et échanges correspondant à RECHERCHE, par pertinence (les mots sont des préfixes).
  migrate           Met la base au schéma actuel et indique ce qui a été fait.
  sync [--account ID|all]
                    Récupère une fois les nouvelles publications et messages d&apos;un compte actif ou de tous.
  accounts list     Les comptes et flux que Rapport synchronise, avec leur état.
  accounts add feed URL --contact ID|--organization ID [--interval MIN] [--name NOM]
  accounts add mastodon SERVER_URL [--handle USER@SERVER] [--name NOM]
  accounts add bluesky HANDLE [--server PDS_URL] [--name NOM]
                    Ajoute un compte. Le jeton d&apos;accès Mastodon ou le mot de passe d&apos;application
                    Bluesky est lu sur l&apos;entrée standard, jamais sur la ligne de commande.
  accounts remove ID
                    Arrête de synchroniser un compte et supprime sa connexion du trousseau de clés.
  campaigns list [--client ID]
                    Les campagnes, les plus récentes d’abord, avec leurs chiffres de pitchs et l’audience des retombées.
  campaign show ID  Le brief d’une campagne, ses pitchs par statut et ses retombées.
  campaign suggest ID [--limit N]
                    Qui solliciter pour une campagne&#xa0;: les personnes classées par pertinence, avec les raisons.

Options&#xa0;:
  --db CHEMIN-ou-URL  Un fichier SQLite, ou postgresql://user[:password]@host[:port]/database.
                    Par défaut&#xa0;: rapport.sqlite dans le dossier de données de l&apos;utilisateur.
  --lang CODE       Langue de l&apos;interface (en, de, fr, es)&#xa0;; par défaut&#xa0;: celle du système.
  --json            Affiche le résultat en JSON.
  --help, --version

Code de sortie&#xa0;: 0 réussite, 1 échec (la raison est sur la sortie d&apos;erreur), 2 mauvais usage.
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
Rapports (sans écran) :
  report --client ID|--campaign ID --from AAAA-MM-JJ --to AAAA-MM-JJ --out FICHIER.pdf [--agency NOM]
                    Un rapport client en PDF : couverture, synthèse, graphiques, entonnoir des pitchs,
                    principaux médias et le tableau des retombées de la période.
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
L&apos;équipe d&apos;une base d&apos;équipe (PostgreSQL&#xa0;; ajouter, changer les rôles et désactiver sont réservés aux admins)&#xa0;:
  users list        Tout le monde, avec son rôle (admin, manager, member, viewer).
  users add LOGIN --role ROLE [--name NAME] [--email EMAIL]
                    Une nouvelle personne qui se connecte comme LOGIN&#xa0;; le mot de passe est lu sur l&apos;entrée standard.
  users set-role LOGIN ROLE
  users deactivate LOGIN
                    LOGIN ne peut plus se connecter&#xa0;; ce qu&apos;il a fait reste.
</translation>
    </message>
</context>
<context>
    <name>CommandPalette</name>
    <message>
        <source>Command palette</source>
        <translation>Palette de commandes</translation>
    </message>
    <message>
        <source>Type a name, a section or a command…</source>
        <translation>Saisissez un nom, une section ou une commande…</translation>
    </message>
    <message>
        <source>Command palette search</source>
        <translation>Recherche dans la palette de commandes</translation>
    </message>
    <message>
        <source>Matching commands, contacts and organizations</source>
        <translation>Commandes, contacts et organisations correspondants</translation>
    </message>
    <message>
        <source>↑↓ to choose · Enter to open · Esc to close</source>
        <translation>↑↓ pour choisir · Entrée pour ouvrir · Échap pour fermer</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Contact: %1</source>
        <translation>Contact&#xa0;: %1</translation>
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
        <translation>Commande inconnue «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>rapport: %1</source>
        <translation>rapport&#xa0;: %1</translation>
    </message>
    <message>
        <source>Try “rapport --help”.</source>
        <translation>Essayez «&#xa0;rapport --help&#xa0;».</translation>
    </message>
    <message>
        <source>--seed needs a whole number.</source>
        <translation>--seed attend un nombre entier.</translation>
    </message>
    <message>
        <source>demo takes no arguments.</source>
        <translation>demo n&apos;accepte pas d&apos;arguments.</translation>
    </message>
    <message>
        <source>Generating demo data… %1% (%2)</source>
        <translation>Génération des données de démonstration… %1 % (%2)</translation>
    </message>
    <message>
        <source>Demo data written to %1 in %2 s:</source>
        <translation>Données de démonstration écrites dans %1 en %2 s&#xa0;:</translation>
    </message>
    <message>
        <source>stats takes no arguments.</source>
        <translation>stats n&apos;accepte pas d&apos;arguments.</translation>
    </message>
    <message>
        <source>Database:       %1</source>
        <translation>Base de données&#xa0;:   %1</translation>
    </message>
    <message>
        <source>Schema version: %1</source>
        <translation>Version du schéma&#xa0;: %1</translation>
    </message>
    <message>
        <source>Size:           %1</source>
        <translation>Taille&#xa0;:            %1</translation>
    </message>
    <message>
        <source>Rows:</source>
        <translation>Lignes&#xa0;:</translation>
    </message>
    <message>
        <source>search needs a QUERY.</source>
        <translation>search attend une RECHERCHE.</translation>
    </message>
    <message>
        <source>--limit needs a number from 1 to 10000.</source>
        <translation>--limit attend un nombre de 1 à 10000.</translation>
    </message>
    <message>
        <source>The query has no letters or digits to search for.</source>
        <translation>La recherche ne contient ni lettres ni chiffres à rechercher.</translation>
    </message>
    <message>
        <source>migrate takes no arguments.</source>
        <translation>migrate n&apos;accepte pas d&apos;arguments.</translation>
    </message>
    <message>
        <source>%1 is already at schema version %2; nothing to do.</source>
        <translation>%1 est déjà à la version %2 du schéma&#xa0;; rien à faire.</translation>
    </message>
    <message>
        <source>Migrated %1 from schema version %2 to %3:</source>
        <translation>%1 migrée de la version %2 du schéma à la version %3&#xa0;:</translation>
    </message>
    <message>
        <source>Contacts (%L1):</source>
        <translation>Contacts (%L1)&#xa0;:</translation>
    </message>
    <message>
        <source>Conversations (%L1):</source>
        <translation>Échanges (%L1)&#xa0;:</translation>
    </message>
    <message>
        <source>report needs either --client ID or --campaign ID.</source>
        <translation>report demande --client ID ou --campaign ID.</translation>
    </message>
    <message>
        <source>report needs a number after --%1.</source>
        <translation>report demande un nombre après --%1.</translation>
    </message>
    <message>
        <source>report needs --from and --to as dates (YYYY-MM-DD).</source>
        <translation>report demande --from et --to sous forme de dates (AAAA-MM-JJ).</translation>
    </message>
    <message>
        <source>The report&apos;s --from date is after its --to date.</source>
        <translation>La date --from du rapport est après sa date --to.</translation>
    </message>
    <message>
        <source>report needs --out FILE.pdf.</source>
        <translation>report demande --out FICHIER.pdf.</translation>
    </message>
    <message>
        <source>report takes no arguments besides its options.</source>
        <translation>report ne prend pas d&apos;argument en dehors de ses options.</translation>
    </message>
    <message>
        <source>Wrote the report to %1 (%L2 bytes).</source>
        <translation>Rapport écrit dans %1 (%L2 octets).</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Changed by Someone Else</source>
        <translation>Modifié par quelqu&apos;un d&apos;autre</translation>
    </message>
    <message>
        <source>While you edited “%1”, %2 saved changes to the same fields. Choose for each field what to keep; everything else you and they changed is merged.</source>
        <translation>Pendant que vous modifiiez «&#xa0;%1&#xa0;», %2 a enregistré des modifications des mêmes champs. Choisissez pour chaque champ ce qu&apos;il faut garder&#xa0;; tout le reste de ce que vous et cette personne avez modifié est fusionné.</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>Original</translation>
    </message>
    <message>
        <source>Theirs</source>
        <translation>Les leurs</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>Les miennes</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Garder</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(vide)</translation>
    </message>
    <message>
        <source>Nothing is saved; what you typed stays in the form</source>
        <translation>Rien n&apos;est enregistré&#xa0;; ce que vous avez saisi reste dans le formulaire</translation>
    </message>
    <message>
        <source>someone else</source>
        <translation>quelqu’un d’autre</translation>
    </message>
    <message>
        <source>“%1” was moved to the trash by %2 while you edited it, so your changes were not saved; they are still in the form. Restore it from the trash to save them, or Reload to drop them.</source>
        <translation>«&#xa0;%1&#xa0;» a été mis à la corbeille par %2 pendant que vous le modifiiez&#xa0;: vos modifications n’ont donc pas été enregistrées&#xa0;; elles sont toujours dans le formulaire. Restaurez-le depuis la corbeille pour les enregistrer, ou rechargez pour les abandonner.</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>Connect to Team Database</source>
        <translation>Se connecter à la base de l’équipe</translation>
    </message>
    <message>
        <source>Work together with your team on one PostgreSQL database. Ask whoever set up the server for these details; the password is kept in the system keyring.</source>
        <translation>Travaillez avec votre équipe sur une même base PostgreSQL. Demandez ces informations à la personne qui a installé le serveur&#xa0;; le mot de passe est conservé dans le trousseau du système.</translation>
    </message>
    <message>
        <source>db.agency.example</source>
        <translation>db.agence.example</translation>
    </message>
    <message>
        <source>rapport</source>
        <translation>rapport</translation>
    </message>
    <message>
        <source>Encrypted, server verified with the CA file (verify-full)</source>
        <translation>Chiffré, serveur vérifié avec le fichier CA (verify-full)</translation>
    </message>
    <message>
        <source>Encrypted when the server offers it (prefer)</source>
        <translation>Chiffré si le serveur le propose (prefer)</translation>
    </message>
    <message>
        <source>Encrypted, server not verified (require)</source>
        <translation>Chiffré, serveur non vérifié (require)</translation>
    </message>
    <message>
        <source>Not encrypted (disable)</source>
        <translation>Non chiffré (disable)</translation>
    </message>
    <message>
        <source>verify-full encrypts the connection and checks that the server is the one named in its certificate, signed by the CA file: use it for a server on a network.</source>
        <translation>verify-full chiffre la connexion et vérifie que le serveur est bien celui nommé dans son certificat, signé par le fichier CA&#xa0;: à utiliser pour un serveur sur un réseau.</translation>
    </message>
    <message>
        <source>~/.postgresql/root.crt</source>
        <translation>~/.postgresql/root.crt</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Serveur&#xa0;:</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>P&amp;ort&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>&amp;Base de données&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Utilisateur&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mot de passe&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Encryption:</source>
        <translation>C&amp;hiffrement&#xa0;:</translation>
    </message>
    <message>
        <source>C&amp;A file:</source>
        <translation>&amp;Fichier CA&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation>&amp;Tester la connexion</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>Se &amp;connecter</translation>
    </message>
    <message>
        <source>Enter the server&apos;s name or address.</source>
        <translation>Saisissez le nom ou l’adresse du serveur.</translation>
    </message>
    <message>
        <source>Enter the name of the database.</source>
        <translation>Saisissez le nom de la base de données.</translation>
    </message>
    <message>
        <source>Enter your user name on the server.</source>
        <translation>Saisissez votre nom d’utilisateur sur le serveur.</translation>
    </message>
    <message>
        <source>The CA file %1 cannot be read.</source>
        <translation>Le fichier CA %1 ne peut pas être lu.</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Connexion à %1…</translation>
    </message>
    <message>
        <source>Connected. The database is empty: Rapport sets it up when it opens it.</source>
        <translation>Connecté. La base est vide&#xa0;: Rapport la prépare en l’ouvrant.</translation>
    </message>
    <message>
        <source>Connected to %1.</source>
        <translation>Connecté à %1.</translation>
    </message>
    <message>
        <source>Keeping the password in the keyring…</source>
        <translation>Enregistrement du mot de passe dans le trousseau…</translation>
    </message>
    <message>
        <source>CA file of the database server</source>
        <translation>Fichier CA du serveur de base de données</translation>
    </message>
    <message>
        <source>Certificates (*.crt *.pem);;All files (*)</source>
        <translation>Certificats (*.crt *.pem);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>The CA file&apos;s path must not contain a semicolon: move the file elsewhere.</source>
        <translation>Le chemin du fichier CA ne doit pas contenir de point-virgule&#xa0;: placez le fichier ailleurs.</translation>
    </message>
    <message>
        <source>The connection is encrypted (TLS).</source>
        <translation>La connexion est chiffrée (TLS).</translation>
    </message>
    <message>
        <source>The connection is not encrypted: use it only on a network you trust.</source>
        <translation>La connexion n’est pas chiffrée&#xa0;: ne l’utilisez que sur un réseau de confiance.</translation>
    </message>
</context>
<context>
    <name>ContactCampaignsPanel</name>
    <message>
        <source>Campaigns and coverage</source>
        <translation>Campagnes et retombées</translation>
    </message>
    <message>
        <source>Campaign or coverage</source>
        <translation>Campagne ou retombée</translation>
    </message>
    <message>
        <source>Pitch</source>
        <comment>the pitch&apos;s status</comment>
        <translation>Pitch</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Not pitched for any campaign yet, and no coverage recorded.</source>
        <translation>Sollicité pour aucune campagne pour l’instant, et aucune retombée enregistrée.</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Campaign %1. Double-click or press Enter to open it.</source>
        <translation>Campagne %1. Double-cliquez ou appuyez sur Entrée pour l’ouvrir.</translation>
    </message>
    <message>
        <source>Not pitched</source>
        <translation>Pas sollicité</translation>
    </message>
    <message>
        <source>Coverage without a campaign</source>
        <translation>Retombées sans campagne</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Reach %L1</source>
        <translation>Audience %L1</translation>
    </message>
</context>
<context>
    <name>ContactCampaignsQuery</name>
    <message>
        <source>loading the person&apos;s campaigns</source>
        <translation>chargement des campagnes de la personne</translation>
    </message>
</context>
<context>
    <name>ContactColumnChooser</name>
    <message>
        <source>Columns</source>
        <translation>Colonnes</translation>
    </message>
</context>
<context>
    <name>ContactEditor</name>
    <message>
        <source>Re&amp;vert</source>
        <translation>A&amp;bandonner</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>&amp;Reload (lose my changes)</source>
        <translation>&amp;Recharger (perdre mes modifications)</translation>
    </message>
    <message>
        <source>&amp;Keep editing</source>
        <translation>&amp;Continuer à modifier</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Ouvrir</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Masquer</translation>
    </message>
    <message>
        <source>&amp;New contact</source>
        <translation>&amp;Nouveau contact</translation>
    </message>
    <message>
        <source>&amp;Save contact</source>
        <translation>&amp;Enregistrer le contact</translation>
    </message>
    <message>
        <source>Re&amp;vert changes</source>
        <translation>A&amp;bandonner les modifications</translation>
    </message>
    <message>
        <source>Show &amp;trash…</source>
        <translation>Afficher la &amp;corbeille…</translation>
    </message>
    <message>
        <source>Contacts in the trash, to restore</source>
        <translation>Contacts dans la corbeille, à restaurer</translation>
    </message>
    <message>
        <source>Ne&amp;xt contact</source>
        <translation>Contact &amp;suivant</translation>
    </message>
    <message>
        <source>&amp;Previous contact</source>
        <translation>Contact &amp;précédent</translation>
    </message>
    <message>
        <source>New contact</source>
        <translation>Nouveau contact</translation>
    </message>
    <message>
        <source>%1 (edited)</source>
        <translation>%1 (modifié)</translation>
    </message>
    <message>
        <source>the new contact</source>
        <translation>le nouveau contact</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <source>Save your changes to %1?</source>
        <translation>Enregistrer vos modifications pour %1&#xa0;?</translation>
    </message>
    <message>
        <source>“%1” added.</source>
        <translation>«&#xa0;%1&#xa0;» ajouté.</translation>
    </message>
    <message>
        <source>“%1” saved.</source>
        <translation>«&#xa0;%1&#xa0;» enregistré.</translation>
    </message>
    <message>
        <source>Organization “%1” created.</source>
        <translation>Organisation «&#xa0;%1&#xa0;» créée.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Non enregistré&#xa0;: %1</translation>
    </message>
    <message>
        <source>Not saved: someone else changed this contact.</source>
        <translation>Non enregistré&#xa0;: quelqu&apos;un d&apos;autre a modifié ce contact.</translation>
    </message>
    <message>
        <source>Delete a contact</source>
        <translation>Supprimer un contact</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n contacts</source>
        <translation>
            <numerusform>Supprimer %n contact</numerusform>
            <numerusform>Supprimer %n contacts</numerusform>
        </translation>
    </message>
    <message>
        <source>Not deleted</source>
        <translation>Non supprimé</translation>
    </message>
    <message>
        <source>Moved to trash. Undo with %1.</source>
        <translation>Déplacé vers la corbeille. Annuler avec %1.</translation>
    </message>
    <message numerus="yes">
        <source>%n contacts moved to trash. Undo with %1.</source>
        <translation>
            <numerusform>%n contact déplacé vers la corbeille. Annuler avec %1.</numerusform>
            <numerusform>%n contacts déplacés vers la corbeille. Annuler avec %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Restore %n contacts</source>
        <translation>
            <numerusform>Restaurer %n contact</numerusform>
            <numerusform>Restaurer %n contacts</numerusform>
        </translation>
    </message>
    <message>
        <source>Not restored</source>
        <translation>Non restauré</translation>
    </message>
    <message numerus="yes">
        <source>%n contacts restored.</source>
        <translation>
            <numerusform>%n contact restauré.</numerusform>
            <numerusform>%n contacts restaurés.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not undo or redo</source>
        <translation>Impossible d&apos;annuler ou de rétablir</translation>
    </message>
    <message>
        <source>&amp;Log…</source>
        <translation>&amp;Consigner…</translation>
    </message>
    <message>
        <source>Log a conversation with this contact</source>
        <translation>Consigner un échange avec ce contact</translation>
    </message>
    <message>
        <source>Log a call, email or meeting with this contact</source>
        <translation>Consigner un appel, un e-mail ou un rendez-vous avec ce contact</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>Move to Tras&amp;h</source>
        <translation>Mettre à la c&amp;orbeille</translation>
    </message>
    <message>
        <source>“%1” is in the trash: shown on its own. Restore it from Contact → Show trash.</source>
        <translation>«&#xa0;%1&#xa0;» est dans la corbeille&#xa0;: il est affiché seul. Restaurez-le depuis Contact → Afficher la corbeille.</translation>
    </message>
    <message>
        <source>Search and filters cleared to show “%1”.</source>
        <translation>Recherche et filtres réinitialisés pour afficher «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>another contact</source>
        <translation>un autre contact</translation>
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
        <translation>%1, dans la corbeille</translation>
    </message>
    <message>
        <source>Shares an email or handle with %1.</source>
        <translation>Partage une adresse e-mail ou un identifiant avec %1.</translation>
    </message>
    <message>
        <source>Shares an email or handle with %1 and %2 others.</source>
        <translation>Partage une adresse e-mail ou un identifiant avec %1 et %2 autres.</translation>
    </message>
    <message>
        <source>the other contact</source>
        <translation>l&apos;autre contact</translation>
    </message>
    <message>
        <source>&amp;Save Anyway</source>
        <translation>&amp;Enregistrer quand même</translation>
    </message>
    <message>
        <source>&amp;Open “%1” (discard my changes)</source>
        <translation>&amp;Ouvrir «&#xa0;%1&#xa0;» (abandonner mes modifications)</translation>
    </message>
    <message>
        <source>&amp;Merge…</source>
        <translation>&amp;Fusionner…</translation>
    </message>
    <message>
        <source>Keep &amp;Editing</source>
        <translation>&amp;Continuer à modifier</translation>
    </message>
    <message>
        <source>Possible duplicate</source>
        <translation>Doublon possible</translation>
    </message>
    <message>
        <source>%1 The two may be the same person.

Save “%2” anyway, open “%3” instead, or merge the two?</source>
        <translation>%1 Il s&apos;agit peut-être de la même personne.

Enregistrer «&#xa0;%2&#xa0;» quand même, ouvrir «&#xa0;%3&#xa0;» à la place, ou fusionner les deux&#xa0;?</translation>
    </message>
    <message>
        <source>The contact you are editing was merged: saving will report the change.</source>
        <translation>Le contact que vous modifiez a été fusionné&#xa0;: l&apos;enregistrement signalera la modification.</translation>
    </message>
    <message>
        <source>“%1” was merged into “%2”.</source>
        <translation>«&#xa0;%1&#xa0;» a été fusionné avec «&#xa0;%2&#xa0;».</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Campagnes</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Modifications</translation>
    </message>
    <message>
        <source>Who changed what in this profile, and when</source>
        <translation>Qui a modifié quoi dans ce profil, et quand</translation>
    </message>
    <message>
        <source>“%1” saved, merged with what %2 changed meanwhile (%3).</source>
        <translation>«&#xa0;%1&#xa0;» enregistré, fusionné avec ce que %2 a modifié entre-temps (%3).</translation>
    </message>
    <message>
        <source>%1 changed the same fields meanwhile: choose what to keep.</source>
        <translation>%1 a modifié les mêmes champs entre-temps&#xa0;: choisissez ce qu&apos;il faut garder.</translation>
    </message>
    <message>
        <source>“%1” saved with your choices.</source>
        <translation>«&#xa0;%1&#xa0;» enregistré avec vos choix.</translation>
    </message>
</context>
<context>
    <name>ContactFilterPanel</name>
    <message>
        <source>Contact filters</source>
        <translation>Filtres des contacts</translation>
    </message>
    <message>
        <source>Kinds</source>
        <translation>Types</translation>
    </message>
    <message>
        <source>Beats and tags</source>
        <translation>Rubriques et étiquettes</translation>
    </message>
    <message>
        <source>e.g. retail, consumer tech</source>
        <translation>p. ex. distribution, high-tech</translation>
    </message>
    <message>
        <source>Outlets</source>
        <translation>Médias</translation>
    </message>
    <message>
        <source>Type an outlet&apos;s name</source>
        <translation>Saisissez le nom d&apos;un média</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Pays</translation>
    </message>
    <message>
        <source>Any country</source>
        <translation>Tous les pays</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ville</translation>
    </message>
    <message>
        <source>Any city</source>
        <translation>Toutes les villes</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>N&apos;importe qui</translation>
    </message>
    <message>
        <source>Do not contact</source>
        <translation>Ne pas contacter</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>Tout le monde</translation>
    </message>
    <message>
        <source>Only “do not contact”</source>
        <translation>Uniquement «&#xa0;ne pas contacter&#xa0;»</translation>
    </message>
    <message>
        <source>Leave out “do not contact”</source>
        <translation>Exclure «&#xa0;ne pas contacter&#xa0;»</translation>
    </message>
    <message>
        <source>Not contacted in days</source>
        <translation>Pas contacté depuis (jours)</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Désactivé</translation>
    </message>
    <message>
        <source> days</source>
        <translation> jours</translation>
    </message>
    <message>
        <source>C&amp;lear filters</source>
        <translation>&amp;Effacer les filtres</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Type&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Beats, tags:</source>
        <translation>&amp;Rubriques, étiquettes&#xa0;:</translation>
    </message>
    <message>
        <source>O&amp;utlet:</source>
        <translation>&amp;Média&#xa0;:</translation>
    </message>
    <message>
        <source>O&amp;wner:</source>
        <translation>Res&amp;ponsable&#xa0;:</translation>
    </message>
    <message>
        <source>Cou&amp;ntry:</source>
        <translation>Pa&amp;ys&#xa0;:</translation>
    </message>
    <message>
        <source>C&amp;ity:</source>
        <translation>V&amp;ille&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Do not contact:</source>
        <translation>&amp;Ne pas contacter&#xa0;:</translation>
    </message>
    <message>
        <source>Not contacted &amp;in:</source>
        <translation>Pas contacté &amp;depuis&#xa0;:</translation>
    </message>
</context>
<context>
    <name>ContactFollowUpsPanel</name>
    <message>
        <source>Open follow-ups</source>
        <translation>Relances en cours</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Fait</translation>
    </message>
    <message>
        <source>Mark the selected follow-up as done</source>
        <translation>Marquer la relance sélectionnée comme faite</translation>
    </message>
    <message>
        <source>+1 day</source>
        <translation>+1 jour</translation>
    </message>
    <message>
        <source>Move the selected follow-up one day on</source>
        <translation>Reporter la relance sélectionnée d&apos;un jour</translation>
    </message>
    <message>
        <source>+1 week</source>
        <translation>+1 semaine</translation>
    </message>
    <message>
        <source>Move the selected follow-up one week on</source>
        <translation>Reporter la relance sélectionnée d&apos;une semaine</translation>
    </message>
    <message>
        <source>Open follow-ups with this contact</source>
        <translation>Relances en cours avec ce contact</translation>
    </message>
    <message>
        <source>Open follow-ups (%L1)</source>
        <translation>Relances en cours (%L1)</translation>
    </message>
</context>
<context>
    <name>ContactForm</name>
    <message>
        <source>&amp;Mastodon:</source>
        <translation>&amp;Mastodon&#xa0;:</translation>
    </message>
    <message>
        <source>Bl&amp;uesky:</source>
        <translation>Bl&amp;uesky&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;X:</source>
        <translation>&amp;X&#xa0;:</translation>
    </message>
    <message>
        <source>Lin&amp;kedIn:</source>
        <translation>Lin&amp;kedIn&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Website:</source>
        <translation>Site &amp;web&#xa0;:</translation>
    </message>
    <message>
        <source>Blog or &amp;feed:</source>
        <translation>Blog ou &amp;flux&#xa0;:</translation>
    </message>
    <message>
        <source>Identity</source>
        <translation>Identité</translation>
    </message>
    <message>
        <source>&amp;First name:</source>
        <translation>&amp;Prénom&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Last name:</source>
        <translation>&amp;Nom&#xa0;:</translation>
    </message>
    <message>
        <source>Displa&amp;y name:</source>
        <translation>Nom &amp;affiché&#xa0;:</translation>
    </message>
    <message>
        <source>First and last name</source>
        <translation>Prénom et nom</translation>
    </message>
    <message>
        <source>Pro&amp;nouns:</source>
        <translation>Pro&amp;noms&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Fonction&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Organization:</source>
        <translation>&amp;Organisation&#xa0;:</translation>
    </message>
    <message>
        <source>Outlet or company: pick one or type a new name</source>
        <translation>Média ou entreprise&#xa0;: choisissez-en un ou saisissez un nouveau nom</translation>
    </message>
    <message>
        <source>&amp;Role there:</source>
        <translation>&amp;Rôle dans l&apos;organisation&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>T&amp;ype&#xa0;:</translation>
    </message>
    <message>
        <source>O&amp;wner:</source>
        <translation>Res&amp;ponsable&#xa0;:</translation>
    </message>
    <message>
        <source>Reach and channels</source>
        <translation>Audience et canaux</translation>
    </message>
    <message>
        <source>email address</source>
        <translation>adresse e-mail</translation>
    </message>
    <message>
        <source>&amp;Emails:</source>
        <translation>&amp;E-mails&#xa0;:</translation>
    </message>
    <message>
        <source>phone number</source>
        <translation>numéro de téléphone</translation>
    </message>
    <message>
        <source>&amp;Phones:</source>
        <translation>&amp;Téléphones&#xa0;:</translation>
    </message>
    <message>
        <source>No preference</source>
        <translation>Aucune préférence</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
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
        <translation>En personne</translation>
    </message>
    <message>
        <source>Prefe&amp;rred channel:</source>
        <translation>Canal &amp;préféré&#xa0;:</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Inconnu</translation>
    </message>
    <message>
        <source> people</source>
        <translation> personnes</translation>
    </message>
    <message>
        <source>Reac&amp;h:</source>
        <translation>Au&amp;dience&#xa0;:</translation>
    </message>
    <message>
        <source>Beats and tags</source>
        <translation>Rubriques et étiquettes</translation>
    </message>
    <message>
        <source>&amp;Beats:</source>
        <translation>&amp;Rubriques&#xa0;:</translation>
    </message>
    <message>
        <source>T&amp;ags:</source>
        <translation>Éti&amp;quettes&#xa0;:</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Localisation</translation>
    </message>
    <message>
        <source>&amp;City:</source>
        <translation>&amp;Ville&#xa0;:</translation>
    </message>
    <message>
        <source>Countr&amp;y:</source>
        <translation>Pa&amp;ys&#xa0;:</translation>
    </message>
    <message>
        <source>Time &amp;zone:</source>
        <translation>Fuseau &amp;horaire&#xa0;:</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>No&amp;tes:</source>
        <translation>No&amp;tes&#xa0;:</translation>
    </message>
    <message>
        <source>Consent and contact</source>
        <translation>Consentement et prise de contact</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>Non renseigné</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Consentement</translation>
    </message>
    <message>
        <source>Legitimate interest</source>
        <translation>Intérêt légitime</translation>
    </message>
    <message>
        <source>Contract</source>
        <translation>Contrat</translation>
    </message>
    <message>
        <source>Public professional role</source>
        <translation>Rôle professionnel public</translation>
    </message>
    <message>
        <source>Consent &amp;basis:</source>
        <translation>&amp;Base légale&#xa0;:</translation>
    </message>
    <message>
        <source>Recorded on</source>
        <translation>Enregistré le</translation>
    </message>
    <message>
        <source>Consent date</source>
        <translation>Date du consentement</translation>
    </message>
    <message>
        <source>Consent &amp;date:</source>
        <translation>&amp;Date du consentement&#xa0;:</translation>
    </message>
    <message>
        <source>Consent date recorded</source>
        <translation>Date du consentement renseignée</translation>
    </message>
    <message>
        <source>Consent &amp;source:</source>
        <translation>&amp;Source du consentement&#xa0;:</translation>
    </message>
    <message>
        <source>e.g. signed up at the launch event</source>
        <translation>p. ex. inscrit lors de l&apos;événement de lancement</translation>
    </message>
    <message>
        <source>Do &amp;not contact</source>
        <translation>&amp;Ne pas contacter</translation>
    </message>
    <message>
        <source>Do not contact</source>
        <translation>Ne pas contacter</translation>
    </message>
    <message>
        <source>Reaso&amp;n:</source>
        <translation>Rai&amp;son&#xa0;:</translation>
    </message>
    <message>
        <source>Nobody</source>
        <translation>Personne</translation>
    </message>
    <message>
        <source>“%1” is not in your organizations yet: saving creates it.</source>
        <translation>«&#xa0;%1&#xa0;» ne fait pas encore partie de vos organisations&#xa0;: l&apos;enregistrement la créera.</translation>
    </message>
    <message>
        <source>User %1</source>
        <translation>Utilisateur %1</translation>
    </message>
    <message>
        <source>A new contact: nothing is saved until you save it.</source>
        <translation>Un nouveau contact&#xa0;: rien n&apos;est enregistré tant que vous ne l&apos;enregistrez pas.</translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>Created %1 · updated %2 · version %3 · last contacted %4%5</source>
        <translation>Créé le %1 · modifié le %2 · version %3 · dernier contact&#xa0;: %4%5</translation>
    </message>
    <message>
        <source> · in the trash</source>
        <translation> · dans la corbeille</translation>
    </message>
    <message>
        <source>“%1” is not a time zone: pick one from the list, like Europe/London.</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas un fuseau horaire&#xa0;: choisissez-en un dans la liste, par exemple Europe/Paris.</translation>
    </message>
</context>
<context>
    <name>ContactListModel</name>
    <message>
        <source>Journalist</source>
        <translation>Journaliste</translation>
    </message>
    <message>
        <source>Editor</source>
        <translation>Rédacteur</translation>
    </message>
    <message>
        <source>Blogger</source>
        <translation>Blogueur</translation>
    </message>
    <message>
        <source>Influencer</source>
        <translation>Influenceur</translation>
    </message>
    <message>
        <source>Analyst</source>
        <translation>Analyste</translation>
    </message>
    <message>
        <source>Client contact</source>
        <translation>Contact client</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Client final</translation>
    </message>
    <message>
        <source>Other</source>
        <comment>contact kind</comment>
        <translation>Autre</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Outlet</source>
        <translation>Média</translation>
    </message>
    <message>
        <source>Title</source>
        <comment>job title</comment>
        <translation>Fonction</translation>
    </message>
    <message>
        <source>Kind</source>
        <comment>journalist, editor, blogger...</comment>
        <translation>Type</translation>
    </message>
    <message>
        <source>Owner</source>
        <comment>account manager in charge of the contact</comment>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Last contacted</source>
        <translation>Dernier contact</translation>
    </message>
    <message>
        <source>Health</source>
        <comment>relationship health score column</comment>
        <translation>Santé</translation>
    </message>
    <message>
        <source>Relationship health: %1 of 100</source>
        <translation>Santé de la relation&#xa0;: %1 sur 100</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Modifié</translation>
    </message>
    <message>
        <source>%1 asked not to be contacted.</source>
        <translation>%1 a demandé à ne pas être contacté.</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Étiquettes</translation>
    </message>
</context>
<context>
    <name>ContactListQuery</name>
    <message>
        <source>counting contacts</source>
        <translation>comptage des contacts</translation>
    </message>
    <message>
        <source>sorting the contact list</source>
        <translation>tri de la liste des contacts</translation>
    </message>
    <message>
        <source>loading the contact list</source>
        <translation>chargement de la liste des contacts</translation>
    </message>
    <message>
        <source>reading beats and tags</source>
        <translation>lecture des rubriques et étiquettes</translation>
    </message>
    <message>
        <source>reading countries</source>
        <translation>lecture des pays</translation>
    </message>
    <message>
        <source>reading cities</source>
        <translation>lecture des villes</translation>
    </message>
</context>
<context>
    <name>ContactMerge</name>
    <message>
        <source>First name</source>
        <translation>Prénom</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>Nom affiché</translation>
    </message>
    <message>
        <source>Pronouns</source>
        <translation>Pronoms</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Fonction</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Role at the outlet</source>
        <translation>Rôle au sein du média</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Account manager</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ville</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Pays</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Fuseau horaire</translation>
    </message>
    <message>
        <source>Reach</source>
        <translation>Audience</translation>
    </message>
    <message>
        <source>Preferred channel</source>
        <translation>Canal préféré</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Do not contact</source>
        <translation>Ne pas contacter</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <source>Reason not to contact</source>
        <translation>Raison de ne pas contacter</translation>
    </message>
    <message>
        <source>Consent basis</source>
        <translation>Base du consentement</translation>
    </message>
    <message>
        <source>Consent given</source>
        <translation>Consentement donné</translation>
    </message>
    <message>
        <source>Consent source</source>
        <translation>Source du consentement</translation>
    </message>
    <message>
        <source>Emails</source>
        <translation>E-mails</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation>Téléphones</translation>
    </message>
    <message>
        <source>Handles</source>
        <translation>Identifiants</translation>
    </message>
    <message>
        <source>Beats</source>
        <translation>Rubriques</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Étiquettes</translation>
    </message>
</context>
<context>
    <name>ContactRepository</name>
    <message>
        <source>adding the contact</source>
        <translation>ajout du contact</translation>
    </message>
    <message>
        <source>This contact has not been saved yet.</source>
        <translation>Ce contact n&apos;a pas encore été enregistré.</translation>
    </message>
    <message>
        <source>saving the contact</source>
        <translation>enregistrement du contact</translation>
    </message>
    <message>
        <source>“%1” was changed or deleted by someone else since you opened it. Reload it to see their changes; yours were not saved.</source>
        <translation>«&#xa0;%1&#xa0;» a été modifié ou supprimé par quelqu&apos;un d&apos;autre depuis que vous l&apos;avez ouvert. Rechargez-le pour voir ces modifications&#xa0;; les vôtres n&apos;ont pas été enregistrées.</translation>
    </message>
    <message>
        <source>saving the contact&apos;s email addresses</source>
        <translation>enregistrement des adresses e-mail du contact</translation>
    </message>
    <message>
        <source>saving the contact&apos;s phone numbers</source>
        <translation>enregistrement des numéros de téléphone du contact</translation>
    </message>
    <message>
        <source>saving the contact&apos;s handles</source>
        <translation>enregistrement des identifiants du contact</translation>
    </message>
    <message>
        <source>The handle %1 already belongs to another contact.</source>
        <translation>L&apos;identifiant %1 appartient déjà à un autre contact.</translation>
    </message>
    <message>
        <source>saving the contact&apos;s tags</source>
        <translation>enregistrement des étiquettes du contact</translation>
    </message>
    <message>
        <source>saving a tag</source>
        <translation>enregistrement d&apos;une étiquette</translation>
    </message>
    <message>
        <source>updating the search index</source>
        <translation>mise à jour de l&apos;index de recherche</translation>
    </message>
    <message>
        <source>loading the contact</source>
        <translation>chargement du contact</translation>
    </message>
    <message>
        <source>The contact no longer exists.</source>
        <translation>Le contact n&apos;existe plus.</translation>
    </message>
    <message>
        <source>moving the contact to the trash</source>
        <translation>déplacement du contact vers la corbeille</translation>
    </message>
    <message>
        <source>restoring the contact</source>
        <translation>restauration du contact</translation>
    </message>
    <message>
        <source>counting contacts</source>
        <translation>comptage des contacts</translation>
    </message>
    <message>
        <source>looking for duplicates</source>
        <translation>recherche de doublons</translation>
    </message>
    <message>
        <source>loading tags</source>
        <translation>chargement des étiquettes</translation>
    </message>
    <message>
        <source>loading the trash</source>
        <translation>chargement de la corbeille</translation>
    </message>
</context>
<context>
    <name>ContactSearchBar</name>
    <message>
        <source>Search contacts</source>
        <translation>Rechercher des contacts</translation>
    </message>
    <message>
        <source>Search names, emails, handles, outlets, titles, beats and notes</source>
        <translation>Rechercher dans les noms, e-mails, identifiants, médias, fonctions, rubriques et notes</translation>
    </message>
    <message>
        <source>&amp;Filters</source>
        <translation>&amp;Filtres</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>Filtres</translation>
    </message>
    <message>
        <source>Filter by kind, beat, outlet, owner, place and last contact</source>
        <translation>Filtrer par type, rubrique, média, responsable, lieu et dernier contact</translation>
    </message>
    <message>
        <source>Clear Filters</source>
        <translation>Effacer les filtres</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Effacer les filtres</translation>
    </message>
    <message>
        <source>Show all contacts again</source>
        <translation>Afficher à nouveau tous les contacts</translation>
    </message>
    <message>
        <source>Save &amp;View…</source>
        <translation>Enregistrer la &amp;vue…</translation>
    </message>
    <message>
        <source>Save view</source>
        <translation>Enregistrer la vue</translation>
    </message>
    <message>
        <source>Save this search, filters, sort and columns as a view in the sidebar</source>
        <translation>Enregistrer cette recherche, les filtres, le tri et les colonnes comme vue dans la barre latérale</translation>
    </message>
    <message>
        <source>&amp;Find Contacts…</source>
        <translation>&amp;Trouver des contacts…</translation>
    </message>
    <message>
        <source>Beat/tag: %1</source>
        <translation>Rubrique/étiquette&#xa0;: %1</translation>
    </message>
    <message>
        <source>Do not contact only</source>
        <translation>Uniquement «&#xa0;ne pas contacter&#xa0;»</translation>
    </message>
    <message>
        <source>Without “do not contact”</source>
        <translation>Sans «&#xa0;ne pas contacter&#xa0;»</translation>
    </message>
    <message>
        <source>Not contacted in %L1 days</source>
        <translation>Pas contacté depuis %L1 jours</translation>
    </message>
    <message>
        <source>Active filters</source>
        <translation>Filtres actifs</translation>
    </message>
    <message>
        <source>Outlet #%1</source>
        <translation>Média n° %1</translation>
    </message>
    <message>
        <source>User #%1</source>
        <translation>Utilisateur n° %1</translation>
    </message>
    <message>
        <source>Remove filter: %1</source>
        <translation>Retirer le filtre&#xa0;: %1</translation>
    </message>
    <message>
        <source>Remove this filter (Delete)</source>
        <translation>Retirer ce filtre (Suppr)</translation>
    </message>
    <message>
        <source>Outlet: %1</source>
        <translation>Média&#xa0;: %1</translation>
    </message>
    <message>
        <source>Owner: %1</source>
        <translation>Responsable&#xa0;: %1</translation>
    </message>
    <message>
        <source>Country: %1</source>
        <translation>Pays&#xa0;: %1</translation>
    </message>
    <message>
        <source>City: %1</source>
        <translation>Ville&#xa0;: %1</translation>
    </message>
    <message>
        <source>%L1 found</source>
        <translation>Trouvés&#xa0;: %L1</translation>
    </message>
    <message>
        <source>%L1+ found</source>
        <translation>Trouvés&#xa0;: %L1+</translation>
    </message>
</context>
<context>
    <name>ContactsView</name>
    <message>
        <source>No contacts yet.</source>
        <translation>Aucun contact pour l&apos;instant.</translation>
    </message>
    <message>
        <source>Select a contact to see the profile.</source>
        <translation>Sélectionnez un contact pour voir son profil.</translation>
    </message>
</context>
<context>
    <name>ContentItemModel</name>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Modifié</translation>
    </message>
</context>
<context>
    <name>ContentLabels</name>
    <message>
        <source>Press release</source>
        <translation>Communiqué de presse</translation>
    </message>
    <message>
        <source>Pitch email</source>
        <translation>E-mail de pitch</translation>
    </message>
    <message>
        <source>Blog post</source>
        <translation>Article de blog</translation>
    </message>
    <message>
        <source>Social post</source>
        <translation>Post réseaux sociaux</translation>
    </message>
    <message>
        <source>Media kit</source>
        <translation>Kit presse</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Brouillon</translation>
    </message>
    <message>
        <source>In review</source>
        <translation>En relecture</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Approuvé</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Publié</translation>
    </message>
    <message>
        <source>Positive</source>
        <comment>sentiment</comment>
        <translation>Positive</translation>
    </message>
    <message>
        <source>Negative</source>
        <comment>sentiment</comment>
        <translation>Négative</translation>
    </message>
    <message>
        <source>Neutral</source>
        <comment>sentiment</comment>
        <translation>Neutre</translation>
    </message>
</context>
<context>
    <name>ContentRepository</name>
    <message>
        <source>moving the content item to the trash</source>
        <translation>déplacement du contenu vers la corbeille</translation>
    </message>
    <message>
        <source>restoring the content item</source>
        <translation>restauration du contenu</translation>
    </message>
    <message>
        <source>The content item no longer exists.</source>
        <translation>Le contenu n&apos;existe plus.</translation>
    </message>
    <message>
        <source>A content item belongs to a campaign.</source>
        <translation>Un contenu appartient à une campagne.</translation>
    </message>
    <message>
        <source>Give the content item a title.</source>
        <translation>Donnez un titre au contenu.</translation>
    </message>
    <message>
        <source>The title can be at most %1 characters long.</source>
        <translation>Le titre peut compter au plus %1 caractères.</translation>
    </message>
    <message>
        <source>Unknown kind of content “%1”.</source>
        <translation>Type de contenu inconnu «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>Unknown content status “%1”.</source>
        <translation>Statut de contenu inconnu «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>The URL must be a web address starting with http:// or https://, for example https://newsroom.example.com/launch.</source>
        <translation>L&apos;URL doit être une adresse web commençant par http:// ou https://, par exemple https://newsroom.example.com/launch.</translation>
    </message>
    <message>
        <source>The text is too long to save: %1 characters, and a content item holds at most %2 (about 1 MB). Shorten it, or put the full document on the web and enter its URL. Nothing was saved.</source>
        <translation>Le texte est trop long pour être enregistré&#xa0;: %1 caractères, alors qu&apos;un contenu en accepte au plus %2 (environ 1 Mo). Raccourcissez-le, ou mettez le document complet en ligne et saisissez son URL. Rien n&apos;a été enregistré.</translation>
    </message>
    <message>
        <source>listing the campaign&apos;s content</source>
        <translation>liste des contenus de la campagne</translation>
    </message>
    <message>
        <source>loading the content item</source>
        <translation>chargement du contenu</translation>
    </message>
    <message>
        <source>adding the content item</source>
        <translation>ajout du contenu</translation>
    </message>
    <message>
        <source>This content item has not been saved yet.</source>
        <translation>Ce contenu n&apos;a pas encore été enregistré.</translation>
    </message>
    <message>
        <source>saving the content item</source>
        <translation>enregistrement du contenu</translation>
    </message>
    <message>
        <source>“%1” was changed or deleted by someone else since you opened it. Your text is still in the editor; copy it, reload the item to see their changes, and save again.</source>
        <translation>«&#xa0;%1&#xa0;» a été modifié ou supprimé par quelqu&apos;un d&apos;autre depuis que vous l&apos;avez ouvert. Votre texte est toujours dans l&apos;éditeur&#xa0;; copiez-le, rechargez le contenu pour voir ces modifications, puis enregistrez à nouveau.</translation>
    </message>
    <message>
        <source>keeping the previous version of the content item</source>
        <translation>conservation de la version précédente du contenu</translation>
    </message>
    <message>
        <source>listing earlier versions of the content item</source>
        <translation>liste des versions antérieures du contenu</translation>
    </message>
    <message>
        <source>loading the earlier version</source>
        <translation>chargement de la version antérieure</translation>
    </message>
    <message>
        <source>That earlier version no longer exists.</source>
        <translation>Cette version antérieure n&apos;existe plus.</translation>
    </message>
</context>
<context>
    <name>ContentTab</name>
    <message>
        <source>Content</source>
        <translation>Contenus</translation>
    </message>
    <message>
        <source>&amp;New Item</source>
        <translation>&amp;Nouveau contenu</translation>
    </message>
    <message>
        <source>Start a new content item (Ctrl+Shift+N)</source>
        <translation>Commencer un nouveau contenu (Ctrl+Maj+N)</translation>
    </message>
    <message>
        <source>Move to Trash</source>
        <translation>Mettre à la corbeille</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Recharger</translation>
    </message>
    <message>
        <source>Show the item as it is stored now; your unsaved changes are dropped</source>
        <translation>Afficher le contenu tel qu&apos;il est enregistré maintenant&#xa0;; vos modifications non enregistrées sont abandonnées</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Titre&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Statut&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Type&#xa0;:</translation>
    </message>
    <message>
        <source>https://newsroom.example.com/…</source>
        <translation>https://newsroom.example.com/…</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>Non défini</translation>
    </message>
    <message>
        <source>&amp;Publish date:</source>
        <translation>Date de &amp;publication&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>&amp;URL&#xa0;:</translation>
    </message>
    <message>
        <source>That is too long to paste: the text would be %1 characters, and a content item holds at most %2 (about 1 MB). Nothing was pasted; put the full document on the web and enter its URL.</source>
        <translation>C&apos;est trop long pour être collé&#xa0;: le texte ferait %1 caractères, et un contenu en contient au plus %2 (environ 1 Mo). Rien n&apos;a été collé&#xa0;; mettez le document complet en ligne et indiquez son URL.</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
    <message>
        <source>&amp;Restore This Version</source>
        <translation>&amp;Restaurer cette version</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Save the content item (Ctrl+S)</source>
        <translation>Enregistrer le contenu (Ctrl+S)</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <source>Discard your unsaved changes and start a new item?</source>
        <translation>Abandonner vos modifications non enregistrées et commencer un nouveau contenu&#xa0;?</translation>
    </message>
    <message>
        <source>Set “%1” to %2</source>
        <translation>Passer «&#xa0;%1&#xa0;» à %2</translation>
    </message>
    <message>
        <source>Edit “%1”</source>
        <translation>Modifier «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>Saved “%1”.</source>
        <translation>«&#xa0;%1&#xa0;» enregistré.</translation>
    </message>
    <message>
        <source>Moved “%1” to the trash.</source>
        <translation>«&#xa0;%1&#xa0;» mis à la corbeille.</translation>
    </message>
    <message>
        <source>The new item</source>
        <translation>Le nouveau contenu</translation>
    </message>
    <message>
        <source>%1 has unsaved changes. Save them first?</source>
        <translation>%1 a des modifications non enregistrées. Les enregistrer d&apos;abord&#xa0;?</translation>
    </message>
    <message>
        <source>This item was saved elsewhere meanwhile (an undo, another window or another user). Saving now would be refused: copy your changes, then reload.</source>
        <translation>Ce contenu a été enregistré ailleurs entre-temps (une annulation, une autre fenêtre ou une autre personne). L&apos;enregistrer maintenant serait refusé&#xa0;: copiez vos modifications, puis rechargez.</translation>
    </message>
    <message>
        <source>Version %1 · %2</source>
        <translation>Version %1 · %2</translation>
    </message>
    <message>
        <source>No earlier versions yet: each save keeps the text it replaces here.</source>
        <translation>Pas encore de versions antérieures&#xa0;: chaque enregistrement conserve ici le texte qu&apos;il remplace.</translation>
    </message>
    <message>
        <source>Restore version %1 of “%2”</source>
        <translation>Restaurer la version %1 de «&#xa0;%2&#xa0;»</translation>
    </message>
    <message>
        <source>Restored version %1 of “%2”.</source>
        <translation>Version %1 de «&#xa0;%2&#xa0;» restaurée.</translation>
    </message>
    <message>
        <source>Restoring version %1 drops your unsaved changes. Restore it?</source>
        <translation>Restaurer la version %1 abandonne vos modifications non enregistrées. La restaurer&#xa0;?</translation>
    </message>
</context>
<context>
    <name>CoolingOffModel</name>
    <message>
        <source>Health fell from %1 to %2 over %3 days; last spoke %4 days ago.</source>
        <translation>La santé est passée de %1 à %2 en %3 jours&#xa0;; dernier échange il y a %4 jours.</translation>
    </message>
    <message>
        <source>%1 → %2 (−%3)</source>
        <translation>%1 → %2 (−%3)</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 jours</translation>
    </message>
    <message>
        <source>nobody</source>
        <comment>account manager</comment>
        <translation>personne</translation>
    </message>
    <message>
        <source>Overdue since %1</source>
        <translation>En retard depuis le %1</translation>
    </message>
    <message>
        <source>Due %1</source>
        <translation>Prévue le %1</translation>
    </message>
    <message>
        <source>A follow-up is already planned; see Follow-ups.</source>
        <translation>Une relance est déjà prévue&#xa0;; voir Relances.</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Health then → now</source>
        <translation>Santé avant → maintenant</translation>
    </message>
    <message>
        <source>Silent for</source>
        <translation>Silencieux depuis</translation>
    </message>
    <message>
        <source>Reach</source>
        <translation>Audience</translation>
    </message>
    <message>
        <source>Account manager</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Relance</translation>
    </message>
</context>
<context>
    <name>CoolingOffView</name>
    <message>
        <source>Cooling off</source>
        <translation>Refroidissement</translation>
    </message>
    <message>
        <source>Relationships cooling off, biggest drop first</source>
        <translation>Relations qui se refroidissent, plus forte baisse en premier</translation>
    </message>
    <message>
        <source>Account manager</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Overdue since %1 %2</source>
        <translation>En retard depuis le %1 %2</translation>
    </message>
    <message>
        <source>Follow up</source>
        <translation>Relancer</translation>
    </message>
    <message>
        <source>&amp;Follow Up Tomorrow 9:00</source>
        <translation>&amp;Relancer demain à 9:00</translation>
    </message>
    <message>
        <source>Plan a follow-up tomorrow at 9:00 for the contact&apos;s account manager (Space)</source>
        <translation>Prévoir une relance demain à 9:00 pour le responsable du contact (Espace)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <source>Looking for relationships that are cooling off…</source>
        <translation>Recherche des relations qui se refroidissent…</translation>
    </message>
    <message>
        <source>No valuable relationship is cooling off: nobody who was close 90 days ago has gone quiet since.</source>
        <translation>Aucune relation précieuse ne se refroidit&#xa0;: personne de proche il y a 90 jours n&apos;est devenu silencieux depuis.</translation>
    </message>
    <message>
        <source>Valuable relationships whose health fell by %1 points or more in %2 days while they went quiet. Space or “Follow up” plans a follow-up for tomorrow 9:00; Enter opens the contact.</source>
        <translation>Relations précieuses dont la santé a baissé de %1 points ou plus en %2 jours pendant qu&apos;elles devenaient silencieuses. Espace ou «&#xa0;Relancer&#xa0;» prévoit une relance demain à 9:00&#xa0;; Entrée ouvre le contact.</translation>
    </message>
    <message>
        <source>Show one account manager&apos;s relationships</source>
        <translation>Afficher les relations d&apos;un responsable</translation>
    </message>
    <message>
        <source>&amp;Who:</source>
        <translation>&amp;Qui&#xa0;:</translation>
    </message>
    <message>
        <source>Reading the list</source>
        <translation>Lecture de la liste</translation>
    </message>
    <message>
        <source>Everybody</source>
        <translation>Tout le monde</translation>
    </message>
    <message>
        <source>Mine</source>
        <comment>relationships</comment>
        <translation>Les miennes</translation>
    </message>
    <message>
        <source>%L1 of %L2 relationships cooling off</source>
        <comment>shown of all</comment>
        <translation>%L1 relations sur %L2 qui se refroidissent</translation>
    </message>
    <message>
        <source>The %L1 biggest drops (more are cooling off)</source>
        <translation>Les %L1 plus fortes baisses (d&apos;autres se refroidissent)</translation>
    </message>
    <message numerus="yes">
        <source>%n relationship(s) cooling off</source>
        <translation>
            <numerusform>%n relation qui se refroidit</numerusform>
            <numerusform>%n relations qui se refroidissent</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CoverageDialog</name>
    <message>
        <source>Edit Coverage</source>
        <translation>Modifier la retombée</translation>
    </message>
    <message>
        <source>Add Coverage</source>
        <translation>Ajouter une retombée</translation>
    </message>
    <message>
        <source>&amp;Headline:</source>
        <translation>&amp;Titre&#xa0;:</translation>
    </message>
    <message>
        <source>https://www.example.com/2026/05/story</source>
        <translation>https://www.example.com/2026/05/article</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>&amp;URL&#xa0;:</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Aucun</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Inconnu</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>pitch: person (status)</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>From &amp;pitch:</source>
        <translation>Issu du &amp;pitch&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Author:</source>
        <translation>&amp;Auteur&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Outlet:</source>
        <translation>&amp;Média&#xa0;:</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>Non définie</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>&amp;Date&#xa0;:</translation>
    </message>
    <message>
        <source>Audience, e.g. 250000</source>
        <translation>Audience, p. ex. 250000</translation>
    </message>
    <message>
        <source>&amp;Reach:</source>
        <translation>&amp;Audience&#xa0;:</translation>
    </message>
    <message>
        <source>Unknown</source>
        <comment>sentiment</comment>
        <translation>Inconnue</translation>
    </message>
    <message>
        <source>Positive</source>
        <comment>sentiment</comment>
        <translation>Positive</translation>
    </message>
    <message>
        <source>Neutral</source>
        <comment>sentiment</comment>
        <translation>Neutre</translation>
    </message>
    <message>
        <source>Negative</source>
        <comment>sentiment</comment>
        <translation>Négative</translation>
    </message>
    <message>
        <source>&amp;Sentiment:</source>
        <translation>&amp;Tonalité&#xa0;:</translation>
    </message>
    <message>
        <source>No. %1</source>
        <translation>N° %1</translation>
    </message>
    <message>
        <source>Enter the audience as a whole number, e.g. 250000.</source>
        <translation>Indiquez l&apos;audience en nombre entier, p. ex. 250000.</translation>
    </message>
</context>
<context>
    <name>CoverageRepository</name>
    <message>
        <source>moving the coverage to the trash</source>
        <translation>déplacement de la retombée vers la corbeille</translation>
    </message>
    <message>
        <source>restoring the coverage</source>
        <translation>restauration de la retombée</translation>
    </message>
    <message>
        <source>This coverage no longer exists.</source>
        <translation>Cette retombée n&apos;existe plus.</translation>
    </message>
    <message>
        <source>Enter the headline.</source>
        <translation>Saisissez le titre.</translation>
    </message>
    <message>
        <source>The headline can be at most %1 characters long.</source>
        <translation>Le titre peut compter au plus %1 caractères.</translation>
    </message>
    <message>
        <source>The reach cannot be negative.</source>
        <translation>L&apos;audience ne peut pas être négative.</translation>
    </message>
    <message>
        <source>Unknown sentiment.</source>
        <translation>Tonalité inconnue.</translation>
    </message>
    <message>
        <source>looking for the same article</source>
        <translation>recherche du même article</translation>
    </message>
    <message>
        <source>another coverage entry</source>
        <translation>une autre retombée</translation>
    </message>
    <message>
        <source>%1 in the campaign “%2”</source>
        <translation>%1 dans la campagne «&#xa0;%2&#xa0;»</translation>
    </message>
    <message>
        <source>This article is already recorded as coverage: %1.</source>
        <translation>Cet article est déjà enregistré comme retombée&#xa0;: %1.</translation>
    </message>
    <message>
        <source>linking the pitch</source>
        <translation>association du pitch</translation>
    </message>
    <message>
        <source>That pitch no longer exists or was taken off the media list.</source>
        <translation>Ce pitch n&apos;existe plus ou a été retiré de la liste médias.</translation>
    </message>
    <message>
        <source>That pitch belongs to another campaign.</source>
        <translation>Ce pitch appartient à une autre campagne.</translation>
    </message>
    <message>
        <source>adding the coverage</source>
        <translation>ajout de la retombée</translation>
    </message>
    <message>
        <source>This coverage has not been saved yet.</source>
        <translation>Cette retombée n&apos;a pas encore été enregistrée.</translation>
    </message>
    <message>
        <source>saving the coverage</source>
        <translation>enregistrement de la retombée</translation>
    </message>
    <message>
        <source>“%1” was changed or deleted by someone else since you opened it; your changes were not saved.</source>
        <translation>«&#xa0;%1&#xa0;» a été modifiée ou supprimée par quelqu&apos;un d&apos;autre depuis que vous l&apos;avez ouverte&#xa0;; vos modifications n&apos;ont pas été enregistrées.</translation>
    </message>
    <message>
        <source>loading the coverage</source>
        <translation>chargement de la retombée</translation>
    </message>
    <message>
        <source>listing the campaign&apos;s coverage</source>
        <translation>liste des retombées de la campagne</translation>
    </message>
    <message>
        <source>reading the campaign&apos;s topics</source>
        <translation>lecture des thèmes de la campagne</translation>
    </message>
    <message>
        <source>looking for coverage in synced posts</source>
        <translation>recherche de retombées dans les publications synchronisées</translation>
    </message>
    <message>
        <source>reading the proposed post</source>
        <translation>lecture de la publication proposée</translation>
    </message>
    <message>
        <source>The proposed post no longer exists.</source>
        <translation>La publication proposée n&apos;existe plus.</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>Publication</translation>
    </message>
    <message>
        <source>dismissing the proposal</source>
        <translation>rejet de la proposition</translation>
    </message>
    <message>
        <source>proposing the post again</source>
        <translation>nouvelle proposition de la publication</translation>
    </message>
    <message>
        <source>listing the campaign&apos;s pitches</source>
        <translation>liste des pitchs de la campagne</translation>
    </message>
    <message>
        <source>giving recorded coverage its URL key</source>
        <translation>lors de l&apos;attribution de leur clé d&apos;URL aux retombées enregistrées</translation>
    </message>
</context>
<context>
    <name>CoverageTab</name>
    <message>
        <source>Author</source>
        <translation>Auteur</translation>
    </message>
    <message>
        <source>Outlet</source>
        <translation>Média</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>Publication</translation>
    </message>
    <message>
        <source>&amp;Accept as Coverage</source>
        <translation>&amp;Accepter comme retombée</translation>
    </message>
    <message>
        <source>&amp;Dismiss</source>
        <translation>&amp;Écarter</translation>
    </message>
    <message>
        <source>Not coverage: do not propose this post again for this campaign</source>
        <translation>Pas une retombée&#xa0;: ne plus proposer cette publication pour cette campagne</translation>
    </message>
    <message>
        <source>Add Coverage…</source>
        <translation>Ajouter une retombée…</translation>
    </message>
    <message>
        <source>Record an article or post (Ctrl+Shift+N)</source>
        <translation>Enregistrer un article ou une publication (Ctrl+Maj+N)</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Modifier…</translation>
    </message>
    <message>
        <source>Open Article</source>
        <translation>Ouvrir l&apos;article</translation>
    </message>
    <message>
        <source>Move to Trash</source>
        <translation>Mettre à la corbeille</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>Retombées</translation>
    </message>
    <message numerus="yes">
        <source>Proposed coverage: %n post(s) by pitched people that mention the campaign&apos;s topics</source>
        <translation>
            <numerusform>Retombées proposées&#xa0;: %n publication d&apos;une personne sollicitée sur les thèmes de la campagne</numerusform>
            <numerusform>Retombées proposées&#xa0;: %n publications de personnes sollicitées sur les thèmes de la campagne</numerusform>
        </translation>
    </message>
    <message>
        <source>No coverage recorded yet.</source>
        <translation>Aucune retombée enregistrée pour l&apos;instant.</translation>
    </message>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n article</numerusform>
            <numerusform>%n articles</numerusform>
        </translation>
    </message>
    <message>
        <source>reach %1</source>
        <translation>audience %1</translation>
    </message>
    <message>
        <source>%1 positive, %2 negative</source>
        <translation>%1 positives, %2 négatives</translation>
    </message>
    <message>
        <source>Add coverage “%1”</source>
        <translation>Ajouter la retombée «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>Saved coverage “%1”.</source>
        <translation>Retombée «&#xa0;%1&#xa0;» enregistrée.</translation>
    </message>
    <message>
        <source>Moved coverage “%1” to the trash.</source>
        <translation>Retombée «&#xa0;%1&#xa0;» mise à la corbeille.</translation>
    </message>
    <message>
        <source>No web browser could open %1.</source>
        <translation>Aucun navigateur web n&apos;a pu ouvrir %1.</translation>
    </message>
    <message>
        <source>Accept “%1” as coverage</source>
        <translation>Accepter «&#xa0;%1&#xa0;» comme retombée</translation>
    </message>
    <message>
        <source>Recorded “%1” as coverage.</source>
        <translation>«&#xa0;%1&#xa0;» enregistré comme retombée.</translation>
    </message>
</context>
<context>
    <name>CreateContactCommand</name>
    <message>
        <source>New contact “%1”</source>
        <translation>Nouveau contact «&#xa0;%1&#xa0;»</translation>
    </message>
</context>
<context>
    <name>CsvLayouts</name>
    <message>
        <source>Rapport (every field)</source>
        <translation>Rapport (tous les champs)</translation>
    </message>
    <message>
        <source>Google Contacts</source>
        <translation>Google Contacts</translation>
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
        <translation>Ligne %1&#xa0;: un champ entre guillemets n&apos;est jamais fermé (il manque un &quot;). Vérifiez le fichier autour de cette ligne.</translation>
    </message>
    <message>
        <source>Line %1 has more than %2 columns. A contacts file has far fewer: check the delimiter, or whether this is the right file.</source>
        <translation>La ligne %1 compte plus de %2 colonnes. Un fichier de contacts en a bien moins&#xa0;: vérifiez le séparateur, ou s&apos;il s&apos;agit du bon fichier.</translation>
    </message>
</context>
<context>
    <name>DashboardChart</name>
    <message>
        <source>Interactions by channel</source>
        <translation>Interactions par canal</translation>
    </message>
    <message>
        <source>Pitches and reply rate</source>
        <translation>Pitchs et taux de réponse</translation>
    </message>
    <message>
        <source>Pitch funnel</source>
        <translation>Entonnoir des pitchs</translation>
    </message>
    <message>
        <source>Coverage, sentiment and reach</source>
        <translation>Retombées, tonalité et audience</translation>
    </message>
    <message>
        <source>Top relationships</source>
        <translation>Relations les plus actives</translation>
    </message>
    <message>
        <source>Cooling relationships</source>
        <translation>Relations qui se refroidissent</translation>
    </message>
    <message>
        <source>Top outlets</source>
        <translation>Principaux médias</translation>
    </message>
    <message>
        <source>Team activity</source>
        <translation>Activité de l&apos;équipe</translation>
    </message>
    <message>
        <source>Social engagement</source>
        <translation>Engagement sur les réseaux</translation>
    </message>
    <message>
        <source>No interactions in this period.</source>
        <translation>Aucune interaction sur cette période.</translation>
    </message>
    <message>
        <source>No pitches were sent in this period.</source>
        <translation>Aucun pitch n&apos;a été envoyé sur cette période.</translation>
    </message>
    <message>
        <source>No pitches in this period.</source>
        <translation>Aucun pitch sur cette période.</translation>
    </message>
    <message>
        <source>No coverage in this period.</source>
        <translation>Aucune retombée sur cette période.</translation>
    </message>
    <message>
        <source>No valuable relationship has gone quiet.</source>
        <translation>Aucune relation précieuse ne s&apos;est tue.</translation>
    </message>
    <message>
        <source>No mentions, replies, likes, boosts or follows were synced in this period.</source>
        <translation>Aucune mention, réponse, mention J&apos;aime, partage ni abonnement n&apos;a été synchronisé sur cette période.</translation>
    </message>
    <message>
        <source>Pitches</source>
        <translation>Pitchs</translation>
    </message>
    <message>
        <source>Pieces</source>
        <translation>Retombées</translation>
    </message>
</context>
<context>
    <name>DashboardFilterBar</name>
    <message>
        <source>This week</source>
        <translation>Cette semaine</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>30 derniers jours</translation>
    </message>
    <message>
        <source>This quarter</source>
        <translation>Ce trimestre</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>12 derniers mois</translation>
    </message>
    <message>
        <source>Custom range</source>
        <translation>Période personnalisée</translation>
    </message>
    <message>
        <source>The period every chart looks at</source>
        <translation>La période de tous les graphiques</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>Premier jour</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Dernier jour</translation>
    </message>
    <message>
        <source>Account manager</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Campagne</translation>
    </message>
    <message>
        <source>Channel (for the interaction charts)</source>
        <translation>Canal (pour les graphiques des interactions)</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>Tous les canaux</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Période :</translation>
    </message>
    <message>
        <source>Everybody</source>
        <translation>Tout le monde</translation>
    </message>
    <message>
        <source>All clients</source>
        <translation>Tous les clients</translation>
    </message>
    <message>
        <source>All campaigns</source>
        <translation>Toutes les campagnes</translation>
    </message>
</context>
<context>
    <name>DashboardModels</name>
    <message>
        <source>Figure</source>
        <translation>Indicateur</translation>
    </message>
    <message>
        <source>This period</source>
        <translation>Cette période</translation>
    </message>
    <message>
        <source>Previous period</source>
        <translation>Période précédente</translation>
    </message>
    <message>
        <source>Change (%)</source>
        <translation>Évolution (%)</translation>
    </message>
    <message>
        <source>Interactions</source>
        <translation>Interactions</translation>
    </message>
    <message>
        <source>Pitches sent</source>
        <translation>Pitchs envoyés</translation>
    </message>
    <message>
        <source>Reply rate (%)</source>
        <translation>Taux de réponse (%)</translation>
    </message>
    <message>
        <source>Coverage pieces</source>
        <translation>Retombées</translation>
    </message>
    <message>
        <source>Total reach</source>
        <translation>Audience totale</translation>
    </message>
    <message>
        <source>New contacts</source>
        <translation>Nouveaux contacts</translation>
    </message>
    <message>
        <source>new</source>
        <comment>a figure that was zero in the previous period</comment>
        <translation>nouveau</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Période</translation>
    </message>
    <message>
        <source>%1 (out)</source>
        <comment>channel, outbound</comment>
        <translation>%1 (sortant)</translation>
    </message>
    <message>
        <source>%1 (in)</source>
        <comment>channel, inbound</comment>
        <translation>%1 (entrant)</translation>
    </message>
    <message numerus="yes">
        <source>Replied within %n day(s)</source>
        <translation>
            <numerusform>Réponse sous %n jour</numerusform>
            <numerusform>Réponse sous %n jours</numerusform>
        </translation>
    </message>
    <message>
        <source>Planned</source>
        <comment>pitch stage</comment>
        <translation>Prévu</translation>
    </message>
    <message>
        <source>Pitched</source>
        <comment>pitch stage</comment>
        <translation>Pitch envoyé</translation>
    </message>
    <message>
        <source>Replied</source>
        <comment>pitch stage</comment>
        <translation>Réponse reçue</translation>
    </message>
    <message>
        <source>Interested</source>
        <comment>pitch stage</comment>
        <translation>Intéressé</translation>
    </message>
    <message>
        <source>Covered</source>
        <comment>pitch stage</comment>
        <translation>Couvert</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>Pitches</source>
        <translation>Pitchs</translation>
    </message>
    <message>
        <source>Share of planned (%)</source>
        <translation>Part des prévus (%)</translation>
    </message>
    <message>
        <source>Positive</source>
        <translation>Positive</translation>
    </message>
    <message>
        <source>Neutral</source>
        <translation>Neutre</translation>
    </message>
    <message>
        <source>Negative</source>
        <translation>Négative</translation>
    </message>
    <message>
        <source>Unrated</source>
        <comment>sentiment not set</comment>
        <translation>Non évaluée</translation>
    </message>
    <message>
        <source>Pieces</source>
        <translation>Retombées</translation>
    </message>
    <message>
        <source>Reach</source>
        <translation>Audience</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Santé</translation>
    </message>
    <message>
        <source>Last contacted</source>
        <translation>Dernier contact</translation>
    </message>
    <message>
        <source>Outlet</source>
        <translation>Média</translation>
    </message>
    <message>
        <source>Account manager</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Mentions</source>
        <translation>Mentions</translation>
    </message>
    <message>
        <source>Replies</source>
        <translation>Réponses</translation>
    </message>
    <message>
        <source>Likes</source>
        <translation>J&apos;aime</translation>
    </message>
    <message>
        <source>Boosts</source>
        <translation>Partages</translation>
    </message>
    <message>
        <source>Follows</source>
        <translation>Abonnements</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Campagne</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Détail</translation>
    </message>
</context>
<context>
    <name>DashboardQuery</name>
    <message>
        <source>computing the dashboard&apos;s figures</source>
        <translation>calcul des indicateurs du tableau de bord</translation>
    </message>
    <message>
        <source>The period&apos;s first day is after its last day.</source>
        <translation>Le premier jour de la période est postérieur à son dernier jour.</translation>
    </message>
    <message>
        <source>Nobody</source>
        <comment>interactions without an account manager</comment>
        <translation>Personne</translation>
    </message>
    <message>
        <source>reading the rows behind the chart</source>
        <translation>lecture des lignes derrière le graphique</translation>
    </message>
    <message>
        <source>reading the coverage</source>
        <translation>lecture des retombées</translation>
    </message>
    <message>
        <source>reading the dashboard&apos;s filters</source>
        <translation>lecture des filtres du tableau de bord</translation>
    </message>
    <message>
        <source>reading a campaign</source>
        <translation>lecture d&apos;une campagne</translation>
    </message>
    <message>
        <source>reading an organization</source>
        <translation>lecture d&apos;une organisation</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>Export PDF…</source>
        <translation>Exporter en PDF…</translation>
    </message>
    <message>
        <source>Save the whole dashboard, as it is now, as a PDF</source>
        <translation>Enregistrer tout le tableau de bord, tel qu&apos;il est, en PDF</translation>
    </message>
    <message>
        <source>all accounts; only the period applies</source>
        <translation>tous les comptes ; seule la période compte</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>Calcul…</translation>
    </message>
    <message>
        <source>Could not compute the dashboard</source>
        <translation>Impossible de calculer le tableau de bord</translation>
    </message>
    <message>
        <source>median time to reply: %1 h</source>
        <translation>délai de réponse médian : %1 h</translation>
    </message>
    <message>
        <source>median time to reply: %1 days</source>
        <translation>délai de réponse médian : %1 jours</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>Mis à jour à %1</translation>
    </message>
    <message>
        <source>Export Dashboard</source>
        <translation>Exporter le tableau de bord</translation>
    </message>
    <message>
        <source>dashboard.pdf</source>
        <translation>tableau-de-bord.pdf</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Documents PDF (*.pdf)</translation>
    </message>
    <message>
        <source>The dashboard has not been computed yet.</source>
        <translation>Le tableau de bord n&apos;a pas encore été calculé.</translation>
    </message>
    <message>
        <source>Cancel Export</source>
        <translation>Annuler l&apos;export</translation>
    </message>
    <message>
        <source>Stop writing the PDF; no file is left behind</source>
        <translation>Arrêter l&apos;écriture du PDF&#xa0;; aucun fichier n&apos;est laissé</translation>
    </message>
    <message>
        <source>Writing the PDF…</source>
        <translation>Écriture du PDF…</translation>
    </message>
    <message>
        <source>Export canceled</source>
        <translation>Export annulé</translation>
    </message>
    <message>
        <source>Could not write the PDF</source>
        <translation>Impossible d&apos;écrire le PDF</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 enregistré</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>The SQLite driver for Qt is not installed (package libqt6sql6-sqlite).</source>
        <translation>Le pilote SQLite de Qt n&apos;est pas installé (paquet libqt6sql6-sqlite).</translation>
    </message>
    <message>
        <source>%1 is a folder, not a database file.</source>
        <translation>%1 est un dossier, pas un fichier de base de données.</translation>
    </message>
    <message>
        <source>There is no database at %1.</source>
        <translation>Il n&apos;y a pas de base de données à l&apos;emplacement %1.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1 for the database.</source>
        <translation>Impossible de créer le dossier %1 pour la base de données.</translation>
    </message>
    <message>
        <source>Cannot read %1: permission denied.</source>
        <translation>Impossible de lire %1&#xa0;: permission refusée.</translation>
    </message>
    <message>
        <source>opening the database</source>
        <translation>ouverture de la base de données</translation>
    </message>
    <message>
        <source>Cannot connect to the PostgreSQL database %1: %2</source>
        <translation>Impossible de se connecter à la base de données PostgreSQL %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>reading the database</source>
        <translation>lecture de la base de données</translation>
    </message>
    <message>
        <source>configuring the database</source>
        <translation>configuration de la base de données</translation>
    </message>
    <message>
        <source>The disk is full: %1 failed and nothing was changed. Free some space and try again.</source>
        <translation>Le disque est plein&#xa0;: l&apos;opération a échoué (%1) et rien n&apos;a été modifié. Libérez de l&apos;espace et réessayez.</translation>
    </message>
    <message>
        <source>%1 is read-only: %2 is not possible.</source>
        <translation>%1 est en lecture seule&#xa0;: opération impossible (%2).</translation>
    </message>
    <message>
        <source>%1 is not a Rapport database, or it is damaged (%2).</source>
        <translation>%1 n&apos;est pas une base de données Rapport, ou elle est endommagée (%2).</translation>
    </message>
    <message>
        <source>The database is busy (another program is writing to it): %1 failed. Try again.</source>
        <translation>La base de données est occupée (un autre programme y écrit)&#xa0;: l&apos;opération a échoué (%1). Réessayez.</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>Impossible d&apos;ouvrir %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Reading or writing %1 failed (%2): %3 did not happen.</source>
        <translation>La lecture ou l&apos;écriture de %1 a échoué (%2)&#xa0;: opération non effectuée (%3).</translation>
    </message>
    <message>
        <source>%1 was refused: %2</source>
        <translation>Opération refusée (%1)&#xa0;: %2</translation>
    </message>
    <message>
        <source>The database server&apos;s disk is full: %1 failed and nothing was changed.</source>
        <translation>Le disque du serveur de base de données est plein&#xa0;: l&apos;opération a échoué (%1) et rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <source>Database error while %1: %2</source>
        <translation>Erreur de base de données (%1)&#xa0;: %2</translation>
    </message>
    <message>
        <source>starting a transaction</source>
        <translation>démarrage d&apos;une transaction</translation>
    </message>
    <message>
        <source>saving the changes</source>
        <translation>enregistrement des modifications</translation>
    </message>
    <message>
        <source>A postgresql:// database needs Qt&apos;s PostgreSQL driver, which is not installed. Install the package libqt6sql6-psql (sudo apt install libqt6sql6-psql) and start Rapport again.</source>
        <translation>Une base de données postgresql:// a besoin du pilote PostgreSQL de Qt, qui n&apos;est pas installé. Installez le paquet libqt6sql6-psql (sudo apt install libqt6sql6-psql) et relancez Rapport.</translation>
    </message>
    <message>
        <source>The team database refused %1: your role does not allow it (%2). Ask a manager or an admin of your team.</source>
        <translation>La base d&apos;équipe a refusé %1&#xa0;: votre rôle ne le permet pas (%2). Demandez à un gestionnaire ou à un admin de votre équipe.</translation>
    </message>
    <message>
        <source>The connection to %1 was lost, so %2 did not happen. Rapport reconnects by itself; try again once it is back.</source>
        <translation>La connexion à %1 est perdue&#xa0;: l&apos;opération n&apos;a pas eu lieu (%2). Rapport se reconnecte tout seul&#xa0;; réessayez une fois la connexion rétablie.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate could not be verified with the CA file %1: it was signed by another CA, or it has expired. Ask whoever set up the server for its CA file.</source>
        <translation>Le certificat du serveur n’a pas pu être vérifié avec le fichier CA %1&#xa0;: il a été signé par une autre autorité, ou il a expiré. Demandez son fichier CA à la personne qui a installé le serveur.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is made out to another name than %1: connect with the server&apos;s name as written in its certificate.</source>
        <translation>Le certificat du serveur est établi pour un autre nom que %1&#xa0;: connectez-vous avec le nom du serveur tel qu’il figure dans son certificat.</translation>
    </message>
    <message>
        <source>The server does not offer encryption (TLS). Ask whoever set up the server to turn it on; connect without encryption only on a network you trust.</source>
        <translation>Le serveur ne propose pas de chiffrement (TLS). Demandez à la personne qui a installé le serveur de l’activer&#xa0;; ne vous connectez sans chiffrement que sur un réseau de confiance.</translation>
    </message>
    <message>
        <source>Choose the CA file that whoever set up the server gave you.</source>
        <translation>Choisissez le fichier CA que vous a remis la personne qui a installé le serveur.</translation>
    </message>
    <message>
        <source>The server accepts only encrypted connections: choose verify-full and the server&apos;s CA file.</source>
        <translation>Le serveur n’accepte que les connexions chiffrées&#xa0;: choisissez verify-full et le fichier CA du serveur.</translation>
    </message>
    <message>
        <source>the server gave no reason</source>
        <translation>le serveur n’a donné aucune raison</translation>
    </message>
</context>
<context>
    <name>DatabaseBackup</name>
    <message>
        <source>Cannot write in the folder %1: %2.</source>
        <translation>Impossible d’écrire dans le dossier %1&#xa0;: %2.</translation>
    </message>
    <message>
        <source>writing the backup</source>
        <translation>l’écriture de la sauvegarde</translation>
    </message>
    <message>
        <source>The backup could not be written to %1. %2</source>
        <translation>La sauvegarde n’a pas pu être écrite dans %1. %2</translation>
    </message>
    <message>
        <source>counting the rows of the backup</source>
        <translation>le comptage des lignes de la sauvegarde</translation>
    </message>
    <message>
        <source>%1 is empty: it is not a Rapport backup.</source>
        <translation>%1 est vide&#xa0;: ce n’est pas une sauvegarde Rapport.</translation>
    </message>
    <message>
        <source>checking the backup</source>
        <translation>la vérification de la sauvegarde</translation>
    </message>
    <message>
        <source>%1 is damaged (%2); it cannot be restored.</source>
        <translation>%1 est endommagé (%2)&#xa0;; il ne peut pas être restauré.</translation>
    </message>
    <message>
        <source>Rapport backs up its embedded SQLite database only. A PostgreSQL database is backed up where the server runs: “pg_dump -Fc -f rapport.dump DATABASE”, and restored with “pg_restore -d DATABASE rapport.dump” (see docs/BACKUP.md).</source>
        <translation>Rapport ne sauvegarde que sa base SQLite intégrée. Une base PostgreSQL se sauvegarde là où tourne le serveur&#xa0;: «&#xa0;pg_dump -Fc -f rapport.dump BASE&#xa0;», et se restaure avec «&#xa0;pg_restore -d BASE rapport.dump&#xa0;» (voir docs/BACKUP.md).</translation>
    </message>
    <message>
        <source>%1 is a folder: give the backup a file name.</source>
        <translation>%1 est un dossier&#xa0;: donnez un nom de fichier à la sauvegarde.</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>Le dossier %1 n’existe pas.</translation>
    </message>
    <message>
        <source>%1 is the database itself: choose another file for the backup.</source>
        <translation>%1 est la base elle-même&#xa0;: choisissez un autre fichier pour la sauvegarde.</translation>
    </message>
    <message>
        <source>The backup could not be written to %1: %2. Nothing was replaced.</source>
        <translation>La sauvegarde n’a pas pu être écrite dans %1&#xa0;: %2. Rien n’a été remplacé.</translation>
    </message>
    <message>
        <source>There is no file %1.</source>
        <translation>Le fichier %1 n’existe pas.</translation>
    </message>
    <message>
        <source>%1 is a folder, not a backup file.</source>
        <translation>%1 est un dossier, pas un fichier de sauvegarde.</translation>
    </message>
    <message>
        <source>Cannot create the backup folder %1.</source>
        <translation>Impossible de créer le dossier de sauvegarde %1.</translation>
    </message>
    <message>
        <source>%1 is the database itself, not a backup of it.</source>
        <translation>%1 est la base elle-même, pas une sauvegarde.</translation>
    </message>
    <message>
        <source>This backup was written by a newer version of Rapport (schema %1; this version knows up to %2). Restore it with that version, or update Rapport.</source>
        <translation>Cette sauvegarde a été écrite par une version plus récente de Rapport (schéma %1&#xa0;; cette version connaît jusqu’à %2). Restaurez-la avec cette version, ou mettez Rapport à jour.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1 for the database.</source>
        <translation>Impossible de créer le dossier %1 pour la base.</translation>
    </message>
    <message>
        <source>The restored copy could not be written beside %1: %2. Nothing was changed.</source>
        <translation>La copie restaurée n’a pas pu être écrite à côté de %1&#xa0;: %2. Rien n’a été modifié.</translation>
    </message>
    <message>
        <source>Another program is using %1 (another Rapport window, or a sync run from the command line). Close it and restore again; nothing was changed.</source>
        <translation>Un autre programme utilise %1 (une autre fenêtre Rapport, ou une synchronisation en ligne de commande). Fermez-le et restaurez de nouveau&#xa0;; rien n’a été modifié.</translation>
    </message>
    <message>
        <source>%1 already exists; wait a second and restore again.</source>
        <translation>%1 existe déjà&#xa0;; attendez une seconde et restaurez de nouveau.</translation>
    </message>
    <message>
        <source>The current database could not be kept aside as %1: %2. Nothing was changed.</source>
        <translation>La base actuelle n’a pas pu être mise de côté sous %1&#xa0;: %2. Rien n’a été modifié.</translation>
    </message>
    <message>
        <source>The backup could not take the place of %1: %2. The current database was left in place.</source>
        <translation>La sauvegarde n’a pas pu prendre la place de %1&#xa0;: %2. La base actuelle est restée en place.</translation>
    </message>
</context>
<context>
    <name>DatabaseLocation</name>
    <message>
        <source>No database path or URL was given.</source>
        <translation>Aucun chemin ni URL de base de données n&apos;a été indiqué.</translation>
    </message>
    <message>
        <source>“%1” is not a valid PostgreSQL URL. Use postgresql://user@host:port/database.</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas une URL PostgreSQL valide. Utilisez postgresql://user@host:port/database.</translation>
    </message>
    <message>
        <source>Unsupported database URL “%1”: use a file path or postgresql://…</source>
        <translation>URL de base de données non prise en charge «&#xa0;%1&#xa0;»&#xa0;: utilisez un chemin de fichier ou postgresql://…</translation>
    </message>
    <message>
        <source>Unknown sslmode “%1”: use one of %2.</source>
        <translation>sslmode «&#xa0;%1&#xa0;» inconnu&#xa0;: utilisez l’un de %2.</translation>
    </message>
    <message>
        <source>The CA file&apos;s path “%1” contains a semicolon, which the PostgreSQL driver cannot pass on: move the file elsewhere.</source>
        <translation>Le chemin du fichier CA «&#xa0;%1&#xa0;» contient un point-virgule, que le pilote PostgreSQL ne peut pas transmettre&#xa0;: placez le fichier ailleurs.</translation>
    </message>
</context>
<context>
    <name>DemoGenerator</name>
    <message>
        <source>Unknown demo size “%1”: use small or large.</source>
        <translation>Taille de démonstration inconnue «&#xa0;%1&#xa0;»&#xa0;: utilisez small ou large.</translation>
    </message>
    <message>
        <source>%1 is read-only: cannot write demo data into it.</source>
        <translation>%1 est en lecture seule&#xa0;: impossible d&apos;y écrire les données de démonstration.</translation>
    </message>
    <message>
        <source>%1 already holds data: demo data goes only into an empty database. Use a new database, or replace everything in it (--force).</source>
        <translation>%1 contient déjà des données&#xa0;: les données de démonstration ne vont que dans une base vide. Utilisez une nouvelle base de données, ou remplacez tout son contenu (--force).</translation>
    </message>
    <message>
        <source>Writing campaigns</source>
        <translation>Écriture des campagnes</translation>
    </message>
    <message>
        <source>%1 introduces the %2</source>
        <translation>%1 présente %2</translation>
    </message>
    <message>
        <source>Pitch: an exclusive first look at the %1</source>
        <translation>Pitch&#xa0;: découvrez en exclusivité %1</translation>
    </message>
    <message>
        <source>Meet the %1 from %2 #launch</source>
        <translation>Découvrez %1 de %2 #launch</translation>
    </message>
    <message>
        <source>%1 media kit: images, fact sheet, spokespeople</source>
        <translation>Kit presse %1&#xa0;: visuels, fiche technique, porte-parole</translation>
    </message>
    <message>
        <source>Why we built the %1</source>
        <translation>Pourquoi nous avons créé %1</translation>
    </message>
    <message>
        <source>%1 — media list</source>
        <translation>%1 — liste médias</translation>
    </message>
    <message>
        <source>Writing pitches and coverage</source>
        <translation>Écriture des pitchs et des retombées</translation>
    </message>
    <message>
        <source>Generating the demo data was cancelled: nothing was changed.</source>
        <translation>La génération des données de démonstration a été annulée&#xa0;: rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <source>Planning the agency</source>
        <translation>Planification de l&apos;agence</translation>
    </message>
    <message>
        <source>Building the search index</source>
        <translation>Construction de l&apos;index de recherche</translation>
    </message>
    <message>
        <source>Saving</source>
        <translation>Enregistrement</translation>
    </message>
    <message>
        <source>Writing users</source>
        <translation>Écriture des utilisateurs</translation>
    </message>
    <message>
        <source>Writing organizations</source>
        <translation>Écriture des organisations</translation>
    </message>
    <message>
        <source>Writing contacts</source>
        <translation>Écriture des contacts</translation>
    </message>
    <message>
        <source>Writing interactions</source>
        <translation>Écriture des interactions</translation>
    </message>
    <message>
        <source>Writing follow-ups</source>
        <translation>Écriture des relances</translation>
    </message>
    <message>
        <source>Get the %1 %2 into the press that matters: tier-one %3 coverage, two broadcast interviews and a steady drumbeat on social.</source>
        <translation>Faire parler de %1 %2 dans les médias qui comptent&#xa0;: des retombées dans les grands médias (%3), deux interviews radio ou télé et une présence régulière sur les réseaux sociaux.</translation>
    </message>
    <message>
        <source>Scoring relationship health…</source>
        <translation>Calcul de la santé des relations…</translation>
    </message>
    <message>
        <source># %1

%2 today announced the %3. TODO: quote from the CEO, availability, price.
</source>
        <translation># %1

%2 annonce aujourd&apos;hui le %3. À FAIRE&#xa0;: citation du PDG, disponibilité, prix.
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

**%2 annonce aujourd&apos;hui le %3**, conçu pour celles et ceux qui veulent du %4 qui fonctionne, tout simplement. Il sera en vente le mois prochain.

## Points forts

- Installé en moins de cinq minutes
- Une semaine d&apos;autonomie avec une seule charge
- Compatible avec les applications que l&apos;on utilise déjà

&gt; «&#xa0;Nous avons créé le %3 parce que nos clients voulaient quelque chose de plus apaisé&#xa0;», explique le PDG de %2.

## Disponibilité

Le %3 sera vendu en ligne et dans une sélection de magasins. Les images et la fiche technique sont dans la [salle de presse](%5).

## À propos de %2

%2 conçoit des technologies du quotidien qui savent se faire oublier.

**Contact presse&#xa0;:** %6
</translation>
    </message>
    <message>
        <source>Hi,

would you like an early look at the %1 from %2?
</source>
        <translation>Bonjour,

souhaitez-vous découvrir en avant-première le %1 de %2&#xa0;?
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
        <translation>Bonjour,

vous écrivez sur %1, alors j&apos;ai pensé à vous en premier&#xa0;: %2 lance le **%3**, et nous pouvons vous proposer une *découverte en exclusivité* avant l&apos;annonce.

1. Un exemplaire à tester, livré cette semaine
2. Trente minutes avec le responsable produit
3. Les données sous embargo de l&apos;étude clients

Le communiqué et les images sont dans la [salle de presse](%4). Mardi ou jeudi vous conviendrait-il&#xa0;?

Bien cordialement
</translation>
    </message>
    <message>
        <source>Meet the **%1** from %2: calmer %3, a week of battery, five-minute setup. More in our [newsroom](%4) #launch
</source>
        <translation>Voici le **%1** de %2&#xa0;: du %3 plus apaisé, une semaine d&apos;autonomie, installé en cinq minutes. Plus d&apos;infos dans notre [salle de presse](%4) #lancement
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
        <translation># Dossier de presse de %1

## Contenu

- Images du produit en haute résolution
- La fiche technique du %2
- Les biographies de nos porte-parole
- Le communiqué de presse

## Porte-parole

- **Le PDG**&#xa0;: pourquoi %1 a créé le %2
- **Le responsable produit**&#xa0;: le design

Tout est à télécharger dans la [salle de presse](%3)&#xa0;; interviews via %4.
</translation>
    </message>
    <message>
        <source># %1

Notes: the customer interviews, the prototypes, what we left out.
</source>
        <translation># %1

Notes&#xa0;: les entretiens clients, les prototypes, ce que nous avons laissé de côté.
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

Il y a deux ans, nous avons rencontré quarante clients et leur avons demandé ce qui les agaçait dans le %2. Les réponses se ressemblaient étonnamment.

## Ce que nous avons entendu

- *Trop de réglages.*
- *Trop de notifications.*
- *Ça ne marche plus après une mise à jour de l&apos;application.*

## Ce que nous avons construit

Le %3 en fait moins, volontairement. L&apos;annonce est dans notre [salle de presse](%4).
</translation>
    </message>
    <message>
        <source>The %1 sets up in five minutes and then stays out of the way.

It works with the apps people already use.

%2 designed it with forty customers, not for them.</source>
        <translation>Le %1 s’installe en cinq minutes, puis se fait oublier.

Il fonctionne avec les applications que l’on utilise déjà.

%2 l’a conçu avec quarante clients, pas pour eux.</translation>
    </message>
    <message>
        <source>%1 makes %2 calmer: fewer settings, fewer notifications.

The %3 runs for a week on one charge.

Independent testers rated it the easiest in its class.</source>
        <translation>%1 rend %2 plus apaisé&#xa0;: moins de réglages, moins de notifications.

Le %3 tient une semaine sur une seule charge.

Des testeurs indépendants l’ont jugé le plus simple de sa catégorie.</translation>
    </message>
    <message>
        <source>%1 articles in tier-one %3 outlets within six weeks of the launch.

%2 broadcast or podcast interviews with the product lead.

A share of voice ahead of the two closest competitors.</source>
        <translation>%1 articles dans les grands médias (%3) dans les six semaines suivant le lancement.

%2 interviews radio, télé ou podcast avec le responsable produit.

Une part de voix supérieure à celle des deux concurrents les plus proches.</translation>
    </message>
    <message>
        <source>tidying up after the demo data</source>
        <translation>nettoyage après les données de démonstration</translation>
    </message>
    <message>
        <source>Writing the team&apos;s history</source>
        <translation>Écriture de l’historique de l’équipe</translation>
    </message>
    <message>
        <source>writing the team&apos;s history</source>
        <translation>écriture de l’historique de l’équipe</translation>
    </message>
</context>
<context>
    <name>DismissProposalCommand</name>
    <message>
        <source>Dismiss the proposed coverage “%1”</source>
        <translation>Écarter la retombée proposée «&#xa0;%1&#xa0;»</translation>
    </message>
</context>
<context>
    <name>DismissReplyCommand</name>
    <message>
        <source>Dismiss the reply of %1</source>
        <translation>Écarter la réponse de %1</translation>
    </message>
</context>
<context>
    <name>DrillDownDialog</name>
    <message>
        <source>Reading…</source>
        <translation>Lecture…</translation>
    </message>
    <message>
        <source>Nothing to list.</source>
        <translation>Rien à afficher.</translation>
    </message>
    <message>
        <source>The newest %L1 rows. Enter opens a row&apos;s contact.</source>
        <translation>Les %L1 lignes les plus récentes. Entrée ouvre le contact d&apos;une ligne.</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s). Enter opens a row&apos;s contact.</source>
        <translation>
            <numerusform>%n ligne. Entrée ouvre le contact d&apos;une ligne.</numerusform>
            <numerusform>%n lignes. Entrée ouvre le contact d&apos;une ligne.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DuplicatePairModel</name>
    <message>
        <source>Same email: %1</source>
        <translation>Même e-mail&#xa0;: %1</translation>
    </message>
    <message>
        <source>Same handle: %1</source>
        <translation>Même identifiant&#xa0;: %1</translation>
    </message>
    <message>
        <source>Similar name at %1</source>
        <translation>Nom similaire chez %1</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Possible duplicate</source>
        <translation>Doublon possible</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Pourquoi</translation>
    </message>
</context>
<context>
    <name>DuplicateRepository</name>
    <message>
        <source>looking for duplicates</source>
        <translation>recherche de doublons</translation>
    </message>
    <message>
        <source>merging the contacts</source>
        <translation>fusion des contacts</translation>
    </message>
    <message>
        <source>The contact no longer exists.</source>
        <translation>Le contact n&apos;existe plus.</translation>
    </message>
    <message>
        <source>A contact cannot be merged with itself.</source>
        <translation>Un contact ne peut pas être fusionné avec lui-même.</translation>
    </message>
    <message>
        <source>“%1” is in the trash: restore it before merging.</source>
        <translation>«&#xa0;%1&#xa0;» est dans la corbeille&#xa0;: restaurez-le avant la fusion.</translation>
    </message>
    <message>
        <source>Merged into “%1” (#%2) on %3.</source>
        <translation>Fusionné avec «&#xa0;%1&#xa0;» (n° %2) le %3.</translation>
    </message>
    <message>
        <source>The merge of “%1” cannot be undone: one of the two contacts was changed since.</source>
        <translation>La fusion de «&#xa0;%1&#xa0;» ne peut pas être annulée&#xa0;: l&apos;un des deux contacts a été modifié depuis.</translation>
    </message>
</context>
<context>
    <name>DuplicatesDialog</name>
    <message>
        <source>&amp;Merge</source>
        <translation>&amp;Fusionner</translation>
    </message>
    <message>
        <source>&amp;Search Again</source>
        <translation>&amp;Rechercher à nouveau</translation>
    </message>
    <message>
        <source>Find Duplicates</source>
        <translation>Trouver les doublons</translation>
    </message>
    <message>
        <source>Searching for duplicates</source>
        <translation>Recherche de doublons</translation>
    </message>
    <message>
        <source>Likely duplicates</source>
        <translation>Doublons probables</translation>
    </message>
    <message>
        <source>The two contacts side by side</source>
        <translation>Les deux contacts côte à côte</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Title</source>
        <comment>job title</comment>
        <translation>Fonction</translation>
    </message>
    <message>
        <source>Outlet</source>
        <translation>Média</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Emails</source>
        <translation>E-mails</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation>Téléphones</translation>
    </message>
    <message>
        <source>Handles</source>
        <translation>Identifiants</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Étiquettes</translation>
    </message>
    <message>
        <source>Beats</source>
        <translation>Rubriques</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ville</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Pays</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Ajouté</translation>
    </message>
    <message>
        <source>Keep the &amp;left one</source>
        <translation>Garder celui de &amp;gauche</translation>
    </message>
    <message>
        <source>Keep the &amp;right one</source>
        <translation>Garder celui de &amp;droite</translation>
    </message>
    <message>
        <source>Keep the left contact</source>
        <translation>Garder le contact de gauche</translation>
    </message>
    <message>
        <source>Keep the right contact</source>
        <translation>Garder le contact de droite</translation>
    </message>
    <message>
        <source>Move everything of the other contact to the kept one and put the other in the trash (undo with %1)</source>
        <translation>Transférer tout ce qui appartient à l&apos;autre contact vers celui qui est gardé et mettre l&apos;autre à la corbeille (annuler avec %1)</translation>
    </message>
    <message>
        <source>Find D&amp;uplicates…</source>
        <translation>Trouver les &amp;doublons…</translation>
    </message>
    <message>
        <source>List contacts that are likely the same person and merge them (%1)</source>
        <translation>Lister les contacts qui sont probablement la même personne et les fusionner (%1)</translation>
    </message>
    <message>
        <source>Looking for contacts that are likely the same person…</source>
        <translation>Recherche des contacts qui sont probablement la même personne…</translation>
    </message>
    <message>
        <source>The search for duplicates failed: %1</source>
        <translation>La recherche de doublons a échoué&#xa0;: %1</translation>
    </message>
    <message>
        <source>No likely duplicates found.</source>
        <translation>Aucun doublon probable trouvé.</translation>
    </message>
    <message numerus="yes">
        <source>%n likely duplicate pair(s) found in %1 ms. Pick one, choose the contact to keep and merge.</source>
        <translation>
            <numerusform>%n paire de doublons probable trouvée en %1 ms. Choisissez-la, sélectionnez le contact à garder et fusionnez.</numerusform>
            <numerusform>%n paires de doublons probables trouvées en %1 ms. Choisissez-en une, sélectionnez le contact à garder et fusionnez.</numerusform>
        </translation>
    </message>
    <message>
        <source>Merge failed</source>
        <translation>Échec de la fusion</translation>
    </message>
    <message>
        <source>“%1” was merged into “%2”. Undo with %3.</source>
        <translation>«&#xa0;%1&#xa0;» a été fusionné avec «&#xa0;%2&#xa0;». Annuler avec %3.</translation>
    </message>
    <message>
        <source>Only a manager or an admin can merge duplicates.</source>
        <translation>Seul un gestionnaire ou un admin peut fusionner des doublons.</translation>
    </message>
</context>
<context>
    <name>EditContactCommand</name>
    <message>
        <source>Edit “%1”</source>
        <translation>Modifier «&#xa0;%1&#xa0;»</translation>
    </message>
</context>
<context>
    <name>EditContentCommand</name>
    <message>
        <source>“%1” was changed by someone else since; it was left as they saved it.</source>
        <translation>«&#xa0;%1&#xa0;» a été modifié entre-temps par quelqu&apos;un d&apos;autre&#xa0;; il reste tel que cette personne l&apos;a enregistré.</translation>
    </message>
</context>
<context>
    <name>EditCoverageCommand</name>
    <message>
        <source>Edit coverage “%1”</source>
        <translation>Modifier la retombée «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>“%1” was changed by someone else since; it was left as they saved it.</source>
        <translation>«&#xa0;%1&#xa0;» a été modifié entre-temps par quelqu&apos;un d&apos;autre&#xa0;; il reste tel que cette personne l&apos;a enregistré.</translation>
    </message>
</context>
<context>
    <name>EditInteractionCommand</name>
    <message>
        <source>Edit “%1”</source>
        <translation>Modifier «&#xa0;%1&#xa0;»</translation>
    </message>
</context>
<context>
    <name>EraseDialog</name>
    <message>
        <source>Erase This Person</source>
        <translation>Effacer cette personne</translation>
    </message>
    <message numerus="yes">
        <source>%n conversation(s)</source>
        <translation>
            <numerusform>%n conversation</numerusform>
            <numerusform>%n conversations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pitch(es)</source>
        <translation>
            <numerusform>%n pitch</numerusform>
            <numerusform>%n pitchs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n follow-up(s)</source>
        <translation>
            <numerusform>%n relance</numerusform>
            <numerusform>%n relances</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n handle(s)</source>
        <translation>
            <numerusform>%n identifiant</numerusform>
            <numerusform>%n identifiants</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n email address(es)</source>
        <translation>
            <numerusform>%n adresse e-mail</numerusform>
            <numerusform>%n adresses e-mail</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n phone number(s)</source>
        <translation>
            <numerusform>%n numéro de téléphone</numerusform>
            <numerusform>%n numéros de téléphone</numerusform>
        </translation>
    </message>
    <message>
        <source>Their profile, %1, their text in the search indexes and their entries in the audit log will be erased.</source>
        <translation>Son profil, %1, son texte dans les index de recherche et ses entrées du journal d’audit seront effacés.</translation>
    </message>
    <message>
        <source>Erase %1 for good?</source>
        <translation>Effacer %1 définitivement&#xa0;?</translation>
    </message>
    <message numerus="yes">
        <source>%n coverage entry(s) they wrote stay with the campaign, without their name.</source>
        <translation>
            <numerusform>%n retombée qu’elle a écrite reste dans la campagne, sans son nom.</numerusform>
            <numerusform>%n retombées qu’elle a écrites restent dans la campagne, sans son nom.</numerusform>
        </translation>
    </message>
    <message>
        <source>The audit log keeps only a line that an erasure happened. This cannot be undone, and the undo history is cleared.</source>
        <translation>Le journal d’audit ne garde qu’une ligne indiquant qu’un effacement a eu lieu. C’est irréversible, et l’historique d’annulation est vidé.</translation>
    </message>
    <message numerus="yes">
        <source>Add their Mastodon and Bluesky handles (%n) to the ignore list, so the sync does not bring them back</source>
        <translation>
            <numerusform>Ajouter son identifiant Mastodon ou Bluesky (%n) à la liste des ignorés, pour que la synchronisation ne le ramène pas</numerusform>
            <numerusform>Ajouter ses identifiants Mastodon et Bluesky (%n) à la liste des ignorés, pour que la synchronisation ne les ramène pas</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Erase</source>
        <translation>&amp;Effacer</translation>
    </message>
</context>
<context>
    <name>ErasureRepository</name>
    <message>
        <source>counting what the erasure removes</source>
        <translation>en comptant ce que l’effacement supprime</translation>
    </message>
    <message>
        <source>erasing the person</source>
        <translation>en effaçant la personne</translation>
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
        <translation>Export et effacement&#xa0;:
  export contacts [--format vcard|csv] [--layout rapport|google|outlook] [--vcard-version 4.0|3.0]
  export followups [--format ics]
  export person ID [--format json|vcard]
  export all [--format json]
         [--out FILE]
                    Tous les contacts hors corbeille en vCard (4.0 sauf si 3.0 est demandé) ou CSV
                    (colonnes de Rapport, de Google ou d’Outlook), les relances ouvertes en fichier
                    iCalendar, tout sur une personne ou toute la base de données en JSON.
                    Sans --out, l’export va sur la sortie standard.
  erase person ID --yes [--ignore-handles]
                    Effacer définitivement une personne&#xa0;: profil, conversations, pitchs, relances et
                    identifiants, son texte dans les index de recherche et le journal d’audit. Avec
                    --ignore-handles, la synchronisation ignore désormais ses identifiants Mastodon et Bluesky.
</translation>
    </message>
    <message>
        <source>export person takes the id of a contact.</source>
        <translation>export person attend l’identifiant d’un contact.</translation>
    </message>
    <message>
        <source>export %1 takes no further arguments.</source>
        <translation>export %1 n’attend pas d’autres arguments.</translation>
    </message>
    <message>
        <source>export takes contacts, followups, person ID or all.</source>
        <translation>export attend contacts, followups, person ID ou all.</translation>
    </message>
    <message>
        <source>export %1 writes %2, not “%3”.</source>
        <translation>export %1 écrit %2, pas «&#xa0;%3&#xa0;».</translation>
    </message>
    <message>
        <source>--layout is for --format csv.</source>
        <translation>--layout sert pour --format csv.</translation>
    </message>
    <message>
        <source>--layout is rapport, google or outlook, not “%1”.</source>
        <translation>--layout vaut rapport, google ou outlook, pas «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>--vcard-version is for --format vcard.</source>
        <translation>--vcard-version sert pour --format vcard.</translation>
    </message>
    <message>
        <source>--vcard-version is 4.0 or 3.0, not “%1”.</source>
        <translation>--vcard-version vaut 4.0 ou 3.0, pas «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>standard output</source>
        <translation>la sortie standard</translation>
    </message>
    <message>
        <source>Exported %L1 contacts to %2.</source>
        <translation>%L1 contacts exportés vers %2.</translation>
    </message>
    <message>
        <source>Exported %L1 open follow-ups to %2.</source>
        <translation>%L1 relances ouvertes exportées vers %2.</translation>
    </message>
    <message>
        <source>There is no contact %1.</source>
        <translation>Il n’y a pas de contact %1.</translation>
    </message>
    <message>
        <source>Exported everything about contact %1 to %2.</source>
        <translation>Tout sur le contact %1 exporté vers %2.</translation>
    </message>
    <message>
        <source>Exported the whole database to %1.</source>
        <translation>Toute la base de données exportée vers %1.</translation>
    </message>
    <message>
        <source>erase takes person ID.</source>
        <translation>erase attend person ID.</translation>
    </message>
    <message>
        <source>Erasing a person cannot be undone: add --yes to erase contact %1.</source>
        <translation>L’effacement d’une personne est irréversible&#xa0;: ajoutez --yes pour effacer le contact %1.</translation>
    </message>
    <message>
        <source>Erased contact %1: %L2 conversations, %L3 pitches, %L4 follow-ups, %L5 handles and %L6 audit entries; %L7 coverage entries are kept without them.</source>
        <translation>Contact %1 effacé&#xa0;: %L2 conversations, %L3 pitchs, %L4 relances, %L5 identifiants et %L6 entrées du journal&#xa0;; %L7 retombées sont conservées sans la personne.</translation>
    </message>
    <message>
        <source>The sync ignores %L1 of their handles from now on.</source>
        <translation>La synchronisation ignore désormais %L1 de ses identifiants.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <source>&amp;All contacts</source>
        <translation>&amp;Tous les contacts</translation>
    </message>
    <message>
        <source>The contacts the &amp;list shows now (%L1)</source>
        <translation>Les contacts que la &amp;liste affiche (%L1)</translation>
    </message>
    <message>
        <source>The contacts the &amp;list shows now (no search or filter)</source>
        <translation>Les contacts que la &amp;liste affiche (ni recherche ni filtre)</translation>
    </message>
    <message>
        <source>The contacts that match the list&apos;s search, filters or saved view</source>
        <translation>Les contacts qui correspondent à la recherche, aux filtres ou à la vue enregistrée de la liste</translation>
    </message>
    <message>
        <source>The &amp;selected contacts (%L1)</source>
        <translation>Les contacts &amp;sélectionnés (%L1)</translation>
    </message>
    <message>
        <source>Open &amp;follow-ups, as a calendar (iCalendar)</source>
        <translation>Les &amp;relances ouvertes, en calendrier (iCalendar)</translation>
    </message>
    <message>
        <source>Each open follow-up becomes a task with its due date and a reminder; exporting again updates the same tasks in the calendar</source>
        <translation>Chaque relance ouverte devient une tâche avec son échéance et un rappel&#xa0;; exporter à nouveau met à jour les mêmes tâches dans le calendrier</translation>
    </message>
    <message>
        <source>vCard 4.0 (address books, phones)</source>
        <translation>vCard 4.0 (carnets d’adresses, téléphones)</translation>
    </message>
    <message>
        <source>vCard 3.0 (older address books)</source>
        <translation>vCard 3.0 (carnets d’adresses plus anciens)</translation>
    </message>
    <message>
        <source>CSV: every Rapport field</source>
        <translation>CSV&#xa0;: tous les champs de Rapport</translation>
    </message>
    <message>
        <source>CSV: Google Contacts columns</source>
        <translation>CSV&#xa0;: colonnes de Google Contacts</translation>
    </message>
    <message>
        <source>CSV: Outlook columns</source>
        <translation>CSV&#xa0;: colonnes d’Outlook</translation>
    </message>
    <message>
        <source>F&amp;ormat:</source>
        <translation>F&amp;ormat&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exporter…</translation>
    </message>
    <message>
        <source>Follow-ups are written as iCalendar tasks (.ics) that calendars and task lists open.</source>
        <translation>Les relances sont écrites en tâches iCalendar (.ics) que les calendriers et listes de tâches ouvrent.</translation>
    </message>
    <message>
        <source>One card per person with emails, phones, handles, tags and Rapport&apos;s own fields; Rapport imports it back as the same profiles.</source>
        <translation>Une fiche par personne avec e-mails, téléphones, identifiants, étiquettes et les champs propres à Rapport&#xa0;; Rapport la réimporte en profils identiques.</translation>
    </message>
    <message>
        <source>Every field Rapport imports, one column each; several values in one cell are separated by “ ::: ”.</source>
        <translation>Chaque champ que Rapport importe, une colonne chacun&#xa0;; plusieurs valeurs dans une cellule sont séparées par «&#xa0;:::&#xa0;».</translation>
    </message>
    <message>
        <source>Names, organization, emails, phones, address, websites, notes and tags in the columns %1 reads; beats, handles, kind and reach have no place there.</source>
        <translation>Noms, organisation, e-mails, téléphones, adresse, sites web, notes et étiquettes dans les colonnes que lit %1&#xa0;; rubriques, identifiants, type et audience n’y ont pas de place.</translation>
    </message>
    <message>
        <source>follow-ups</source>
        <comment>file name</comment>
        <translation>relances</translation>
    </message>
    <message>
        <source>contacts</source>
        <comment>file name</comment>
        <translation>contacts</translation>
    </message>
    <message>
        <source>vCard files (*.vcf)</source>
        <translation>Fichiers vCard (*.vcf)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>iCalendar files (*.ics)</source>
        <translation>Fichiers iCalendar (*.ics)</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>Fichiers JSON (*.json)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>L’export a échoué</translation>
    </message>
    <message>
        <source>Exporting the follow-ups…</source>
        <translation>Export des relances…</translation>
    </message>
    <message>
        <source>Exporting %L1 contacts…</source>
        <translation>Export de %L1 contacts…</translation>
    </message>
    <message>
        <source>Exported %L1 follow-ups to %2.</source>
        <translation>%L1 relances exportées vers %2.</translation>
    </message>
    <message>
        <source>Exported %L1 contacts to %2.</source>
        <translation>%L1 contacts exportés vers %2.</translation>
    </message>
    <message>
        <source>&amp;All contacts (%L1)</source>
        <translation>&amp;Tous les contacts (%L1)</translation>
    </message>
</context>
<context>
    <name>ExportFile</name>
    <message>
        <source>the standard output</source>
        <translation>la sortie standard</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Impossible d’écrire %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Could not write to the standard output: %1</source>
        <translation>Impossible d’écrire sur la sortie standard&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>ExportJob</name>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
</context>
<context>
    <name>ExportRepository</name>
    <message>
        <source>reading the contacts to export</source>
        <translation>en lisant les contacts à exporter</translation>
    </message>
    <message>
        <source>reading the account managers</source>
        <translation>en lisant les chargés de compte</translation>
    </message>
    <message>
        <source>The export was canceled.</source>
        <translation>L’export a été annulé.</translation>
    </message>
    <message>
        <source>reading the follow-ups to export</source>
        <translation>en lisant les relances à exporter</translation>
    </message>
    <message>
        <source>reading everything about the person</source>
        <translation>en lisant tout ce qui concerne la personne</translation>
    </message>
    <message>
        <source>reading the database to export</source>
        <translation>en lisant la base de données à exporter</translation>
    </message>
</context>
<context>
    <name>FeedParser</name>
    <message>
        <source>The feed at %1 is not valid JSON: %2 (at character %L3).</source>
        <translation>Le flux %1 n&apos;est pas du JSON valide&#xa0;: %2 (au caractère %L3).</translation>
    </message>
    <message>
        <source>%1 sends JSON, but not a JSON Feed.</source>
        <translation>%1 envoie du JSON, mais pas un JSON Feed.</translation>
    </message>
    <message>
        <source>The feed has more than %L1 items; only the first %L1 were read.</source>
        <translation>Le flux contient plus de %L1 éléments&#xa0;; seuls les %L1 premiers ont été lus.</translation>
    </message>
    <message>
        <source>The server sent an empty document instead of the feed at %1.</source>
        <translation>Le serveur a envoyé un document vide au lieu du flux %1.</translation>
    </message>
    <message>
        <source>%1 is not a feed: it is neither XML nor JSON.</source>
        <translation>%1 n&apos;est pas un flux&#xa0;: ce n&apos;est ni du XML ni du JSON.</translation>
    </message>
    <message>
        <source>%1 is a web page, not a feed. The page names a feed at %2: use that address instead.</source>
        <translation>%1 est une page web, pas un flux. La page indique un flux à l&apos;adresse %2&#xa0;: utilisez plutôt cette adresse.</translation>
    </message>
    <message>
        <source>%1 is a web page, not a feed.</source>
        <translation>%1 est une page web, pas un flux.</translation>
    </message>
    <message>
        <source>%1 is an XML document but not a feed (it starts with &lt;%2&gt;).</source>
        <translation>%1 est un document XML mais pas un flux (il commence par &lt;%2&gt;).</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>ligne %1</translation>
    </message>
    <message>
        <source>The feed at %1 ended before its first complete item (the download was cut short, or the server sent an incomplete file).</source>
        <translation>Le flux %1 s&apos;est terminé avant son premier élément complet (le téléchargement a été interrompu, ou le serveur a envoyé un fichier incomplet).</translation>
    </message>
    <message>
        <source>The feed at %1 cannot be read: %2 (%3).</source>
        <translation>Le flux %1 ne peut pas être lu&#xa0;: %2 (%3).</translation>
    </message>
    <message>
        <source>The feed breaks off at %1 (%2); the one complete item before that was read.</source>
        <translation>Le flux s&apos;interrompt à %1 (%2)&#xa0;; le seul élément complet qui précède a été lu.</translation>
    </message>
    <message>
        <source>The feed breaks off at %1 (%2); the %L3 complete items before that were read.</source>
        <translation>Le flux s&apos;interrompt à %1 (%2)&#xa0;; les %L3 éléments complets qui précèdent ont été lus.</translation>
    </message>
</context>
<context>
    <name>FeedSource</name>
    <message>
        <source>The feed at %1 answered %2.</source>
        <translation>Le flux %1 a répondu %2.</translation>
    </message>
    <message>
        <source>Check the address, or remove the feed if the site no longer has it.</source>
        <translation>Vérifiez l&apos;adresse, ou retirez le flux si le site ne le propose plus.</translation>
    </message>
    <message>
        <source>The feed is not public.</source>
        <translation>Le flux n&apos;est pas public.</translation>
    </message>
    <message>
        <source>The sync was cancelled.</source>
        <translation>La synchronisation a été annulée.</translation>
    </message>
    <message>
        <source>Feed “%1”, 1 item</source>
        <translation>Flux «&#xa0;%1&#xa0;», 1 élément</translation>
    </message>
    <message>
        <source>Feed “%1”, %L2 items</source>
        <translation>Flux «&#xa0;%1&#xa0;», %L2 éléments</translation>
    </message>
    <message>
        <source>(the feed breaks off; only the complete items were read)</source>
        <translation>(le flux s&apos;interrompt&#xa0;; seuls les éléments complets ont été lus)</translation>
    </message>
</context>
<context>
    <name>FollowUpCommand</name>
    <message>
        <source>Complete follow-up with %1</source>
        <translation>Terminer la relance avec %1</translation>
    </message>
    <message>
        <source>Snooze follow-up with %1</source>
        <translation>Reporter la relance avec %1</translation>
    </message>
    <message>
        <source>Reassign follow-up to %1</source>
        <translation>Réattribuer la relance à %1</translation>
    </message>
    <message>
        <source>Plan a follow-up with %1</source>
        <translation>Prévoir une relance avec %1</translation>
    </message>
</context>
<context>
    <name>FollowUpModel</name>
    <message>
        <source>Today %1</source>
        <translation>Aujourd&apos;hui %1</translation>
    </message>
    <message>
        <source>Yesterday %1</source>
        <translation>Hier %1</translation>
    </message>
    <message>
        <source>Tomorrow %1</source>
        <translation>Demain %1</translation>
    </message>
    <message>
        <source>%1 (%L2, the first %L3 shown)</source>
        <translation>%1 (%L2, les %L3 premières affichées)</translation>
    </message>
    <message>
        <source>%1 (%L2)</source>
        <translation>%1 (%L2)</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Échéance</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Attribuée à</translation>
    </message>
</context>
<context>
    <name>FollowUpRepository</name>
    <message>
        <source>A follow-up needs a contact or a campaign.</source>
        <translation>Une relance doit porter sur un contact ou une campagne.</translation>
    </message>
    <message>
        <source>Enter when the follow-up is due.</source>
        <translation>Indiquez la date d&apos;échéance de la relance.</translation>
    </message>
    <message>
        <source>The due date must be between 1900 and ten years from now; please check the year.</source>
        <translation>La date d&apos;échéance doit être comprise entre 1900 et dans dix ans&#xa0;; vérifiez l&apos;année.</translation>
    </message>
    <message>
        <source>saving the follow-up</source>
        <translation>enregistrement de la relance</translation>
    </message>
    <message>
        <source>This follow-up was changed or deleted by someone else since you opened it. Reload it to see their changes; yours were not saved.</source>
        <translation>Cette relance a été modifiée ou supprimée par quelqu&apos;un d&apos;autre depuis que vous l&apos;avez ouverte. Rechargez-la pour voir ces modifications&#xa0;; les vôtres n&apos;ont pas été enregistrées.</translation>
    </message>
    <message>
        <source>loading the follow-up</source>
        <translation>chargement de la relance</translation>
    </message>
    <message>
        <source>The follow-up no longer exists.</source>
        <translation>La relance n&apos;existe plus.</translation>
    </message>
    <message>
        <source>completing the follow-up</source>
        <translation>clôture de la relance</translation>
    </message>
    <message>
        <source>reopening the follow-up</source>
        <translation>réouverture de la relance</translation>
    </message>
    <message>
        <source>snoozing the follow-up</source>
        <translation>report de la relance</translation>
    </message>
    <message>
        <source>reassigning the follow-up</source>
        <translation>réattribution de la relance</translation>
    </message>
    <message>
        <source>deleting the follow-up</source>
        <translation>suppression de la relance</translation>
    </message>
    <message>
        <source>restoring the follow-up</source>
        <translation>restauration de la relance</translation>
    </message>
    <message>
        <source>loading follow-ups</source>
        <translation>chargement des relances</translation>
    </message>
    <message>
        <source>counting overdue follow-ups</source>
        <translation>comptage des relances en retard</translation>
    </message>
    <message>
        <source>counting follow-ups</source>
        <translation>comptage des relances</translation>
    </message>
    <message>
        <source>The note is %L1 characters long; at most %L2 fit.</source>
        <translation>La note compte %L1 caractères&#xa0;; %L2 au maximum sont possibles.</translation>
    </message>
</context>
<context>
    <name>FollowUpsView</name>
    <message>
        <source>Follow-ups</source>
        <translation>Relances</translation>
    </message>
    <message>
        <source>&amp;Complete</source>
        <translation>&amp;Terminer</translation>
    </message>
    <message>
        <source>Mark the follow-up as done</source>
        <translation>Marquer la relance comme faite</translation>
    </message>
    <message>
        <source>Snooze 1 &amp;Day</source>
        <translation>Reporter d&apos;un &amp;jour</translation>
    </message>
    <message>
        <source>Move the due time one day on</source>
        <translation>Repousser l&apos;échéance d&apos;un jour</translation>
    </message>
    <message>
        <source>Snooze 1 &amp;Week</source>
        <translation>Reporter d&apos;une &amp;semaine</translation>
    </message>
    <message>
        <source>Move the due time one week on</source>
        <translation>Repousser l&apos;échéance d&apos;une semaine</translation>
    </message>
    <message>
        <source>Snooze &amp;To…</source>
        <translation>Reporter &amp;au…</translation>
    </message>
    <message>
        <source>Pick a new due date and time</source>
        <translation>Choisir une nouvelle date et heure d&apos;échéance</translation>
    </message>
    <message>
        <source>&amp;Reassign…</source>
        <translation>&amp;Réattribuer…</translation>
    </message>
    <message>
        <source>Give the follow-up to someone else</source>
        <translation>Confier la relance à quelqu&apos;un d&apos;autre</translation>
    </message>
    <message>
        <source>Open follow-ups by due date</source>
        <translation>Relances en cours par échéance</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Attribuée à</translation>
    </message>
    <message>
        <source>Nothing to follow up. Add a follow-up date when you log a conversation (Ctrl+L).</source>
        <translation>Aucune relance à faire. Ajoutez une date de relance quand vous consignez un échange (Ctrl+L).</translation>
    </message>
    <message>
        <source>Rapport</source>
        <translation>Rapport</translation>
    </message>
    <message>
        <source>Follow-up due</source>
        <translation>Relance à faire</translation>
    </message>
    <message>
        <source>Snooze Follow-up</source>
        <translation>Reporter la relance</translation>
    </message>
    <message>
        <source>New due time</source>
        <translation>Nouvelle échéance</translation>
    </message>
    <message>
        <source>Due &amp;on:</source>
        <translation>Échéance &amp;le&#xa0;:</translation>
    </message>
    <message>
        <source>Reassign Follow-up</source>
        <translation>Réattribuer la relance</translation>
    </message>
    <message>
        <source>&amp;Assign to:</source>
        <translation>&amp;Attribuer à&#xa0;:</translation>
    </message>
    <message>
        <source>Show the follow-ups of</source>
        <translation>Afficher les relances de</translation>
    </message>
    <message>
        <source>Everybody&apos;s follow-ups, yours, or one account manager&apos;s</source>
        <translation>Les relances de tout le monde, les vôtres, ou celles d&apos;un responsable</translation>
    </message>
    <message>
        <source>S&amp;how:</source>
        <translation>&amp;Afficher&#xa0;:</translation>
    </message>
    <message>
        <source>Everybody</source>
        <comment>follow-ups of</comment>
        <translation>Tout le monde</translation>
    </message>
    <message>
        <source>Mine</source>
        <comment>follow-ups</comment>
        <translation>Les miennes</translation>
    </message>
    <message>
        <source>Nothing to follow up for %1.</source>
        <translation>Aucune relance à faire pour %1.</translation>
    </message>
</context>
<context>
    <name>Gui</name>
    <message>
        <source>rapport: %1</source>
        <translation>rapport&#xa0;: %1</translation>
    </message>
    <message>
        <source>Restoring %1…</source>
        <translation>Restauration de %1…</translation>
    </message>
    <message>
        <source>Restoring — Rapport</source>
        <translation>Restauration — Rapport</translation>
    </message>
    <message>
        <source>The backup was not restored.</source>
        <translation>La sauvegarde n’a pas été restaurée.</translation>
    </message>
    <message>
        <source>Not restored</source>
        <translation>Non restaurée</translation>
    </message>
    <message>
        <source>The backup was not restored, and the database is as it was.

%1</source>
        <translation>La sauvegarde n’a pas été restaurée, et la base est telle qu’elle était.

%1</translation>
    </message>
    <message>
        <source>Restored the backup taken %1.</source>
        <translation>La sauvegarde du %1 a été restaurée.</translation>
    </message>
    <message>
        <source>&lt;p&gt;Restored the backup taken %1.&lt;/p&gt;&lt;p&gt;Contacts: %2 · Conversations: %3 · Campaigns: %4&lt;/p&gt;</source>
        <translation>&lt;p&gt;La sauvegarde du %1 a été restaurée.&lt;/p&gt;&lt;p&gt;Contacts&#xa0;: %2 · Échanges&#xa0;: %3 · Campagnes&#xa0;: %4&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;It was upgraded from schema %1 to %2.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Elle a été mise à jour du schéma %1 au schéma %2.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;The database you had open is kept as %1.&lt;/p&gt;</source>
        <translation>&lt;p&gt;La base que vous aviez ouverte est conservée sous %1.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Backup restored</source>
        <translation>Sauvegarde restaurée</translation>
    </message>
    <message>
        <source>Could not connect to the team database: %1</source>
        <translation>Impossible de se connecter à la base de l’équipe&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>HealthPanel</name>
    <message>
        <source>Relationship health</source>
        <translation>Santé de la relation</translation>
    </message>
    <message>
        <source>Health unknown</source>
        <translation>Santé inconnue</translation>
    </message>
    <message>
        <source>Health %1 of 100 · %2</source>
        <translation>Santé %1 sur 100 · %2</translation>
    </message>
    <message numerus="yes">
        <source>%n like(s), boost(s), follow(s) or quote(s) on social media in 90 days</source>
        <translation>
            <numerusform>%n mention J&apos;aime, partage, abonnement ou citation sur les réseaux sociaux en 90 jours</numerusform>
            <numerusform>%n mentions J&apos;aime, partages, abonnements ou citations sur les réseaux sociaux en 90 jours</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HealthScore</name>
    <message>
        <source>computing relationship health</source>
        <translation>calcul de la santé des relations</translation>
    </message>
    <message>
        <source>No conversations yet.</source>
        <translation>Aucun échange pour l&apos;instant.</translation>
    </message>
    <message>
        <source>Last spoke today.</source>
        <translation>Dernier échange aujourd&apos;hui.</translation>
    </message>
    <message>
        <source>Last spoke yesterday.</source>
        <translation>Dernier échange hier.</translation>
    </message>
    <message>
        <source>Last spoke %1 days ago.</source>
        <translation>Dernier échange il y a %1 jours.</translation>
    </message>
    <message>
        <source>One interaction in the last %1 days.</source>
        <translation>Une interaction au cours des %1 derniers jours.</translation>
    </message>
    <message>
        <source>%1 interactions in the last %2 days.</source>
        <translation>%1 interactions au cours des %2 derniers jours.</translation>
    </message>
    <message>
        <source>Answers %1 of %2 pitches.</source>
        <translation>Pitchs avec réponse&#xa0;: %1 sur %2.</translation>
    </message>
    <message>
        <source>No pitches sent yet.</source>
        <translation>Aucun pitch envoyé pour l&apos;instant.</translation>
    </message>
    <message>
        <source>Talked on one channel.</source>
        <translation>Échanges sur un seul canal.</translation>
    </message>
    <message>
        <source>Talked on %1 channels.</source>
        <translation>Échanges sur %1 canaux.</translation>
    </message>
    <message>
        <source>Known for %1 years.</source>
        <translation>Connu depuis %1 ans.</translation>
    </message>
    <message>
        <source>Known for over a year.</source>
        <translation>Connu depuis plus d&apos;un an.</translation>
    </message>
    <message>
        <source>Known for %1 months.</source>
        <translation>Connu depuis %1 mois.</translation>
    </message>
    <message>
        <source>Known for a month.</source>
        <translation>Connu depuis un mois.</translation>
    </message>
    <message>
        <source>Known for less than a month.</source>
        <translation>Connu depuis moins d&apos;un mois.</translation>
    </message>
    <message>
        <source>The contact no longer exists.</source>
        <translation>Le contact n&apos;existe plus.</translation>
    </message>
    <message>
        <source>updating relationship health</source>
        <translation>mise à jour de la santé des relations</translation>
    </message>
    <message>
        <source>Recency</source>
        <translation>Récence</translation>
    </message>
    <message>
        <source>No conversation logged, only pitches.</source>
        <translation>Aucun échange consigné, seulement des pitchs.</translation>
    </message>
    <message>
        <source>Frequency</source>
        <translation>Fréquence</translation>
    </message>
    <message>
        <source>Mostly outbound: %1 of %2 interactions were ours.</source>
        <translation>Surtout sortant&#xa0;: %1 interactions sur %2 venaient de nous.</translation>
    </message>
    <message>
        <source>Mostly inbound: %1 of %2 interactions came from them.</source>
        <translation>Surtout entrant&#xa0;: %1 interactions sur %2 venaient du contact.</translation>
    </message>
    <message>
        <source>Balanced: %1 of %2 interactions came from them.</source>
        <translation>Équilibré&#xa0;: %1 interactions sur %2 venaient du contact.</translation>
    </message>
    <message>
        <source>Reciprocity</source>
        <translation>Réciprocité</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>Réponse</translation>
    </message>
    <message>
        <source>Breadth</source>
        <translation>Diversité</translation>
    </message>
    <message>
        <source>Tenure</source>
        <translation>Ancienneté</translation>
    </message>
    <message>
        <source>not scored</source>
        <comment>relationship health</comment>
        <translation>non évaluée</translation>
    </message>
    <message>
        <source>strong</source>
        <comment>relationship health</comment>
        <translation>solide</translation>
    </message>
    <message>
        <source>steady</source>
        <comment>relationship health</comment>
        <translation>stable</translation>
    </message>
    <message>
        <source>cooling</source>
        <comment>relationship health</comment>
        <translation>se refroidit</translation>
    </message>
    <message>
        <source>cold</source>
        <comment>relationship health</comment>
        <translation>froide</translation>
    </message>
    <message>
        <source>%1 %2 of %3: %4</source>
        <comment>component, points, maximum, sentence</comment>
        <translation>%1 %2 sur %3&#xa0;: %4</translation>
    </message>
    <message>
        <source>Relationship health %1 of 100 (%2)</source>
        <translation>Santé de la relation %1 sur 100 (%2)</translation>
    </message>
    <message>
        <source>finding the relationships that are cooling off</source>
        <translation>recherche des relations qui se refroidissent</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Qui</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Avant</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Après</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créé</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>Modifié</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Changé</translation>
    </message>
    <message>
        <source>Moved to the trash</source>
        <translation>Mis à la corbeille</translation>
    </message>
    <message>
        <source>Restored from the trash</source>
        <translation>Restauré depuis la corbeille</translation>
    </message>
    <message>
        <source>Merged a duplicate into this</source>
        <translation>Un doublon fusionné ici</translation>
    </message>
    <message>
        <source>Merge undone</source>
        <translation>Fusion annulée</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importé</translation>
    </message>
    <message>
        <source>Import undone</source>
        <translation>Import annulé</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>Synchronisé</translation>
    </message>
    <message>
        <source>Tagged with others</source>
        <translation>Étiqueté avec d&apos;autres</translation>
    </message>
    <message>
        <source>Untagged with others</source>
        <translation>Étiquette retirée avec d&apos;autres</translation>
    </message>
    <message>
        <source>Account manager changed with others</source>
        <translation>Responsable changé avec d&apos;autres</translation>
    </message>
    <message>
        <source>Kind changed with others</source>
        <translation>Type changé avec d&apos;autres</translation>
    </message>
    <message>
        <source>Linked from the Inbox</source>
        <translation>Relié depuis la boîte de réception</translation>
    </message>
    <message>
        <source>Unlinked from the Inbox</source>
        <translation>Lien avec la boîte de réception retiré</translation>
    </message>
    <message>
        <source>Status changed</source>
        <translation>Statut changé</translation>
    </message>
    <message>
        <source>Moved in the pipeline</source>
        <translation>Déplacé dans le pipeline</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Supprimé</translation>
    </message>
    <message>
        <source>Added to the team</source>
        <translation>Ajouté à l&apos;équipe</translation>
    </message>
    <message>
        <source>Role changed</source>
        <translation>Rôle changé</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>Désactivé</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Prénom</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Fonction</translation>
    </message>
    <message>
        <source>Outlet</source>
        <translation>Média</translation>
    </message>
    <message>
        <source>Role at the outlet</source>
        <translation>Rôle au sein du média</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ville</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Pays</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Fuseau horaire</translation>
    </message>
    <message>
        <source>Reach</source>
        <translation>Audience</translation>
    </message>
    <message>
        <source>Preferred channel</source>
        <translation>Canal préféré</translation>
    </message>
    <message>
        <source>Pronouns</source>
        <translation>Pronoms</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Do not contact</source>
        <translation>Ne pas contacter</translation>
    </message>
    <message>
        <source>Reason not to contact</source>
        <translation>Raison de ne pas contacter</translation>
    </message>
    <message>
        <source>Consent basis</source>
        <translation>Base du consentement</translation>
    </message>
    <message>
        <source>Consent given</source>
        <translation>Consentement donné</translation>
    </message>
    <message>
        <source>Consent source</source>
        <translation>Source du consentement</translation>
    </message>
    <message>
        <source>Account manager</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>In the trash since</source>
        <translation>Dans la corbeille depuis</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Site web</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Goals</source>
        <translation>Objectifs</translation>
    </message>
    <message>
        <source>Key messages</source>
        <translation>Messages clés</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>Sujets</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Campagne</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Sens</translation>
    </message>
    <message>
        <source>When it happened</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
    <message>
        <source>Sentiment</source>
        <translation>Tonalité</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(vide)</translation>
    </message>
    <message>
        <source>#%1 (gone)</source>
        <translation>n° %1 (disparu)</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Conversation</translation>
    </message>
    <message>
        <source>Pitch</source>
        <translation>Pitch</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Relance</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Équipe</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 #%2</source>
        <translation>%1 n° %2</translation>
    </message>
    <message>
        <source>%1 #%2: %3</source>
        <translation>%1 n° %2&#xa0;: %3</translation>
    </message>
    <message>
        <source>Rapport</source>
        <translation>Rapport</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation>%1&#xa0;: %2 → %3</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Beat</source>
        <translation>Rubrique</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Étiquette</translation>
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
        <translation>Blog ou flux</translation>
    </message>
</context>
<context>
    <name>HistoryQuery</name>
    <message>
        <source>reading the history</source>
        <translation>lecture de l&apos;historique</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>Only the changes of this person</source>
        <translation>Uniquement les modifications de cette personne</translation>
    </message>
    <message>
        <source>Only the changes of this period</source>
        <translation>Uniquement les modifications de cette période</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>Depuis toujours</translation>
    </message>
    <message>
        <source>Today and yesterday</source>
        <translation>Aujourd&apos;hui et hier</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>12 derniers mois</translation>
    </message>
    <message numerus="yes">
        <source>Last %n days</source>
        <translation>
            <numerusform>Dernier %n jour</numerusform>
            <numerusform>%n derniers jours</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Person:</source>
        <translation>&amp;Personne&#xa0;:</translation>
    </message>
    <message>
        <source>P&amp;eriod:</source>
        <translation>Pé&amp;riode&#xa0;:</translation>
    </message>
    <message>
        <source>No changes recorded.</source>
        <translation>Aucune modification enregistrée.</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Everybody</source>
        <translation>Tout le monde</translation>
    </message>
</context>
<context>
    <name>IcsWriter</name>
    <message>
        <source>Follow up with %1 (%2)</source>
        <translation>Relancer %1 (%2)</translation>
    </message>
    <message>
        <source>Follow up with %1</source>
        <translation>Relancer %1</translation>
    </message>
    <message>
        <source>Follow up on %1</source>
        <translation>Relance sur %1</translation>
    </message>
    <message>
        <source>Follow up</source>
        <translation>Relance</translation>
    </message>
</context>
<context>
    <name>ImportBatchCommand</name>
    <message>
        <source>Import %1</source>
        <translation>Importation de %1</translation>
    </message>
    <message>
        <source>The import of %1 could not be undone: %2</source>
        <translation>L’importation de %1 n’a pas pu être annulée&#xa0;: %2</translation>
    </message>
    <message>
        <source>Import undone</source>
        <translation>Importation annulée</translation>
    </message>
</context>
<context>
    <name>ImportBatchListModel</name>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importé le</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Par</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créés</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Modifiés</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Ignorés</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Problèmes</translation>
    </message>
    <message>
        <source>Undone</source>
        <translation>Annulée le</translation>
    </message>
    <message>
        <source>Import %1 (%2)</source>
        <translation>Importation %1 (%2)</translation>
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
        <translation>Import&#xa0;:
  import FICHIER [--format csv|vcard] [--preset NOM|--mapping FICHIER] [--encoding CODAGE]
         [--delimiter ,|;|tab] [--on-duplicate skip|fill|overwrite|create] [--dry-run]
                    Importer des contacts d&apos;un fichier CSV ou vCard en un lot annulable.
                    Modèles&#xa0;: google, google-legacy, outlook, rapport, ou un modèle enregistré.
  imports list      Les lots d&apos;import, du plus récent au plus ancien.
  imports undo LOT
                    Retire ce qu&apos;un lot a créé et rétablit ce qu&apos;il a modifié&#xa0;; les lignes modifiées
                    depuis sont conservées et signalées.
</translation>
    </message>
    <message>
        <source>import takes one FILE.</source>
        <translation>import attend un FICHIER.</translation>
    </message>
    <message>
        <source>--format is csv or vcard, not “%1”.</source>
        <translation>--format vaut csv ou vcard, pas «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>--encoding is utf-8, utf-16le, utf-16be or windows-1252, not “%1”.</source>
        <translation>--encoding vaut utf-8, utf-16le, utf-16be ou windows-1252, pas «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>--delimiter is , ; | or tab, not “%1”.</source>
        <translation>--delimiter vaut ,&#xa0;; | ou tab, pas «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>Give either --preset or --mapping, not both.</source>
        <translation>Indiquez --preset ou --mapping, pas les deux.</translation>
    </message>
    <message>
        <source>The mapping file %1 cannot be read: %2</source>
        <translation>Le fichier de correspondance %1 ne peut pas être lu&#xa0;: %2</translation>
    </message>
    <message>
        <source>The mapping file %1 is not JSON: %2</source>
        <translation>Le fichier de correspondance %1 n&apos;est pas du JSON&#xa0;: %2</translation>
    </message>
    <message>
        <source>--on-duplicate is skip, fill, overwrite or create, not “%1”.</source>
        <translation>--on-duplicate vaut skip, fill, overwrite ou create, pas «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>Dry run of %1 (nothing was written): %2 would be created, %3 updated, %4 skipped as duplicates, %5 merged within the file, %6 rows have problems.</source>
        <translation>Essai à blanc de %1 (rien n&apos;a été écrit)&#xa0;: %2 seraient créés, %3 mis à jour, %4 ignorés comme doublons, %5 fusionnés dans le fichier, %6 lignes ont des problèmes.</translation>
    </message>
    <message>
        <source>Imported %1 as batch %2: %3 created, %4 updated, %5 skipped as duplicates, %6 merged within the file, %7 rows with problems left out.</source>
        <translation>%1 importé comme lot %2&#xa0;: %3 créés, %4 mis à jour, %5 ignorés comme doublons, %6 fusionnés dans le fichier, %7 lignes à problèmes laissées de côté.</translation>
    </message>
    <message>
        <source>  … and %1 more (--json lists them all).</source>
        <translation>  … et %1 de plus (--json les liste tous).</translation>
    </message>
    <message>
        <source>Undo with: rapport imports undo %1</source>
        <translation>Pour annuler&#xa0;: rapport imports undo %1</translation>
    </message>
    <message>
        <source>imports list takes no arguments.</source>
        <translation>imports list n&apos;attend aucun argument.</translation>
    </message>
    <message>
        <source>No imports yet.</source>
        <translation>Aucun import pour l&apos;instant.</translation>
    </message>
    <message>
        <source>%1  %2  %3  %4 created, %5 updated  by %6</source>
        <translation>%1  %2  %3  %4 créés, %5 mis à jour  par %6</translation>
    </message>
    <message>
        <source>  (undone %1)</source>
        <translation>  (annulé le %1)</translation>
    </message>
    <message>
        <source>imports undo takes the number of a batch (see “rapport imports list”).</source>
        <translation>imports undo attend le numéro d&apos;un lot (voir «&#xa0;rapport imports list&#xa0;»).</translation>
    </message>
    <message>
        <source>Undid import %1: %2 contacts removed, %3 restored, %4 kept because they changed since.</source>
        <translation>Import %1 annulé&#xa0;: %2 contacts retirés, %3 rétablis, %4 conservés car modifiés depuis.</translation>
    </message>
    <message>
        <source>imports takes list or undo BATCH.</source>
        <translation>imports attend list ou undo LOT.</translation>
    </message>
</context>
<context>
    <name>ImportController</name>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importer…</translation>
    </message>
    <message>
        <source>Import &amp;History…</source>
        <translation>&amp;Historique des importations…</translation>
    </message>
    <message>
        <source>Import contacts from a CSV or vCard file (%1); dropping the file on the window does the same</source>
        <translation>Importer des contacts depuis un fichier CSV ou vCard (%1)&#xa0;; déposer le fichier sur la fenêtre fait de même</translation>
    </message>
    <message>
        <source>Every import, with Undo Import for any of them</source>
        <translation>Toutes les importations, chacune pouvant être annulée</translation>
    </message>
    <message>
        <source>Imported %1: %L2 created, %L3 updated.</source>
        <translation>%1 importé&#xa0;: %L2 créés, %L3 modifiés.</translation>
    </message>
</context>
<context>
    <name>ImportDuplicatesModel</name>
    <message>
        <source>Row</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <source>In the file</source>
        <translation>Dans le fichier</translation>
    </message>
    <message>
        <source>Already in Rapport</source>
        <translation>Déjà dans Rapport</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Pourquoi</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Chosen for this row</source>
        <translation>Choisi pour cette ligne</translation>
    </message>
    <message>
        <source>The action for all duplicates</source>
        <translation>L’action pour tous les doublons</translation>
    </message>
</context>
<context>
    <name>ImportDuplicatesPage</name>
    <message>
        <source>People already in Rapport</source>
        <translation>Personnes déjà dans Rapport</translation>
    </message>
    <message>
        <source>Rows that match a contact you have (same email or handle, or same name at the same organization). Choose what happens to all of them, or to each one in its Action cell.</source>
        <translation>Les lignes qui correspondent à un contact existant (même e-mail ou identifiant, ou même nom dans la même organisation). Choisissez ce qu’il advient de toutes, ou de chacune dans sa cellule Action.</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importer</translation>
    </message>
    <message>
        <source>For &amp;all of them:</source>
        <translation>Pour &amp;toutes&#xa0;:</translation>
    </message>
    <message>
        <source>Looking for people who are in Rapport already…</source>
        <translation>Recherche des personnes déjà présentes dans Rapport…</translation>
    </message>
    <message>
        <source>People of the file already in Rapport: %L1.</source>
        <translation>Personnes du fichier déjà dans Rapport&#xa0;: %L1.</translation>
    </message>
    <message>
        <source>Nobody in the file is in Rapport yet: every row becomes a new contact.</source>
        <translation>Personne du fichier n’est encore dans Rapport&#xa0;: chaque ligne devient un nouveau contact.</translation>
    </message>
    <message>
        <source>Rows that repeat a person of an earlier row, merged with it: %L1.</source>
        <translation>Lignes qui répètent une personne d’une ligne précédente, fusionnées avec elle&#xa0;: %L1.</translation>
    </message>
    <message>
        <source>The contact in Rapport stays as it is; the row is not imported.</source>
        <translation>Le contact dans Rapport reste tel quel&#xa0;; la ligne n’est pas importée.</translation>
    </message>
    <message>
        <source>Empty fields of the contact are filled from the row; new emails, phones, handles, beats and tags are added.</source>
        <translation>Les champs vides du contact sont remplis depuis la ligne&#xa0;; les nouveaux e-mails, téléphones, identifiants, rubriques et étiquettes sont ajoutés.</translation>
    </message>
    <message>
        <source>The row&apos;s values replace the contact&apos;s; emails, phones, handles, beats and tags are added.</source>
        <translation>Les valeurs de la ligne remplacent celles du contact&#xa0;; e-mails, téléphones, identifiants, rubriques et étiquettes sont ajoutés.</translation>
    </message>
    <message>
        <source>A second contact is created; handles the first one has are left out.</source>
        <translation>Un second contact est créé&#xa0;; les identifiants que le premier possède sont laissés de côté.</translation>
    </message>
    <message>
        <source>People of the first %L1 rows already in Rapport: %L2.</source>
        <translation>Personnes des %L1 premières lignes déjà dans Rapport&#xa0;: %L2.</translation>
    </message>
    <message>
        <source>Nobody of the first %L1 rows is in Rapport yet.</source>
        <translation>Personne des %L1 premières lignes n’est encore dans Rapport.</translation>
    </message>
    <message>
        <source>The rows after them are matched while importing and get the choice for all; repeats of a person anywhere in the file are merged.</source>
        <translation>Les lignes suivantes sont comparées pendant l’import et reçoivent le choix pour toutes&#xa0;; les répétitions d’une personne n’importe où dans le fichier sont fusionnées.</translation>
    </message>
</context>
<context>
    <name>ImportFields</name>
    <message>
        <source>(ignore)</source>
        <translation>(ignorer)</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Prénom</translation>
    </message>
    <message>
        <source>Middle name</source>
        <translation>Deuxième prénom</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Nom complet</translation>
    </message>
    <message>
        <source>Job title</source>
        <translation>Fonction</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Email label</source>
        <translation>Libellé de l&apos;e-mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Phone label</source>
        <translation>Libellé du téléphone</translation>
    </message>
    <message>
        <source>Handle</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Site web</translation>
    </message>
    <message>
        <source>Beats</source>
        <translation>Rubriques</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Étiquettes</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ville</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Pays</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Fuseau horaire</translation>
    </message>
    <message>
        <source>Reach</source>
        <translation>Audience</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Do not contact</source>
        <translation>Ne pas contacter</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Consentement</translation>
    </message>
</context>
<context>
    <name>ImportFile</name>
    <message>
        <source>The file %1 does not exist.</source>
        <translation>Le fichier %1 n&apos;existe pas.</translation>
    </message>
    <message>
        <source>The file %1 cannot be opened: %2</source>
        <translation>Le fichier %1 ne peut pas être ouvert&#xa0;: %2</translation>
    </message>
    <message>
        <source>Reading the file was cancelled.</source>
        <translation>La lecture du fichier a été annulée.</translation>
    </message>
    <message>
        <source>The file %1 has no rows.</source>
        <translation>Le fichier %1 n&apos;a aucune ligne.</translation>
    </message>
    <message>
        <source>No column of %1 holds a name. Map the columns (--mapping FILE) or check that the first row is the header.</source>
        <translation>Aucune colonne de %1 ne contient de nom. Faites correspondre les colonnes (--mapping FICHIER) ou vérifiez que la première ligne est l&apos;en-tête.</translation>
    </message>
    <message>
        <source>Column %1</source>
        <translation>Colonne %1</translation>
    </message>
</context>
<context>
    <name>ImportFilePage</name>
    <message>
        <source>Choose a file</source>
        <translation>Choisir un fichier</translation>
    </message>
    <message>
        <source>A CSV file (Google Contacts, Outlook, a spreadsheet) or vCards (.vcf). You can also drop the file on Rapport&apos;s window.</source>
        <translation>Un fichier CSV (Google Contacts, Outlook, un tableur) ou des vCards (.vcf). Vous pouvez aussi déposer le fichier sur la fenêtre de Rapport.</translation>
    </message>
    <message>
        <source>Path of a .csv or .vcf file</source>
        <translation>Chemin d’un fichier .csv ou .vcf</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <source>CSV (comma-separated values)</source>
        <translation>CSV (valeurs séparées par des virgules)</translation>
    </message>
    <message>
        <source>vCard</source>
        <translation>vCard</translation>
    </message>
    <message>
        <source>Windows-1252 (Western, Latin-1)</source>
        <translation>Windows-1252 (occidental, Latin-1)</translation>
    </message>
    <message>
        <source>Comma ( , )</source>
        <translation>Virgule ( , )</translation>
    </message>
    <message>
        <source>Semicolon ( ; )</source>
        <translation>Point-virgule (&#xa0;; )</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tabulation</translation>
    </message>
    <message>
        <source>Vertical bar ( | )</source>
        <translation>Barre verticale ( | )</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>The row that holds the column names; “none” when the first row is already a contact</source>
        <translation>La ligne qui porte les noms des colonnes&#xa0;; «&#xa0;aucune&#xa0;» quand la première ligne est déjà un contact</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Fichier&#xa0;:</translation>
    </message>
    <message>
        <source>F&amp;ormat:</source>
        <translation>F&amp;ormat&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Encoding:</source>
        <translation>&amp;Encodage&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Delimiter:</source>
        <translation>&amp;Séparateur&#xa0;:</translation>
    </message>
    <message>
        <source>Column &amp;names in row:</source>
        <translation>&amp;Noms des colonnes à la ligne&#xa0;:</translation>
    </message>
    <message>
        <source>Import Contacts</source>
        <translation>Importer des contacts</translation>
    </message>
    <message>
        <source>Contacts (*.csv *.tsv *.txt *.vcf *.vcard);;All files (*)</source>
        <translation>Contacts (*.csv *.tsv *.txt *.vcf *.vcard);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>The file holds no contacts.</source>
        <translation>Le fichier ne contient aucun contact.</translation>
    </message>
    <message>
        <source>Recognised: %1.</source>
        <translation>Reconnu&#xa0;: %1.</translation>
    </message>
    <message>
        <source>Encoding chosen by you.</source>
        <translation>Encodage choisi par vous.</translation>
    </message>
    <message>
        <source>Encoding detected from the byte-order mark.</source>
        <translation>Encodage détecté d’après l’indicateur d’ordre des octets.</translation>
    </message>
    <message>
        <source>Encoding detected from the text.</source>
        <translation>Encodage détecté d’après le texte.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>The first %L1 contacts are shown; the whole file is read while importing.</source>
        <translation>Les %L1 premiers contacts sont affichés&#xa0;; tout le fichier est lu pendant l’import.</translation>
    </message>
</context>
<context>
    <name>ImportHistoryDialog</name>
    <message>
        <source>Nothing was imported into this database yet.</source>
        <translation>Rien n’a encore été importé dans cette base de données.</translation>
    </message>
    <message>
        <source>Import History</source>
        <translation>Historique des importations</translation>
    </message>
    <message>
        <source>Every import is one batch. Undoing one removes the contacts it created and restores those it changed; contacts edited since are kept and listed.</source>
        <translation>Chaque importation forme un lot. L’annuler supprime les contacts qu’il a créés et rétablit ceux qu’il a modifiés&#xa0;; les contacts modifiés depuis sont conservés et listés.</translation>
    </message>
    <message>
        <source>&amp;Undo Import</source>
        <translation>&amp;Annuler l’importation</translation>
    </message>
    <message>
        <source>Undo this import?</source>
        <translation>Annuler cette importation&#xa0;?</translation>
    </message>
    <message>
        <source>Undo the import of %1 from %2?

Contacts it created, to be removed: %L3. Contacts it changed, to be restored: %L4. Contacts someone edited since are kept as they are.</source>
        <translation>Annuler l’importation de %1 du %2&#xa0;?

Contacts créés, qui seront supprimés&#xa0;: %L3. Contacts modifiés, qui seront rétablis&#xa0;: %L4. Les contacts que quelqu’un a modifiés depuis restent tels quels.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Import not undone</source>
        <translation>Importation non annulée</translation>
    </message>
    <message>
        <source>The import of %1 could not be undone: %2</source>
        <translation>L’importation de %1 n’a pas pu être annulée&#xa0;: %2</translation>
    </message>
    <message>
        <source>Import undone</source>
        <translation>Importation annulée</translation>
    </message>
</context>
<context>
    <name>ImportMappingPage</name>
    <message>
        <source>Label from the file</source>
        <translation>Libellé du fichier</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>Travail</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Domicile</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <source>Feed</source>
        <translation>Flux</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Site web</translation>
    </message>
    <message>
        <source>Map the columns</source>
        <translation>Associer les colonnes</translation>
    </message>
    <message>
        <source>What each column of the file becomes in Rapport. Columns set to “(ignore)” are left out.</source>
        <translation>Ce que devient chaque colonne du fichier dans Rapport. Les colonnes réglées sur «&#xa0;(ignorer)&#xa0;» sont laissées de côté.</translation>
    </message>
    <message>
        <source>&amp;Preset:</source>
        <translation>&amp;Modèle&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Save as Preset…</source>
        <translation>&amp;Enregistrer comme modèle…</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>Colonne du fichier</translation>
    </message>
    <message>
        <source>First values</source>
        <translation>Premières valeurs</translation>
    </message>
    <message>
        <source>Becomes</source>
        <translation>Devient</translation>
    </message>
    <message>
        <source>Label or network</source>
        <translation>Libellé ou réseau</translation>
    </message>
    <message>
        <source>By column names</source>
        <translation>D’après les noms de colonnes</translation>
    </message>
    <message>
        <source>%1 (recognised)</source>
        <translation>%1 (reconnu)</translation>
    </message>
    <message>
        <source>Your own mapping</source>
        <translation>Votre propre association</translation>
    </message>
    <message>
        <source>Field for the column “%1”</source>
        <translation>Champ pour la colonne «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>Preset not loaded</source>
        <translation>Modèle non chargé</translation>
    </message>
    <message>
        <source>No column is mapped to a name yet: map one to First name, Last name or Full name.</source>
        <translation>Aucune colonne n’est encore associée à un nom&#xa0;: associez-en une à Prénom, Nom de famille ou Nom complet.</translation>
    </message>
    <message>
        <source>Save as Preset</source>
        <translation>Enregistrer comme modèle</translation>
    </message>
    <message>
        <source>Name of the preset, for the next file with these columns:</source>
        <translation>Nom du modèle, pour le prochain fichier avec ces colonnes&#xa0;:</translation>
    </message>
    <message>
        <source>Preset not saved</source>
        <translation>Modèle non enregistré</translation>
    </message>
</context>
<context>
    <name>ImportPresets</name>
    <message>
        <source>The mapping has no columns: it needs a &quot;columns&quot; list of {&quot;column&quot;, &quot;field&quot;}.</source>
        <translation>La correspondance n&apos;a pas de colonnes&#xa0;: il lui faut une liste &quot;columns&quot; de {&quot;column&quot;, &quot;field&quot;}.</translation>
    </message>
    <message>
        <source>The mapping names an unknown field “%1” for the column “%2”.</source>
        <translation>La correspondance nomme un champ inconnu «&#xa0;%1&#xa0;» pour la colonne «&#xa0;%2&#xa0;».</translation>
    </message>
    <message>
        <source>Google Contacts</source>
        <translation>Google Contacts</translation>
    </message>
    <message>
        <source>Google Contacts (older form)</source>
        <translation>Google Contacts (ancienne forme)</translation>
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
        <translation>CSV de Google Contacts</translation>
    </message>
    <message>
        <source>Google Contacts CSV (older form)</source>
        <translation>CSV de Google Contacts (ancienne forme)</translation>
    </message>
    <message>
        <source>Outlook CSV written by Google Contacts</source>
        <translation>CSV Outlook écrit par Google Contacts</translation>
    </message>
    <message>
        <source>Outlook (desktop export)</source>
        <translation>Outlook (export de l&apos;application de bureau)</translation>
    </message>
    <message>
        <source>Outlook.com export</source>
        <translation>Export d&apos;Outlook.com</translation>
    </message>
    <message>
        <source>Rapport export</source>
        <translation>Export de Rapport</translation>
    </message>
    <message>
        <source>Give the preset a name.</source>
        <translation>Donnez un nom au modèle.</translation>
    </message>
    <message>
        <source>The folder for presets cannot be created: %1</source>
        <translation>Le dossier des modèles ne peut pas être créé&#xa0;: %1</translation>
    </message>
    <message>
        <source>The preset could not be saved: %1</source>
        <translation>Le modèle n&apos;a pas pu être enregistré&#xa0;: %1</translation>
    </message>
    <message>
        <source>There is no import preset called “%1”.</source>
        <translation>Il n&apos;existe pas de modèle d&apos;import nommé «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>The preset “%1” is damaged: %2</source>
        <translation>Le modèle «&#xa0;%1&#xa0;» est endommagé&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>ImportPreviewModel</name>
    <message>
        <source>Import</source>
        <translation>Importer</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Problèmes</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Fonction</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Emails</source>
        <translation>E-mails</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation>Téléphones</translation>
    </message>
    <message>
        <source>Handles</source>
        <translation>Identifiants</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ville</translation>
    </message>
    <message>
        <source>Reach</source>
        <translation>Audience</translation>
    </message>
    <message>
        <source>Not imported until its problems are fixed</source>
        <translation>Pas importée tant que ses problèmes ne sont pas corrigés</translation>
    </message>
    <message>
        <source>Uncheck to leave this row out</source>
        <translation>Décocher pour laisser cette ligne de côté</translation>
    </message>
    <message>
        <source>Line %L1 of the file</source>
        <translation>Ligne %L1 du fichier</translation>
    </message>
    <message>
        <source>Rows merged into this one: %1</source>
        <translation>Lignes fusionnées avec celle-ci&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>ImportPreviewPage</name>
    <message>
        <source>Show only rows with &amp;problems</source>
        <translation>N’afficher que les lignes avec des &amp;problèmes</translation>
    </message>
    <message>
        <source>Check the rows</source>
        <translation>Vérifier les lignes</translation>
    </message>
    <message>
        <source>Each row as it will be stored. Rows with problems are left out unless you fix them here (double-click a cell or press F2); uncheck a row to leave it out.</source>
        <translation>Chaque ligne telle qu’elle sera enregistrée. Les lignes avec des problèmes sont laissées de côté si vous ne les corrigez pas ici (double-clic sur une cellule ou F2)&#xa0;; décochez une ligne pour la laisser de côté.</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Lecture de %1…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) read.</source>
        <translation>
            <numerusform>%Ln ligne lue.</numerusform>
            <numerusform>%Ln lignes lues.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln with problems, left out unless fixed.</source>
        <translation>
            <numerusform>%Ln avec des problèmes, laissée de côté si elle n’est pas corrigée.</numerusform>
            <numerusform>%Ln avec des problèmes, laissées de côté si elles ne sont pas corrigées.</numerusform>
        </translation>
    </message>
    <message>
        <source>No problems found.</source>
        <translation>Aucun problème trouvé.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln left out by you.</source>
        <translation>
            <numerusform>%Ln laissée de côté par vous.</numerusform>
            <numerusform>%Ln laissées de côté par vous.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing would be imported.</source>
        <translation>Rien ne serait importé.</translation>
    </message>
    <message>
        <source>The first %L1 rows of the file are shown here; the rows after them are read while importing, and those with problems are left out and named at the end.</source>
        <translation>Les %L1 premières lignes du fichier sont affichées ici&#xa0;; les lignes suivantes sont lues pendant l’import, et celles qui posent problème sont écartées et citées à la fin.</translation>
    </message>
</context>
<context>
    <name>ImportRecords</name>
    <message>
        <source>Row %1 (line %2)</source>
        <translation>Ligne %1 (ligne %2 du fichier)</translation>
    </message>
    <message>
        <source>%1: unknown kind “%2” (use journalist, editor, blogger, influencer, analyst, client contact, customer or other).</source>
        <translation>%1&#xa0;: type inconnu «&#xa0;%2&#xa0;» (utilisez journalist, editor, blogger, influencer, analyst, client contact, customer ou other).</translation>
    </message>
    <message>
        <source>%1: the reach “%2” is not a number.</source>
        <translation>%1&#xa0;: l&apos;audience «&#xa0;%2&#xa0;» n&apos;est pas un nombre.</translation>
    </message>
    <message>
        <source>%1: “%2” under do not contact is neither yes nor no.</source>
        <translation>%1&#xa0;: «&#xa0;%2&#xa0;» sous «&#xa0;ne pas contacter&#xa0;» n&apos;est ni oui ni non.</translation>
    </message>
    <message>
        <source>%1: no name.</source>
        <translation>%1&#xa0;: aucun nom.</translation>
    </message>
    <message>
        <source>%1: “%2” is not a valid email address.</source>
        <translation>%1&#xa0;: «&#xa0;%2&#xa0;» n&apos;est pas une adresse e-mail valide.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>ImportRepository</name>
    <message>
        <source>looking for contacts already there</source>
        <translation>recherche des contacts déjà présents</translation>
    </message>
    <message>
        <source>same email %1</source>
        <translation>même e-mail %1</translation>
    </message>
    <message>
        <source>same handle %1</source>
        <translation>même identifiant %1</translation>
    </message>
    <message>
        <source>same name at %1</source>
        <translation>même nom chez %1</translation>
    </message>
    <message>
        <source>“%1” was changed by someone else meanwhile.</source>
        <translation>«&#xa0;%1&#xa0;» a été modifié entre-temps par quelqu&apos;un d&apos;autre.</translation>
    </message>
    <message>
        <source>importing %1</source>
        <translation>import de %1</translation>
    </message>
    <message>
        <source>The import was cancelled; nothing was imported.</source>
        <translation>L&apos;import a été annulé&#xa0;; rien n&apos;a été importé.</translation>
    </message>
    <message>
        <source>Row %1 (line %2): no user is called “%3”; the contact has no owner.</source>
        <translation>Ligne %1 (ligne %2 du fichier)&#xa0;: aucun utilisateur ne s&apos;appelle «&#xa0;%3&#xa0;»&#xa0;; le contact n&apos;a pas de responsable.</translation>
    </message>
    <message>
        <source>Row %1 (line %2): the handle %3 belongs to another contact and was left out.</source>
        <translation>Ligne %1 (ligne %2 du fichier)&#xa0;: l&apos;identifiant %3 appartient à un autre contact et a été laissé de côté.</translation>
    </message>
    <message>
        <source>Row %1 (line %2): %3</source>
        <translation>Ligne %1 (ligne %2 du fichier)&#xa0;: %3</translation>
    </message>
    <message>
        <source>%1: %2 created, %3 updated</source>
        <translation>%1&#xa0;: %2 créés, %3 mis à jour</translation>
    </message>
    <message>
        <source>listing the imports</source>
        <translation>liste des imports</translation>
    </message>
    <message>
        <source>undoing the import</source>
        <translation>annulation de l&apos;import</translation>
    </message>
    <message>
        <source>There is no import %1.</source>
        <translation>Il n&apos;y a pas d&apos;import %1.</translation>
    </message>
    <message>
        <source>The import %1 (%2) was already undone.</source>
        <translation>L&apos;import %1 (%2) a déjà été annulé.</translation>
    </message>
    <message>
        <source>“%1” was changed or has conversations since the import, so it was kept.</source>
        <translation>«&#xa0;%1&#xa0;» a été modifié ou a des conversations depuis l&apos;import&#xa0;; il a donc été conservé.</translation>
    </message>
    <message>
        <source>A contact the import changed was deleted since.</source>
        <translation>Un contact modifié par l&apos;import a été supprimé depuis.</translation>
    </message>
    <message>
        <source>“%1” was edited since the import, so the import&apos;s changes to it were kept.</source>
        <translation>«&#xa0;%1&#xa0;» a été modifié depuis l&apos;import&#xa0;; les changements de l&apos;import sont donc conservés.</translation>
    </message>
    <message>
        <source>%1: %2 removed, %3 restored, %4 kept</source>
        <translation>%1&#xa0;: %2 retirés, %3 rétablis, %4 conservés</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Ignorer</translation>
    </message>
    <message>
        <source>Fill empty fields</source>
        <translation>Remplir les champs vides</translation>
    </message>
    <message>
        <source>Overwrite</source>
        <translation>Écraser</translation>
    </message>
    <message>
        <source>Create anyway</source>
        <translation>Créer quand même</translation>
    </message>
</context>
<context>
    <name>ImportRunPage</name>
    <message>
        <source>&amp;Cancel Import</source>
        <translation>&amp;Interrompre l’importation</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importation</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>Importation de %1…</translation>
    </message>
    <message>
        <source>%L1 of %L2</source>
        <translation>%L1 sur %L2</translation>
    </message>
    <message>
        <source>Cancelling: nothing of this import will be kept…</source>
        <translation>Interruption&#xa0;: rien de cette importation ne sera conservé…</translation>
    </message>
    <message>
        <source>Import cancelled</source>
        <translation>Importation interrompue</translation>
    </message>
    <message>
        <source>The import of %1 was cancelled. Nothing was imported.</source>
        <translation>L’importation de %1 a été interrompue. Rien n’a été importé.</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>Échec de l’importation</translation>
    </message>
    <message>
        <source>%1 was not imported: %2&lt;br&gt;Nothing was imported.</source>
        <translation>%1 n’a pas été importé&#xa0;: %2&lt;br&gt;Rien n’a été importé.</translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation>Importation terminée</translation>
    </message>
    <message>
        <source>%1 was imported.</source>
        <translation>%1 a été importé.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln contact(s) created</source>
        <translation>
            <numerusform>%Ln contact créé</numerusform>
            <numerusform>%Ln contacts créés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln contact(s) updated</source>
        <translation>
            <numerusform>%Ln contact modifié</numerusform>
            <numerusform>%Ln contacts modifiés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln already in Rapport and skipped</source>
        <translation>
            <numerusform>%Ln déjà dans Rapport et ignoré</numerusform>
            <numerusform>%Ln déjà dans Rapport et ignorés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) merged with another row of the file</source>
        <translation>
            <numerusform>%Ln ligne fusionnée avec une autre ligne du fichier</numerusform>
            <numerusform>%Ln lignes fusionnées avec une autre ligne du fichier</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) left out for their problems</source>
        <translation>
            <numerusform>%Ln ligne laissée de côté pour ses problèmes</numerusform>
            <numerusform>%Ln lignes laissées de côté pour leurs problèmes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) left out by you</source>
        <translation>
            <numerusform>%Ln ligne laissée de côté par vous</numerusform>
            <numerusform>%Ln lignes laissées de côté par vous</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln organization(s) created</source>
        <translation>
            <numerusform>%Ln organisation créée</numerusform>
            <numerusform>%Ln organisations créées</numerusform>
        </translation>
    </message>
    <message>
        <source>Good to know:</source>
        <translation>Bon à savoir&#xa0;:</translation>
    </message>
    <message>
        <source>… and %L1 more.</source>
        <translation>… et %L1 de plus.</translation>
    </message>
    <message>
        <source>Edit → Undo (Ctrl+Z) takes this import back; so does File → Import History…, also later.</source>
        <translation>Édition → Annuler (Ctrl+Z) reprend cette importation&#xa0;; Fichier → Historique des importations… aussi, même plus tard.</translation>
    </message>
    <message>
        <source>%L1 of about %L2</source>
        <translation>%L1 sur environ %L2</translation>
    </message>
</context>
<context>
    <name>ImportUndo</name>
    <message>
        <source>Undoing the import of %1…</source>
        <translation>Annulation de l’importation de %1…</translation>
    </message>
    <message>
        <source>Undid the import of %1. Contacts removed: %L2, restored: %L3.</source>
        <translation>Importation de %1 annulée. Contacts supprimés&#xa0;: %L2, rétablis&#xa0;: %L3.</translation>
    </message>
    <message>
        <source>Kept because they changed since: %L1.</source>
        <translation>Conservés car modifiés depuis&#xa0;: %L1.</translation>
    </message>
    <message>
        <source>Kept as they are now:</source>
        <translation>Conservés tels qu’ils sont maintenant&#xa0;:</translation>
    </message>
    <message>
        <source>… and %L1 more.</source>
        <translation>… et %L1 de plus.</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import Contacts</source>
        <translation>Importer des contacts</translation>
    </message>
</context>
<context>
    <name>InFileMerger</name>
    <message>
        <source>The import&apos;s temporary file for finding repeated people failed: %1</source>
        <translation>Le fichier temporaire de l’import servant à trouver les personnes répétées a échoué&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>InboxCommand</name>
    <message>
        <source>Link %1 to %2</source>
        <translation>Associer %1 à %2</translation>
    </message>
    <message>
        <source>New contact from %1</source>
        <translation>Nouveau contact à partir de %1</translation>
    </message>
    <message>
        <source>Ignore %1</source>
        <translation>Ignorer %1</translation>
    </message>
</context>
<context>
    <name>InboxModel</name>
    <message>
        <source>Today %1</source>
        <translation>Aujourd&apos;hui %1</translation>
    </message>
    <message>
        <source>Yesterday %1</source>
        <translation>Hier %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>inbox author: name (handle)</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Auteur</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Réseau</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Éléments</translation>
    </message>
    <message>
        <source>Newest</source>
        <translation>Plus récent</translation>
    </message>
</context>
<context>
    <name>InboxView</name>
    <message>
        <source>Inbox</source>
        <translation>Boîte de réception</translation>
    </message>
    <message>
        <source>Authors waiting in the Inbox</source>
        <translation>Auteurs en attente dans la boîte de réception</translation>
    </message>
    <message>
        <source>&amp;Link to First Suggestion</source>
        <translation>&amp;Associer à la première suggestion</translation>
    </message>
    <message>
        <source>Link the author to the first suggested contact</source>
        <translation>Associer l&apos;auteur au premier contact suggéré</translation>
    </message>
    <message>
        <source>&amp;Create Contact</source>
        <translation>&amp;Créer un contact</translation>
    </message>
    <message>
        <source>Make a new contact from the author</source>
        <translation>Créer un nouveau contact à partir de l&apos;auteur</translation>
    </message>
    <message>
        <source>&amp;Ignore This Person</source>
        <translation>&amp;Ignorer cette personne</translation>
    </message>
    <message>
        <source>Drop the author&apos;s items and skip them from now on</source>
        <translation>Supprimer les éléments de l&apos;auteur et les ignorer désormais</translation>
    </message>
    <message>
        <source>The Inbox is empty. Posts and messages from people who are not contacts yet appear here after a sync (File → Accounts…).</source>
        <translation>La boîte de réception est vide. Les publications et messages de personnes qui ne sont pas encore des contacts apparaissent ici après une synchronisation (Fichier → Comptes…).</translation>
    </message>
    <message>
        <source>Is this one of your contacts?</source>
        <translation>S&apos;agit-il de l&apos;un de vos contacts&#xa0;?</translation>
    </message>
    <message>
        <source>No contact looks like this author.</source>
        <translation>Aucun contact ne ressemble à cet auteur.</translation>
    </message>
    <message>
        <source>Link to &amp;another contact:</source>
        <translation>Associer à un &amp;autre contact&#xa0;:</translation>
    </message>
    <message>
        <source>Link to another contact</source>
        <translation>Associer à un autre contact</translation>
    </message>
    <message>
        <source>Type a name</source>
        <translation>Saisissez un nom</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Associer</translation>
    </message>
    <message>
        <source>Ignore this person</source>
        <translation>Ignorer cette personne</translation>
    </message>
    <message>
        <source>Create contact</source>
        <translation>Créer un contact</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message numerus="yes">
        <source>Newest of %n item(s): %1</source>
        <translation>
            <numerusform>%n élément&#xa0;: %1</numerusform>
            <numerusform>Le plus récent de %n éléments&#xa0;: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <source>Create contact “%1”</source>
        <translation>Créer le contact «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>Link to %1</source>
        <translation>Associer à %1</translation>
    </message>
    <message>
        <source>Link to %1 (%2)</source>
        <translation>Associer à %1 (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n item(s) moved to the contact&apos;s history.</source>
        <translation>
            <numerusform>%1&#xa0;: %n élément déplacé vers l&apos;historique du contact.</numerusform>
            <numerusform>%1&#xa0;: %n éléments déplacés vers l&apos;historique du contact.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: its items were removed; later ones will be skipped.</source>
        <translation>%1&#xa0;: ses éléments ont été supprimés&#xa0;; les suivants seront ignorés.</translation>
    </message>
    <message>
        <source>Type the name of the contact this author is.</source>
        <translation>Saisissez le nom du contact qui correspond à cet auteur.</translation>
    </message>
    <message>
        <source>No contact is called “%1”.</source>
        <translation>Aucun contact ne s&apos;appelle «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>Several contacts match “%1”: pick one from the list.</source>
        <translation>Plusieurs contacts correspondent à «&#xa0;%1&#xa0;»&#xa0;: choisissez-en un dans la liste.</translation>
    </message>
</context>
<context>
    <name>Interaction</name>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Appel</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Rendez-vous</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <source>Mention</source>
        <comment>a social network post naming someone</comment>
        <translation>Mention</translation>
    </message>
    <message>
        <source>Reply</source>
        <comment>noun: an answer on a social network</comment>
        <translation>Réponse</translation>
    </message>
    <message>
        <source>Direct message</source>
        <translation>Message privé</translation>
    </message>
    <message>
        <source>Pitch</source>
        <comment>noun: offering a story to a journalist</comment>
        <translation>Pitch</translation>
    </message>
    <message>
        <source>Note</source>
        <comment>noun</comment>
        <translation>Note</translation>
    </message>
    <message>
        <source>Post</source>
        <comment>noun: a social network post</comment>
        <translation>Publication</translation>
    </message>
    <message>
        <source>Inbound</source>
        <comment>from the contact to us</comment>
        <translation>Entrant</translation>
    </message>
    <message>
        <source>Outbound</source>
        <comment>from us to the contact</comment>
        <translation>Sortant</translation>
    </message>
    <message>
        <source>Positive</source>
        <translation>Positif</translation>
    </message>
    <message>
        <source>Negative</source>
        <translation>Négatif</translation>
    </message>
    <message>
        <source>Neutral</source>
        <translation>Neutre</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>En retard</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Aujourd&apos;hui</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>Cette semaine</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Plus tard</translation>
    </message>
</context>
<context>
    <name>InteractionRepository</name>
    <message>
        <source>Choose the contact this interaction was with.</source>
        <translation>Choisissez le contact avec qui cette interaction a eu lieu.</translation>
    </message>
    <message>
        <source>“%1” is not a known channel.</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas un canal connu.</translation>
    </message>
    <message>
        <source>The direction must be inbound or outbound, not “%1”.</source>
        <translation>La direction doit être entrante ou sortante, pas «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>Enter when the interaction took place.</source>
        <translation>Indiquez quand l&apos;interaction a eu lieu.</translation>
    </message>
    <message>
        <source>The date %1 is before 1900, which is surely a typing mistake in the year. Please check it.</source>
        <translation>La date %1 est antérieure à 1900, ce qui est sûrement une faute de frappe dans l&apos;année. Vérifiez-la.</translation>
    </message>
    <message>
        <source>The date %1 is more than a year from now. An interaction is something that happened or is planned soon, so please check the year.</source>
        <translation>La date %1 est à plus d&apos;un an d&apos;ici. Une interaction a déjà eu lieu ou est prévue prochainement&#xa0;: vérifiez l&apos;année.</translation>
    </message>
    <message>
        <source>The sentiment must be negative, neutral or positive.</source>
        <translation>Le ressenti doit être négatif, neutre ou positif.</translation>
    </message>
    <message>
        <source>The follow-up date is out of range; please check the year.</source>
        <translation>La date de relance est hors limites&#xa0;; vérifiez l&apos;année.</translation>
    </message>
    <message>
        <source>saving the interaction</source>
        <translation>enregistrement de l&apos;interaction</translation>
    </message>
    <message>
        <source>The contact was deleted meanwhile; the interaction was not saved.</source>
        <translation>Le contact a été supprimé entre-temps&#xa0;; l&apos;interaction n&apos;a pas été enregistrée.</translation>
    </message>
    <message>
        <source>This interaction has not been saved yet.</source>
        <translation>Cette interaction n&apos;a pas encore été enregistrée.</translation>
    </message>
    <message>
        <source>This interaction was changed or deleted by someone else since you opened it. Reload it to see their changes; yours were not saved.</source>
        <translation>Cette interaction a été modifiée ou supprimée par quelqu&apos;un d&apos;autre depuis que vous l&apos;avez ouverte. Rechargez-la pour voir ces modifications&#xa0;; les vôtres n&apos;ont pas été enregistrées.</translation>
    </message>
    <message>
        <source>loading the interaction</source>
        <translation>chargement de l&apos;interaction</translation>
    </message>
    <message>
        <source>The interaction no longer exists.</source>
        <translation>L&apos;interaction n&apos;existe plus.</translation>
    </message>
    <message>
        <source>deleting the interaction</source>
        <translation>suppression de l&apos;interaction</translation>
    </message>
    <message>
        <source>restoring the interaction</source>
        <translation>restauration de l&apos;interaction</translation>
    </message>
    <message>
        <source>The subject is %L1 characters long; at most %L2 fit. Put the rest in the notes.</source>
        <translation>L&apos;objet compte %L1 caractères&#xa0;; %L2 au maximum sont possibles. Mettez le reste dans les notes.</translation>
    </message>
    <message>
        <source>The notes are %L1 characters long; at most %L2 fit. Attach long documents as a link instead.</source>
        <translation>Les notes comptent %L1 caractères&#xa0;; %L2 au maximum sont possibles. Joignez plutôt les longs documents sous forme de lien.</translation>
    </message>
</context>
<context>
    <name>KpiTiles</name>
    <message>
        <source>no change to compare</source>
        <comment>KPI tile: previous period had nothing</comment>
        <translation>rien à comparer</translation>
    </message>
    <message>
        <source>%1 on the previous period</source>
        <translation>%1 par rapport à la période précédente</translation>
    </message>
    <message>
        <source>Previous period: %1</source>
        <translation>Période précédente : %1</translation>
    </message>
</context>
<context>
    <name>LabeledValuesList</name>
    <message>
        <source>Add %1</source>
        <translation>Ajouter&#xa0;: %1</translation>
    </message>
    <message>
        <source>Label of %1 %2</source>
        <translation>Libellé de %1 %2</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Remove %1 %2</source>
        <translation>Retirer %1 %2</translation>
    </message>
    <message>
        <source>Remove this %1</source>
        <translation>Retirer&#xa0;: %1</translation>
    </message>
    <message>
        <source>work</source>
        <comment>email or phone label</comment>
        <translation>travail</translation>
    </message>
    <message>
        <source>personal</source>
        <comment>email label</comment>
        <translation>personnel</translation>
    </message>
    <message>
        <source>mobile</source>
        <comment>phone label</comment>
        <translation>mobile</translation>
    </message>
    <message>
        <source>home</source>
        <comment>phone label</comment>
        <translation>domicile</translation>
    </message>
    <message>
        <source>other</source>
        <comment>email or phone label</comment>
        <translation>autre</translation>
    </message>
</context>
<context>
    <name>LogInteractionCommand</name>
    <message>
        <source>Log %1 with %2</source>
        <translation>Consigner %1 avec %2</translation>
    </message>
    <message numerus="yes">
        <source>Log %1 with %n people</source>
        <translation>
            <numerusform>Consigner %1 avec %n personne</numerusform>
            <numerusform>Consigner %1 avec %n personnes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Contacts</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <source>Organizations</source>
        <translation>Organisations</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Campagnes</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>Boîte de réception</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>Relances</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Tableau de bord</translation>
    </message>
    <message>
        <source>Outlets, clients and other companies, with the people who work there and everything the agency did with them.</source>
        <translation>Médias, clients et autres entreprises, avec les personnes qui y travaillent et tout ce que l&apos;agence a fait avec eux.</translation>
    </message>
    <message>
        <source>Each client&apos;s campaigns with their press releases and pitches, media lists, the pitch pipeline per contact and the coverage that came of it.</source>
        <translation>Les campagnes de chaque client avec leurs communiqués de presse et pitchs, listes médias, le suivi des pitchs par contact et les retombées obtenues.</translation>
    </message>
    <message>
        <source>Mentions, replies and messages from Mastodon, Bluesky and feeds that match no contact yet, waiting for you to file or dismiss them.</source>
        <translation>Mentions, réponses et messages de Mastodon, Bluesky et des flux qui ne correspondent encore à aucun contact, en attente d&apos;être classés ou écartés.</translation>
    </message>
    <message>
        <source>Your dated follow-ups with contacts and campaigns, with a reminder when one is due.</source>
        <translation>Vos relances datées avec des contacts et des campagnes, avec un rappel à l&apos;échéance.</translation>
    </message>
    <message>
        <source>Charts of the team&apos;s engagement: conversations over time, response rates, the pitch funnel, coverage and the relationships that are cooling off.</source>
        <translation>Graphiques de l&apos;activité de l&apos;équipe&#xa0;: échanges dans le temps, taux de réponse, entonnoir des pitchs, retombées et relations qui se refroidissent.</translation>
    </message>
    <message>
        <source>%1 (read-only) — Rapport</source>
        <translation>%1 (lecture seule) — Rapport</translation>
    </message>
    <message>
        <source>%1 — Rapport</source>
        <translation>%1 — Rapport</translation>
    </message>
    <message>
        <source>The demo agency is loaded.</source>
        <translation>L&apos;agence de démonstration est chargée.</translation>
    </message>
    <message>
        <source>Canceled: no demo data was loaded.</source>
        <translation>Annulé&#xa0;: aucune donnée de démonstration n&apos;a été chargée.</translation>
    </message>
    <message>
        <source>Demo data not loaded</source>
        <translation>Données de démonstration non chargées</translation>
    </message>
    <message>
        <source>The demo agency could not be loaded: %1</source>
        <translation>L&apos;agence de démonstration n&apos;a pas pu être chargée&#xa0;: %1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;ide</translation>
    </message>
    <message>
        <source>&amp;About Rapport</source>
        <translation>À &amp;propos de Rapport</translation>
    </message>
    <message>
        <source>Read-only: changes cannot be saved</source>
        <translation>Lecture seule&#xa0;: les modifications ne peuvent pas être enregistrées</translation>
    </message>
    <message>
        <source>Rapport cannot write to %1.</source>
        <translation>Rapport ne peut pas écrire dans %1.</translation>
    </message>
    <message>
        <source>Contacts: %L1</source>
        <translation>Contacts&#xa0;: %L1</translation>
    </message>
    <message>
        <source>Database error</source>
        <translation>Erreur de base de données</translation>
    </message>
    <message>
        <source>About Rapport</source>
        <translation>À propos de Rapport</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Rapport %1&lt;/h3&gt;&lt;p&gt;The relationship memory of your PR agency.&lt;/p&gt;&lt;p&gt;Database: %2%3&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Rapport %1&lt;/h3&gt;&lt;p&gt;La mémoire relationnelle de votre agence de RP.&lt;/p&gt;&lt;p&gt;Base de données&#xa0;: %2%3&lt;/p&gt;</translation>
    </message>
    <message>
        <source> (read-only)</source>
        <translation> (lecture seule)</translation>
    </message>
    <message>
        <source>Load a demo agency?</source>
        <translation>Charger une agence de démonstration&#xa0;?</translation>
    </message>
    <message>
        <source>Your database is empty. Load a demo agency with outlets, journalists, conversations and campaigns to try Rapport out?</source>
        <translation>Votre base de données est vide. Charger une agence de démonstration avec des médias, des journalistes, des échanges et des campagnes pour essayer Rapport&#xa0;?</translation>
    </message>
    <message>
        <source>Preparing the demo agency…</source>
        <translation>Préparation de l&apos;agence de démonstration…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Loading demo data</source>
        <translation>Chargement des données de démonstration</translation>
    </message>
    <message>
        <source>Canceling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <source>&amp;Contact</source>
        <translation>&amp;Contact</translation>
    </message>
    <message>
        <source>&amp;Organization</source>
        <translation>&amp;Organisation</translation>
    </message>
    <message>
        <source>&amp;Go to…</source>
        <translation>A&amp;ller à…</translation>
    </message>
    <message>
        <source>Jump to any contact, organization, section or command (%1)</source>
        <translation>Aller à un contact, une organisation, une section ou une commande (%1)</translation>
    </message>
    <message>
        <source>Follow-ups (%L1)</source>
        <comment>sidebar: overdue count</comment>
        <translation>Relances (%L1)</translation>
    </message>
    <message numerus="yes">
        <source>%n follow-up(s) overdue</source>
        <translation>
            <numerusform>%n relance en retard</numerusform>
            <numerusform>%n relances en retard</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Log</source>
        <translation>Co&amp;nsigner</translation>
    </message>
    <message>
        <source>&amp;Log a Conversation…</source>
        <translation>&amp;Consigner un échange…</translation>
    </message>
    <message>
        <source>Log a call, email or meeting with a contact (%1)</source>
        <translation>Consigner un appel, un e-mail ou un rendez-vous avec un contact (%1)</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Activité</translation>
    </message>
    <message>
        <source>Inbox (%L1)</source>
        <comment>sidebar: authors waiting</comment>
        <translation>Boîte de réception (%L1)</translation>
    </message>
    <message>
        <source>Not changed</source>
        <translation>Non modifié</translation>
    </message>
    <message>
        <source>&amp;Accounts…</source>
        <translation>&amp;Comptes…</translation>
    </message>
    <message>
        <source>Mastodon, Bluesky and feed accounts that Rapport syncs from</source>
        <translation>Comptes Mastodon, Bluesky et flux que Rapport synchronise</translation>
    </message>
    <message>
        <source>&amp;Sync Now</source>
        <translation>&amp;Synchroniser maintenant</translation>
    </message>
    <message>
        <source>Fetch new mentions, replies and posts from every account (%1)</source>
        <translation>Récupérer les nouvelles mentions, réponses et publications de tous les comptes (%1)</translation>
    </message>
    <message numerus="yes">
        <source>%n author(s) waiting in the Inbox</source>
        <translation>
            <numerusform>%n auteur en attente dans la boîte de réception</numerusform>
            <numerusform>%n auteurs en attente dans la boîte de réception</numerusform>
        </translation>
    </message>
    <message>
        <source>Ca&amp;mpaign</source>
        <translation>Ca&amp;mpagne</translation>
    </message>
    <message>
        <source>&amp;Report…</source>
        <translation>&amp;Rapport…</translation>
    </message>
    <message>
        <source>A PDF report on a client or a campaign for a period, with a preview</source>
        <translation>Un rapport PDF sur un client ou une campagne pour une période, avec aperçu</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>E&amp;xporter…</translation>
    </message>
    <message>
        <source>Contacts as vCard or CSV, follow-ups as a calendar (%1)</source>
        <translation>Contacts en vCard ou CSV, relances en calendrier (%1)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Paramètres</translation>
    </message>
    <message>
        <source>&amp;Team…</source>
        <translation>É&amp;quipe…</translation>
    </message>
    <message>
        <source>A personal database has one person and no team</source>
        <translation>Une base personnelle a une seule personne et pas d&apos;équipe</translation>
    </message>
    <message>
        <source>Invite people, change their roles, deactivate them</source>
        <translation>Inviter des personnes, changer leur rôle, les désactiver</translation>
    </message>
    <message>
        <source>Only an admin can manage the team</source>
        <translation>Seul un admin peut gérer l&apos;équipe</translation>
    </message>
    <message>
        <source>Your role on %1 is Viewer: you can read everything and change nothing.</source>
        <translation>Votre rôle sur %1 est Lecteur&#xa0;: vous pouvez tout lire et ne rien modifier.</translation>
    </message>
    <message numerus="yes">
        <source>Back online: %n change(s) made meanwhile are shown.</source>
        <translation>
            <numerusform>De nouveau en ligne&#xa0;: %n modification faite entre-temps est affichée.</numerusform>
            <numerusform>De nouveau en ligne&#xa0;: %n modifications faites entre-temps sont affichées.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Connect to Team Database…</source>
        <translation>Se co&amp;nnecter à la base de l’équipe…</translation>
    </message>
    <message>
        <source>Work on your team&apos;s shared PostgreSQL database</source>
        <translation>Travailler sur la base PostgreSQL partagée de votre équipe</translation>
    </message>
    <message>
        <source>Use &amp;Local Database</source>
        <translation>Utiliser la base &amp;locale</translation>
    </message>
    <message>
        <source>Work alone on the database file on this computer; the team database is not opened at the next start</source>
        <translation>Travailler seul sur le fichier de base de cet ordinateur&#xa0;; la base de l’équipe ne sera pas ouverte au prochain démarrage</translation>
    </message>
    <message>
        <source>Offline — reconnecting…</source>
        <translation>Hors ligne — reconnexion…</translation>
    </message>
    <message>
        <source>The connection to %1 was lost. Rapport reconnects by itself and then shows what changed meanwhile; what you are typing stays.</source>
        <translation>La connexion à %1 est perdue. Rapport se reconnecte tout seul puis affiche ce qui a changé entre-temps&#xa0;; ce que vous tapez est conservé.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <source>Team: %1</source>
        <translation>Équipe&#xa0;: %1</translation>
    </message>
    <message>
        <source>Connected to %1. Changes by others appear as they are saved.</source>
        <translation>Connecté à %1. Les modifications des autres apparaissent dès qu’elles sont enregistrées.</translation>
    </message>
    <message>
        <source>Team: %1 (encrypted)</source>
        <translation>Équipe&#xa0;: %1 (chiffrée)</translation>
    </message>
    <message>
        <source>Connected to %1 over an encrypted connection (TLS). Changes by others appear as they are saved.</source>
        <translation>Connecté à %1 par une connexion chiffrée (TLS). Les modifications des autres apparaissent dès qu’elles sont enregistrées.</translation>
    </message>
</context>
<context>
    <name>MastodonAuth</name>
    <message>
        <source>Enter the address of your Mastodon server.</source>
        <translation>Saisissez l&apos;adresse de votre serveur Mastodon.</translation>
    </message>
    <message>
        <source>“%1” is not the address of a server (like mastodon.social).</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas l&apos;adresse d&apos;un serveur (comme mastodon.social).</translation>
    </message>
    <message>
        <source>“%1” does not use https://: Rapport only signs in over an encrypted connection.</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;utilise pas https://&#xa0;: Rapport ne se connecte que par une connexion chiffrée.</translation>
    </message>
    <message>
        <source>Rapport could not wait for the browser&apos;s answer: %1</source>
        <translation>Rapport n&apos;a pas pu attendre la réponse du navigateur&#xa0;: %1</translation>
    </message>
    <message>
        <source>Paste the access token exactly as the server shows it.</source>
        <translation>Collez le jeton d&apos;accès exactement tel que le serveur l&apos;affiche.</translation>
    </message>
    <message>
        <source>Signing in was cancelled.</source>
        <translation>La connexion a été annulée.</translation>
    </message>
    <message>
        <source>Could not reach %1: %2</source>
        <translation>Impossible de joindre %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 is not a Mastodon server (it does not know %2).</source>
        <translation>%1 n&apos;est pas un serveur Mastodon (il ne connaît pas %2).</translation>
    </message>
    <message>
        <source>%1 refused: %2</source>
        <translation>%1 a refusé&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 answered with HTTP status %2.</source>
        <translation>%1 a répondu avec le statut HTTP %2.</translation>
    </message>
    <message>
        <source>%1 answered something that is not Mastodon JSON.</source>
        <translation>%1 a répondu quelque chose qui n&apos;est pas du JSON Mastodon.</translation>
    </message>
    <message>
        <source>No answer came from the browser. Try signing in again.</source>
        <translation>Aucune réponse n&apos;est venue du navigateur. Essayez de vous reconnecter.</translation>
    </message>
    <message>
        <source>Rapport</source>
        <translation>Rapport</translation>
    </message>
    <message>
        <source>This sign-in link is out of date. Start signing in again in Rapport.</source>
        <translation>Ce lien de connexion a expiré. Recommencez la connexion dans Rapport.</translation>
    </message>
    <message>
        <source>Signing in was not allowed. You can close this tab.</source>
        <translation>La connexion n&apos;a pas été autorisée. Vous pouvez fermer cet onglet.</translation>
    </message>
    <message>
        <source>Access was denied in the browser.</source>
        <translation>L&apos;accès a été refusé dans le navigateur.</translation>
    </message>
    <message>
        <source>%1 refused the sign-in: %2</source>
        <translation>%1 a refusé la connexion&#xa0;: %2</translation>
    </message>
    <message>
        <source>You are signed in. You can close this tab and return to Rapport.</source>
        <translation>Vous êtes connecté. Vous pouvez fermer cet onglet et revenir à Rapport.</translation>
    </message>
    <message>
        <source>%1 did not accept the access token.</source>
        <translation>%1 n&apos;a pas accepté le jeton d&apos;accès.</translation>
    </message>
</context>
<context>
    <name>MastodonMapping</name>
    <message>
        <source>The server answered something that is not Mastodon JSON (%1).</source>
        <translation>Le serveur a répondu quelque chose qui n&apos;est pas du JSON Mastodon (%1).</translation>
    </message>
    <message>
        <source>not JSON: %1 at byte %2</source>
        <translation>pas du JSON&#xa0;: %1 à l&apos;octet %2</translation>
    </message>
    <message>
        <source>%1 without an id</source>
        <translation>%1 sans id</translation>
    </message>
    <message>
        <source>%1 without a valid created_at</source>
        <translation>%1 sans created_at valide</translation>
    </message>
    <message>
        <source>%1 without an account</source>
        <translation>%1 sans compte</translation>
    </message>
    <message>
        <source>%1 with an account without id or acct</source>
        <translation>%1 avec un compte sans id ni acct</translation>
    </message>
    <message>
        <source>%1 without a status</source>
        <translation>%1 sans statut</translation>
    </message>
    <message>
        <source>%1 with a status without uri</source>
        <translation>%1 avec un statut sans uri</translation>
    </message>
    <message>
        <source>%1 is not a list</source>
        <translation>%1 n&apos;est pas une liste</translation>
    </message>
    <message>
        <source>the notification list</source>
        <translation>la liste des notifications</translation>
    </message>
    <message>
        <source>a notification that is not an object</source>
        <translation>une notification qui n&apos;est pas un objet</translation>
    </message>
    <message>
        <source>a notification</source>
        <translation>une notification</translation>
    </message>
    <message>
        <source>notification %1 without a type</source>
        <translation>notification %1 sans type</translation>
    </message>
    <message>
        <source>notification %1</source>
        <translation>notification %1</translation>
    </message>
    <message>
        <source>the conversation list</source>
        <translation>la liste des conversations</translation>
    </message>
    <message>
        <source>a conversation that is not an object</source>
        <translation>une conversation qui n&apos;est pas un objet</translation>
    </message>
    <message>
        <source>a conversation</source>
        <translation>une conversation</translation>
    </message>
    <message>
        <source>conversation %1</source>
        <translation>conversation %1</translation>
    </message>
    <message>
        <source>%1 with a last_status that is not an object</source>
        <translation>%1 avec un last_status qui n&apos;est pas un objet</translation>
    </message>
    <message>
        <source>%1 without accounts</source>
        <translation>%1 sans comptes</translation>
    </message>
    <message>
        <source>the account is not an object</source>
        <translation>le compte n&apos;est pas un objet</translation>
    </message>
    <message>
        <source>the account</source>
        <translation>le compte</translation>
    </message>
    <message>
        <source>%1: a mention whose post was deleted</source>
        <translation>%1&#xa0;: une mention dont la publication a été supprimée</translation>
    </message>
</context>
<context>
    <name>MastodonSource</name>
    <message>
        <source>The sync was cancelled.</source>
        <translation>La synchronisation a été annulée.</translation>
    </message>
    <message>
        <source>Signed in as @%1</source>
        <translation>Connecté en tant que @%1</translation>
    </message>
    <message>
        <source>“%1” is not the address of a Mastodon server.</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas l&apos;adresse d&apos;un serveur Mastodon.</translation>
    </message>
    <message>
        <source>Sign in to %1 again: Rapport has no access token for this account.</source>
        <translation>Reconnectez-vous à %1&#xa0;: Rapport n&apos;a pas de jeton d&apos;accès pour ce compte.</translation>
    </message>
    <message>
        <source>Sign in to %1 again: the access token could not be read (%2)</source>
        <translation>Reconnectez-vous à %1&#xa0;: le jeton d&apos;accès n&apos;a pas pu être lu (%2)</translation>
    </message>
    <message>
        <source>%1 no longer accepts Rapport&apos;s access (the token is invalid or was revoked). Sign in to %1 again.</source>
        <translation>%1 n&apos;accepte plus l&apos;accès de Rapport (le jeton est invalide ou a été révoqué). Reconnectez-vous à %1.</translation>
    </message>
    <message>
        <source>%1 does not allow Rapport to read this account. Sign in to %1 again.</source>
        <translation>%1 n&apos;autorise pas Rapport à lire ce compte. Reconnectez-vous à %1.</translation>
    </message>
    <message>
        <source>%1 does not allow Rapport to read this account: %2. Sign in to %1 again.</source>
        <translation>%1 n&apos;autorise pas Rapport à lire ce compte&#xa0;: %2. Reconnectez-vous à %1.</translation>
    </message>
    <message>
        <source>%1 is not a Mastodon server (it does not know %2).</source>
        <translation>%1 n&apos;est pas un serveur Mastodon (il ne connaît pas %2).</translation>
    </message>
    <message>
        <source>%1 refused the request.</source>
        <translation>%1 a refusé la requête.</translation>
    </message>
    <message>
        <source>%1 refused the request: %2</source>
        <translation>%1 a refusé la requête&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 answered with HTTP status %2.</source>
        <translation>%1 a répondu avec le statut HTTP %2.</translation>
    </message>
    <message>
        <source>%1 answered with HTTP status %2: %3</source>
        <translation>%1 a répondu avec le statut HTTP %2&#xa0;: %3</translation>
    </message>
    <message>
        <source>%1 answered with a web page instead of Mastodon data. Check that %1 is a Mastodon server; if it is, it may be down for maintenance.</source>
        <translation>%1 a répondu avec une page web au lieu de données Mastodon. Vérifiez que %1 est bien un serveur Mastodon&#xa0;; si c&apos;est le cas, il est peut-être en maintenance.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>server: what was wrong with its answer</comment>
        <translation>%1&#xa0;: %2</translation>
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
        <translation>jamais</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Outlet</source>
        <translation>Média</translation>
    </message>
    <message>
        <source>Beats</source>
        <translation>Rubriques</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Santé</translation>
    </message>
    <message>
        <source>Last contacted</source>
        <translation>Dernier contact</translation>
    </message>
    <message>
        <source>Pitch</source>
        <translation>Pitch</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Avertissements</translation>
    </message>
</context>
<context>
    <name>MediaListTab</name>
    <message>
        <source>Add a person: type a name, pick from the list</source>
        <translation>Ajouter une personne&#xa0;: tapez un nom, choisissez dans la liste</translation>
    </message>
    <message>
        <source>Add a person</source>
        <translation>Ajouter une personne</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Ajouter</translation>
    </message>
    <message>
        <source>Saved view</source>
        <translation>Vue enregistrée</translation>
    </message>
    <message>
        <source>A saved view of the contact list: everybody it lists can be added at once</source>
        <translation>Une vue enregistrée de la liste des contacts&#xa0;: tous ceux qu&apos;elle affiche peuvent être ajoutés d&apos;un coup</translation>
    </message>
    <message>
        <source>Add &amp;everybody in the view</source>
        <translation>Ajouter &amp;tous ceux de la vue</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Retirer</translation>
    </message>
    <message>
        <source>Take the selected people off the media list (Delete)</source>
        <translation>Retirer les personnes sélectionnées de la liste médias (Suppr)</translation>
    </message>
    <message>
        <source>Media list</source>
        <translation>Liste médias</translation>
    </message>
    <message>
        <source>No saved views yet</source>
        <translation>Pas encore de vue enregistrée</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <comment>completion: name — title, outlet</comment>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Nobody is called “%1”.</source>
        <translation>Personne ne s&apos;appelle «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>Several people match “%1”: pick one from the list.</source>
        <translation>Plusieurs personnes correspondent à «&#xa0;%1&#xa0;»&#xa0;: choisissez-en une dans la liste.</translation>
    </message>
    <message>
        <source>Not added.</source>
        <translation>Non ajoutée.</translation>
    </message>
    <message numerus="yes">
        <source>Added %n person(s) to the media list.</source>
        <translation>
            <numerusform>%n personne ajoutée à la liste médias.</numerusform>
            <numerusform>%n personnes ajoutées à la liste médias.</numerusform>
        </translation>
    </message>
    <message>
        <source>“%1” lists more than %L2 people; narrow it down first (a media list is for the people you will really pitch).</source>
        <translation>«&#xa0;%1&#xa0;» affiche plus de %L2 personnes&#xa0;; affinez-la d&apos;abord (une liste médias est faite pour les personnes que vous allez vraiment contacter).</translation>
    </message>
    <message>
        <source>“%1” lists nobody.</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;affiche personne.</translation>
    </message>
    <message>
        <source>Remove %1 from the media list</source>
        <translation>Retirer %1 de la liste médias</translation>
    </message>
    <message numerus="yes">
        <source>Remove %n people from the media list</source>
        <translation>
            <numerusform>Retirer %n personne de la liste médias</numerusform>
            <numerusform>Retirer %n personnes de la liste médias</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln person(s) on the media list</source>
        <translation>
            <numerusform>%Ln personne dans la liste médias</numerusform>
            <numerusform>%Ln personnes dans la liste médias</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln with a warning</source>
        <translation>
            <numerusform>%Ln avec un avertissement</numerusform>
            <numerusform>%Ln avec un avertissement</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MergeContactsCommand</name>
    <message>
        <source>Merge “%1” into “%2”</source>
        <translation>Fusionner «&#xa0;%1&#xa0;» avec «&#xa0;%2&#xa0;»</translation>
    </message>
    <message>
        <source>Could not undo or redo</source>
        <translation>Impossible d&apos;annuler ou de rétablir</translation>
    </message>
    <message>
        <source>“%1” could not be undone or redone: %2</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;a pas pu être annulé ou rétabli&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>Migrator</name>
    <message>
        <source>Created the Rapport schema (version 1).</source>
        <translation>Schéma Rapport créé (version 1).</translation>
    </message>
    <message>
        <source>The schema file %1 is missing from this build.</source>
        <translation>Le fichier de schéma %1 manque dans cette version.</translation>
    </message>
    <message>
        <source>updating the database schema</source>
        <translation>mise à jour du schéma de la base de données</translation>
    </message>
    <message>
        <source>preparing the database</source>
        <translation>préparation de la base de données</translation>
    </message>
    <message>
        <source>reading the schema version</source>
        <translation>lecture de la version du schéma</translation>
    </message>
    <message>
        <source>%1 holds other data and is not a Rapport database: Rapport will not touch it.</source>
        <translation>%1 contient d&apos;autres données et n&apos;est pas une base de données Rapport&#xa0;: Rapport n&apos;y touchera pas.</translation>
    </message>
    <message>
        <source>%1 was written by a newer version of Rapport (schema %2; this version knows up to %3). Update Rapport to open it.</source>
        <translation>%1 a été écrite par une version plus récente de Rapport (schéma %2&#xa0;; cette version connaît jusqu&apos;au schéma %3). Mettez Rapport à jour pour l&apos;ouvrir.</translation>
    </message>
    <message>
        <source>%1 is read-only and needs an upgrade to schema %2 before Rapport can use it.</source>
        <translation>%1 est en lecture seule et doit être mise à jour vers le schéma %2 avant que Rapport puisse l&apos;utiliser.</translation>
    </message>
    <message>
        <source>Upgrading the database to schema %1 failed; it was left unchanged at schema %2. %3</source>
        <translation>La mise à jour de la base de données vers le schéma %1 a échoué&#xa0;; elle est restée inchangée au schéma %2. %3</translation>
    </message>
    <message>
        <source>recording the schema version</source>
        <translation>enregistrement de la version du schéma</translation>
    </message>
    <message>
        <source>Added background sync of social accounts and feeds, and the Inbox (version 2).</source>
        <translation>Ajout de la synchronisation en arrière-plan des comptes sociaux et des flux, et de la boîte de réception (version 2).</translation>
    </message>
    <message>
        <source>Sorted the contact list by outlet faster (version 3).</source>
        <translation>Tri plus rapide de la liste des contacts par média (version 3).</translation>
    </message>
    <message>
        <source>Marked synced items whose source gave no date (version 4).</source>
        <translation>Marquage des éléments synchronisés dont la source n&apos;indiquait pas de date (version 4).</translation>
    </message>
    <message>
        <source>Kept what the last sync of each account had to skip (version 5).</source>
        <translation>Conservation de ce que la dernière synchronisation de chaque compte a dû ignorer (version 5).</translation>
    </message>
    <message>
        <source>Added campaign briefs, content versions, the pitch pipeline&apos;s history and coverage links (version 6).</source>
        <translation>Ajout des briefs de campagne, des versions de contenu, de l&apos;historique du suivi des pitchs et des liens vers les retombées (version 6).</translation>
    </message>
    <message>
        <source>Kept each contact&apos;s health of 90 days ago, so Cooling off lists at once (version 7).</source>
        <translation>Conservation de la santé de chaque contact d’il y a 90 jours, pour que « Refroidissement » s’affiche aussitôt (version 7).</translation>
    </message>
    <message>
        <source>Gave coverage recorded earlier its normalized address, so the same article is never recorded twice (version 8).</source>
        <translation>Attribution de leur adresse normalisée aux retombées déjà enregistrées, pour qu&apos;un même article ne soit jamais enregistré deux fois (version 8).</translation>
    </message>
    <message>
        <source>Recorded import batches, so that an import can be undone (version 9).</source>
        <translation>Enregistrement des lots d&apos;import, pour qu&apos;un import puisse être annulé (version 9).</translation>
    </message>
    <message>
        <source>Kept the dashboard&apos;s counts up to date on every change, so it answers at once (version 10).</source>
        <translation>Tient les chiffres du tableau de bord à jour à chaque modification, pour qu&apos;il réponde aussitôt (version 10).</translation>
    </message>
    <message>
        <source>Kept the dashboard&apos;s counts per month too, so that a year is counted as fast as a week (version 13).</source>
        <translation>Tient aussi les chiffres du tableau de bord par mois, pour qu&apos;une année soit comptée aussi vite qu&apos;une semaine (version 13).</translation>
    </message>
    <message>
        <source>Added indexes that make the who-to-pitch suggestions faster on PostgreSQL (version 14).</source>
        <translation>Ajoute des index qui accélèrent les suggestions «&#xa0;Qui solliciter&#xa0;» sous PostgreSQL (version 14).</translation>
    </message>
    <message>
        <source>Added team roles enforced by the database server and the history of every field (version 11).</source>
        <translation>Ajout des rôles d&apos;équipe appliqués par le serveur de base de données et de l&apos;historique de chaque champ (version 11).</translation>
    </message>
    <message>
        <source>Made counting the open follow-ups faster (version 19).</source>
        <translation>Accélère le décompte des relances en cours (version 19).</translation>
    </message>
    <message>
        <source>Let the server announce every change, so other people&apos;s edits appear at once (version 12).</source>
        <translation>Le serveur annonce chaque modification, pour que celles des autres apparaissent aussitôt (version 12).</translation>
    </message>
    <message>
        <source>Made search as you type faster on PostgreSQL (version 17).</source>
        <translation>Accélère la recherche pendant la saisie sous PostgreSQL (version 17).</translation>
    </message>
    <message>
        <source>Kept each contact&apos;s conversations per month, so that a year&apos;s top relationships are found at once (version 16).</source>
        <translation>Tient les échanges de chaque contact par mois, pour que les principales relations d&apos;une année soient trouvées aussitôt (version 16).</translation>
    </message>
    <message>
        <source>counting the dashboard&apos;s figures</source>
        <translation>calcul des chiffres du tableau de bord</translation>
    </message>
    <message>
        <source>Made searching the conversations for a common word faster on PostgreSQL (version 20).</source>
        <translation>Accélère la recherche d’un mot courant dans les échanges sous PostgreSQL (version 20).</translation>
    </message>
    <message>
        <source>Added the email addresses, phone numbers, handles, beats and tags of a contact to its history (version 21).</source>
        <translation>Ajout des adresses e-mail, numéros de téléphone, identifiants, rubriques et étiquettes d’un contact à son historique (version 21).</translation>
    </message>
</context>
<context>
    <name>MovePitchCommand</name>
    <message>
        <source>Move %1 to “%2”</source>
        <translation>Déplacer %1 vers «&#xa0;%2&#xa0;»</translation>
    </message>
</context>
<context>
    <name>NaturalDate</name>
    <message>
        <source>today</source>
        <translation>aujourd&apos;hui</translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation>hier</translation>
    </message>
    <message>
        <source>tomorrow</source>
        <translation>demain</translation>
    </message>
    <message>
        <source>now</source>
        <translation>maintenant</translation>
    </message>
    <message>
        <source>at</source>
        <comment>between a date and a time: tomorrow at 10:00</comment>
        <translation>à</translation>
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
        <translation>Flux</translation>
    </message>
    <message>
        <source>%1, %2 or %3</source>
        <comment>the kinds of accounts</comment>
        <translation>%1, %2 ou %3</translation>
    </message>
</context>
<context>
    <name>OpenErrorDialog</name>
    <message>
        <source>Rapport cannot open the database</source>
        <translation>Rapport ne peut pas ouvrir la base de données</translation>
    </message>
    <message>
        <source>Database: %1
Nothing in it was changed. Start Rapport with --db to open another database.</source>
        <translation>Base de données&#xa0;: %1
Rien n&apos;y a été modifié. Lancez Rapport avec --db pour ouvrir une autre base de données.</translation>
    </message>
</context>
<context>
    <name>OrganizationCommands</name>
    <message>
        <source>Edit “%1”</source>
        <translation>Modifier «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>“%1” was changed by someone else since; it was left as they saved it.</source>
        <translation>«&#xa0;%1&#xa0;» a été modifiée par quelqu&apos;un d&apos;autre entre-temps&#xa0;; elle a été laissée telle que cette personne l&apos;a enregistrée.</translation>
    </message>
    <message>
        <source>New organization “%1”</source>
        <translation>Nouvelle organisation «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>Move “%1” to the trash</source>
        <translation>Mettre «&#xa0;%1&#xa0;» à la corbeille</translation>
    </message>
</context>
<context>
    <name>OrganizationEditor</name>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Kind of organization</source>
        <translation>Type d&apos;organisation</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Site web</translation>
    </message>
    <message>
        <source>Reach</source>
        <translation>Audience</translation>
    </message>
    <message>
        <source>Readers, listeners or followers, as far as known.</source>
        <translation>Lecteurs, auditeurs ou abonnés, dans la mesure où on le sait.</translation>
    </message>
    <message>
        <source>Unknown</source>
        <comment>reach</comment>
        <translation>Inconnue</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ville</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Pays</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Type&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Website:</source>
        <translation>Site &amp;web&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Reach:</source>
        <translation>&amp;Audience&#xa0;:</translation>
    </message>
    <message>
        <source>C&amp;ity:</source>
        <translation>V&amp;ille&#xa0;:</translation>
    </message>
    <message>
        <source>C&amp;ountry:</source>
        <translation>&amp;Pays&#xa0;:</translation>
    </message>
    <message>
        <source>No&amp;tes:</source>
        <translation>No&amp;tes&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>Save the organization (%1)</source>
        <translation>Enregistrer l&apos;organisation (%1)</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>A&amp;bandonner</translation>
    </message>
    <message>
        <source>Forget your changes and show what is saved</source>
        <translation>Oublier vos modifications et afficher ce qui est enregistré</translation>
    </message>
    <message>
        <source>People who work here</source>
        <translation>Personnes qui y travaillent</translation>
    </message>
    <message>
        <source>Double-click or press Enter to open the contact</source>
        <translation>Double-cliquez ou appuyez sur Entrée pour ouvrir le contact</translation>
    </message>
    <message>
        <source>&amp;People: nobody works here yet.</source>
        <translation>&amp;Personnes&#xa0;: personne n&apos;y travaille encore.</translation>
    </message>
    <message>
        <source>&amp;People who work here (%L1):</source>
        <translation>&amp;Personnes qui y travaillent (%L1)&#xa0;:</translation>
    </message>
    <message>
        <source>New organization</source>
        <translation>Nouvelle organisation</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Modifications</translation>
    </message>
    <message>
        <source>Who changed what in this organization, and when</source>
        <translation>Qui a modifié quoi dans cette organisation, et quand</translation>
    </message>
</context>
<context>
    <name>OrganizationListModel</name>
    <message>
        <source>Newspaper</source>
        <translation>Quotidien</translation>
    </message>
    <message>
        <source>Magazine</source>
        <translation>Magazine</translation>
    </message>
    <message>
        <source>Online outlet</source>
        <translation>En ligne</translation>
    </message>
    <message>
        <source>Broadcaster</source>
        <translation>Radio/TV</translation>
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
        <translation>Agence</translation>
    </message>
    <message>
        <source>Client</source>
        <comment>a client of the PR agency</comment>
        <translation>Client</translation>
    </message>
    <message>
        <source>Other</source>
        <comment>organization kind</comment>
        <translation>Autre</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Kind</source>
        <comment>newspaper, magazine, client...</comment>
        <translation>Type</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ville</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Pays</translation>
    </message>
    <message>
        <source>Reach</source>
        <comment>audience size</comment>
        <translation>Audience</translation>
    </message>
    <message>
        <source>People</source>
        <comment>contacts working at the organization</comment>
        <translation>Personnes</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Modifiée</translation>
    </message>
</context>
<context>
    <name>OrganizationListQuery</name>
    <message>
        <source>counting organizations</source>
        <translation>comptage des organisations</translation>
    </message>
    <message>
        <source>sorting the organization list</source>
        <translation>tri de la liste des organisations</translation>
    </message>
    <message>
        <source>loading the organization list</source>
        <translation>chargement de la liste des organisations</translation>
    </message>
</context>
<context>
    <name>OrganizationPeopleModel</name>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Title</source>
        <comment>job title</comment>
        <translation>Fonction</translation>
    </message>
    <message>
        <source>Role</source>
        <comment>role at the organization</comment>
        <translation>Rôle</translation>
    </message>
</context>
<context>
    <name>OrganizationRepository</name>
    <message>
        <source>adding the organization</source>
        <translation>ajout de l&apos;organisation</translation>
    </message>
    <message>
        <source>This organization has not been saved yet.</source>
        <translation>Cette organisation n&apos;a pas encore été enregistrée.</translation>
    </message>
    <message>
        <source>saving the organization</source>
        <translation>enregistrement de l&apos;organisation</translation>
    </message>
    <message>
        <source>“%1” was changed or deleted by someone else since you opened it. Reload it to see their changes; yours were not saved.</source>
        <translation>«&#xa0;%1&#xa0;» a été modifiée ou supprimée par quelqu&apos;un d&apos;autre depuis que vous l&apos;avez ouverte. Rechargez-la pour voir ces modifications&#xa0;; les vôtres n&apos;ont pas été enregistrées.</translation>
    </message>
    <message>
        <source>updating the search index</source>
        <translation>mise à jour de l&apos;index de recherche</translation>
    </message>
    <message>
        <source>loading the organization</source>
        <translation>chargement de l&apos;organisation</translation>
    </message>
    <message>
        <source>The organization no longer exists.</source>
        <translation>L&apos;organisation n&apos;existe plus.</translation>
    </message>
    <message>
        <source>moving the organization to the trash</source>
        <translation>déplacement de l&apos;organisation vers la corbeille</translation>
    </message>
    <message>
        <source>restoring the organization</source>
        <translation>restauration de l&apos;organisation</translation>
    </message>
    <message>
        <source>counting organizations</source>
        <translation>comptage des organisations</translation>
    </message>
    <message>
        <source>looking up organizations</source>
        <translation>recherche d&apos;organisations</translation>
    </message>
    <message>
        <source>loading the people of the organization</source>
        <translation>chargement des personnes de l&apos;organisation</translation>
    </message>
    <message>
        <source>counting the people of the organization</source>
        <translation>comptage des personnes de l&apos;organisation</translation>
    </message>
</context>
<context>
    <name>OrganizationsView</name>
    <message>
        <source>Search by name, city, country or website</source>
        <translation>Rechercher par nom, ville, pays ou site web</translation>
    </message>
    <message>
        <source>Search organizations</source>
        <translation>Rechercher des organisations</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Nouvelle</translation>
    </message>
    <message>
        <source>Organizations</source>
        <translation>Organisations</translation>
    </message>
    <message>
        <source>Select an organization to see its details and its people.</source>
        <translation>Sélectionnez une organisation pour voir ses détails et ses membres.</translation>
    </message>
    <message>
        <source>&amp;New Organization</source>
        <translation>&amp;Nouvelle organisation</translation>
    </message>
    <message>
        <source>&amp;Save Organization</source>
        <translation>&amp;Enregistrer l&apos;organisation</translation>
    </message>
    <message>
        <source>Re&amp;vert Changes</source>
        <translation>A&amp;bandonner les modifications</translation>
    </message>
    <message>
        <source>&amp;Move to Trash</source>
        <translation>&amp;Mettre à la corbeille</translation>
    </message>
    <message>
        <source>%L1 organizations</source>
        <translation>%L1 organisations</translation>
    </message>
    <message>
        <source>%L1 of %L2</source>
        <translation>%L1 sur %L2</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <source>Save the new organization before leaving it?</source>
        <translation>Enregistrer la nouvelle organisation avant de la quitter&#xa0;?</translation>
    </message>
    <message>
        <source>“%1” has unsaved changes. Save them before leaving it?</source>
        <translation>«&#xa0;%1&#xa0;» a des modifications non enregistrées. Les enregistrer avant de la quitter&#xa0;?</translation>
    </message>
    <message>
        <source>Organization not opened</source>
        <translation>Organisation non ouverte</translation>
    </message>
    <message>
        <source>Discard your unsaved changes and start a new organization?</source>
        <translation>Abandonner vos modifications non enregistrées et commencer une nouvelle organisation&#xa0;?</translation>
    </message>
    <message>
        <source>Organization not deleted</source>
        <translation>Organisation non supprimée</translation>
    </message>
    <message>
        <source>Move to the trash?</source>
        <translation>Mettre à la corbeille&#xa0;?</translation>
    </message>
    <message numerus="yes">
        <source>%n people work at “%1”. They keep their other details and show no organization while it is in the trash. Move it to the trash?</source>
        <translation>
            <numerusform>%n personne travaille chez «&#xa0;%1&#xa0;». Elle garde ses autres informations et n&apos;affiche aucune organisation tant que celle-ci est dans la corbeille. La mettre à la corbeille&#xa0;?</numerusform>
            <numerusform>%n personnes travaillent chez «&#xa0;%1&#xa0;». Elles gardent leurs autres informations et n&apos;affichent aucune organisation tant que celle-ci est dans la corbeille. La mettre à la corbeille&#xa0;?</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not undo or redo</source>
        <translation>Impossible d&apos;annuler ou de rétablir</translation>
    </message>
    <message>
        <source>“%1” saved, merged with what %2 changed meanwhile (%3).</source>
        <translation>«&#xa0;%1&#xa0;» enregistré, fusionné avec ce que %2 a modifié entre-temps (%3).</translation>
    </message>
    <message>
        <source>“%1” saved with your choices.</source>
        <translation>«&#xa0;%1&#xa0;» enregistré avec vos choix.</translation>
    </message>
</context>
<context>
    <name>PendingCampaignTab</name>
    <message>
        <source>This tab is not built yet.</source>
        <translation>Cet onglet n’est pas encore construit.</translation>
    </message>
</context>
<context>
    <name>PipelineTab</name>
    <message>
        <source>&amp;Board</source>
        <translation>&amp;Tableau</translation>
    </message>
    <message>
        <source>One column per status; drag cards between them</source>
        <translation>Une colonne par statut&#xa0;; faites glisser les cartes de l&apos;une à l&apos;autre</translation>
    </message>
    <message>
        <source>&amp;Table</source>
        <translation>&amp;Liste</translation>
    </message>
    <message>
        <source>Every pitch in one sortable table</source>
        <translation>Tous les pitchs dans une liste triable</translation>
    </message>
    <message>
        <source>Move to the previous status</source>
        <translation>Passer au statut précédent</translation>
    </message>
    <message>
        <source>Move to the next status</source>
        <translation>Passer au statut suivant</translation>
    </message>
    <message>
        <source>Move to “%1”</source>
        <translation>Déplacer vers «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>◀ Move back</source>
        <translation>◀ Reculer</translation>
    </message>
    <message>
        <source>Move on ▶</source>
        <translation>Avancer ▶</translation>
    </message>
    <message>
        <source>Ctrl+Right / Ctrl+Left or Alt+1 … Alt+6 move the selected pitch; Enter opens the person.</source>
        <translation>Ctrl+Droite / Ctrl+Gauche ou Alt+1 … Alt+6 déplacent le pitch sélectionné&#xa0;; Entrée ouvre la personne.</translation>
    </message>
    <message>
        <source>Pipeline</source>
        <translation>Suivi des pitchs</translation>
    </message>
    <message>
        <source>%1: %2 on %3</source>
        <translation>%1&#xa0;: %2 le %3</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Accepter</translation>
    </message>
    <message>
        <source>Move %1&apos;s pitch to “Replied”, replied on %2</source>
        <translation>Passer le pitch de %1 à «&#xa0;Réponse reçue&#xa0;», réponse du %2</translation>
    </message>
    <message>
        <source>Not a reply</source>
        <translation>Pas une réponse</translation>
    </message>
    <message>
        <source>Stop proposing this for %1 until something newer comes in</source>
        <translation>Ne plus le proposer pour %1 jusqu&apos;à ce que quelque chose de plus récent arrive</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more (marked “Reply?” on the board).</source>
        <translation>
            <numerusform>… et %n autre (marquée «&#xa0;Réponse&#xa0;?&#xa0;» sur le tableau).</numerusform>
            <numerusform>… et %n autres (marquées «&#xa0;Réponse&#xa0;?&#xa0;» sur le tableau).</numerusform>
        </translation>
    </message>
    <message>
        <source>The board was reloaded with the latest state.</source>
        <translation>Le tableau a été rechargé avec l&apos;état le plus récent.</translation>
    </message>
    <message>
        <source>%1 moved to “%2”.</source>
        <translation>%1 déplacé vers «&#xa0;%2&#xa0;».</translation>
    </message>
    <message>
        <source>%1 replied: moved to “%2”.</source>
        <translation>%1 a répondu&#xa0;: déplacé vers «&#xa0;%2&#xa0;».</translation>
    </message>
    <message>
        <source>%1 “%2”</source>
        <comment>channel “subject”</comment>
        <translation>%1 «&#xa0;%2&#xa0;»</translation>
    </message>
    <message numerus="yes">
        <source>%Ln pitch(es)</source>
        <translation>
            <numerusform>%Ln pitch</numerusform>
            <numerusform>%Ln pitchs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln reply(s) came in after a pitch. Accept to move the pitch to “Replied”:</source>
        <translation>
            <numerusform>%Ln réponse est arrivée après un pitch. Accepter passe le pitch à «&#xa0;Réponse reçue&#xa0;»&#xa0;:</numerusform>
            <numerusform>%Ln réponses sont arrivées après un pitch. Accepter passe le pitch à «&#xa0;Réponse reçue&#xa0;»&#xa0;:</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 moved to “%2”, kept with what %3 changed meanwhile.</source>
        <translation>%1 déplacé vers «&#xa0;%2&#xa0;», avec ce que %3 a modifié entre-temps.</translation>
    </message>
    <message>
        <source>%1 was already moved to “%2” by %3.</source>
        <translation>%1 avait déjà été déplacé vers «&#xa0;%2&#xa0;» par %3.</translation>
    </message>
</context>
<context>
    <name>PitchBoard</name>
    <message>
        <source>Drag a card to another column, or use Ctrl+Right / Ctrl+Left or Alt+1 … Alt+6 to move the selected pitch. Left and Right go to the next column; Enter opens the person.</source>
        <translation>Faites glisser une carte vers une autre colonne, ou déplacez le pitch sélectionné avec Ctrl+Droite / Ctrl+Gauche ou Alt+1 … Alt+6. Gauche et Droite passent à la colonne voisine&#xa0;; Entrée ouvre la personne.</translation>
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
        <translation>Déplacé le %1</translation>
    </message>
    <message>
        <source>Moved by %1 on %2</source>
        <translation>Déplacé par %1 le %2</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>A reply came in after the pitch: accept it above the board.</source>
        <translation>Une réponse est arrivée après le pitch&#xa0;: acceptez-la au-dessus du tableau.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Outlet</source>
        <translation>Média</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Pitched</source>
        <translation>Pitch envoyé</translation>
    </message>
    <message>
        <source>Replied</source>
        <translation>Réponse reçue</translation>
    </message>
    <message>
        <source>Last moved</source>
        <translation>Dernier déplacement</translation>
    </message>
    <message>
        <source>Reply?</source>
        <translation>Réponse&#xa0;?</translation>
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
        <translation>Statut de pitch inconnu «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>moving the pitch</source>
        <translation>changement d&apos;étape du pitch</translation>
    </message>
    <message>
        <source>The pitch no longer exists or was taken off the media list.</source>
        <translation>Le pitch n&apos;existe plus ou a été retiré de la liste médias.</translation>
    </message>
</context>
<context>
    <name>PitchRepository</name>
    <message numerus="yes">
        <source>Added %n person(s) to the media list.</source>
        <translation>
            <numerusform>%n personne ajoutée à la liste médias.</numerusform>
            <numerusform>%n personnes ajoutées à la liste médias.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not added:</source>
        <translation>
            <numerusform>%n non ajoutée&#xa0;:</numerusform>
            <numerusform>%n non ajoutées&#xa0;:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(and %n more)</source>
        <translation>
            <numerusform>(et %n autre)</numerusform>
            <numerusform>(et %n autres)</numerusform>
        </translation>
    </message>
    <message>
        <source>Do not contact.</source>
        <translation>Ne pas contacter.</translation>
    </message>
    <message>
        <source>Do not contact: %1.</source>
        <translation>Ne pas contacter&#xa0;: %1.</translation>
    </message>
    <message>
        <source>No recorded consent.</source>
        <translation>Aucun consentement enregistré.</translation>
    </message>
    <message>
        <source>today</source>
        <translation>aujourd&apos;hui</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>il y a %n jour</numerusform>
            <numerusform>il y a %n jours</numerusform>
        </translation>
    </message>
    <message>
        <source>Pitched %1.</source>
        <translation>Pitch envoyé %1.</translation>
    </message>
    <message>
        <source>Pitched %1 for “%2”.</source>
        <translation>Pitch envoyé %1 pour «&#xa0;%2&#xa0;».</translation>
    </message>
    <message>
        <source>adding people to the media list</source>
        <translation>ajout de personnes à la liste médias</translation>
    </message>
    <message>
        <source>The campaign no longer exists.</source>
        <translation>La campagne n&apos;existe plus.</translation>
    </message>
    <message>
        <source>Contact no. %1 no longer exists.</source>
        <translation>Le contact n° %1 n&apos;existe plus.</translation>
    </message>
    <message>
        <source>%1 is in the trash.</source>
        <translation>%1 est dans la corbeille.</translation>
    </message>
    <message>
        <source>%1 asked not to be contacted (%2).</source>
        <translation>%1 a demandé à ne pas être contacté (%2).</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>aucune raison indiquée</translation>
    </message>
    <message>
        <source>%1 is already on the media list.</source>
        <translation>%1 figure déjà dans la liste médias.</translation>
    </message>
    <message>
        <source>removing people from the media list</source>
        <translation>retrait de personnes de la liste médias</translation>
    </message>
    <message>
        <source>putting people back on the media list</source>
        <translation>remise de personnes dans la liste médias</translation>
    </message>
    <message>
        <source>Someone else changed this media list meanwhile; nothing was removed.</source>
        <translation>Quelqu&apos;un d&apos;autre a modifié cette liste médias entre-temps&#xa0;; rien n&apos;a été retiré.</translation>
    </message>
    <message>
        <source>Someone else changed this media list meanwhile; nobody was put back.</source>
        <translation>Quelqu&apos;un d&apos;autre a modifié cette liste médias entre-temps&#xa0;; personne n&apos;a été remis.</translation>
    </message>
    <message>
        <source>loading the media list</source>
        <translation>chargement de la liste médias</translation>
    </message>
    <message>
        <source>loading the pipeline</source>
        <translation>chargement du suivi des pitchs</translation>
    </message>
    <message>
        <source>The pitch is no longer on the media list.</source>
        <translation>Le pitch ne figure plus dans la liste médias.</translation>
    </message>
    <message>
        <source>logging the pitch</source>
        <translation>enregistrement du pitch</translation>
    </message>
    <message>
        <source>Pitched for “%1”</source>
        <translation>Pitch envoyé pour «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>Pitched “%1” for “%2”</source>
        <translation>Pitch «&#xa0;%1&#xa0;» envoyé pour «&#xa0;%2&#xa0;»</translation>
    </message>
    <message>
        <source>taking the pitch out of the timeline</source>
        <translation>retrait du pitch de l&apos;historique</translation>
    </message>
    <message>
        <source>Unknown pitch status “%1”.</source>
        <translation>Statut de pitch inconnu «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>moving the pitch</source>
        <translation>changement d&apos;étape du pitch</translation>
    </message>
    <message>
        <source>The pitch no longer exists.</source>
        <translation>Le pitch n&apos;existe plus.</translation>
    </message>
    <message>
        <source>%1 was taken off the media list by someone else meanwhile; the move was not saved.</source>
        <translation>%1 a été retiré de la liste médias par quelqu&apos;un d&apos;autre entre-temps&#xa0;; le déplacement n&apos;a pas été enregistré.</translation>
    </message>
    <message>
        <source>Someone else changed %1&apos;s pitch meanwhile (it is in “%2” now); the move was not saved.</source>
        <translation>Quelqu&apos;un d&apos;autre a modifié le pitch de %1 entre-temps (il est maintenant à l&apos;étape «&#xa0;%2&#xa0;»)&#xa0;; le déplacement n&apos;a pas été enregistré.</translation>
    </message>
    <message>
        <source>Someone else changed %1&apos;s pitch meanwhile; the move was not saved.</source>
        <translation>Quelqu&apos;un d&apos;autre a modifié le pitch de %1 entre-temps&#xa0;; le déplacement n&apos;a pas été enregistré.</translation>
    </message>
    <message>
        <source>loading the pitch&apos;s moves</source>
        <translation>chargement des déplacements du pitch</translation>
    </message>
    <message>
        <source>looking for replies</source>
        <translation>recherche de réponses</translation>
    </message>
    <message>
        <source>dismissing the reply</source>
        <translation>rejet de la réponse</translation>
    </message>
    <message>
        <source>Someone else changed this pitch meanwhile; nothing was changed.</source>
        <translation>Quelqu&apos;un d&apos;autre a modifié ce pitch entre-temps&#xa0;; rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <source>loading the pitch</source>
        <translation>chargement du pitch</translation>
    </message>
</context>
<context>
    <name>PitchScore</name>
    <message>
        <source>today</source>
        <translation>aujourd&apos;hui</translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation>hier</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>il y a %n jour</numerusform>
            <numerusform>il y a %n jours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n week(s) ago</source>
        <translation>
            <numerusform>il y a %n semaine</numerusform>
            <numerusform>il y a %n semaines</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n month(s) ago</source>
        <translation>
            <numerusform>il y a %n mois</numerusform>
            <numerusform>il y a %n mois</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n year(s) ago</source>
        <translation>
            <numerusform>il y a %n an</numerusform>
            <numerusform>il y a %n ans</numerusform>
        </translation>
    </message>
    <message>
        <source>email</source>
        <translation>l&apos;e-mail</translation>
    </message>
    <message>
        <source>phone calls</source>
        <translation>les appels</translation>
    </message>
    <message>
        <source>direct messages</source>
        <translation>les messages privés</translation>
    </message>
    <message>
        <source>meeting in person</source>
        <translation>les rencontres en personne</translation>
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
        <translation>couvre %1</translation>
    </message>
    <message>
        <source>tagged %1</source>
        <translation>étiqueté %1</translation>
    </message>
    <message>
        <source>wrote about %1 %2</source>
        <translation>a écrit sur %1 %2</translation>
    </message>
    <message numerus="yes">
        <source>wrote about %1 %2 (%n matching posts in %3 days)</source>
        <translation>
            <numerusform>a écrit sur %1 %2 (%n publication pertinente en %3 jours)</numerusform>
            <numerusform>a écrit sur %1 %2 (%n publications pertinentes en %3 jours)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>covered %1 %n time(s) before</source>
        <translation>
            <numerusform>a déjà couvert %1 une fois</numerusform>
            <numerusform>a déjà couvert %1 %n fois</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>replied to %1 of %n pitch(es)</source>
        <translation>
            <numerusform>a répondu à %1 pitch sur %n</numerusform>
            <numerusform>a répondu à %1 pitchs sur %n</numerusform>
        </translation>
    </message>
    <message>
        <source>not pitched before</source>
        <translation>jamais sollicité</translation>
    </message>
    <message numerus="yes">
        <source>covered %1 of %n pitch(es)</source>
        <translation>
            <numerusform>a couvert %1 pitch sur %n</numerusform>
            <numerusform>a couvert %1 pitchs sur %n</numerusform>
        </translation>
    </message>
    <message>
        <source>no conversations yet</source>
        <translation>aucune conversation pour l&apos;instant</translation>
    </message>
    <message>
        <source>relationship strong (%1)</source>
        <translation>relation forte (%1)</translation>
    </message>
    <message>
        <source>relationship steady (%1)</source>
        <translation>relation stable (%1)</translation>
    </message>
    <message>
        <source>relationship cooling (%1)</source>
        <translation>relation qui se refroidit (%1)</translation>
    </message>
    <message>
        <source>relationship cold (%1)</source>
        <translation>relation froide (%1)</translation>
    </message>
    <message>
        <source>pitched %1</source>
        <translation>sollicité %1</translation>
    </message>
    <message numerus="yes">
        <source>pitched %n times in the last %1 days, last %2</source>
        <translation>
            <numerusform>sollicité une fois ces %1 derniers jours, %2</numerusform>
            <numerusform>sollicité %n fois ces %1 derniers jours, la dernière %2</numerusform>
        </translation>
    </message>
    <message>
        <source>declined a %1 pitch %2</source>
        <translation>a décliné un pitch pour %1 %2</translation>
    </message>
    <message>
        <source>prefers %1</source>
        <translation>préfère %1</translation>
    </message>
    <message>
        <source>no recorded consent</source>
        <translation>aucun consentement enregistré</translation>
    </message>
</context>
<context>
    <name>PitchStatus</name>
    <message>
        <source>Planned</source>
        <translation>Prévu</translation>
    </message>
    <message>
        <source>Pitched</source>
        <translation>Pitch envoyé</translation>
    </message>
    <message>
        <source>Replied</source>
        <translation>Réponse reçue</translation>
    </message>
    <message>
        <source>Interested</source>
        <translation>Intéressé</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>Refusé</translation>
    </message>
    <message>
        <source>Covered</source>
        <translation>Couvert</translation>
    </message>
</context>
<context>
    <name>PitchSuggestionModel</name>
    <message>
        <source>Score %1 of 100</source>
        <translation>Score de %1 sur 100</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <comment>a who-to-pitch reason without points</comment>
        <translation>Remarque&#xa0;: %1</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>points, reason</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>No consent or other legal basis is recorded for %1: check before pitching.</source>
        <translation>Aucun consentement ni autre base légale n&apos;est enregistré pour %1&#xa0;: à vérifier avant le pitch.</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <comment>name, job title</comment>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>%1, reach %2</source>
        <translation>%1, audience %2</translation>
    </message>
    <message>
        <source>No recorded consent</source>
        <translation>Aucun consentement enregistré</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Outlet</source>
        <translation>Média</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Pourquoi</translation>
    </message>
    <message>
        <source>An amber sign marks people without recorded consent</source>
        <translation>Un signe orange signale les personnes sans consentement enregistré</translation>
    </message>
</context>
<context>
    <name>PitchSuggestions</name>
    <message>
        <source>reading beats and tags</source>
        <translation>lecture des rubriques et des étiquettes</translation>
    </message>
    <message>
        <source>reading recent posts</source>
        <translation>lecture des publications récentes</translation>
    </message>
    <message>
        <source>reading coverage</source>
        <translation>lecture des retombées</translation>
    </message>
    <message>
        <source>reading the pitch history</source>
        <translation>lecture de l&apos;historique des pitchs</translation>
    </message>
    <message>
        <source>reading the campaign</source>
        <translation>lecture de la campagne</translation>
    </message>
    <message>
        <source>The campaign no longer exists.</source>
        <translation>La campagne n&apos;existe plus.</translation>
    </message>
    <message>
        <source>reading the candidates</source>
        <translation>lecture des candidats</translation>
    </message>
</context>
<context>
    <name>PlaceholderSection</name>
    <message>
        <source>This part of Rapport is not built yet.</source>
        <translation>Cette partie de Rapport n&apos;est pas encore construite.</translation>
    </message>
</context>
<context>
    <name>PrivacyActions</name>
    <message>
        <source>Write everything Rapport holds about this person to a JSON file and a vCard</source>
        <translation>Écrire tout ce que Rapport détient sur cette personne dans un fichier JSON et une vCard</translation>
    </message>
    <message>
        <source>E&amp;rase This Person…</source>
        <translation>E&amp;ffacer cette personne…</translation>
    </message>
    <message>
        <source>Remove this person and everything about them for good, on request</source>
        <translation>Supprimer définitivement cette personne et tout ce qui la concerne, à sa demande</translation>
    </message>
    <message>
        <source>Choose a contact first.</source>
        <translation>Choisissez d’abord un contact.</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>L’export a échoué</translation>
    </message>
    <message>
        <source>Export Everything About %1</source>
        <translation>Exporter tout sur %1</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>Fichiers JSON (*.json)</translation>
    </message>
    <message>
        <source>Exporting everything about %1…</source>
        <translation>Export de tout ce qui concerne %1…</translation>
    </message>
    <message>
        <source>Exported everything about %1 to %2 and %3.</source>
        <translation>Tout sur %1 exporté vers %2 et %3.</translation>
    </message>
    <message>
        <source>Erasure failed</source>
        <translation>L’effacement a échoué</translation>
    </message>
    <message>
        <source>Erasing %1…</source>
        <translation>Effacement de %1…</translation>
    </message>
    <message>
        <source>Erased %1; the sync ignores their handles from now on.</source>
        <translation>%1 effacé&#xa0;; la synchronisation ignore désormais ses identifiants.</translation>
    </message>
    <message>
        <source>Erased %1.</source>
        <translation>%1 effacé.</translation>
    </message>
    <message>
        <source>Export Everyth&amp;ing About This Person…</source>
        <translation>E&amp;xporter tout sur cette personne…</translation>
    </message>
</context>
<context>
    <name>QuickLogDialog</name>
    <message>
        <source>Log a conversation</source>
        <translation>Consigner un échange</translation>
    </message>
    <message>
        <source>Type a name; separate several with commas</source>
        <translation>Saisissez un nom&#xa0;; séparez-en plusieurs par des virgules</translation>
    </message>
    <message>
        <source>&amp;Contact:</source>
        <translation>&amp;Contact&#xa0;:</translation>
    </message>
    <message>
        <source>Type the first letter to pick: C for Call, E for Email, M for Meeting…</source>
        <translation>Tapez la première lettre pour choisir&#xa0;: A pour Appel, E pour E-mail, R pour Rendez-vous…</translation>
    </message>
    <message>
        <source>C&amp;hannel:</source>
        <translation>&amp;Canal&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Direction:</source>
        <translation>&amp;Direction&#xa0;:</translation>
    </message>
    <message>
        <source>now, yesterday 15:00, today 9:30, 2026-11-20 14:00</source>
        <translation>maintenant, hier 15:00, aujourd&apos;hui 9:30, 2026-11-20 14:00</translation>
    </message>
    <message>
        <source>Not a date I can read</source>
        <translation>Date illisible</translation>
    </message>
    <message>
        <source>&amp;When:</source>
        <translation>&amp;Quand&#xa0;:</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>&amp;Subject:</source>
        <translation>&amp;Objet&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>&amp;Notes&#xa0;:</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Inconnu</translation>
    </message>
    <message>
        <source>− Negative</source>
        <translation>− Négatif</translation>
    </message>
    <message>
        <source>0 Neutral</source>
        <translation>0 Neutre</translation>
    </message>
    <message>
        <source>+ Positive</source>
        <translation>+ Positif</translation>
    </message>
    <message>
        <source>S&amp;entiment:</source>
        <translation>&amp;Ressenti&#xa0;:</translation>
    </message>
    <message>
        <source>e.g. interested, wants exclusive, declined</source>
        <translation>p. ex. intéressé, veut une exclusivité, a décliné</translation>
    </message>
    <message>
        <source>&amp;Outcome:</source>
        <translation>&amp;Résultat&#xa0;:</translation>
    </message>
    <message>
        <source>optional: tomorrow 10:00, 2026-12-01</source>
        <translation>facultatif&#xa0;: demain 10:00, 2026-12-01</translation>
    </message>
    <message>
        <source>&amp;Follow up:</source>
        <translation>&amp;Relance&#xa0;:</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Consigner</translation>
    </message>
    <message>
        <source>Save the conversation (%1)</source>
        <translation>Enregistrer l&apos;échange (%1)</translation>
    </message>
    <message>
        <source>Close without saving (Esc)</source>
        <translation>Fermer sans enregistrer (Échap)</translation>
    </message>
    <message>
        <source>Type the name of the person you talked to.</source>
        <translation>Saisissez le nom de la personne à qui vous avez parlé.</translation>
    </message>
    <message>
        <source>No contact is called “%1”.</source>
        <translation>Aucun contact ne s&apos;appelle «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>Several contacts match “%1”: pick one from the list.</source>
        <translation>Plusieurs contacts correspondent à «&#xa0;%1&#xa0;»&#xa0;: choisissez-en un dans la liste.</translation>
    </message>
    <message>
        <source>Type a date such as “yesterday 15:00”, “today 9:30” or “2026-11-20 14:00”.</source>
        <translation>Saisissez une date comme «&#xa0;hier 15:00&#xa0;», «&#xa0;aujourd&apos;hui 9:30&#xa0;» ou «&#xa0;2026-11-20 14:00&#xa0;».</translation>
    </message>
    <message>
        <source>Type a date such as “tomorrow 10:00” or “2026-12-01”, or leave it empty.</source>
        <translation>Saisissez une date comme «&#xa0;demain 10:00&#xa0;» ou «&#xa0;2026-12-01&#xa0;», ou laissez vide.</translation>
    </message>
    <message>
        <source>Synced conversation</source>
        <translation>Échange synchronisé</translation>
    </message>
    <message>
        <source>Edit a conversation</source>
        <translation>Modifier un échange</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>This conversation is in the trash.</source>
        <translation>Cet échange est dans la corbeille.</translation>
    </message>
    <message>
        <source>Synced from %1: it is kept as the network sent it. You can delete it from the timeline, but not edit it.</source>
        <translation>Synchronisé depuis %1&#xa0;: il est conservé tel que le réseau l&apos;a envoyé. Vous pouvez le supprimer de l&apos;historique, mais pas le modifier.</translation>
    </message>
    <message>
        <source>The database is read-only: this conversation cannot be changed.</source>
        <translation>La base de données est en lecture seule&#xa0;: cet échange ne peut pas être modifié.</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <comment>completion: name — title, outlet</comment>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Several contacts are called “%1”: pick one from the list.</source>
        <translation>Plusieurs contacts s&apos;appellent «&#xa0;%1&#xa0;»&#xa0;: choisissez-en un dans la liste.</translation>
    </message>
</context>
<context>
    <name>RecordMerge</name>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Site web</translation>
    </message>
    <message>
        <source>Reach</source>
        <translation>Audience</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ville</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Pays</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Goals</source>
        <translation>Objectifs</translation>
    </message>
    <message>
        <source>Key messages</source>
        <translation>Messages clés</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>Thèmes</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Équipe</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>Pitched</source>
        <translation>Pitch envoyé</translation>
    </message>
    <message>
        <source>Replied</source>
        <translation>Répondu</translation>
    </message>
    <message>
        <source>Pitched by</source>
        <translation>Pitch envoyé par</translation>
    </message>
    <message>
        <source>Content used</source>
        <translation>Contenu utilisé</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Client Report</source>
        <translation>Rapport client</translation>
    </message>
    <message>
        <source>C&amp;lient:</source>
        <translation>C&amp;lient :</translation>
    </message>
    <message>
        <source>Ca&amp;mpaign:</source>
        <translation>Ca&amp;mpagne :</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Période :</translation>
    </message>
    <message>
        <source>&amp;Agency name:</source>
        <translation>Nom de l&apos;&amp;agence :</translation>
    </message>
    <message>
        <source>Pre&amp;view…</source>
        <translation>&amp;Aperçu…</translation>
    </message>
    <message>
        <source>&amp;Save PDF…</source>
        <translation>&amp;Enregistrer le PDF…</translation>
    </message>
    <message>
        <source>There is no client or campaign to report on yet.</source>
        <translation>Il n&apos;y a pas encore de client ni de campagne pour un rapport.</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>%1 enregistré.</translation>
    </message>
    <message>
        <source>Report %1 %2.pdf</source>
        <translation>Rapport %1 %2.pdf</translation>
    </message>
    <message>
        <source>Save Report</source>
        <translation>Enregistrer le rapport</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Documents PDF (*.pdf)</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>Stop writing the report (Esc); no file is left behind</source>
        <translation>Arrêter l&apos;écriture du rapport (Échap)&#xa0;; aucun fichier n&apos;est laissé</translation>
    </message>
    <message>
        <source>Canceled: nothing was saved.</source>
        <translation>Annulé&#xa0;: rien n&apos;a été enregistré.</translation>
    </message>
</context>
<context>
    <name>ReportJob</name>
    <message>
        <source>Reading the figures…</source>
        <translation>Lecture des chiffres…</translation>
    </message>
    <message>
        <source>Drawing the charts…</source>
        <translation>Dessin des graphiques…</translation>
    </message>
    <message>
        <source>Writing the PDF…</source>
        <translation>Écriture du PDF…</translation>
    </message>
    <message>
        <source>The report was canceled.</source>
        <translation>Le rapport a été annulé.</translation>
    </message>
</context>
<context>
    <name>ReportWriter</name>
    <message>
        <source>%1 to %2</source>
        <comment>period: first day to last day</comment>
        <translation>%1 au %2</translation>
    </message>
    <message>
        <source>Page %1</source>
        <translation>Page %1</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Indicateur</translation>
    </message>
    <message>
        <source>This period</source>
        <translation>Cette période</translation>
    </message>
    <message>
        <source>Previous period</source>
        <translation>Période précédente</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Évolution</translation>
    </message>
    <message>
        <source>From %1 the agency logged %2 conversations for %3 and sent %4 pitches.</source>
        <translation>Du %1, l&apos;agence a consigné %2 échanges pour %3 et envoyé %4 pitchs.</translation>
    </message>
    <message>
        <source>%1 % of the pitches had a reply within %2 days</source>
        <translation>%1 % des pitchs ont reçu une réponse sous %2 jours</translation>
    </message>
    <message>
        <source>; the median time to reply was %1 days</source>
        <translation> ; le délai de réponse médian était de %1 jours</translation>
    </message>
    <message>
        <source>The campaigns earned %1 pieces of coverage with a combined reach of %2 (each outlet counted once).</source>
        <translation>Les campagnes ont obtenu %1 retombées pour une audience cumulée de %2 (chaque média compté une fois).</translation>
    </message>
    <message>
        <source>%1 % of the rated coverage was positive.</source>
        <translation>%1 % des retombées évaluées étaient positives.</translation>
    </message>
    <message>
        <source>The outlet with the most coverage was %1.</source>
        <translation>Le média le plus présent était %1.</translation>
    </message>
    <message>
        <source>No coverage was recorded in this period.</source>
        <translation>Aucune retombée n&apos;a été enregistrée sur cette période.</translation>
    </message>
    <message>
        <source>positive</source>
        <translation>positive</translation>
    </message>
    <message>
        <source>negative</source>
        <translation>négative</translation>
    </message>
    <message>
        <source>neutral</source>
        <translation>neutre</translation>
    </message>
    <message>
        <source>Could not write %1: the folder %2 does not exist.</source>
        <translation>Impossible d&apos;écrire %1 : le dossier %2 n&apos;existe pas.</translation>
    </message>
    <message>
        <source>the folder %1 is read-only</source>
        <translation>le dossier %1 est en lecture seule</translation>
    </message>
    <message>
        <source>Could not write %1: %2.</source>
        <translation>Impossible d&apos;écrire %1 : %2.</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>le disque est plein</translation>
    </message>
    <message>
        <source>Your PR agency</source>
        <translation>Votre agence de RP</translation>
    </message>
    <message>
        <source>A report is for one client or one campaign.</source>
        <translation>Un rapport porte sur un client ou une campagne.</translation>
    </message>
    <message>
        <source>The report needs a period whose first day is not after its last.</source>
        <translation>Le rapport demande une période dont le premier jour n&apos;est pas après le dernier.</translation>
    </message>
    <message>
        <source>There is no campaign %1.</source>
        <translation>Il n&apos;y a pas de campagne %1.</translation>
    </message>
    <message>
        <source>There is no organization %1.</source>
        <translation>Il n&apos;y a pas d&apos;organisation %1.</translation>
    </message>
    <message>
        <source>Could not start the PDF.</source>
        <translation>Impossible de commencer le PDF.</translation>
    </message>
    <message>
        <source>Coverage and engagement report</source>
        <translation>Rapport de retombées et d’engagement</translation>
    </message>
    <message>
        <source>Prepared by %1 on %2</source>
        <translation>Préparé par %1 le %2</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Synthèse</translation>
    </message>
    <message>
        <source>Pitches</source>
        <translation>Pitchs</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>Share of planned</source>
        <translation>Part des prévus</translation>
    </message>
    <message>
        <source>Outlets and conversations</source>
        <translation>Médias et échanges</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>Retombées</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Headline</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Outlet</source>
        <translation>Média</translation>
    </message>
    <message>
        <source>Reach</source>
        <translation>Audience</translation>
    </message>
    <message>
        <source>Sentiment</source>
        <translation>Tonalité</translation>
    </message>
    <message>
        <source>The dashboard has not been computed yet.</source>
        <translation>Le tableau de bord n&apos;est pas encore calculé.</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Tableau de bord</translation>
    </message>
    <message>
        <source>filtered by account manager, client, campaign or channel as on screen</source>
        <translation>filtré par responsable, client, campagne ou canal comme à l&apos;écran</translation>
    </message>
    <message>
        <source>The report was canceled.</source>
        <translation>Le rapport a été annulé.</translation>
    </message>
</context>
<context>
    <name>RestorePreviewDialog</name>
    <message>
        <source>Restore From Backup</source>
        <translation>Restaurer une sauvegarde</translation>
    </message>
    <message>
        <source>Restoring puts this backup in the place of the database you have open. The current database is not deleted: it is kept beside it, renamed with today&apos;s date and time, and Rapport reopens with the backup.</source>
        <translation>La restauration met cette sauvegarde à la place de la base ouverte. La base actuelle n’est pas supprimée&#xa0;: elle est gardée à côté, renommée avec la date et l’heure du jour, et Rapport se rouvre sur la sauvegarde.</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Fichier&#xa0;:</translation>
    </message>
    <message>
        <source>Taken:</source>
        <translation>Date&#xa0;:</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>Taille&#xa0;:</translation>
    </message>
    <message>
        <source>Schema version:</source>
        <translation>Version du schéma&#xa0;:</translation>
    </message>
    <message>
        <source>Contacts:</source>
        <translation>Contacts&#xa0;:</translation>
    </message>
    <message>
        <source>Conversations:</source>
        <translation>Échanges&#xa0;:</translation>
    </message>
    <message>
        <source>Campaigns:</source>
        <translation>Campagnes&#xa0;:</translation>
    </message>
    <message>
        <source>Reading the backup…</source>
        <translation>Lecture de la sauvegarde…</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Restaurer</translation>
    </message>
    <message>
        <source>This file cannot be restored: %1</source>
        <translation>Ce fichier ne peut pas être restauré&#xa0;: %1</translation>
    </message>
    <message>
        <source>%1 (newer than this version of Rapport, which knows up to %2)</source>
        <translation>%1 (plus récent que cette version de Rapport, qui connaît jusqu’à %2)</translation>
    </message>
    <message>
        <source>%1 (upgraded to %2 when restored)</source>
        <translation>%1 (mis à jour en %2 à la restauration)</translation>
    </message>
    <message>
        <source>%1 (the current one)</source>
        <translation>%1 (l’actuel)</translation>
    </message>
    <message>
        <source>This backup was written by a newer version of Rapport. Restore it with that version, or update Rapport first.</source>
        <translation>Cette sauvegarde a été écrite par une version plus récente de Rapport. Restaurez-la avec cette version, ou mettez d’abord Rapport à jour.</translation>
    </message>
    <message>
        <source>The backup was checked and is intact.</source>
        <translation>La sauvegarde a été vérifiée et elle est intacte.</translation>
    </message>
</context>
<context>
    <name>RichTextEditor</name>
    <message>
        <source>Heading 1</source>
        <translation>Titre 1</translation>
    </message>
    <message>
        <source>Make the paragraph a heading</source>
        <translation>Faire du paragraphe un titre</translation>
    </message>
    <message>
        <source>Heading 2</source>
        <translation>Titre 2</translation>
    </message>
    <message>
        <source>Make the paragraph a subheading</source>
        <translation>Faire du paragraphe un sous-titre</translation>
    </message>
    <message>
        <source>Paragraph</source>
        <translation>Paragraphe</translation>
    </message>
    <message>
        <source>Make the heading a normal paragraph</source>
        <translation>Refaire du titre un paragraphe normal</translation>
    </message>
    <message>
        <source>Bold</source>
        <translation>Gras</translation>
    </message>
    <message>
        <source>Italic</source>
        <translation>Italique</translation>
    </message>
    <message>
        <source>• List</source>
        <translation>• Liste</translation>
    </message>
    <message>
        <source>Bulleted list</source>
        <translation>Liste à puces</translation>
    </message>
    <message>
        <source>1. List</source>
        <translation>1. Liste</translation>
    </message>
    <message>
        <source>Numbered list</source>
        <translation>Liste numérotée</translation>
    </message>
    <message>
        <source>Link…</source>
        <translation>Lien…</translation>
    </message>
    <message>
        <source>Link the selected text to a web address</source>
        <translation>Lier le texte sélectionné à une adresse web</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Lien</translation>
    </message>
    <message>
        <source>Web address for the link:</source>
        <translation>Adresse web du lien&#xa0;:</translation>
    </message>
</context>
<context>
    <name>Rollups</name>
    <message>
        <source>counting the dashboard&apos;s figures</source>
        <translation>calcul des chiffres du tableau de bord</translation>
    </message>
</context>
<context>
    <name>SaveViewDialog</name>
    <message>
        <source>Save View</source>
        <translation>Enregistrer la vue</translation>
    </message>
    <message>
        <source>View name</source>
        <translation>Nom de la vue</translation>
    </message>
    <message>
        <source>e.g. Tech editors not contacted in 90 days</source>
        <translation>p. ex. Rédacteurs tech pas contactés depuis 90 jours</translation>
    </message>
    <message>
        <source>&amp;Share with the team</source>
        <translation>&amp;Partager avec l&apos;équipe</translation>
    </message>
    <message>
        <source>Everyone using this database sees shared views in their sidebar.</source>
        <translation>Tous ceux qui utilisent cette base de données voient les vues partagées dans leur barre latérale.</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom&#xa0;:</translation>
    </message>
</context>
<context>
    <name>SavedViewRepository</name>
    <message>
        <source>Give the view a name.</source>
        <translation>Donnez un nom à la vue.</translation>
    </message>
    <message>
        <source>A view&apos;s name can have at most %1 characters.</source>
        <translation>Le nom d&apos;une vue peut compter au plus %1 caractères.</translation>
    </message>
    <message>
        <source>checking the view&apos;s name</source>
        <translation>vérification du nom de la vue</translation>
    </message>
    <message>
        <source>There is already a view named “%1”.</source>
        <translation>Une vue nommée «&#xa0;%1&#xa0;» existe déjà.</translation>
    </message>
    <message>
        <source>saving the view</source>
        <translation>enregistrement de la vue</translation>
    </message>
    <message>
        <source>This view has not been saved yet.</source>
        <translation>Cette vue n&apos;a pas encore été enregistrée.</translation>
    </message>
    <message>
        <source>Someone else changed or deleted the view “%1” meanwhile. Reload it and try again.</source>
        <translation>Quelqu&apos;un d&apos;autre a modifié ou supprimé la vue «&#xa0;%1&#xa0;» entre-temps. Rechargez-la et réessayez.</translation>
    </message>
    <message>
        <source>deleting the view</source>
        <translation>suppression de la vue</translation>
    </message>
    <message>
        <source>This view no longer exists.</source>
        <translation>Cette vue n&apos;existe plus.</translation>
    </message>
    <message>
        <source>reading the view</source>
        <translation>lecture de la vue</translation>
    </message>
    <message>
        <source>reading the saved views</source>
        <translation>lecture des vues enregistrées</translation>
    </message>
</context>
<context>
    <name>SavedViewsPanel</name>
    <message>
        <source>Saved views</source>
        <translation>Vues enregistrées</translation>
    </message>
    <message>
        <source>Click a view to show it; right-click to rename or delete it.</source>
        <translation>Cliquez sur une vue pour l&apos;afficher&#xa0;; clic droit pour la renommer ou la supprimer.</translation>
    </message>
    <message>
        <source>%1 (shared with the team)</source>
        <translation>%1 (partagée avec l&apos;équipe)</translation>
    </message>
    <message>
        <source>View not shown</source>
        <translation>Vue non affichée</translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation>&amp;Renommer</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>Delete view?</source>
        <translation>Supprimer la vue&#xa0;?</translation>
    </message>
    <message>
        <source>Delete the saved view “%1”?</source>
        <translation>Supprimer la vue enregistrée «&#xa0;%1&#xa0;»&#xa0;?</translation>
    </message>
    <message>
        <source>View not renamed</source>
        <translation>Vue non renommée</translation>
    </message>
    <message>
        <source>View not deleted</source>
        <translation>Vue non supprimée</translation>
    </message>
</context>
<context>
    <name>SearchRepository</name>
    <message>
        <source>searching contacts</source>
        <translation>recherche dans les contacts</translation>
    </message>
    <message>
        <source>searching conversations</source>
        <translation>recherche dans les échanges</translation>
    </message>
    <message>
        <source>searching</source>
        <translation>recherche</translation>
    </message>
    <message>
        <source>counting the common words of the conversations</source>
        <translation>comptage des mots courants des échanges</translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <source>No password or sign-in is stored for %1.</source>
        <translation>Aucun mot de passe ni connexion n&apos;est enregistré pour %1.</translation>
    </message>
    <message>
        <source>The system keyring did not answer, so the sign-in for %1 could not be read. Unlock the keyring or sign in again.</source>
        <translation>Le trousseau de clés du système n&apos;a pas répondu&#xa0;: la connexion pour %1 n&apos;a pas pu être lue. Déverrouillez le trousseau ou reconnectez-vous.</translation>
    </message>
    <message>
        <source>the system keyring is not available (%1)</source>
        <translation>le trousseau de clés du système n&apos;est pas disponible (%1)</translation>
    </message>
    <message numerus="yes">
        <source>the system keyring did not answer within %n second(s); it may be locked</source>
        <translation>
            <numerusform>le trousseau de clés du système n&apos;a pas répondu en %n seconde&#xa0;; il est peut-être verrouillé</numerusform>
            <numerusform>le trousseau de clés du système n&apos;a pas répondu en %n secondes&#xa0;; il est peut-être verrouillé</numerusform>
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
        <translation>Erreur</translation>
    </message>
    <message>
        <source>Sign in again</source>
        <translation>Se reconnecter</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pause</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Pas encore synchronisé</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) could not be read and were skipped.</source>
        <translation>
            <numerusform>%n élément n&apos;a pas pu être lu et a été ignoré.</numerusform>
            <numerusform>%n éléments n&apos;ont pas pu être lus et ont été ignorés.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) could not be read and were skipped: %1</source>
        <translation>
            <numerusform>%n élément n&apos;a pas pu être lu et a été ignoré&#xa0;: %1</numerusform>
            <numerusform>%n éléments n&apos;ont pas pu être lus et ont été ignorés&#xa0;: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SoftDelete</name>
    <message>
        <source>checking the trash</source>
        <translation>vérification de la corbeille</translation>
    </message>
</context>
<context>
    <name>StatsRepository</name>
    <message>
        <source>counting rows</source>
        <translation>comptage des lignes</translation>
    </message>
    <message>
        <source>reading the database</source>
        <translation>lecture de la base de données</translation>
    </message>
</context>
<context>
    <name>SuggestCommand</name>
    <message>
        <source>rapport: %1</source>
        <translation>rapport&#xa0;: %1</translation>
    </message>
    <message>
        <source>Try “rapport --help”.</source>
        <translation>Essayez «&#xa0;rapport --help&#xa0;».</translation>
    </message>
    <message>
        <source>Use “campaign suggest ID”.</source>
        <translation>Utilisez «&#xa0;campaign suggest ID&#xa0;».</translation>
    </message>
    <message>
        <source>The campaign ID must be a positive whole number.</source>
        <translation>L&apos;ID de campagne doit être un nombre entier positif.</translation>
    </message>
    <message>
        <source>--limit needs a number from 1 to 10000.</source>
        <translation>--limit attend un nombre de 1 à 10000.</translation>
    </message>
    <message>
        <source>“%1” has no topics yet: add keywords to its brief to get suggestions.</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;a pas encore de thèmes&#xa0;: ajoutez des mots-clés à son brief pour obtenir des suggestions.</translation>
    </message>
    <message>
        <source>[no recorded consent]</source>
        <translation>[aucun consentement enregistré]</translation>
    </message>
    <message numerus="yes">
        <source>Who to pitch for “%1” (topics: %2): %n of %L3 people</source>
        <translation>
            <numerusform>Qui solliciter pour «&#xa0;%1&#xa0;» (thèmes&#xa0;: %2)&#xa0;: %n sur %L3 personnes</numerusform>
            <numerusform>Qui solliciter pour «&#xa0;%1&#xa0;» (thèmes&#xa0;: %2)&#xa0;: %n sur %L3 personnes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncCommands</name>
    <message>
        <source>accounts list takes no arguments.</source>
        <translation>accounts list n&apos;accepte pas d&apos;arguments.</translation>
    </message>
    <message>
        <source>No accounts. Add one with “rapport accounts add …”.</source>
        <translation>Aucun compte. Ajoutez-en un avec «&#xa0;rapport accounts add …&#xa0;».</translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message numerus="yes">
        <source>last synced %1, %n item(s)</source>
        <translation>
            <numerusform>dernière synchro %1, %n élément</numerusform>
            <numerusform>dernière synchro %1, %n éléments</numerusform>
        </translation>
    </message>
    <message>
        <source>accounts add feed takes one URL.</source>
        <translation>accounts add feed attend une seule URL.</translation>
    </message>
    <message>
        <source>Too many arguments. The secret is read from standard input, never from the command line.</source>
        <translation>Trop d&apos;arguments. Le secret est lu sur l&apos;entrée standard, jamais sur la ligne de commande.</translation>
    </message>
    <message>
        <source>--interval needs a number of minutes from 1 to 10080.</source>
        <translation>--interval attend un nombre de minutes de 1 à 10080.</translation>
    </message>
    <message>
        <source>A feed belongs to a contact or an organization: give --contact ID or --organization ID.</source>
        <translation>Un flux appartient à un contact ou à une organisation&#xa0;: indiquez --contact ID ou --organization ID.</translation>
    </message>
    <message>
        <source>--contact needs a contact&apos;s id.</source>
        <translation>--contact attend l&apos;identifiant d&apos;un contact.</translation>
    </message>
    <message>
        <source>--organization needs an organization&apos;s id.</source>
        <translation>--organization attend l&apos;identifiant d&apos;une organisation.</translation>
    </message>
    <message>
        <source>--server is for Bluesky accounts only.</source>
        <translation>--server ne concerne que les comptes Bluesky.</translation>
    </message>
    <message>
        <source>Access token: </source>
        <translation>Jeton d&apos;accès&#xa0;: </translation>
    </message>
    <message>
        <source>App password: </source>
        <translation>Mot de passe d&apos;application&#xa0;: </translation>
    </message>
    <message>
        <source>No access token on standard input. Pipe it in: rapport accounts add mastodon URL &lt; token.txt</source>
        <translation>Aucun jeton d&apos;accès sur l&apos;entrée standard. Transmettez-le par un tube&#xa0;: rapport accounts add mastodon URL &lt; token.txt</translation>
    </message>
    <message>
        <source>No app password on standard input. Pipe it in: rapport accounts add bluesky HANDLE &lt; password.txt</source>
        <translation>Aucun mot de passe d&apos;application sur l&apos;entrée standard. Transmettez-le par un tube&#xa0;: rapport accounts add bluesky HANDLE &lt; password.txt</translation>
    </message>
    <message>
        <source>No keyring is available, so the secret cannot be kept after this command ends; the account was not added.</source>
        <translation>Aucun trousseau de clés n&apos;est disponible&#xa0;: le secret ne peut pas être conservé après cette commande&#xa0;; le compte n&apos;a pas été ajouté.</translation>
    </message>
    <message>
        <source>The secret could not be stored in the keyring (%1); the account was not added.</source>
        <translation>Le secret n&apos;a pas pu être enregistré dans le trousseau de clés (%1)&#xa0;; le compte n&apos;a pas été ajouté.</translation>
    </message>
    <message>
        <source>Added %1 account #%2 “%3”.</source>
        <translation>Compte %1 n° %2 «&#xa0;%3&#xa0;» ajouté.</translation>
    </message>
    <message>
        <source>accounts remove needs one account id (see “rapport accounts list”).</source>
        <translation>accounts remove attend un seul identifiant de compte (voir «&#xa0;rapport accounts list&#xa0;»).</translation>
    </message>
    <message>
        <source>There is no account #%1.</source>
        <translation>Il n&apos;y a pas de compte n° %1.</translation>
    </message>
    <message>
        <source>Removed account #%1 “%2”.</source>
        <translation>Compte n° %1 «&#xa0;%2&#xa0;» retiré.</translation>
    </message>
    <message>
        <source>rapport: the sign-in could not be deleted from the keyring: %1</source>
        <translation>rapport&#xa0;: la connexion n&apos;a pas pu être supprimée du trousseau de clés&#xa0;: %1</translation>
    </message>
    <message>
        <source>accounts needs list, add or remove.</source>
        <translation>accounts attend list, add ou remove.</translation>
    </message>
    <message>
        <source>Unknown accounts command “%1”: use list, add or remove.</source>
        <translation>Commande accounts inconnue «&#xa0;%1&#xa0;»&#xa0;: utilisez list, add ou remove.</translation>
    </message>
    <message>
        <source>sync takes no arguments; choose an account with --account ID.</source>
        <translation>sync n&apos;accepte pas d&apos;arguments&#xa0;; choisissez un compte avec --account ID.</translation>
    </message>
    <message>
        <source>--account needs an account id or “all”.</source>
        <translation>--account attend un identifiant de compte ou «&#xa0;all&#xa0;».</translation>
    </message>
    <message>
        <source>The database is read-only, so nothing synced could be stored.</source>
        <translation>La base de données est en lecture seule&#xa0;: rien de ce qui a été synchronisé n&apos;a pu être enregistré.</translation>
    </message>
    <message numerus="yes">
        <source>Syncing %1… %n item(s)</source>
        <translation>
            <numerusform>Synchronisation de %1… %n élément</numerusform>
            <numerusform>Synchronisation de %1… %n éléments</numerusform>
        </translation>
    </message>
    <message>
        <source>not synced (the account waits for a new sign-in or is paused)</source>
        <translation>non synchronisé (le compte attend une nouvelle connexion ou est en pause)</translation>
    </message>
    <message>
        <source>#%1 %2: fetched %3, %4 new, %5 to the Inbox</source>
        <translation>n° %1 %2&#xa0;: %3 récupérés, %4 nouveaux, %5 vers la boîte de réception</translation>
    </message>
    <message>
        <source>rapport: #%1 %2: %3</source>
        <translation>rapport&#xa0;: n° %1 %2&#xa0;: %3</translation>
    </message>
    <message>
        <source>No enabled accounts to sync.</source>
        <translation>Aucun compte activé à synchroniser.</translation>
    </message>
    <message numerus="yes">
        <source>%n author(s) waiting in the Inbox.</source>
        <translation>
            <numerusform>%n auteur en attente dans la boîte de réception.</numerusform>
            <numerusform>%n auteurs en attente dans la boîte de réception.</numerusform>
        </translation>
    </message>
    <message>
        <source>accounts add needs a kind (%1) and its address.</source>
        <translation>accounts add attend un type (%1) et son adresse.</translation>
    </message>
    <message>
        <source>Unknown kind of account “%1”: use %2.</source>
        <translation>Type de compte inconnu «&#xa0;%1&#xa0;»&#xa0;: utilisez %2.</translation>
    </message>
</context>
<context>
    <name>SyncHttp</name>
    <message>
        <source>the server</source>
        <translation>le serveur</translation>
    </message>
    <message>
        <source>The sync was cancelled.</source>
        <translation>La synchronisation a été annulée.</translation>
    </message>
    <message>
        <source>%1 answered with more than %2 MB, more than Rapport accepts.</source>
        <translation>%1 a répondu avec plus de %2 Mo, plus que ce que Rapport accepte.</translation>
    </message>
    <message>
        <source>%1 did not answer within %2 s</source>
        <translation>%1 n&apos;a pas répondu en %2 s</translation>
    </message>
    <message>
        <source>%1 refused the connection</source>
        <translation>%1 a refusé la connexion</translation>
    </message>
    <message>
        <source>%1 closed the connection before its answer was complete</source>
        <translation>%1 a fermé la connexion avant la fin de sa réponse</translation>
    </message>
    <message>
        <source>%1 closed the connection without answering</source>
        <translation>%1 a fermé la connexion sans répondre</translation>
    </message>
    <message>
        <source>%1 could not be found. Check the address and the internet connection.</source>
        <translation>%1 est introuvable. Vérifiez l&apos;adresse et la connexion internet.</translation>
    </message>
    <message>
        <source>The secure connection to %1 failed: its certificate is not valid.</source>
        <translation>La connexion sécurisée à %1 a échoué&#xa0;: son certificat n&apos;est pas valide.</translation>
    </message>
    <message>
        <source>The address for %1 is not a web address.</source>
        <translation>L&apos;adresse de %1 n&apos;est pas une adresse web.</translation>
    </message>
    <message>
        <source>the network connection to %1 was lost</source>
        <translation>la connexion réseau à %1 a été perdue</translation>
    </message>
    <message>
        <source>the proxy did not pass the request on to %1</source>
        <translation>le proxy n&apos;a pas transmis la requête à %1</translation>
    </message>
    <message>
        <source>the connection to %1 failed</source>
        <translation>la connexion à %1 a échoué</translation>
    </message>
    <message>
        <source>%1 asks Rapport to wait before the next request, until %2. Rapport will try again then.</source>
        <translation>%1 demande à Rapport d&apos;attendre jusqu&apos;à %2 avant la prochaine requête. Rapport réessaiera à ce moment-là.</translation>
    </message>
    <message>
        <source>%1 sends Rapport from one address to the next without end (redirects in a loop).</source>
        <translation>%1 renvoie Rapport d&apos;une adresse à l&apos;autre sans fin (redirections en boucle).</translation>
    </message>
    <message>
        <source>%1 redirected to an address that is not a web address.</source>
        <translation>%1 a redirigé vers une adresse qui n&apos;est pas une adresse web.</translation>
    </message>
    <message>
        <source>%1 redirected from a secure to an insecure address; Rapport does not follow that.</source>
        <translation>%1 a redirigé d&apos;une adresse sécurisée vers une adresse non sécurisée&#xa0;; Rapport ne suit pas ce type de redirection.</translation>
    </message>
    <message>
        <source>%1 keeps asking Rapport to slow down. Rapport will try again later.</source>
        <translation>%1 demande sans cesse à Rapport de ralentir. Rapport réessaiera plus tard.</translation>
    </message>
    <message>
        <source>%1 answered with server error %2</source>
        <translation>%1 a répondu avec l&apos;erreur serveur %2</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n attempts)</source>
        <translation>
            <numerusform>%1 (%n tentative)</numerusform>
            <numerusform>%1 (%n tentatives)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 took more than %2 s to answer</source>
        <translation>%1 a mis plus de %2 s à répondre</translation>
    </message>
</context>
<context>
    <name>SyncManager</name>
    <message>
        <source>Sync is not running.</source>
        <translation>La synchronisation n&apos;est pas en cours.</translation>
    </message>
    <message>
        <source>Up to date.</source>
        <translation>À jour.</translation>
    </message>
    <message numerus="yes">
        <source>%n new item(s)</source>
        <translation>
            <numerusform>%n nouvel élément</numerusform>
            <numerusform>%n nouveaux éléments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n for the Inbox</source>
        <translation>
            <numerusform>, %n pour la boîte de réception</numerusform>
            <numerusform>, %n pour la boîte de réception</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n like(s), boost(s) or follow(s)</source>
        <translation>
            <numerusform>, %n mention J&apos;aime, partage ou abonnement</numerusform>
            <numerusform>, %n mentions J&apos;aime, partages ou abonnements</numerusform>
        </translation>
    </message>
    <message>
        <source>Rapport cannot sync “%1”: it does not know the network “%2”.</source>
        <translation>Rapport ne peut pas synchroniser «&#xa0;%1&#xa0;»&#xa0;: il ne connaît pas le réseau «&#xa0;%2&#xa0;».</translation>
    </message>
    <message>
        <source>Sync cancelled.</source>
        <translation>Synchronisation annulée.</translation>
    </message>
    <message>
        <source>Rapport does not know the network “%1”.</source>
        <translation>Rapport ne connaît pas le réseau «&#xa0;%1&#xa0;».</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) could not be read and were skipped.</source>
        <translation>
            <numerusform>%n élément n&apos;a pas pu être lu et a été ignoré.</numerusform>
            <numerusform>%n éléments n&apos;ont pas pu être lus et ont été ignorés.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncRepository</name>
    <message>
        <source>Enter the address of the feed.</source>
        <translation>Saisissez l&apos;adresse du flux.</translation>
    </message>
    <message>
        <source>Enter the address of the Mastodon server, like https://mastodon.social.</source>
        <translation>Saisissez l&apos;adresse du serveur Mastodon, par exemple https://mastodon.social.</translation>
    </message>
    <message>
        <source>“%1” is not a web address starting with http:// or https://.</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas une adresse web commençant par http:// ou https://.</translation>
    </message>
    <message>
        <source>Enter the Bluesky handle to sign in with, like name.bsky.social.</source>
        <translation>Saisissez l&apos;identifiant Bluesky avec lequel vous connecter, par exemple nom.bsky.social.</translation>
    </message>
    <message>
        <source>Choose the contact or the organization this feed belongs to.</source>
        <translation>Choisissez le contact ou l&apos;organisation à qui appartient ce flux.</translation>
    </message>
    <message>
        <source>The name can be at most %1 characters long.</source>
        <translation>Le nom peut compter au plus %1 caractères.</translation>
    </message>
    <message>
        <source>Sync at most every minute and at least once a week.</source>
        <translation>Synchronisez au plus toutes les minutes et au moins une fois par semaine.</translation>
    </message>
    <message>
        <source>listing the synced accounts</source>
        <translation>liste des comptes synchronisés</translation>
    </message>
    <message>
        <source>loading the synced account</source>
        <translation>chargement du compte synchronisé</translation>
    </message>
    <message>
        <source>The synced account no longer exists.</source>
        <translation>Le compte synchronisé n&apos;existe plus.</translation>
    </message>
    <message>
        <source>adding the synced account</source>
        <translation>ajout du compte synchronisé</translation>
    </message>
    <message>
        <source>This account has not been saved yet.</source>
        <translation>Ce compte n&apos;a pas encore été enregistré.</translation>
    </message>
    <message>
        <source>saving the synced account</source>
        <translation>enregistrement du compte synchronisé</translation>
    </message>
    <message>
        <source>“%1” was changed or removed by someone else since you opened it. Reload it to see their changes; yours were not saved.</source>
        <translation>«&#xa0;%1&#xa0;» a été modifié ou retiré par quelqu&apos;un d&apos;autre depuis que vous l&apos;avez ouvert. Rechargez-le pour voir ces modifications&#xa0;; les vôtres n&apos;ont pas été enregistrées.</translation>
    </message>
    <message>
        <source>removing the synced account</source>
        <translation>retrait du compte synchronisé</translation>
    </message>
    <message>
        <source>recording the sync result</source>
        <translation>enregistrement du résultat de la synchronisation</translation>
    </message>
    <message>
        <source>reading where the last sync stopped</source>
        <translation>lecture du point où la dernière synchronisation s&apos;est arrêtée</translation>
    </message>
    <message>
        <source>storing synced items</source>
        <translation>enregistrement des éléments synchronisés</translation>
    </message>
    <message>
        <source>storing the synced item %1</source>
        <translation>enregistrement de l&apos;élément synchronisé %1</translation>
    </message>
    <message>
        <source>A synced item came without an identity (source and id); the page was not stored.</source>
        <translation>Un élément synchronisé est arrivé sans identité (source et identifiant)&#xa0;; la page n&apos;a pas été enregistrée.</translation>
    </message>
    <message>
        <source>The synced item %1 has no valid date; the page was not stored.</source>
        <translation>L&apos;élément synchronisé %1 n&apos;a pas de date valide&#xa0;; la page n&apos;a pas été enregistrée.</translation>
    </message>
    <message>
        <source>saving where the sync stopped</source>
        <translation>enregistrement du point où la synchronisation s&apos;est arrêtée</translation>
    </message>
    <message>
        <source>counting engagement</source>
        <translation>comptage des interactions sociales</translation>
    </message>
    <message>
        <source>reading the Inbox</source>
        <translation>lecture de la boîte de réception</translation>
    </message>
    <message>
        <source>counting the Inbox</source>
        <translation>comptage de la boîte de réception</translation>
    </message>
    <message>
        <source>looking for matching contacts</source>
        <translation>recherche de contacts correspondants</translation>
    </message>
    <message>
        <source>same name</source>
        <translation>même nom</translation>
    </message>
    <message>
        <source>similar name</source>
        <translation>nom similaire</translation>
    </message>
    <message>
        <source>handle matches email</source>
        <translation>l&apos;identifiant correspond à l&apos;e-mail</translation>
    </message>
    <message>
        <source>email at the feed&apos;s site</source>
        <translation>e-mail sur le domaine du flux</translation>
    </message>
    <message>
        <source>moving the Inbox items to the contact</source>
        <translation>déplacement des éléments de la boîte de réception vers le contact</translation>
    </message>
    <message>
        <source>The contact no longer exists.</source>
        <translation>Le contact n&apos;existe plus.</translation>
    </message>
    <message>
        <source>%1 already belongs to %2. Remove it there first if it was wrong.</source>
        <translation>%1 appartient déjà à %2. Retirez-le d&apos;abord de là-bas si c&apos;était une erreur.</translation>
    </message>
    <message>
        <source>putting the items back in the Inbox</source>
        <translation>remise des éléments dans la boîte de réception</translation>
    </message>
    <message>
        <source>%1 was not linked to this contact from the Inbox, so there is nothing to undo.</source>
        <translation>%1 n&apos;a pas été associé à ce contact depuis la boîte de réception&#xa0;: il n&apos;y a rien à annuler.</translation>
    </message>
    <message>
        <source>ignoring %1</source>
        <translation>mise à l&apos;écart de %1</translation>
    </message>
    <message>
        <source>no longer ignoring %1</source>
        <translation>fin de la mise à l&apos;écart de %1</translation>
    </message>
    <message>
        <source>reading the contacts&apos; handles</source>
        <translation>lecture des identifiants des contacts</translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message>
        <source>Syncing</source>
        <translation>Synchronisation</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Stop syncing now; what was fetched so far is kept</source>
        <translation>Arrêter la synchronisation maintenant&#xa0;; ce qui a déjà été récupéré est conservé</translation>
    </message>
    <message>
        <source>account %1</source>
        <translation>compte %1</translation>
    </message>
    <message>
        <source>Syncing %1…</source>
        <translation>Synchronisation de %1…</translation>
    </message>
    <message numerus="yes">
        <source>Syncing %1… %n item(s)</source>
        <translation>
            <numerusform>Synchronisation de %1… %n élément</numerusform>
            <numerusform>Synchronisation de %1… %n éléments</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message numerus="yes">
        <source>Synced %n account(s)</source>
        <translation>
            <numerusform>%n compte synchronisé</numerusform>
            <numerusform>%n comptes synchronisés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n new item(s)</source>
        <translation>
            <numerusform>, %n nouvel élément</numerusform>
            <numerusform>, %n nouveaux éléments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n in the Inbox</source>
        <translation>
            <numerusform>, %n dans la boîte de réception</numerusform>
            <numerusform>, %n dans la boîte de réception</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n failed: %1</source>
        <translation>
            <numerusform>; %n en échec&#xa0;: %1</numerusform>
            <numerusform>; %n en échec&#xa0;: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TagsEdit</name>
    <message>
        <source>Separate with commas</source>
        <translation>Séparez par des virgules</translation>
    </message>
</context>
<context>
    <name>TeamConnection</name>
    <message>
        <source>No team database is set up.</source>
        <translation>Aucune base d’équipe n’est configurée.</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <source>%1 on %2 as %3</source>
        <translation>%1 sur %2 en tant que %3</translation>
    </message>
</context>
<context>
    <name>TeamDialog</name>
    <message>
        <source>Team</source>
        <translation>Équipe</translation>
    </message>
    <message>
        <source>Everybody who signs in to %1. The database server enforces each role: what a role may not do is refused there too.</source>
        <translation>Tous ceux qui se connectent à %1. Le serveur de base de données applique chaque rôle&#xa0;: ce qu&apos;un rôle n&apos;a pas le droit de faire y est aussi refusé.</translation>
    </message>
    <message>
        <source>&amp;Change Role</source>
        <translation>&amp;Changer le rôle</translation>
    </message>
    <message>
        <source>&amp;Deactivate…</source>
        <translation>&amp;Désactiver…</translation>
    </message>
    <message>
        <source>The person can no longer sign in; what they did stays, under their name</source>
        <translation>La personne ne peut plus se connecter&#xa0;; ce qu&apos;elle a fait reste, sous son nom</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Rôle&#xa0;:</translation>
    </message>
    <message>
        <source>Invite a person</source>
        <translation>Inviter une personne</translation>
    </message>
    <message>
        <source>e.g. jane.doe</source>
        <translation>p. ex. marie.dupont</translation>
    </message>
    <message>
        <source>Give this password to the person; they sign in with it</source>
        <translation>Donnez ce mot de passe à la personne&#xa0;; elle se connecte avec</translation>
    </message>
    <message>
        <source>&amp;Invite</source>
        <translation>&amp;Inviter</translation>
    </message>
    <message>
        <source>&amp;Signs in as:</source>
        <translation>&amp;Se connecte comme&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;E-mail&#xa0;:</translation>
    </message>
    <message>
        <source>R&amp;ole:</source>
        <translation>R&amp;ôle&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mot de passe&#xa0;:</translation>
    </message>
    <message>
        <source>A personal database has one person and no team.</source>
        <translation>Une base personnelle a une seule personne et pas d&apos;équipe.</translation>
    </message>
    <message>
        <source>Only an admin can manage the team.</source>
        <translation>Seul un admin peut gérer l&apos;équipe.</translation>
    </message>
    <message>
        <source>Give the person a password to sign in with.</source>
        <translation>Donnez à la personne un mot de passe pour se connecter.</translation>
    </message>
    <message>
        <source>Invited %1 as %2. They sign in as “%1” with the password %3 — give it to them in person or by another channel than this one.</source>
        <translation>%1 invité comme %2. La personne se connecte comme «&#xa0;%1&#xa0;» avec le mot de passe %3 — donnez-le-lui en personne ou par un autre canal que celui-ci.</translation>
    </message>
    <message>
        <source>%1 is now %2.</source>
        <translation>%1 est maintenant %2.</translation>
    </message>
    <message>
        <source>Deactivate %1?</source>
        <translation>Désactiver %1&#xa0;?</translation>
    </message>
    <message>
        <source>%1 will no longer be able to sign in. What they did stays, under their name; an admin can invite them again later.</source>
        <translation>%1 ne pourra plus se connecter. Ce qu&apos;il a fait reste, sous son nom&#xa0;; un admin peut l&apos;inviter de nouveau plus tard.</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>Désactiver</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>%1 can no longer sign in.</source>
        <translation>%1 ne peut plus se connecter.</translation>
    </message>
</context>
<context>
    <name>TeamModel</name>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Signs in as</source>
        <translation>Se connecte comme</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Deactivated on %1</source>
        <translation>Désactivé le %1</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Actif</translation>
    </message>
    <message>
        <source>No sign-in yet: invite them</source>
        <translation>Pas encore de connexion&#xa0;: invitez-le</translation>
    </message>
</context>
<context>
    <name>TeamRoles</name>
    <message>
        <source>Viewer</source>
        <translation>Lecteur</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Membre</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>Gestionnaire</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>Admin</translation>
    </message>
    <message>
        <source>Reads everything, changes nothing.</source>
        <translation>Lit tout, ne modifie rien.</translation>
    </message>
    <message>
        <source>Adds and edits contacts, logs conversations, works on the campaigns they are on; changes at most 100 rows at once, cannot erase or merge.</source>
        <translation>Ajoute et modifie des contacts, consigne des conversations, travaille sur ses campagnes&#xa0;; modifie au plus 100 lignes à la fois, ne peut ni effacer ni fusionner.</translation>
    </message>
    <message>
        <source>Everything on the data: bulk actions, merges, erasing, undoing imports, every campaign.</source>
        <translation>Tout sur les données&#xa0;: actions groupées, fusions, effacement, annulation d&apos;imports, toutes les campagnes.</translation>
    </message>
    <message>
        <source>Everything a manager does, and manages the team.</source>
        <translation>Tout ce que fait un gestionnaire, et gère l&apos;équipe.</translation>
    </message>
    <message>
        <source>admin, manager, member or viewer</source>
        <translation>admin, manager, member ou viewer</translation>
    </message>
</context>
<context>
    <name>TextLineReader</name>
    <message>
        <source>The file cannot be read.</source>
        <translation>Le fichier ne peut pas être lu.</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>Le fichier est vide.</translation>
    </message>
    <message>
        <source>This is not a text file (it contains binary data). Save the contacts as CSV or vCard and import that file.</source>
        <translation>Ce n&apos;est pas un fichier texte (il contient des données binaires). Enregistrez les contacts en CSV ou en vCard et importez ce fichier.</translation>
    </message>
    <message>
        <source>Line %1 is longer than %2 characters: this is not a contacts file, or it is damaged.</source>
        <translation>La ligne %1 dépasse %2 caractères&#xa0;: ce n&apos;est pas un fichier de contacts, ou il est endommagé.</translation>
    </message>
    <message>
        <source>The file could not be read to the end: %1</source>
        <translation>Le fichier n&apos;a pas pu être lu jusqu&apos;au bout&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>Theme</name>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Thème</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>&amp;Système</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Clair</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>S&amp;ombre</translation>
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
        <translation>Retombée</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Aujourd&apos;hui</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Hier</translation>
    </message>
    <message>
        <source>by %1</source>
        <comment>logged by an account manager</comment>
        <translation>par %1</translation>
    </message>
    <message>
        <source>via %1</source>
        <comment>synced from a network</comment>
        <translation>via %1</translation>
    </message>
    <message>
        <source>date unknown, first seen %1</source>
        <comment>a synced item whose source gave no date; %1 is a date and time</comment>
        <translation>date inconnue, vu pour la première fois le %1</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <source>Pitched “%1”</source>
        <translation>Pitch envoyé&#xa0;: «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>Replied to the pitch “%1”</source>
        <translation>A répondu au pitch «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>Coverage: %1</source>
        <translation>Retombée&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>TimelineQuery</name>
    <message>
        <source>loading the timeline</source>
        <translation>chargement de l&apos;historique</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>Timeline</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Show one channel only</source>
        <translation>N&apos;afficher qu&apos;un seul canal</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>Tous les canaux</translation>
    </message>
    <message>
        <source>Pitches</source>
        <translation>Pitchs</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>Retombées</translation>
    </message>
    <message>
        <source>Search the timeline</source>
        <translation>Rechercher dans l&apos;historique</translation>
    </message>
    <message>
        <source>Search subjects and notes</source>
        <translation>Rechercher dans les objets et les notes</translation>
    </message>
    <message>
        <source>Conversations, newest first</source>
        <translation>Échanges, les plus récents en premier</translation>
    </message>
    <message>
        <source>Nothing matches this filter.</source>
        <translation>Rien ne correspond à ce filtre.</translation>
    </message>
    <message>
        <source>No conversations yet. Log one with Ctrl+L.</source>
        <translation>Aucun échange pour l&apos;instant. Consignez-en un avec Ctrl+L.</translation>
    </message>
    <message>
        <source>Enter or double-click edits a conversation; Delete moves it to the trash</source>
        <translation>Entrée ou un double-clic modifie un échange&#xa0;; Suppr le met à la corbeille</translation>
    </message>
    <message>
        <source>&amp;Edit Conversation…</source>
        <translation>&amp;Modifier l&apos;échange…</translation>
    </message>
    <message>
        <source>&amp;Delete Conversation</source>
        <translation>&amp;Supprimer l&apos;échange</translation>
    </message>
    <message>
        <source>Move the conversation to the trash (Delete); Ctrl+Z brings it back</source>
        <translation>Mettre l&apos;échange à la corbeille (Suppr)&#xa0;; Ctrl+Z le récupère</translation>
    </message>
    <message>
        <source>&amp;Open Contact</source>
        <translation>&amp;Ouvrir le contact</translation>
    </message>
    <message>
        <source>Conversations with the people here, newest first</source>
        <translation>Échanges avec les personnes d&apos;ici, les plus récents en premier</translation>
    </message>
    <message>
        <source>&amp;View Conversation…</source>
        <translation>&amp;Voir l&apos;échange…</translation>
    </message>
</context>
<context>
    <name>TrashContentCommand</name>
    <message>
        <source>New content item “%1”</source>
        <translation>Nouveau contenu «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>Move “%1” to the trash</source>
        <translation>Mettre «&#xa0;%1&#xa0;» à la corbeille</translation>
    </message>
</context>
<context>
    <name>TrashCoverageCommand</name>
    <message>
        <source>Move coverage “%1” to the trash</source>
        <translation>Mettre la retombée «&#xa0;%1&#xa0;» à la corbeille</translation>
    </message>
</context>
<context>
    <name>TrashDialog</name>
    <message>
        <source>Trash</source>
        <translation>Corbeille</translation>
    </message>
    <message>
        <source>Contacts in the &amp;trash, most recently deleted first:</source>
        <translation>Contacts dans la &amp;corbeille, les derniers supprimés en premier&#xa0;:</translation>
    </message>
    <message>
        <source>Contacts in the trash</source>
        <translation>Contacts dans la corbeille</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Restaurer</translation>
    </message>
    <message>
        <source>Put the selected contacts back in the list</source>
        <translation>Remettre les contacts sélectionnés dans la liste</translation>
    </message>
    <message>
        <source>%1 — deleted %2</source>
        <translation>%1 — supprimé le %2</translation>
    </message>
    <message>
        <source>The trash is empty.</source>
        <translation>La corbeille est vide.</translation>
    </message>
</context>
<context>
    <name>TrashInteractionCommand</name>
    <message>
        <source>Delete “%1”</source>
        <translation>Supprimer «&#xa0;%1&#xa0;»</translation>
    </message>
</context>
<context>
    <name>UndoStatus</name>
    <message>
        <source>Undid: %1</source>
        <translation>Annulé&#xa0;: %1</translation>
    </message>
    <message>
        <source>Redid: %1</source>
        <translation>Rétabli&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>Url</name>
    <message>
        <source>“%1” is not a web address. Enter the article&apos;s address, for example https://www.example.com/2026/05/story.</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas une adresse web. Saisissez l&apos;adresse de l&apos;article, par exemple https://www.example.com/2026/05/story.</translation>
    </message>
    <message>
        <source>Enter the article&apos;s web address.</source>
        <translation>Saisissez l&apos;adresse web de l&apos;article.</translation>
    </message>
    <message>
        <source>The web address is longer than %1 characters.</source>
        <translation>L&apos;adresse web dépasse %1 caractères.</translation>
    </message>
    <message>
        <source>Only web addresses (http:// or https://) can be recorded as coverage, not “%1”.</source>
        <translation>Seules les adresses web (http:// ou https://) peuvent être enregistrées comme retombées, pas «&#xa0;%1&#xa0;».</translation>
    </message>
</context>
<context>
    <name>UserCommands</name>
    <message>
        <source>users list takes no arguments.</source>
        <translation>users list ne prend pas d&apos;argument.</translation>
    </message>
    <message>
        <source>  (deactivated %1)</source>
        <translation>  (désactivé le %1)</translation>
    </message>
    <message>
        <source>users add needs one LOGIN.</source>
        <translation>users add attend un LOGIN.</translation>
    </message>
    <message>
        <source>users add needs --role %1.</source>
        <translation>users add attend --role %1.</translation>
    </message>
    <message>
        <source>--role takes %1.</source>
        <translation>--role prend %1.</translation>
    </message>
    <message>
        <source>Password for %1: </source>
        <translation>Mot de passe pour %1&#xa0;: </translation>
    </message>
    <message>
        <source>users add reads the new person&apos;s password from standard input, and it was empty.</source>
        <translation>users add lit le mot de passe de la nouvelle personne sur l&apos;entrée standard, et elle était vide.</translation>
    </message>
    <message>
        <source>Added %1 as %2. They sign in as %1 with that password.</source>
        <translation>%1 ajouté comme %2. La personne se connecte comme %1 avec ce mot de passe.</translation>
    </message>
    <message>
        <source>users set-role needs a LOGIN and a ROLE (%1).</source>
        <translation>users set-role attend un LOGIN et un ROLE (%1).</translation>
    </message>
    <message>
        <source>The role is %1.</source>
        <translation>Le rôle est %1.</translation>
    </message>
    <message>
        <source>%1 is now %2.</source>
        <translation>%1 est maintenant %2.</translation>
    </message>
    <message>
        <source>users deactivate needs one LOGIN.</source>
        <translation>users deactivate attend un LOGIN.</translation>
    </message>
    <message>
        <source>%1 can no longer sign in; what they did stays, under their name.</source>
        <translation>%1 ne peut plus se connecter&#xa0;; ce qu&apos;il a fait reste, sous son nom.</translation>
    </message>
    <message>
        <source>users takes list, add, set-role or deactivate.</source>
        <translation>users prend list, add, set-role ou deactivate.</translation>
    </message>
</context>
<context>
    <name>UserRepository</name>
    <message>
        <source>looking up the user</source>
        <translation>recherche de l&apos;utilisateur</translation>
    </message>
    <message>
        <source>adding the user</source>
        <translation>ajout de l&apos;utilisateur</translation>
    </message>
    <message>
        <source>listing users</source>
        <translation>liste des utilisateurs</translation>
    </message>
    <message>
        <source>signing in</source>
        <translation>connexion</translation>
    </message>
    <message>
        <source>%1 has no Rapport role on %2. Ask an admin of your team to add you (Settings → Team, or rapport users add %1).</source>
        <translation>%1 n&apos;a pas de rôle Rapport sur %2. Demandez à un admin de votre équipe de vous ajouter (Paramètres → Équipe, ou rapport users add %1).</translation>
    </message>
    <message>
        <source>%1 is a personal database for one person: people and roles exist only on a team database (PostgreSQL).</source>
        <translation>%1 est une base personnelle pour une seule personne&#xa0;: les personnes et les rôles n&apos;existent que sur une base d&apos;équipe (PostgreSQL).</translation>
    </message>
    <message>
        <source>“%1” cannot be a sign-in name: use lower-case letters, digits, “_”, “.” or “-”, starting with a letter, at most 63.</source>
        <translation>«&#xa0;%1&#xa0;» ne peut pas être un identifiant de connexion&#xa0;: utilisez des minuscules, des chiffres, «&#xa0;_&#xa0;», «&#xa0;.&#xa0;» ou «&#xa0;-&#xa0;», en commençant par une lettre, 63 au plus.</translation>
    </message>
    <message>
        <source>“%1” cannot be a sign-in name: names starting with “pg_” or “rapport_” are reserved.</source>
        <translation>«&#xa0;%1&#xa0;» ne peut pas être un identifiant de connexion&#xa0;: les noms commençant par «&#xa0;pg_&#xa0;» ou «&#xa0;rapport_&#xa0;» sont réservés.</translation>
    </message>
    <message>
        <source>adding %1 to the team</source>
        <translation>ajout de %1 à l&apos;équipe</translation>
    </message>
    <message>
        <source>changing the role of %1</source>
        <translation>changement du rôle de %1</translation>
    </message>
    <message>
        <source>deactivating %1</source>
        <translation>désactivation de %1</translation>
    </message>
</context>
<context>
    <name>VCardReader</name>
    <message>
        <source>The card that begins on line %1 has no END:VCARD: the file is cut off or damaged.</source>
        <translation>La fiche qui commence à la ligne %1 n&apos;a pas de END:VCARD&#xa0;: le fichier est tronqué ou endommagé.</translation>
    </message>
    <message>
        <source>Line %1 is not part of a vCard (a card begins with BEGIN:VCARD).</source>
        <translation>La ligne %1 ne fait partie d&apos;aucune vCard (une fiche commence par BEGIN:VCARD).</translation>
    </message>
    <message>
        <source>Line %1 is not a vCard property and was left out.</source>
        <translation>La ligne %1 n&apos;est pas une propriété vCard et a été ignorée.</translation>
    </message>
    <message>
        <source>The card that begins on line %1 has no END:VCARD before the next card begins on line %2.</source>
        <translation>La fiche qui commence à la ligne %1 n&apos;a pas de END:VCARD avant que la suivante ne commence à la ligne %2.</translation>
    </message>
    <message>
        <source>The card that begins on line %1 has more than %2 properties: the file is damaged.</source>
        <translation>La fiche qui commence à la ligne %1 a plus de %2 propriétés&#xa0;: le fichier est endommagé.</translation>
    </message>
    <message>
        <source>Line %1: the %2 property is too long and was left out.</source>
        <translation>Ligne %1&#xa0;: la propriété %2 est trop longue et a été ignorée.</translation>
    </message>
    <message>
        <source>Line %1: the %2 property is larger than %3 MB and was left out.</source>
        <translation>Ligne %1&#xa0;: la propriété %2 dépasse %3 Mo et a été ignorée.</translation>
    </message>
</context>
<context>
    <name>Validation</name>
    <message>
        <source>The handle is empty.</source>
        <translation>L&apos;identifiant est vide.</translation>
    </message>
    <message>
        <source>“%1” is not a valid email address.</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas une adresse e-mail valide.</translation>
    </message>
    <message>
        <source>“%1” is not a Mastodon handle: write it as @user@server.</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas un identifiant Mastodon&#xa0;: écrivez-le sous la forme @utilisateur@serveur.</translation>
    </message>
    <message>
        <source>“%1” is not a Bluesky handle or DID (like name.bsky.social).</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est ni un identifiant Bluesky ni un DID (comme nom.bsky.social).</translation>
    </message>
    <message>
        <source>“%1” is not a web address starting with http:// or https://.</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas une adresse web commençant par http:// ou https://.</translation>
    </message>
    <message>
        <source>“%1” is not an X handle (up to 15 letters, digits or _).</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas un identifiant X (jusqu&apos;à 15 lettres, chiffres ou _).</translation>
    </message>
    <message>
        <source>Unknown network “%1”.</source>
        <translation>Réseau inconnu «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>A contact needs a name.</source>
        <translation>Un contact doit avoir un nom.</translation>
    </message>
    <message>
        <source>Names and titles can be at most %1 characters long.</source>
        <translation>Les noms et fonctions peuvent compter au plus %1 caractères.</translation>
    </message>
    <message>
        <source>The notes are longer than one million characters.</source>
        <translation>Les notes dépassent un million de caractères.</translation>
    </message>
    <message>
        <source>Unknown kind of contact “%1”.</source>
        <translation>Type de contact inconnu «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>The reach cannot be negative.</source>
        <translation>L&apos;audience ne peut pas être négative.</translation>
    </message>
    <message>
        <source>An organization needs a name.</source>
        <translation>Une organisation doit avoir un nom.</translation>
    </message>
    <message>
        <source>The name can be at most %1 characters long.</source>
        <translation>Le nom peut compter au plus %1 caractères.</translation>
    </message>
    <message>
        <source>Unknown kind of organization “%1”.</source>
        <translation>Type d&apos;organisation inconnu «&#xa0;%1&#xa0;».</translation>
    </message>
</context>
<context>
    <name>WhoToPitchTab</name>
    <message>
        <source>Add %1 to the media list</source>
        <translation>Ajouter %1 à la liste médias</translation>
    </message>
    <message numerus="yes">
        <source>Add %n people to the media list</source>
        <translation>
            <numerusform>Ajouter %n personne à la liste médias</numerusform>
            <numerusform>Ajouter %n personnes à la liste médias</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <source>Compute the list again (F5)</source>
        <translation>Recalculer la liste (F5)</translation>
    </message>
    <message>
        <source>Finding people to pitch…</source>
        <translation>Recherche des personnes à solliciter…</translation>
    </message>
    <message>
        <source>Add the selected people to this campaign&apos;s media list as planned pitches (Ctrl+Enter)</source>
        <translation>Ajouter les personnes sélectionnées à la liste médias de cette campagne comme pitchs prévus (Ctrl+Entrée)</translation>
    </message>
    <message>
        <source>Select several with Ctrl or Shift. Enter opens the person.</source>
        <translation>Sélectionnez-en plusieurs avec Ctrl ou Maj. Entrée ouvre la personne.</translation>
    </message>
    <message>
        <source>Add to Media List</source>
        <translation>Ajouter à la liste médias</translation>
    </message>
    <message>
        <source>Refresh Who to Pitch</source>
        <translation>Actualiser «&#xa0;Qui solliciter&#xa0;»</translation>
    </message>
    <message>
        <source>No campaign is open.</source>
        <translation>Aucune campagne n&apos;est ouverte.</translation>
    </message>
    <message>
        <source>Who to pitch</source>
        <translation>Qui solliciter</translation>
    </message>
    <message>
        <source>Topics: %1</source>
        <translation>Thèmes&#xa0;: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n people</source>
        <translation>
            <numerusform>%n personne</numerusform>
            <numerusform>%n personnes</numerusform>
        </translation>
    </message>
    <message>
        <source>This campaign has no topics yet. Add keywords to its brief, one per line (for example “smart home”), and the people who cover them or wrote about them recently appear here.</source>
        <translation>Cette campagne n&apos;a pas encore de thèmes. Ajoutez des mots-clés à son brief, un par ligne (par exemple «&#xa0;maison connectée&#xa0;»), et les personnes qui les couvrent ou qui en ont parlé récemment apparaîtront ici.</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Add %n to Media List</source>
        <translation>
            <numerusform>&amp;Ajouter %n à la liste médias</numerusform>
            <numerusform>&amp;Ajouter %n à la liste médias</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Add to Media List</source>
        <translation>&amp;Ajouter à la liste médias</translation>
    </message>
    <message>
        <source>Nobody new matches the topics: no beat, tag or recent post of anyone who is not on the media list yet mentions them.</source>
        <translation>Personne de nouveau ne correspond aux thèmes&#xa0;: aucune rubrique, étiquette ou publication récente d&apos;une personne absente de la liste médias ne les mentionne.</translation>
    </message>
    <message>
        <source>Best %L1 of %L2 people</source>
        <translation>Les %L1 meilleures sur %L2 personnes</translation>
    </message>
</context>
</TS>
