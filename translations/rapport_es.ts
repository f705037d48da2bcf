<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>AccountEditor</name>
    <message>
        <source>Add %1 Account</source>
        <translation>Añadir una cuenta de %1</translation>
    </message>
    <message>
        <source>Edit %1 Account</source>
        <translation>Editar la cuenta de %1</translation>
    </message>
    <message>
        <source>Add Feed</source>
        <translation>Añadir un feed</translation>
    </message>
    <message>
        <source>Edit Feed</source>
        <translation>Editar el feed</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Servidor:</translation>
    </message>
    <message>
        <source>Sign in with &amp;Browser…</source>
        <translation>Iniciar sesión en el &amp;navegador…</translation>
    </message>
    <message>
        <source>Opens your server&apos;s sign-in page in the browser; Rapport gets a read-only token</source>
        <translation>Abre la página de inicio de sesión de su servidor en el navegador; Rapport obtiene un token de solo lectura</translation>
    </message>
    <message>
        <source>(stored; type a new one to replace it)</source>
        <translation>(guardado; escriba uno nuevo para sustituirlo)</translation>
    </message>
    <message>
        <source>Access &amp;token:</source>
        <translation>&amp;Token de acceso:</translation>
    </message>
    <message>
        <source>On your server: Preferences → Development → New application with the read scopes, then copy “Your access token”.</source>
        <translation>En su servidor: Preferencias → Desarrollo → Nueva aplicación con los permisos de lectura (read) y copie «Su token de acceso».</translation>
    </message>
    <message>
        <source>optional: you@server.social</source>
        <translation>opcional: usted@server.social</translation>
    </message>
    <message>
        <source>&amp;Handle:</source>
        <translation>&amp;Identificador:</translation>
    </message>
    <message>
        <source>App &amp;password:</source>
        <translation>&amp;Contraseña de aplicación:</translation>
    </message>
    <message>
        <source>Create one under Settings → Privacy and security → App passwords. Never your account password.</source>
        <translation>Cree una en Ajustes → Privacidad y seguridad → Contraseñas de aplicación. Nunca la contraseña de su cuenta.</translation>
    </message>
    <message>
        <source>&amp;PDS server:</source>
        <translation>Servidor P&amp;DS:</translation>
    </message>
    <message>
        <source>Feed &amp;URL:</source>
        <translation>&amp;URL del feed:</translation>
    </message>
    <message>
        <source>C&amp;ontact</source>
        <translation>C&amp;ontacto</translation>
    </message>
    <message>
        <source>Or&amp;ganization</source>
        <translation>Or&amp;ganización</translation>
    </message>
    <message>
        <source>Type a name</source>
        <translation>Escriba un nombre</translation>
    </message>
    <message>
        <source>&amp;Belongs to:</source>
        <translation>&amp;Pertenece a:</translation>
    </message>
    <message>
        <source>Belongs to</source>
        <translation>Pertenece a</translation>
    </message>
    <message>
        <source>optional: the feed&apos;s title</source>
        <translation>opcional: el título del feed</translation>
    </message>
    <message>
        <source>optional: the handle</source>
        <translation>opcional: el identificador</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Sync &amp;every:</source>
        <translation>Sincronizar &amp;cada:</translation>
    </message>
    <message>
        <source>Sync when Rapport &amp;starts</source>
        <translation>Sincronizar al i&amp;niciar Rapport</translation>
    </message>
    <message>
        <source>Sync &amp;automatically</source>
        <translation>Sincronizar &amp;automáticamente</translation>
    </message>
    <message>
        <source>Test &amp;Connection</source>
        <translation>Probar la &amp;conexión</translation>
    </message>
    <message>
        <source>Testing the connection</source>
        <translation>Probando la conexión</translation>
    </message>
    <message>
        <source>✓ %1</source>
        <translation>✓ %1</translation>
    </message>
    <message>
        <source>No keyring is available: the secret will be kept only until Rapport quits, and you will have to enter it again next time.</source>
        <translation>No hay ningún llavero disponible: el secreto solo se conservará hasta que se cierre Rapport y tendrá que volver a introducirlo la próxima vez.</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Añadir</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Type the server&apos;s address, such as https://mastodon.social.</source>
        <translation>Escriba la dirección del servidor, por ejemplo https://mastodon.social.</translation>
    </message>
    <message>
        <source>Type the name of the contact or organization whose feed this is.</source>
        <translation>Escriba el nombre del contacto o de la organización a la que pertenece este feed.</translation>
    </message>
    <message>
        <source>No organization is called “%1”.</source>
        <translation>Ninguna organización se llama «%1».</translation>
    </message>
    <message>
        <source>No contact is called “%1”.</source>
        <translation>Ningún contacto se llama «%1».</translation>
    </message>
    <message>
        <source>Several contacts match “%1”: pick one from the list.</source>
        <translation>Varios contactos coinciden con «%1»: elija uno de la lista.</translation>
    </message>
    <message>
        <source>The secret could not be stored: %1</source>
        <translation>No se pudo guardar el secreto: %1</translation>
    </message>
    <message>
        <source>Secret kept for this session only</source>
        <translation>Secreto guardado solo para esta sesión</translation>
    </message>
    <message>
        <source>✓ Signed in as @%1. Save to keep it.</source>
        <translation>✓ Sesión iniciada como @%1. Guarde para conservarla.</translation>
    </message>
    <message>
        <source>Waiting for you to allow Rapport in the browser…</source>
        <translation>Esperando a que autorice a Rapport en el navegador…</translation>
    </message>
    <message>
        <source>Cancel Sign-in</source>
        <translation>Cancelar el inicio de sesión</translation>
    </message>
    <message>
        <source>Registering Rapport with the server…</source>
        <translation>Registrando Rapport en el servidor…</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Probando…</translation>
    </message>
    <message>
        <source>Rapport cannot use the system keyring (%1), so the secret of “%2” is kept only until Rapport quits. You will have to enter it again next time.</source>
        <translation>Rapport no puede usar el llavero del sistema (%1), así que el secreto de «%2» solo se conservará hasta que se cierre Rapport. Tendrá que volver a introducirlo la próxima vez.</translation>
    </message>
    <message>
        <source>Storing the secret in the system keyring…</source>
        <translation>Guardando el secreto en el llavero del sistema…</translation>
    </message>
</context>
<context>
    <name>AccountInput</name>
    <message>
        <source>Sync every 1 to %1 minutes (one week).</source>
        <translation>Sincronice cada 1 a %1 minutos (una semana).</translation>
    </message>
    <message>
        <source>Type the feed&apos;s address, starting with https:// or http://.</source>
        <translation>Escriba la dirección del feed, que empieza por https:// o http://.</translation>
    </message>
    <message>
        <source>Type the server&apos;s address, such as https://mastodon.social.</source>
        <translation>Escriba la dirección del servidor, por ejemplo https://mastodon.social.</translation>
    </message>
    <message>
        <source>Type the account&apos;s handle, such as %1.</source>
        <translation>Escriba el identificador de la cuenta, por ejemplo %1.</translation>
    </message>
    <message>
        <source>Paste the access token from your server.</source>
        <translation>Pegue el token de acceso de su servidor.</translation>
    </message>
    <message>
        <source>Type an app password for this account.</source>
        <translation>Escriba una contraseña de aplicación para esta cuenta.</translation>
    </message>
    <message>
        <source>A feed belongs to one contact or one organization.</source>
        <translation>Un feed pertenece a un único contacto o a una única organización.</translation>
    </message>
</context>
<context>
    <name>AccountListModel</name>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>today %1</source>
        <translation>hoy %1</translation>
    </message>
    <message>
        <source>yesterday %1</source>
        <translation>ayer %1</translation>
    </message>
    <message>
        <source>tomorrow %1</source>
        <translation>mañana %1</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <comment>account list: network · name</comment>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>en pausa</translation>
    </message>
    <message>
        <source>due now</source>
        <translation>pendiente ahora</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Cuenta</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Last synced</source>
        <translation>Última sincronización</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Elementos</translation>
    </message>
    <message>
        <source>Next sync</source>
        <translation>Próxima sincronización</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Último error</translation>
    </message>
</context>
<context>
    <name>AccountsDialog</name>
    <message>
        <source>Accounts</source>
        <translation>Cuentas</translation>
    </message>
    <message>
        <source>Rapport reads mentions, replies and messages from these accounts and feeds. Authors who match a contact go to their history, the others to the Inbox.</source>
        <translation>Rapport lee las menciones, respuestas y mensajes de estas cuentas y feeds. Los autores que coinciden con un contacto van a su historial; los demás, a la bandeja de entrada.</translation>
    </message>
    <message>
        <source>Accounts and feeds</source>
        <translation>Cuentas y feeds</translation>
    </message>
    <message>
        <source>No accounts yet. Add the agency&apos;s Mastodon or Bluesky account, or the feed of a journalist&apos;s blog or an outlet.</source>
        <translation>Todavía no hay cuentas. Añada la cuenta de Mastodon o Bluesky de la agencia, o el feed del blog de un periodista o de un medio.</translation>
    </message>
    <message>
        <source>Add &amp;Mastodon…</source>
        <translation>Añadir &amp;Mastodon…</translation>
    </message>
    <message>
        <source>Add &amp;Bluesky…</source>
        <translation>Añadir &amp;Bluesky…</translation>
    </message>
    <message>
        <source>Add &amp;Feed…</source>
        <translation>Añadir un &amp;feed…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Editar…</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>&amp;Quitar…</translation>
    </message>
    <message>
        <source>&amp;Sync Now</source>
        <translation>&amp;Sincronizar ahora</translation>
    </message>
    <message>
        <source>Sync the selected account now</source>
        <translation>Sincronizar ahora la cuenta seleccionada</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Sincronizando…</translation>
    </message>
    <message numerus="yes">
        <source>Syncing… %n item(s)</source>
        <translation>
            <numerusform>Sincronizando… %n elemento</numerusform>
            <numerusform>Sincronizando… %n elementos</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove Account?</source>
        <translation>¿Quitar la cuenta?</translation>
    </message>
    <message>
        <source>Remove “%1”? Rapport stops syncing it and forgets its sign-in. What it already fetched stays in the contacts&apos; history and the Inbox.</source>
        <translation>¿Quitar «%1»? Rapport deja de sincronizarla y olvida su inicio de sesión. Lo que ya se obtuvo permanece en el historial de los contactos y en la bandeja de entrada.</translation>
    </message>
</context>
<context>
    <name>ActivitySection</name>
    <message>
        <source>Latest</source>
        <comment>the team&apos;s latest conversations</comment>
        <translation>Recientes</translation>
    </message>
    <message>
        <source>Cooling off</source>
        <translation>Enfriándose</translation>
    </message>
    <message>
        <source>The team&apos;s latest conversations</source>
        <translation>Las últimas conversaciones del equipo</translation>
    </message>
    <message>
        <source>Valuable relationships going quiet, to follow up</source>
        <translation>Relaciones valiosas que se están apagando, para retomar</translation>
    </message>
    <message>
        <source>Changes</source>
        <comment>who changed what</comment>
        <translation>Cambios</translation>
    </message>
    <message>
        <source>Who in the team changed what, and when</source>
        <translation>Quién del equipo cambió qué y cuándo</translation>
    </message>
</context>
<context>
    <name>ActivityView</name>
    <message>
        <source>Latest activity</source>
        <translation>Actividad reciente</translation>
    </message>
    <message>
        <source>Account manager</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Show one account manager&apos;s conversations</source>
        <translation>Mostrar las conversaciones de un responsable</translation>
    </message>
    <message>
        <source>Everybody</source>
        <translation>Todos</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>Todos los canales</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Periodo</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Cualquier fecha</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Últimos 7 días</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Últimos 30 días</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>Últimos 90 días</translation>
    </message>
    <message>
        <source>Between…</source>
        <translation>Entre…</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <source>and</source>
        <comment>between date and date</comment>
        <translation>y</translation>
    </message>
    <message>
        <source>&amp;Who:</source>
        <translation>&amp;Quién:</translation>
    </message>
    <message>
        <source>The team&apos;s conversations, newest first</source>
        <translation>Las conversaciones del equipo, las más recientes primero</translation>
    </message>
    <message>
        <source>Enter or double-click opens the contact</source>
        <translation>Intro o doble clic abre el contacto</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualizar</translation>
    </message>
    <message>
        <source>No conversations match these filters.</source>
        <translation>Ninguna conversación coincide con estos filtros.</translation>
    </message>
</context>
<context>
    <name>AddToMediaListCommand</name>
    <message numerus="yes">
        <source>Add %n person(s) to “%1”</source>
        <translation>
            <numerusform>Añadir %n persona a «%1»</numerusform>
            <numerusform>Añadir %n personas a «%1»</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AuditLog</name>
    <message>
        <source>writing the audit log</source>
        <translation>escritura del registro de cambios</translation>
    </message>
</context>
<context>
    <name>AuditTrail</name>
    <message>
        <source>updating the database schema</source>
        <translation>actualizar el esquema de la base de datos</translation>
    </message>
    <message>
        <source>writing the audit log</source>
        <translation>escribir el registro de cambios</translation>
    </message>
</context>
<context>
    <name>BackgroundJob</name>
    <message>
        <source>Working…</source>
        <translation>Procesando…</translation>
    </message>
</context>
<context>
    <name>BackupCommands</name>
    <message>
        <source>  taken:          %1</source>
        <translation>  tomada:         %1</translation>
    </message>
    <message>
        <source>  size:           %1</source>
        <translation>  tamaño:         %1</translation>
    </message>
    <message>
        <source>  schema version: %1</source>
        <translation>  versión del esquema: %1</translation>
    </message>
    <message>
        <source>  contacts:       %L1</source>
        <translation>  contactos:      %L1</translation>
    </message>
    <message>
        <source>  interactions:   %L1</source>
        <translation>  interacciones:  %L1</translation>
    </message>
    <message>
        <source>  campaigns:      %L1</source>
        <translation>  campañas:       %L1</translation>
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
        <translation>Copias de seguridad (la base SQLite integrada; PostgreSQL: pg_dump):
  backup [--out ARCHIVO]
                    Una copia coherente de la base, segura mientras Rapport está abierto. Sin
                    --out: en la carpeta backups junto a la base, conservando las 7 últimas.
  restore COPIA --yes
                    Poner una copia en el lugar de la base (Rapport debe estar cerrado); el archivo
                    actual se guarda aparte con fecha y hora. Sin --yes: solo muestra la copia.
</translation>
    </message>
    <message>
        <source>backup takes no arguments; give the file with --out FILE.</source>
        <translation>backup no admite argumentos; indique el archivo con --out ARCHIVO.</translation>
    </message>
    <message>
        <source>--out needs a file name.</source>
        <translation>--out necesita un nombre de archivo.</translation>
    </message>
    <message>
        <source>Backed up %1 to %2:</source>
        <translation>%1 copiada en %2:</translation>
    </message>
    <message>
        <source>Removed the old backup %1 (the last %2 are kept).</source>
        <translation>Copia antigua %1 eliminada (se conservan las %2 últimas).</translation>
    </message>
    <message>
        <source>restore takes one BACKUP file.</source>
        <translation>restore admite un archivo COPIA.</translation>
    </message>
    <message>
        <source>%1 was written by a newer version of Rapport (schema %2; this version knows up to %3). Restore it with that version, or update Rapport.</source>
        <translation>%1 fue escrito por una versión más reciente de Rapport (esquema %2; esta versión conoce hasta el %3). Restáurelo con esa versión o actualice Rapport.</translation>
    </message>
    <message>
        <source>Backup %1:</source>
        <translation>Copia %1:</translation>
    </message>
    <message>
        <source>restoring replaces the database %1; add --yes to restore this backup.</source>
        <translation>restaurar sustituye la base %1; añada --yes para restaurar esta copia.</translation>
    </message>
    <message>
        <source>Restored %1 into %2:</source>
        <translation>%1 restaurada en %2:</translation>
    </message>
    <message>
        <source>The previous database was kept as %1.</source>
        <translation>La base anterior se conserva como %1.</translation>
    </message>
</context>
<context>
    <name>BackupController</name>
    <message>
        <source>&amp;Back Up Database…</source>
        <translation>Copia de se&amp;guridad de la base…</translation>
    </message>
    <message>
        <source>Save a copy of the whole database to a file, safe while you and the sync keep working</source>
        <translation>Guardar una copia de toda la base en un archivo, sin interrumpir su trabajo ni la sincronización</translation>
    </message>
    <message>
        <source>Res&amp;tore From Backup…</source>
        <translation>Res&amp;taurar una copia…</translation>
    </message>
    <message>
        <source>Put a backup in the place of this database; the current file is kept aside</source>
        <translation>Poner una copia en el lugar de esta base; el archivo actual se guarda aparte</translation>
    </message>
    <message>
        <source>Back Up &amp;Daily</source>
        <translation>Copia &amp;diaria</translation>
    </message>
    <message>
        <source>Once a day, keep a backup in %1 (the last %2)</source>
        <translation>Una vez al día, guardar una copia en %1 (las %2 últimas)</translation>
    </message>
    <message>
        <source>A PostgreSQL database is backed up on its server, with pg_dump</source>
        <translation>Una base PostgreSQL se copia en su servidor, con pg_dump</translation>
    </message>
    <message>
        <source>A backup will be kept every day.</source>
        <translation>Se guardará una copia cada día.</translation>
    </message>
    <message>
        <source>Daily backups are turned off.</source>
        <translation>Las copias diarias están desactivadas.</translation>
    </message>
    <message>
        <source>Today&apos;s backup was saved in %1.</source>
        <translation>La copia de hoy se guardó en %1.</translation>
    </message>
    <message>
        <source>Today&apos;s backup failed: %1</source>
        <translation>La copia de hoy falló: %1</translation>
    </message>
    <message>
        <source>Daily backup failed</source>
        <translation>Falló la copia diaria</translation>
    </message>
    <message>
        <source>Today&apos;s backup could not be written. The earlier backups were left as they were.

%1</source>
        <translation>No se pudo escribir la copia de hoy. Las copias anteriores siguen como estaban.

%1</translation>
    </message>
    <message>
        <source>Back up with pg_dump</source>
        <translation>Copiar con pg_dump</translation>
    </message>
    <message>
        <source>Rapport backup %1.sqlite</source>
        <comment>file name</comment>
        <translation>Copia de Rapport %1.sqlite</translation>
    </message>
    <message>
        <source>Back Up Database</source>
        <translation>Copia de seguridad de la base</translation>
    </message>
    <message>
        <source>Rapport databases (*.sqlite);;All files (*)</source>
        <translation>Bases de Rapport (*.sqlite);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Backing up the database to %1…</source>
        <translation>Copiando la base en %1…</translation>
    </message>
    <message>
        <source>The backup failed.</source>
        <translation>La copia falló.</translation>
    </message>
    <message>
        <source>Backup failed</source>
        <translation>Falló la copia</translation>
    </message>
    <message numerus="yes">
        <source>Backed up %n contact(s) to %1 (%2).</source>
        <translation>
            <numerusform>%n contacto copiado en %1 (%2).</numerusform>
            <numerusform>%n contactos copiados en %1 (%2).</numerusform>
        </translation>
    </message>
    <message>
        <source>Restore From Backup</source>
        <translation>Restaurar una copia</translation>
    </message>
    <message>
        <source>Rapport databases (*.sqlite *.db);;All files (*)</source>
        <translation>Bases de Rapport (*.sqlite *.db);;Todos los archivos (*)</translation>
    </message>
</context>
<context>
    <name>BlueskyMapping</name>
    <message>
        <source>The Bluesky server sent an answer Rapport does not understand (%1).</source>
        <translation>El servidor de Bluesky envió una respuesta que Rapport no entiende (%1).</translation>
    </message>
    <message>
        <source>not JSON: %1</source>
        <translation>no es JSON: %1</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>no es un objeto JSON</translation>
    </message>
    <message>
        <source>no list of notifications</source>
        <translation>no hay lista de notificaciones</translation>
    </message>
    <message>
        <source>no list of posts</source>
        <translation>no hay lista de publicaciones</translation>
    </message>
    <message>
        <source>a session without an account</source>
        <translation>una sesión sin cuenta</translation>
    </message>
    <message>
        <source>a session without tokens</source>
        <translation>una sesión sin tokens</translation>
    </message>
    <message>
        <source>notification %1 (%2) without a valid URI, time or author</source>
        <translation>notificación %1 (%2) sin URI, fecha o autor válidos</translation>
    </message>
    <message>
        <source>post %1 of %2 without a valid URI, time or author</source>
        <translation>publicación %1 de %2 sin URI, fecha o autor válidos</translation>
    </message>
</context>
<context>
    <name>BlueskySession</name>
    <message>
        <source>Bluesky (%1) no longer accepts Rapport&apos;s sign-in for @%2. Sign in again with a new app password.</source>
        <translation>Bluesky (%1) ya no acepta el inicio de sesión de Rapport para @%2. Vuelva a iniciar sesión con una nueva contraseña de aplicación.</translation>
    </message>
    <message>
        <source>Bluesky (%1) answered with status %2.</source>
        <translation>Bluesky (%1) respondió con el estado %2.</translation>
    </message>
    <message>
        <source>Bluesky (%1) answered with status %2: %3</source>
        <translation>Bluesky (%1) respondió con el estado %2: %3</translation>
    </message>
    <message>
        <source>The Bluesky account has no handle to sign in with.</source>
        <translation>La cuenta de Bluesky no tiene identificador con el que iniciar sesión.</translation>
    </message>
    <message>
        <source>Rapport has no app password for @%1 (the keyring may have been reset). Sign in again with an app password.</source>
        <translation>Rapport no tiene contraseña de aplicación para @%1 (puede que se haya restablecido el llavero). Vuelva a iniciar sesión con una contraseña de aplicación.</translation>
    </message>
    <message>
        <source>Bluesky has suspended the account @%1.</source>
        <translation>Bluesky ha suspendido la cuenta @%1.</translation>
    </message>
    <message>
        <source>Bluesky refused the app password for @%1. Create a new app password in Bluesky&apos;s settings and sign in again.</source>
        <translation>Bluesky rechazó la contraseña de aplicación para @%1. Cree una nueva contraseña de aplicación en los ajustes de Bluesky y vuelva a iniciar sesión.</translation>
    </message>
</context>
<context>
    <name>BlueskySource</name>
    <message>
        <source>The Bluesky sync was cancelled.</source>
        <translation>Se canceló la sincronización de Bluesky.</translation>
    </message>
    <message>
        <source>Signed in as @%1</source>
        <translation>Sesión iniciada como @%1</translation>
    </message>
</context>
<context>
    <name>BriefTab</name>
    <message>
        <source>Not set</source>
        <comment>no date</comment>
        <translation>Sin fecha</translation>
    </message>
    <message>
        <source>Brief</source>
        <translation>Briefing</translation>
    </message>
    <message>
        <source>Re&amp;load Theirs</source>
        <translation>Re&amp;cargar la suya</translation>
    </message>
    <message>
        <source>Show the brief as it is stored now; your edits are dropped</source>
        <translation>Mostrar el briefing tal como está guardado; sus cambios se descartan</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>The client organization: type to pick one</source>
        <translation>La organización cliente: escriba para elegir una</translation>
    </message>
    <message>
        <source>&amp;Client:</source>
        <translation>&amp;Cliente:</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Estado:</translation>
    </message>
    <message>
        <source>to</source>
        <comment>from date to date</comment>
        <translation>a</translation>
    </message>
    <message>
        <source>No date</source>
        <translation>Sin fecha</translation>
    </message>
    <message>
        <source>&amp;Dates:</source>
        <translation>&amp;Fechas:</translation>
    </message>
    <message>
        <source>&amp;Owner:</source>
        <translation>&amp;Responsable:</translation>
    </message>
    <message>
        <source>Team members</source>
        <translation>Miembros del equipo</translation>
    </message>
    <message>
        <source>&amp;Team:</source>
        <translation>E&amp;quipo:</translation>
    </message>
    <message>
        <source>What the campaign is about</source>
        <translation>De qué trata la campaña</translation>
    </message>
    <message>
        <source>D&amp;escription:</source>
        <translation>D&amp;escripción:</translation>
    </message>
    <message>
        <source>What counts as success, e.g. ten tier-one articles</source>
        <translation>Qué cuenta como éxito, p. ej. diez artículos en medios de primer nivel</translation>
    </message>
    <message>
        <source>&amp;Goals:</source>
        <translation>&amp;Objetivos:</translation>
    </message>
    <message>
        <source>What every pitch and article should carry</source>
        <translation>Lo que cada pitch y cada artículo debe transmitir</translation>
    </message>
    <message>
        <source>&amp;Key messages:</source>
        <translation>&amp;Mensajes clave:</translation>
    </message>
    <message>
        <source>Keywords, separated by commas: used to suggest whom to pitch</source>
        <translation>Palabras clave separadas por comas: sirven para sugerir a quién contactar</translation>
    </message>
    <message>
        <source>To&amp;pics:</source>
        <translation>&amp;Temas:</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Guardar</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>&amp;Revertir</translation>
    </message>
    <message>
        <source>Save Brief</source>
        <translation>Guardar el briefing</translation>
    </message>
    <message>
        <source>Save the brief (%1)</source>
        <translation>Guardar el briefing (%1)</translation>
    </message>
    <message>
        <source>Nobody</source>
        <translation>Nadie</translation>
    </message>
    <message>
        <source>User %1</source>
        <translation>Usuario %1</translation>
    </message>
    <message>
        <source>The campaign cannot end before it starts (%1).</source>
        <translation>La campaña no puede terminar antes de empezar (%1).</translation>
    </message>
    <message>
        <source>There is no organization named “%1”. Pick one from the list, or add it in Organizations first.</source>
        <translation>No hay ninguna organización llamada «%1». Elija una de la lista o añádala antes en Organizaciones.</translation>
    </message>
    <message>
        <source>Saved the brief of “%1”.</source>
        <translation>Briefing de «%1» guardado.</translation>
    </message>
    <message>
        <source>Saved the brief of “%1”, merged with what %2 changed meanwhile (%3).</source>
        <translation>Briefing de «%1» guardado, combinado con lo que %2 cambió mientras tanto (%3).</translation>
    </message>
    <message>
        <source>Saved the brief of “%1” with your choices.</source>
        <translation>Briefing de «%1» guardado con sus elecciones.</translation>
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
        <translation>Añadir e&amp;tiqueta…</translation>
    </message>
    <message>
        <source>Add a tag to the selected contacts</source>
        <translation>Añadir una etiqueta a los contactos seleccionados</translation>
    </message>
    <message>
        <source>Re&amp;move Tag…</source>
        <translation>&amp;Quitar etiqueta…</translation>
    </message>
    <message>
        <source>Remove a tag from the selected contacts</source>
        <translation>Quitar una etiqueta de los contactos seleccionados</translation>
    </message>
    <message>
        <source>Add &amp;Beat…</source>
        <translation>Añadir se&amp;cción…</translation>
    </message>
    <message>
        <source>Add a beat to the selected contacts</source>
        <translation>Añadir una sección a los contactos seleccionados</translation>
    </message>
    <message>
        <source>Remove B&amp;eat…</source>
        <translation>Quitar s&amp;ección…</translation>
    </message>
    <message>
        <source>Remove a beat from the selected contacts</source>
        <translation>Quitar una sección de los contactos seleccionados</translation>
    </message>
    <message>
        <source>Set &amp;Owner…</source>
        <translation>As&amp;ignar responsable…</translation>
    </message>
    <message>
        <source>Give the selected contacts to an account manager</source>
        <translation>Asignar los contactos seleccionados a un responsable</translation>
    </message>
    <message>
        <source>Set &amp;Kind…</source>
        <translation>Definir el tip&amp;o…</translation>
    </message>
    <message>
        <source>Set the kind of the selected contacts</source>
        <translation>Definir el tipo de los contactos seleccionados</translation>
    </message>
    <message>
        <source>Bulk change failed</source>
        <translation>Error en el cambio en bloque</translation>
    </message>
    <message>
        <source>Add Beat</source>
        <translation>Añadir sección</translation>
    </message>
    <message>
        <source>Add Tag</source>
        <translation>Añadir etiqueta</translation>
    </message>
    <message>
        <source>Remove Beat</source>
        <translation>Quitar sección</translation>
    </message>
    <message>
        <source>Remove Tag</source>
        <translation>Quitar etiqueta</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Beat to add to %n contact(s):</source>
        <translation>
            <numerusform>&amp;Sección que añadir a %n contacto:</numerusform>
            <numerusform>&amp;Sección que añadir a %n contactos:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Tag to add to %n contact(s):</source>
        <translation>
            <numerusform>&amp;Etiqueta que añadir a %n contacto:</numerusform>
            <numerusform>&amp;Etiqueta que añadir a %n contactos:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Beat to remove from %n contact(s):</source>
        <translation>
            <numerusform>&amp;Sección que quitar de %n contacto:</numerusform>
            <numerusform>&amp;Sección que quitar de %n contactos:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Tag to remove from %n contact(s):</source>
        <translation>
            <numerusform>&amp;Etiqueta que quitar de %n contacto:</numerusform>
            <numerusform>&amp;Etiqueta que quitar de %n contactos:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Changing %n contact(s)…</source>
        <translation>
            <numerusform>Cambiando %n contacto…</numerusform>
            <numerusform>Cambiando %n contactos…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add beat “%1” to %n contact(s)</source>
        <translation>
            <numerusform>Añadir la sección «%1» a %n contacto</numerusform>
            <numerusform>Añadir la sección «%1» a %n contactos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add tag “%1” to %n contact(s)</source>
        <translation>
            <numerusform>Añadir la etiqueta «%1» a %n contacto</numerusform>
            <numerusform>Añadir la etiqueta «%1» a %n contactos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove beat “%1” from %n contact(s)</source>
        <translation>
            <numerusform>Quitar la sección «%1» de %n contacto</numerusform>
            <numerusform>Quitar la sección «%1» de %n contactos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove tag “%1” from %n contact(s)</source>
        <translation>
            <numerusform>Quitar la etiqueta «%1» de %n contacto</numerusform>
            <numerusform>Quitar la etiqueta «%1» de %n contactos</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to change.</source>
        <translation>No hay nada que cambiar.</translation>
    </message>
    <message>
        <source>Nobody</source>
        <comment>no owner</comment>
        <translation>Nadie</translation>
    </message>
    <message>
        <source>Set Owner</source>
        <translation>Asignar responsable</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Account manager for %n contact(s):</source>
        <translation>
            <numerusform>&amp;Responsable de %n contacto:</numerusform>
            <numerusform>&amp;Responsable de %n contactos:</numerusform>
        </translation>
    </message>
    <message>
        <source>nobody</source>
        <comment>no owner</comment>
        <translation>nadie</translation>
    </message>
    <message numerus="yes">
        <source>Give %n contact(s) to %1</source>
        <translation>
            <numerusform>Asignar %n contacto a %1</numerusform>
            <numerusform>Asignar %n contactos a %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Set Kind</source>
        <translation>Definir el tipo</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Kind of %n contact(s):</source>
        <translation>
            <numerusform>&amp;Tipo de %n contacto:</numerusform>
            <numerusform>&amp;Tipo de %n contactos:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Make %n contact(s) “%1”</source>
        <translation>
            <numerusform>Cambiar %n contacto a «%1»</numerusform>
            <numerusform>Cambiar %n contactos a «%1»</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Moving %n contact(s) to the trash…</source>
        <translation>
            <numerusform>Moviendo %n contacto a la papelera…</numerusform>
            <numerusform>Moviendo %n contactos a la papelera…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n contact(s) to the trash</source>
        <translation>
            <numerusform>Mover %n contacto a la papelera</numerusform>
            <numerusform>Mover %n contactos a la papelera</numerusform>
        </translation>
    </message>
    <message>
        <source>. Undo with %1.</source>
        <translation>. Deshacer con %1.</translation>
    </message>
    <message>
        <source>Select None</source>
        <translation>No seleccionar nada</translation>
    </message>
    <message>
        <source>Keep only the current contact selected</source>
        <translation>Dejar seleccionado solo el contacto actual</translation>
    </message>
    <message>
        <source>%L1 selected</source>
        <comment>contacts</comment>
        <translation>%L1 seleccionados</translation>
    </message>
    <message>
        <source>Add to &amp;Campaign…</source>
        <translation>Añadir a &amp;una campaña…</translation>
    </message>
    <message>
        <source>Add the selected contacts to a campaign&apos;s media list</source>
        <translation>Añadir los contactos seleccionados a la lista de medios de una campaña</translation>
    </message>
    <message>
        <source>There is no campaign yet: create one in the Campaigns section first.</source>
        <translation>Todavía no hay ninguna campaña: cree una primero en la sección Campañas.</translation>
    </message>
    <message>
        <source>Add to Campaign</source>
        <translation>Añadir a una campaña</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Campaign to add %n contact(s) to:</source>
        <translation>
            <numerusform>&amp;Campaña a la que añadir %n contacto:</numerusform>
            <numerusform>&amp;Campaña a la que añadir %n contactos:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Adding %n contact(s) to “%1”…</source>
        <translation>
            <numerusform>Añadiendo %n contacto a «%1»…</numerusform>
            <numerusform>Añadiendo %n contactos a «%1»…</numerusform>
        </translation>
    </message>
    <message>
        <source>“%1”:</source>
        <comment>campaign name</comment>
        <translation>«%1»:</translation>
    </message>
    <message>
        <source>%L1 selected — your role changes at most %L2 at once; ask a manager</source>
        <comment>contacts</comment>
        <translation>%L1 seleccionados: su rol cambia como máximo %L2 a la vez; pídaselo a un gestor</translation>
    </message>
</context>
<context>
    <name>BulkCommand</name>
    <message>
        <source>Could not undo or redo</source>
        <translation>No se pudo deshacer ni rehacer</translation>
    </message>
    <message>
        <source>“%1” could not be undone or redone: %2</source>
        <translation>No se pudo deshacer ni rehacer «%1»: %2</translation>
    </message>
    <message>
        <source>Undoing or redoing “%1”…</source>
        <translation>Deshaciendo o rehaciendo «%1»…</translation>
    </message>
</context>
<context>
    <name>BulkContactRepository</name>
    <message>
        <source>reading the selected contacts</source>
        <translation>lectura de los contactos seleccionados</translation>
    </message>
    <message>
        <source>saving the selected contacts</source>
        <translation>guardado de los contactos seleccionados</translation>
    </message>
    <message>
        <source>writing the audit log</source>
        <translation>escritura del registro de cambios</translation>
    </message>
    <message>
        <source>saving a tag</source>
        <translation>guardado de una etiqueta</translation>
    </message>
    <message>
        <source>reading a tag</source>
        <translation>lectura de una etiqueta</translation>
    </message>
    <message>
        <source>Enter the name of a tag.</source>
        <translation>Escriba el nombre de una etiqueta.</translation>
    </message>
    <message>
        <source>A tag can have at most %1 characters.</source>
        <translation>Una etiqueta puede tener como máximo %1 caracteres.</translation>
    </message>
    <message>
        <source>Unknown kind of tag: %1</source>
        <translation>Tipo de etiqueta desconocido: %1</translation>
    </message>
    <message>
        <source>saving the tags of the selected contacts</source>
        <translation>guardado de las etiquetas de los contactos seleccionados</translation>
    </message>
    <message>
        <source>updating the search index</source>
        <translation>actualización del índice de búsqueda</translation>
    </message>
    <message>
        <source>Unknown kind of contact: %1</source>
        <translation>Tipo de contacto desconocido: %1</translation>
    </message>
    <message>
        <source>reading the users</source>
        <translation>lectura de los usuarios</translation>
    </message>
    <message>
        <source>That account manager no longer exists.</source>
        <translation>Ese responsable ya no existe.</translation>
    </message>
    <message>
        <source>reading the tags</source>
        <translation>lectura de las etiquetas</translation>
    </message>
</context>
<context>
    <name>BulkInserter</name>
    <message>
        <source>writing %1</source>
        <translation>escritura de %1</translation>
    </message>
    <message>
        <source>reading %1</source>
        <translation>lectura de %1</translation>
    </message>
    <message>
        <source>checking whether the database is empty</source>
        <translation>comprobación de que la base de datos está vacía</translation>
    </message>
    <message>
        <source>emptying %1</source>
        <translation>vaciado de %1</translation>
    </message>
    <message>
        <source>updating the ids of %1</source>
        <translation>actualización de los identificadores de %1</translation>
    </message>
    <message>
        <source>preparing the bulk load</source>
        <translation>preparación de la carga masiva</translation>
    </message>
    <message>
        <source>building the indexes</source>
        <translation>creación de los índices</translation>
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
        <translation>Pruebe «rapport --help».</translation>
    </message>
    <message>
        <source>Use “rapport campaigns list [--client ID]”.</source>
        <translation>Use «rapport campaigns list [--client ID]».</translation>
    </message>
    <message>
        <source>--client needs an organization id (a whole number above 0).</source>
        <translation>--client necesita el id de una organización (un número entero mayor que 0).</translation>
    </message>
    <message>
        <source>There is no organization with id %1.</source>
        <translation>No hay ninguna organización con el id %1.</translation>
    </message>
    <message>
        <source>No campaigns.</source>
        <translation>No hay campañas.</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Campaña</translation>
    </message>
    <message>
        <source>List</source>
        <translation>Lista</translation>
    </message>
    <message>
        <source>Pitched</source>
        <translation>Enviados</translation>
    </message>
    <message>
        <source>Replied</source>
        <translation>Respuestas</translation>
    </message>
    <message>
        <source>Covered</source>
        <translation>Cubiertos</translation>
    </message>
    <message>
        <source>Reach</source>
        <translation>Alcance</translation>
    </message>
    <message>
        <source>Use “rapport campaign show ID”.</source>
        <translation>Use «rapport campaign show ID».</translation>
    </message>
    <message>
        <source>“%1” is not a campaign id (a whole number above 0).</source>
        <translation>«%1» no es un id de campaña (un número entero mayor que 0).</translation>
    </message>
    <message>
        <source>There is no campaign with id %1.</source>
        <translation>No hay ninguna campaña con el id %1.</translation>
    </message>
    <message>
        <source>Client:</source>
        <translation>Cliente:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Estado:</translation>
    </message>
    <message>
        <source>Dates:</source>
        <translation>Fechas:</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>del %1 al %2</translation>
    </message>
    <message>
        <source>Owner:</source>
        <translation>Responsable:</translation>
    </message>
    <message>
        <source>Team:</source>
        <translation>Equipo:</translation>
    </message>
    <message>
        <source>Topics:</source>
        <translation>Temas:</translation>
    </message>
    <message>
        <source>Description:</source>
        <translation>Descripción:</translation>
    </message>
    <message>
        <source>Goals:</source>
        <translation>Objetivos:</translation>
    </message>
    <message>
        <source>Key messages:</source>
        <translation>Mensajes clave:</translation>
    </message>
    <message>
        <source>Pitches:</source>
        <translation>Pitches:</translation>
    </message>
    <message>
        <source>Coverage (%1):</source>
        <translation>Cobertura (%1):</translation>
    </message>
    <message>
        <source>reach %1</source>
        <translation>alcance %1</translation>
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
        <translation>Titular</translation>
    </message>
    <message>
        <source>Outlet</source>
        <translation>Medio</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Autor</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Reach</source>
        <translation>Alcance</translation>
    </message>
    <message>
        <source>Sentiment</source>
        <translation>Tono</translation>
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
        <translation>Editar el briefing de «%1»</translation>
    </message>
    <message>
        <source>“%1” was changed by someone else since; it was left as they saved it.</source>
        <translation>«%1» fue modificada entretanto por otra persona; se ha quedado como la guardó.</translation>
    </message>
    <message>
        <source>New campaign “%1”</source>
        <translation>Nueva campaña «%1»</translation>
    </message>
    <message>
        <source>Move campaign “%1” to the trash</source>
        <translation>Mover la campaña «%1» a la papelera</translation>
    </message>
    <message>
        <source>Restore campaign “%1”</source>
        <translation>Restaurar la campaña «%1»</translation>
    </message>
</context>
<context>
    <name>CampaignHistoryTab</name>
    <message>
        <source>History</source>
        <translation>Cambios</translation>
    </message>
</context>
<context>
    <name>CampaignListModel</name>
    <message>
        <source>People on the campaign&apos;s media list</source>
        <translation>Personas en la lista de medios de la campaña</translation>
    </message>
    <message>
        <source>People pitched (every pitch past “planned”)</source>
        <translation>Personas contactadas (todo pitch más allá de «previsto»)</translation>
    </message>
    <message>
        <source>Pitches that got a reply (replied, interested, declined or covered)</source>
        <translation>Pitches que recibieron respuesta (respondido, interesado, rechazado o cubierto)</translation>
    </message>
    <message>
        <source>Pitches that led to coverage</source>
        <translation>Pitches que dieron lugar a cobertura</translation>
    </message>
    <message>
        <source>The audience of the campaign&apos;s coverage, added up</source>
        <translation>El alcance sumado de la cobertura de la campaña</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Campaña</translation>
    </message>
    <message>
        <source>Client</source>
        <comment>a client of the PR agency</comment>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>On list</source>
        <comment>people on the media list</comment>
        <translation>En lista</translation>
    </message>
    <message>
        <source>Pitched</source>
        <translation>Enviados</translation>
    </message>
    <message>
        <source>Replied</source>
        <translation>Respuestas</translation>
    </message>
    <message>
        <source>Covered</source>
        <translation>Cubiertos</translation>
    </message>
    <message>
        <source>Reach</source>
        <comment>audience size</comment>
        <translation>Alcance</translation>
    </message>
    <message>
        <source>In the trash since %1</source>
        <translation>En la papelera desde el %1</translation>
    </message>
</context>
<context>
    <name>CampaignListQuery</name>
    <message>
        <source>sorting the campaign list</source>
        <translation>ordenación de la lista de campañas</translation>
    </message>
    <message>
        <source>loading the campaign list</source>
        <translation>carga de la lista de campañas</translation>
    </message>
    <message>
        <source>counting campaigns</source>
        <translation>recuento de las campañas</translation>
    </message>
    <message>
        <source>listing the clients</source>
        <translation>listado de los clientes</translation>
    </message>
</context>
<context>
    <name>CampaignRepository</name>
    <message>
        <source>A campaign needs a name.</source>
        <translation>Una campaña necesita un nombre.</translation>
    </message>
    <message>
        <source>The name can be at most 300 characters long.</source>
        <translation>El nombre puede tener como máximo 300 caracteres.</translation>
    </message>
    <message>
        <source>Unknown campaign status “%1”.</source>
        <translation>Estado de campaña desconocido «%1».</translation>
    </message>
    <message>
        <source>The campaign cannot end before it starts.</source>
        <translation>La campaña no puede terminar antes de empezar.</translation>
    </message>
    <message>
        <source>adding the campaign</source>
        <translation>adición de la campaña</translation>
    </message>
    <message>
        <source>This campaign has not been saved yet.</source>
        <translation>Esta campaña aún no se ha guardado.</translation>
    </message>
    <message>
        <source>saving the campaign</source>
        <translation>guardado de la campaña</translation>
    </message>
    <message>
        <source>“%1” was changed or deleted by someone else since you opened it. Reload it to see their changes; yours were not saved.</source>
        <translation>Otra persona modificó o eliminó «%1» desde que usted la abrió. Vuelva a cargarla para ver esos cambios; los suyos no se guardaron.</translation>
    </message>
    <message>
        <source>loading the campaign</source>
        <translation>carga de la campaña</translation>
    </message>
    <message>
        <source>The campaign no longer exists.</source>
        <translation>La campaña ya no existe.</translation>
    </message>
    <message>
        <source>moving the campaign to the trash</source>
        <translation>traslado de la campaña a la papelera</translation>
    </message>
    <message>
        <source>restoring the campaign</source>
        <translation>restauración de la campaña</translation>
    </message>
    <message>
        <source>listing campaigns</source>
        <translation>listado de las campañas</translation>
    </message>
    <message>
        <source>adding the pitch</source>
        <translation>adición del pitch</translation>
    </message>
    <message>
        <source>The contact no longer exists.</source>
        <translation>El contacto ya no existe.</translation>
    </message>
    <message>
        <source>%1 asked not to be contacted (%2): they cannot be pitched.</source>
        <translation>%1 pidió no ser contactado (%2): no se le puede enviar un pitch.</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>sin motivo indicado</translation>
    </message>
    <message>
        <source>This contact is already on the campaign&apos;s pitch list.</source>
        <translation>Este contacto ya está en la lista de medios de la campaña.</translation>
    </message>
    <message>
        <source>Unknown pitch status “%1”.</source>
        <translation>Estado de pitch desconocido «%1».</translation>
    </message>
    <message>
        <source>saving the pitch</source>
        <translation>guardado del pitch</translation>
    </message>
    <message>
        <source>The pitch no longer exists.</source>
        <translation>El pitch ya no existe.</translation>
    </message>
    <message>
        <source>listing pitches</source>
        <translation>listado de los pitches</translation>
    </message>
    <message>
        <source>saving the campaign&apos;s team</source>
        <translation>guardado del equipo de la campaña</translation>
    </message>
</context>
<context>
    <name>CampaignStatus</name>
    <message>
        <source>Planned</source>
        <translation>Prevista</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>En curso</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Finalizada</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelada</translation>
    </message>
</context>
<context>
    <name>CampaignSummaryQuery</name>
    <message>
        <source>counting the campaign&apos;s pitches</source>
        <translation>recuento de los pitches de la campaña</translation>
    </message>
    <message>
        <source>loading the campaign&apos;s coverage</source>
        <translation>carga de la cobertura de la campaña</translation>
    </message>
    <message>
        <source>loading the users</source>
        <translation>carga de los usuarios</translation>
    </message>
</context>
<context>
    <name>CampaignWorkspace</name>
    <message>
        <source>Select a campaign to see its brief, content, media list, pipeline and coverage.</source>
        <translation>Elija una campaña para ver su briefing, contenidos, lista de medios, embudo y cobertura.</translation>
    </message>
    <message>
        <source>Brief</source>
        <translation>Briefing</translation>
    </message>
    <message>
        <source>Client, name, goals, key messages, topics, dates and team.</source>
        <translation>Cliente, nombre, objetivos, mensajes clave, temas, fechas y equipo.</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>Contenidos</translation>
    </message>
    <message>
        <source>Press releases, pitch emails, posts and media kits, with their versions.</source>
        <translation>Notas de prensa, correos de pitch, publicaciones y dosieres de prensa, con sus versiones.</translation>
    </message>
    <message>
        <source>Media list</source>
        <translation>Lista de medios</translation>
    </message>
    <message>
        <source>The people this campaign pitches, with warnings before anyone is pitched.</source>
        <translation>Las personas a las que se dirige esta campaña, con avisos antes de contactar a nadie.</translation>
    </message>
    <message>
        <source>Pipeline</source>
        <translation>Embudo</translation>
    </message>
    <message>
        <source>Every pitch as a board: planned, pitched, replied, interested, declined, covered.</source>
        <translation>Cada pitch en un tablero: previsto, enviado, respondido, interesado, rechazado, cubierto.</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>Cobertura</translation>
    </message>
    <message>
        <source>The articles and posts that came out, with reach and sentiment.</source>
        <translation>Los artículos y publicaciones aparecidos, con su alcance y su tono.</translation>
    </message>
    <message>
        <source>Who to pitch</source>
        <translation>A quién contactar</translation>
    </message>
    <message>
        <source>People ranked for this campaign, with the reasons in words.</source>
        <translation>Personas ordenadas para esta campaña, con los motivos en palabras.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Cambios sin guardar</translation>
    </message>
    <message>
        <source>This campaign has unsaved changes (%1). Save them before leaving it?</source>
        <translation>Esta campaña tiene cambios sin guardar (%1). ¿Guardarlos antes de salir?</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Cambios</translation>
    </message>
    <message>
        <source>Who changed what in this campaign, and when.</source>
        <translation>Quién cambió qué en esta campaña y cuándo.</translation>
    </message>
</context>
<context>
    <name>CampaignsView</name>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Campañas</translation>
    </message>
    <message>
        <source>Search by name, client or description</source>
        <translation>Buscar por nombre, cliente o descripción</translation>
    </message>
    <message>
        <source>Search campaigns</source>
        <translation>Buscar campañas</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Only this client&apos;s campaigns</source>
        <translation>Solo las campañas de este cliente</translation>
    </message>
    <message>
        <source>All clients</source>
        <translation>Todos los clientes</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Cualquier estado</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Only the campaigns this account manager owns</source>
        <translation>Solo las campañas de las que es responsable esta persona</translation>
    </message>
    <message>
        <source>Any owner</source>
        <translation>Cualquier responsable</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En curso</translation>
    </message>
    <message>
        <source>Only the campaigns running at some time in this period</source>
        <translation>Solo las campañas en curso en algún momento de este periodo</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Cualquier fecha</translation>
    </message>
    <message>
        <source>Running now</source>
        <translation>En curso ahora</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>Este mes</translation>
    </message>
    <message>
        <source>This quarter</source>
        <translation>Este trimestre</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>Este año</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>Últimos 12 meses</translation>
    </message>
    <message>
        <source>Next 3 months</source>
        <translation>Próximos 3 meses</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Nueva</translation>
    </message>
    <message>
        <source>&amp;Trash</source>
        <translation>&amp;Papelera</translation>
    </message>
    <message>
        <source>Show the campaigns in the trash, to restore them</source>
        <translation>Mostrar las campañas de la papelera para restaurarlas</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Restaurar</translation>
    </message>
    <message>
        <source>&amp;New Campaign</source>
        <translation>&amp;Nueva campaña</translation>
    </message>
    <message>
        <source>&amp;Edit Brief</source>
        <translation>&amp;Editar el briefing</translation>
    </message>
    <message>
        <source>&amp;Move to Trash</source>
        <translation>&amp;Mover a la papelera</translation>
    </message>
    <message>
        <source>&amp;Restore Campaign</source>
        <translation>&amp;Restaurar la campaña</translation>
    </message>
    <message>
        <source>Show &amp;Trash</source>
        <translation>Mostrar la pape&amp;lera</translation>
    </message>
    <message>
        <source>%L1 in the trash</source>
        <translation>%L1 en la papelera</translation>
    </message>
    <message numerus="yes">
        <source>%Ln campaign(s)</source>
        <translation>
            <numerusform>%Ln campaña</numerusform>
            <numerusform>%Ln campañas</numerusform>
        </translation>
    </message>
    <message>
        <source>%L1 of %L2</source>
        <translation>%L1 de %L2</translation>
    </message>
    <message>
        <source>New campaign</source>
        <translation>Nueva campaña</translation>
    </message>
    <message>
        <source>Moved “%1” to the trash.</source>
        <translation>«%1» movida a la papelera.</translation>
    </message>
    <message>
        <source>Restored “%1”.</source>
        <translation>«%1» restaurada.</translation>
    </message>
</context>
<context>
    <name>ChartExport</name>
    <message>
        <source>Could not save the chart as %1</source>
        <translation>No se pudo guardar el gráfico como %1</translation>
    </message>
</context>
<context>
    <name>ChartPanel</name>
    <message>
        <source>Table</source>
        <translation>Tabla</translation>
    </message>
    <message>
        <source>Show the numbers as a table</source>
        <translation>Mostrar las cifras como tabla</translation>
    </message>
    <message>
        <source>Copy as CSV</source>
        <translation>Copiar como CSV</translation>
    </message>
    <message>
        <source>Copy the chart&apos;s numbers to the clipboard, for a spreadsheet</source>
        <translation>Copiar las cifras del gráfico al portapapeles, para una hoja de cálculo</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Save the chart as an image</source>
        <translation>Guardar el gráfico como imagen</translation>
    </message>
    <message>
        <source>Save as PNG…</source>
        <translation>Guardar como PNG…</translation>
    </message>
    <message>
        <source>Save as SVG…</source>
        <translation>Guardar como SVG…</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>Calculando…</translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <comment>chart hover: series, category: value</comment>
        <translation>%1, %2: %3</translation>
    </message>
    <message>
        <source>SVG drawings (*.svg)</source>
        <translation>Dibujos SVG (*.svg)</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Imágenes PNG (*.png)</translation>
    </message>
    <message>
        <source>Save Chart</source>
        <translation>Guardar gráfico</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>Unknown option --%1.</source>
        <translation>Opción desconocida --%1.</translation>
    </message>
    <message>
        <source>The option --%1 needs a value.</source>
        <translation>La opción --%1 necesita un valor.</translation>
    </message>
    <message>
        <source>The option --%1 takes no value.</source>
        <translation>La opción --%1 no admite ningún valor.</translation>
    </message>
    <message>
        <source>Unknown option %1.</source>
        <translation>Opción desconocida %1.</translation>
    </message>
    <message>
        <source>Unknown command “%1”.</source>
        <translation>Comando desconocido «%1».</translation>
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
        <translation>Uso: rapport [--db RUTA-o-URL] [--lang CÓDIGO] [COMANDO] [OPCIONES] [--json]

Sin un comando, abre la ventana de Rapport.

Comandos:
  demo --size small|large [--seed N] [--force]
                    Llena una base de datos vacía con una agencia de RR. PP. de demostración (--force reemplaza lo que haya).
  stats             Filas por tabla, versión del esquema y tamaño de la base de datos.
  search CONSULTA [--limit N] [--contacts-only]
                    Contactos y conversaciones que coinciden con CONSULTA, por relevancia (las palabras son prefijos).
  migrate           Lleva la base de datos al esquema actual e indica lo que se hizo.
  sync [--account ID|all]
                    Obtiene una vez las nuevas publicaciones y mensajes de una cuenta activa o de todas.
  accounts list     Las cuentas y feeds que Rapport sincroniza, con su estado.
  accounts add feed URL --contact ID|--organization ID [--interval MIN] [--name NOMBRE]
  accounts add mastodon SERVER_URL [--handle USER@SERVER] [--name NOMBRE]
  accounts add bluesky HANDLE [--server PDS_URL] [--name NOMBRE]
                    Añade una cuenta. El token de acceso de Mastodon o la contraseña de aplicación
                    de Bluesky se leen de la entrada estándar, nunca de la línea de comandos.
  accounts remove ID
                    Deja de sincronizar una cuenta y borra su inicio de sesión del llavero.
  campaigns list [--client ID]
                    Las campañas, las más recientes primero, con sus cifras de pitches y el alcance de la cobertura.
  campaign show ID  El briefing de una campaña, sus pitches por estado y su cobertura.
  campaign suggest ID [--limit N]
                    A quién contactar para una campaña: personas ordenadas por afinidad, con los motivos.

Opciones:
  --db RUTA-o-URL   Un archivo SQLite, o postgresql://user[:password]@host[:port]/database.
                    Por defecto: rapport.sqlite en la carpeta de datos del usuario.
  --lang CÓDIGO     Idioma de la interfaz (en, de, fr, es); por defecto, el del sistema.
  --json            Muestra el resultado como JSON.
  --help, --version

Código de salida: 0 correcto, 1 error (el motivo aparece en la salida de errores), 2 uso incorrecto.
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
Informes (sin pantalla):
  report --client ID|--campaign ID --from AAAA-MM-DD --to AAAA-MM-DD --out ARCHIVO.pdf [--agency NOMBRE]
                    Un informe de cliente en PDF: portada, resumen, gráficos, embudo de pitches,
                    medios principales y la tabla de cobertura del periodo.
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
El equipo de una base de datos de equipo (PostgreSQL; añadir, cambiar roles y desactivar es cosa de los admins):
  users list        Todas las personas, con su rol (admin, manager, member, viewer).
  users add LOGIN --role ROLE [--name NAME] [--email EMAIL]
                    Una persona nueva que inicia sesión como LOGIN; la contraseña se lee de la entrada estándar.
  users set-role LOGIN ROLE
  users deactivate LOGIN
                    LOGIN ya no puede iniciar sesión; lo que hizo se conserva.
</translation>
    </message>
</context>
<context>
    <name>CommandPalette</name>
    <message>
        <source>Command palette</source>
        <translation>Paleta de comandos</translation>
    </message>
    <message>
        <source>Type a name, a section or a command…</source>
        <translation>Escriba un nombre, una sección o un comando…</translation>
    </message>
    <message>
        <source>Command palette search</source>
        <translation>Búsqueda en la paleta de comandos</translation>
    </message>
    <message>
        <source>Matching commands, contacts and organizations</source>
        <translation>Comandos, contactos y organizaciones que coinciden</translation>
    </message>
    <message>
        <source>↑↓ to choose · Enter to open · Esc to close</source>
        <translation>↑↓ para elegir · Intro para abrir · Esc para cerrar</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contacto</translation>
    </message>
    <message>
        <source>Contact: %1</source>
        <translation>Contacto: %1</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>Organización</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <source>Unknown command “%1”.</source>
        <translation>Comando desconocido «%1».</translation>
    </message>
    <message>
        <source>rapport: %1</source>
        <translation>rapport: %1</translation>
    </message>
    <message>
        <source>Try “rapport --help”.</source>
        <translation>Pruebe «rapport --help».</translation>
    </message>
    <message>
        <source>--seed needs a whole number.</source>
        <translation>--seed necesita un número entero.</translation>
    </message>
    <message>
        <source>demo takes no arguments.</source>
        <translation>demo no admite argumentos.</translation>
    </message>
    <message>
        <source>Generating demo data… %1% (%2)</source>
        <translation>Generando los datos de demostración… %1 % (%2)</translation>
    </message>
    <message>
        <source>Demo data written to %1 in %2 s:</source>
        <translation>Datos de demostración escritos en %1 en %2 s:</translation>
    </message>
    <message>
        <source>stats takes no arguments.</source>
        <translation>stats no admite argumentos.</translation>
    </message>
    <message>
        <source>Database:       %1</source>
        <translation>Base de datos:       %1</translation>
    </message>
    <message>
        <source>Schema version: %1</source>
        <translation>Versión del esquema: %1</translation>
    </message>
    <message>
        <source>Size:           %1</source>
        <translation>Tamaño:              %1</translation>
    </message>
    <message>
        <source>Rows:</source>
        <translation>Filas:</translation>
    </message>
    <message>
        <source>search needs a QUERY.</source>
        <translation>search necesita una CONSULTA.</translation>
    </message>
    <message>
        <source>--limit needs a number from 1 to 10000.</source>
        <translation>--limit necesita un número de 1 a 10000.</translation>
    </message>
    <message>
        <source>The query has no letters or digits to search for.</source>
        <translation>La consulta no tiene letras ni dígitos que buscar.</translation>
    </message>
    <message>
        <source>migrate takes no arguments.</source>
        <translation>migrate no admite argumentos.</translation>
    </message>
    <message>
        <source>%1 is already at schema version %2; nothing to do.</source>
        <translation>%1 ya está en la versión %2 del esquema; no hay nada que hacer.</translation>
    </message>
    <message>
        <source>Migrated %1 from schema version %2 to %3:</source>
        <translation>%1 migrada de la versión %2 del esquema a la %3:</translation>
    </message>
    <message>
        <source>Contacts (%L1):</source>
        <translation>Contactos (%L1):</translation>
    </message>
    <message>
        <source>Conversations (%L1):</source>
        <translation>Conversaciones (%L1):</translation>
    </message>
    <message>
        <source>report needs either --client ID or --campaign ID.</source>
        <translation>report necesita --client ID o --campaign ID.</translation>
    </message>
    <message>
        <source>report needs a number after --%1.</source>
        <translation>report necesita un número después de --%1.</translation>
    </message>
    <message>
        <source>report needs --from and --to as dates (YYYY-MM-DD).</source>
        <translation>report necesita --from y --to como fechas (AAAA-MM-DD).</translation>
    </message>
    <message>
        <source>The report&apos;s --from date is after its --to date.</source>
        <translation>La fecha --from del informe es posterior a su fecha --to.</translation>
    </message>
    <message>
        <source>report needs --out FILE.pdf.</source>
        <translation>report necesita --out ARCHIVO.pdf.</translation>
    </message>
    <message>
        <source>report takes no arguments besides its options.</source>
        <translation>report no admite argumentos aparte de sus opciones.</translation>
    </message>
    <message>
        <source>Wrote the report to %1 (%L2 bytes).</source>
        <translation>Informe escrito en %1 (%L2 bytes).</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Changed by Someone Else</source>
        <translation>Cambiado por otra persona</translation>
    </message>
    <message>
        <source>While you edited “%1”, %2 saved changes to the same fields. Choose for each field what to keep; everything else you and they changed is merged.</source>
        <translation>Mientras editaba «%1», %2 guardó cambios en los mismos campos. Elija para cada campo qué conservar; todo lo demás que cambiaron usted y esa persona se combina.</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>Original</translation>
    </message>
    <message>
        <source>Theirs</source>
        <translation>Lo suyo</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>Lo mío</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Conservar</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(vacío)</translation>
    </message>
    <message>
        <source>Nothing is saved; what you typed stays in the form</source>
        <translation>No se guarda nada; lo que escribió se queda en el formulario</translation>
    </message>
    <message>
        <source>someone else</source>
        <translation>otra persona</translation>
    </message>
    <message>
        <source>“%1” was moved to the trash by %2 while you edited it, so your changes were not saved; they are still in the form. Restore it from the trash to save them, or Reload to drop them.</source>
        <translation>%2 movió «%1» a la papelera mientras lo editaba, así que sus cambios no se guardaron; siguen en el formulario. Restáurelo desde la papelera para guardarlos, o recargue para descartarlos.</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>Connect to Team Database</source>
        <translation>Conectar con la base de datos del equipo</translation>
    </message>
    <message>
        <source>Work together with your team on one PostgreSQL database. Ask whoever set up the server for these details; the password is kept in the system keyring.</source>
        <translation>Trabaje con su equipo en una misma base de datos PostgreSQL. Pida estos datos a quien instaló el servidor; la contraseña se guarda en el llavero del sistema.</translation>
    </message>
    <message>
        <source>db.agency.example</source>
        <translation>db.agencia.example</translation>
    </message>
    <message>
        <source>rapport</source>
        <translation>rapport</translation>
    </message>
    <message>
        <source>Encrypted, server verified with the CA file (verify-full)</source>
        <translation>Cifrado, servidor verificado con el archivo CA (verify-full)</translation>
    </message>
    <message>
        <source>Encrypted when the server offers it (prefer)</source>
        <translation>Cifrado si el servidor lo ofrece (prefer)</translation>
    </message>
    <message>
        <source>Encrypted, server not verified (require)</source>
        <translation>Cifrado, servidor sin verificar (require)</translation>
    </message>
    <message>
        <source>Not encrypted (disable)</source>
        <translation>Sin cifrar (disable)</translation>
    </message>
    <message>
        <source>verify-full encrypts the connection and checks that the server is the one named in its certificate, signed by the CA file: use it for a server on a network.</source>
        <translation>verify-full cifra la conexión y comprueba que el servidor es el indicado en su certificado, firmado por el archivo CA: úselo para un servidor en una red.</translation>
    </message>
    <message>
        <source>~/.postgresql/root.crt</source>
        <translation>~/.postgresql/root.crt</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Examinar…</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Servidor:</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>P&amp;uerto:</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>Base de &amp;datos:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Usuario:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Contraseña:</translation>
    </message>
    <message>
        <source>&amp;Encryption:</source>
        <translation>C&amp;ifrado:</translation>
    </message>
    <message>
        <source>C&amp;A file:</source>
        <translation>&amp;Archivo CA:</translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation>&amp;Probar conexión</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>C&amp;onectar</translation>
    </message>
    <message>
        <source>Enter the server&apos;s name or address.</source>
        <translation>Introduzca el nombre o la dirección del servidor.</translation>
    </message>
    <message>
        <source>Enter the name of the database.</source>
        <translation>Introduzca el nombre de la base de datos.</translation>
    </message>
    <message>
        <source>Enter your user name on the server.</source>
        <translation>Introduzca su nombre de usuario en el servidor.</translation>
    </message>
    <message>
        <source>The CA file %1 cannot be read.</source>
        <translation>No se puede leer el archivo CA %1.</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Conectando con %1…</translation>
    </message>
    <message>
        <source>Connected. The database is empty: Rapport sets it up when it opens it.</source>
        <translation>Conectado. La base de datos está vacía: Rapport la prepara al abrirla.</translation>
    </message>
    <message>
        <source>Connected to %1.</source>
        <translation>Conectado con %1.</translation>
    </message>
    <message>
        <source>Keeping the password in the keyring…</source>
        <translation>Guardando la contraseña en el llavero…</translation>
    </message>
    <message>
        <source>CA file of the database server</source>
        <translation>Archivo CA del servidor de base de datos</translation>
    </message>
    <message>
        <source>Certificates (*.crt *.pem);;All files (*)</source>
        <translation>Certificados (*.crt *.pem);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>The CA file&apos;s path must not contain a semicolon: move the file elsewhere.</source>
        <translation>La ruta del archivo CA no debe contener punto y coma: mueva el archivo a otro lugar.</translation>
    </message>
    <message>
        <source>The connection is encrypted (TLS).</source>
        <translation>La conexión está cifrada (TLS).</translation>
    </message>
    <message>
        <source>The connection is not encrypted: use it only on a network you trust.</source>
        <translation>La conexión no está cifrada: úsela solo en una red de confianza.</translation>
    </message>
</context>
<context>
    <name>ContactCampaignsPanel</name>
    <message>
        <source>Campaigns and coverage</source>
        <translation>Campañas y cobertura</translation>
    </message>
    <message>
        <source>Campaign or coverage</source>
        <translation>Campaña o cobertura</translation>
    </message>
    <message>
        <source>Pitch</source>
        <comment>the pitch&apos;s status</comment>
        <translation>Pitch</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Not pitched for any campaign yet, and no coverage recorded.</source>
        <translation>Aún no contactado para ninguna campaña y sin cobertura registrada.</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Campaign %1. Double-click or press Enter to open it.</source>
        <translation>Campaña %1. Haga doble clic o pulse Intro para abrirla.</translation>
    </message>
    <message>
        <source>Not pitched</source>
        <translation>No contactado</translation>
    </message>
    <message>
        <source>Coverage without a campaign</source>
        <translation>Cobertura sin campaña</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Reach %L1</source>
        <translation>Alcance %L1</translation>
    </message>
</context>
<context>
    <name>ContactCampaignsQuery</name>
    <message>
        <source>loading the person&apos;s campaigns</source>
        <translation>carga de las campañas de la persona</translation>
    </message>
</context>
<context>
    <name>ContactColumnChooser</name>
    <message>
        <source>Columns</source>
        <translation>Columnas</translation>
    </message>
</context>
<context>
    <name>ContactEditor</name>
    <message>
        <source>Re&amp;vert</source>
        <translation>&amp;Revertir</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Guardar</translation>
    </message>
    <message>
        <source>&amp;Reload (lose my changes)</source>
        <translation>&amp;Recargar (perder mis cambios)</translation>
    </message>
    <message>
        <source>&amp;Keep editing</source>
        <translation>&amp;Seguir editando</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Abrir</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Descartar</translation>
    </message>
    <message>
        <source>&amp;New contact</source>
        <translation>&amp;Nuevo contacto</translation>
    </message>
    <message>
        <source>&amp;Save contact</source>
        <translation>&amp;Guardar el contacto</translation>
    </message>
    <message>
        <source>Re&amp;vert changes</source>
        <translation>&amp;Revertir los cambios</translation>
    </message>
    <message>
        <source>Show &amp;trash…</source>
        <translation>Mostrar la &amp;papelera…</translation>
    </message>
    <message>
        <source>Contacts in the trash, to restore</source>
        <translation>Contactos en la papelera, para restaurar</translation>
    </message>
    <message>
        <source>Ne&amp;xt contact</source>
        <translation>Contacto &amp;siguiente</translation>
    </message>
    <message>
        <source>&amp;Previous contact</source>
        <translation>Contacto &amp;anterior</translation>
    </message>
    <message>
        <source>New contact</source>
        <translation>Nuevo contacto</translation>
    </message>
    <message>
        <source>%1 (edited)</source>
        <translation>%1 (editado)</translation>
    </message>
    <message>
        <source>the new contact</source>
        <translation>el nuevo contacto</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Cambios sin guardar</translation>
    </message>
    <message>
        <source>Save your changes to %1?</source>
        <translation>¿Guardar los cambios en %1?</translation>
    </message>
    <message>
        <source>“%1” added.</source>
        <translation>«%1» añadido.</translation>
    </message>
    <message>
        <source>“%1” saved.</source>
        <translation>«%1» guardado.</translation>
    </message>
    <message>
        <source>Organization “%1” created.</source>
        <translation>Organización «%1» creada.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>No guardado: %1</translation>
    </message>
    <message>
        <source>Not saved: someone else changed this contact.</source>
        <translation>No guardado: otra persona modificó este contacto.</translation>
    </message>
    <message>
        <source>Delete a contact</source>
        <translation>Eliminar un contacto</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n contacts</source>
        <translation>
            <numerusform>Eliminar %n contacto</numerusform>
            <numerusform>Eliminar %n contactos</numerusform>
        </translation>
    </message>
    <message>
        <source>Not deleted</source>
        <translation>No eliminado</translation>
    </message>
    <message>
        <source>Moved to trash. Undo with %1.</source>
        <translation>Movido a la papelera. Deshacer con %1.</translation>
    </message>
    <message numerus="yes">
        <source>%n contacts moved to trash. Undo with %1.</source>
        <translation>
            <numerusform>%n contacto movido a la papelera. Deshacer con %1.</numerusform>
            <numerusform>%n contactos movidos a la papelera. Deshacer con %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Restore %n contacts</source>
        <translation>
            <numerusform>Restaurar %n contacto</numerusform>
            <numerusform>Restaurar %n contactos</numerusform>
        </translation>
    </message>
    <message>
        <source>Not restored</source>
        <translation>No restaurado</translation>
    </message>
    <message numerus="yes">
        <source>%n contacts restored.</source>
        <translation>
            <numerusform>%n contacto restaurado.</numerusform>
            <numerusform>%n contactos restaurados.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not undo or redo</source>
        <translation>No se pudo deshacer ni rehacer</translation>
    </message>
    <message>
        <source>&amp;Log…</source>
        <translation>&amp;Registrar…</translation>
    </message>
    <message>
        <source>Log a conversation with this contact</source>
        <translation>Registrar una conversación con este contacto</translation>
    </message>
    <message>
        <source>Log a call, email or meeting with this contact</source>
        <translation>Registrar una llamada, un correo o una reunión con este contacto</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Perfil</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Historial</translation>
    </message>
    <message>
        <source>Move to Tras&amp;h</source>
        <translation>&amp;Mover a la papelera</translation>
    </message>
    <message>
        <source>“%1” is in the trash: shown on its own. Restore it from Contact → Show trash.</source>
        <translation>«%1» está en la papelera: se muestra por separado. Restáurelo desde Contacto → Mostrar la papelera.</translation>
    </message>
    <message>
        <source>Search and filters cleared to show “%1”.</source>
        <translation>Se borraron la búsqueda y los filtros para mostrar «%1».</translation>
    </message>
    <message>
        <source>another contact</source>
        <translation>otro contacto</translation>
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
        <translation>%1, en la papelera</translation>
    </message>
    <message>
        <source>Shares an email or handle with %1.</source>
        <translation>Comparte un correo electrónico o un identificador con %1.</translation>
    </message>
    <message>
        <source>Shares an email or handle with %1 and %2 others.</source>
        <translation>Comparte un correo electrónico o un identificador con %1 y otros %2.</translation>
    </message>
    <message>
        <source>the other contact</source>
        <translation>el otro contacto</translation>
    </message>
    <message>
        <source>&amp;Save Anyway</source>
        <translation>&amp;Guardar de todos modos</translation>
    </message>
    <message>
        <source>&amp;Open “%1” (discard my changes)</source>
        <translation>&amp;Abrir «%1» (descartar mis cambios)</translation>
    </message>
    <message>
        <source>&amp;Merge…</source>
        <translation>&amp;Fusionar…</translation>
    </message>
    <message>
        <source>Keep &amp;Editing</source>
        <translation>&amp;Seguir editando</translation>
    </message>
    <message>
        <source>Possible duplicate</source>
        <translation>Posible duplicado</translation>
    </message>
    <message>
        <source>%1 The two may be the same person.

Save “%2” anyway, open “%3” instead, or merge the two?</source>
        <translation>%1 Puede que sean la misma persona.

¿Guardar «%2» de todos modos, abrir «%3» en su lugar o fusionar ambos?</translation>
    </message>
    <message>
        <source>The contact you are editing was merged: saving will report the change.</source>
        <translation>El contacto que está editando se fusionó: al guardar se notificará el cambio.</translation>
    </message>
    <message>
        <source>“%1” was merged into “%2”.</source>
        <translation>«%1» se fusionó con «%2».</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Campañas</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Cambios</translation>
    </message>
    <message>
        <source>Who changed what in this profile, and when</source>
        <translation>Quién cambió qué en este perfil y cuándo</translation>
    </message>
    <message>
        <source>“%1” saved, merged with what %2 changed meanwhile (%3).</source>
        <translation>«%1» guardado, combinado con lo que %2 cambió mientras tanto (%3).</translation>
    </message>
    <message>
        <source>%1 changed the same fields meanwhile: choose what to keep.</source>
        <translation>%1 cambió los mismos campos mientras tanto: elija qué conservar.</translation>
    </message>
    <message>
        <source>“%1” saved with your choices.</source>
        <translation>«%1» guardado con sus elecciones.</translation>
    </message>
</context>
<context>
    <name>ContactFilterPanel</name>
    <message>
        <source>Contact filters</source>
        <translation>Filtros de contactos</translation>
    </message>
    <message>
        <source>Kinds</source>
        <translation>Tipos</translation>
    </message>
    <message>
        <source>Beats and tags</source>
        <translation>Secciones y etiquetas</translation>
    </message>
    <message>
        <source>e.g. retail, consumer tech</source>
        <translation>p. ej. comercio, tecnología de consumo</translation>
    </message>
    <message>
        <source>Outlets</source>
        <translation>Medios</translation>
    </message>
    <message>
        <source>Type an outlet&apos;s name</source>
        <translation>Escriba el nombre de un medio</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>País</translation>
    </message>
    <message>
        <source>Any country</source>
        <translation>Cualquier país</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ciudad</translation>
    </message>
    <message>
        <source>Any city</source>
        <translation>Cualquier ciudad</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>Cualquiera</translation>
    </message>
    <message>
        <source>Do not contact</source>
        <translation>No contactar</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>Todos</translation>
    </message>
    <message>
        <source>Only “do not contact”</source>
        <translation>Solo «no contactar»</translation>
    </message>
    <message>
        <source>Leave out “do not contact”</source>
        <translation>Excluir «no contactar»</translation>
    </message>
    <message>
        <source>Not contacted in days</source>
        <translation>Sin contactar desde hace (días)</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Desactivado</translation>
    </message>
    <message>
        <source> days</source>
        <translation> días</translation>
    </message>
    <message>
        <source>C&amp;lear filters</source>
        <translation>&amp;Borrar los filtros</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Tipo:</translation>
    </message>
    <message>
        <source>&amp;Beats, tags:</source>
        <translation>&amp;Secciones, etiquetas:</translation>
    </message>
    <message>
        <source>O&amp;utlet:</source>
        <translation>&amp;Medio:</translation>
    </message>
    <message>
        <source>O&amp;wner:</source>
        <translation>Res&amp;ponsable:</translation>
    </message>
    <message>
        <source>Cou&amp;ntry:</source>
        <translation>Pa&amp;ís:</translation>
    </message>
    <message>
        <source>C&amp;ity:</source>
        <translation>C&amp;iudad:</translation>
    </message>
    <message>
        <source>&amp;Do not contact:</source>
        <translation>&amp;No contactar:</translation>
    </message>
    <message>
        <source>Not contacted &amp;in:</source>
        <translation>Sin contactar &amp;desde:</translation>
    </message>
</context>
<context>
    <name>ContactFollowUpsPanel</name>
    <message>
        <source>Open follow-ups</source>
        <translation>Seguimientos pendientes</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Hecho</translation>
    </message>
    <message>
        <source>Mark the selected follow-up as done</source>
        <translation>Marcar el seguimiento seleccionado como hecho</translation>
    </message>
    <message>
        <source>+1 day</source>
        <translation>+1 día</translation>
    </message>
    <message>
        <source>Move the selected follow-up one day on</source>
        <translation>Aplazar un día el seguimiento seleccionado</translation>
    </message>
    <message>
        <source>+1 week</source>
        <translation>+1 semana</translation>
    </message>
    <message>
        <source>Move the selected follow-up one week on</source>
        <translation>Aplazar una semana el seguimiento seleccionado</translation>
    </message>
    <message>
        <source>Open follow-ups with this contact</source>
        <translation>Seguimientos pendientes con este contacto</translation>
    </message>
    <message>
        <source>Open follow-ups (%L1)</source>
        <translation>Seguimientos pendientes (%L1)</translation>
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
        <translation>Bl&amp;uesky:</translation>
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
        <translation>Sitio &amp;web:</translation>
    </message>
    <message>
        <source>Blog or &amp;feed:</source>
        <translation>Blog o &amp;feed:</translation>
    </message>
    <message>
        <source>Identity</source>
        <translation>Identidad</translation>
    </message>
    <message>
        <source>&amp;First name:</source>
        <translation>N&amp;ombre:</translation>
    </message>
    <message>
        <source>&amp;Last name:</source>
        <translation>&amp;Apellidos:</translation>
    </message>
    <message>
        <source>Displa&amp;y name:</source>
        <translation>Nombre &amp;visible:</translation>
    </message>
    <message>
        <source>First and last name</source>
        <translation>Nombre y apellidos</translation>
    </message>
    <message>
        <source>Pro&amp;nouns:</source>
        <translation>Pro&amp;nombres:</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Cargo:</translation>
    </message>
    <message>
        <source>&amp;Organization:</source>
        <translation>O&amp;rganización:</translation>
    </message>
    <message>
        <source>Outlet or company: pick one or type a new name</source>
        <translation>Medio o empresa: elija uno o escriba un nombre nuevo</translation>
    </message>
    <message>
        <source>&amp;Role there:</source>
        <translation>&amp;Función allí:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Tipo:</translation>
    </message>
    <message>
        <source>O&amp;wner:</source>
        <translation>Res&amp;ponsable:</translation>
    </message>
    <message>
        <source>Reach and channels</source>
        <translation>Alcance y canales</translation>
    </message>
    <message>
        <source>email address</source>
        <translation>correo electrónico</translation>
    </message>
    <message>
        <source>&amp;Emails:</source>
        <translation>&amp;Correos:</translation>
    </message>
    <message>
        <source>phone number</source>
        <translation>número de teléfono</translation>
    </message>
    <message>
        <source>&amp;Phones:</source>
        <translation>Telé&amp;fonos:</translation>
    </message>
    <message>
        <source>No preference</source>
        <translation>Sin preferencia</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
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
        <translation>En persona</translation>
    </message>
    <message>
        <source>Prefe&amp;rred channel:</source>
        <translation>Canal &amp;preferido:</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Desconocido</translation>
    </message>
    <message>
        <source> people</source>
        <translation> personas</translation>
    </message>
    <message>
        <source>Reac&amp;h:</source>
        <translation>Alcanc&amp;e:</translation>
    </message>
    <message>
        <source>Beats and tags</source>
        <translation>Secciones y etiquetas</translation>
    </message>
    <message>
        <source>&amp;Beats:</source>
        <translation>&amp;Secciones:</translation>
    </message>
    <message>
        <source>T&amp;ags:</source>
        <translation>Eti&amp;quetas:</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Ubicación</translation>
    </message>
    <message>
        <source>&amp;City:</source>
        <translation>C&amp;iudad:</translation>
    </message>
    <message>
        <source>Countr&amp;y:</source>
        <translation>Pa&amp;ís:</translation>
    </message>
    <message>
        <source>Time &amp;zone:</source>
        <translation>&amp;Zona horaria:</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>No&amp;tes:</source>
        <translation>No&amp;tas:</translation>
    </message>
    <message>
        <source>Consent and contact</source>
        <translation>Consentimiento y contacto</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>No registrado</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Consentimiento</translation>
    </message>
    <message>
        <source>Legitimate interest</source>
        <translation>Interés legítimo</translation>
    </message>
    <message>
        <source>Contract</source>
        <translation>Contrato</translation>
    </message>
    <message>
        <source>Public professional role</source>
        <translation>Función profesional pública</translation>
    </message>
    <message>
        <source>Consent &amp;basis:</source>
        <translation>&amp;Base legal:</translation>
    </message>
    <message>
        <source>Recorded on</source>
        <translation>Registrado el</translation>
    </message>
    <message>
        <source>Consent date</source>
        <translation>Fecha del consentimiento</translation>
    </message>
    <message>
        <source>Consent &amp;date:</source>
        <translation>&amp;Fecha del consentimiento:</translation>
    </message>
    <message>
        <source>Consent date recorded</source>
        <translation>Fecha del consentimiento registrada</translation>
    </message>
    <message>
        <source>Consent &amp;source:</source>
        <translation>&amp;Origen del consentimiento:</translation>
    </message>
    <message>
        <source>e.g. signed up at the launch event</source>
        <translation>p. ej. se inscribió en el evento de lanzamiento</translation>
    </message>
    <message>
        <source>Do &amp;not contact</source>
        <translation>&amp;No contactar</translation>
    </message>
    <message>
        <source>Do not contact</source>
        <translation>No contactar</translation>
    </message>
    <message>
        <source>Reaso&amp;n:</source>
        <translation>Moti&amp;vo:</translation>
    </message>
    <message>
        <source>Nobody</source>
        <translation>Nadie</translation>
    </message>
    <message>
        <source>“%1” is not in your organizations yet: saving creates it.</source>
        <translation>«%1» todavía no está entre sus organizaciones: al guardar se creará.</translation>
    </message>
    <message>
        <source>User %1</source>
        <translation>Usuario %1</translation>
    </message>
    <message>
        <source>A new contact: nothing is saved until you save it.</source>
        <translation>Un contacto nuevo: no se guarda nada hasta que usted lo guarde.</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>Created %1 · updated %2 · version %3 · last contacted %4%5</source>
        <translation>Creado el %1 · modificado el %2 · versión %3 · último contacto: %4%5</translation>
    </message>
    <message>
        <source> · in the trash</source>
        <translation> · en la papelera</translation>
    </message>
    <message>
        <source>“%1” is not a time zone: pick one from the list, like Europe/London.</source>
        <translation>«%1» no es una zona horaria: elija una de la lista, por ejemplo Europe/Madrid.</translation>
    </message>
</context>
<context>
    <name>ContactListModel</name>
    <message>
        <source>Journalist</source>
        <translation>Periodista</translation>
    </message>
    <message>
        <source>Editor</source>
        <translation>Editor</translation>
    </message>
    <message>
        <source>Blogger</source>
        <translation>Bloguero</translation>
    </message>
    <message>
        <source>Influencer</source>
        <translation>Influencer</translation>
    </message>
    <message>
        <source>Analyst</source>
        <translation>Analista</translation>
    </message>
    <message>
        <source>Client contact</source>
        <translation>Contacto del cliente</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Cliente final</translation>
    </message>
    <message>
        <source>Other</source>
        <comment>contact kind</comment>
        <translation>Otro</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Outlet</source>
        <translation>Medio</translation>
    </message>
    <message>
        <source>Title</source>
        <comment>job title</comment>
        <translation>Cargo</translation>
    </message>
    <message>
        <source>Kind</source>
        <comment>journalist, editor, blogger...</comment>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Owner</source>
        <comment>account manager in charge of the contact</comment>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Last contacted</source>
        <translation>Último contacto</translation>
    </message>
    <message>
        <source>Health</source>
        <comment>relationship health score column</comment>
        <translation>Salud</translation>
    </message>
    <message>
        <source>Relationship health: %1 of 100</source>
        <translation>Salud de la relación: %1 de 100</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Modificado</translation>
    </message>
    <message>
        <source>%1 asked not to be contacted.</source>
        <translation>%1 pidió no ser contactado.</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Etiquetas</translation>
    </message>
</context>
<context>
    <name>ContactListQuery</name>
    <message>
        <source>counting contacts</source>
        <translation>recuento de los contactos</translation>
    </message>
    <message>
        <source>sorting the contact list</source>
        <translation>ordenación de la lista de contactos</translation>
    </message>
    <message>
        <source>loading the contact list</source>
        <translation>carga de la lista de contactos</translation>
    </message>
    <message>
        <source>reading beats and tags</source>
        <translation>lectura de las secciones y etiquetas</translation>
    </message>
    <message>
        <source>reading countries</source>
        <translation>lectura de los países</translation>
    </message>
    <message>
        <source>reading cities</source>
        <translation>lectura de las ciudades</translation>
    </message>
</context>
<context>
    <name>ContactMerge</name>
    <message>
        <source>First name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Apellidos</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>Nombre visible</translation>
    </message>
    <message>
        <source>Pronouns</source>
        <translation>Pronombres</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Cargo</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>Organización</translation>
    </message>
    <message>
        <source>Role at the outlet</source>
        <translation>Función en el medio</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Account manager</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ciudad</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>País</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Zona horaria</translation>
    </message>
    <message>
        <source>Reach</source>
        <translation>Alcance</translation>
    </message>
    <message>
        <source>Preferred channel</source>
        <translation>Canal preferido</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Do not contact</source>
        <translation>No contactar</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Reason not to contact</source>
        <translation>Motivo para no contactar</translation>
    </message>
    <message>
        <source>Consent basis</source>
        <translation>Base del consentimiento</translation>
    </message>
    <message>
        <source>Consent given</source>
        <translation>Consentimiento dado</translation>
    </message>
    <message>
        <source>Consent source</source>
        <translation>Origen del consentimiento</translation>
    </message>
    <message>
        <source>Emails</source>
        <translation>Correos</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation>Teléfonos</translation>
    </message>
    <message>
        <source>Handles</source>
        <translation>Identificadores</translation>
    </message>
    <message>
        <source>Beats</source>
        <translation>Secciones</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Etiquetas</translation>
    </message>
</context>
<context>
    <name>ContactRepository</name>
    <message>
        <source>adding the contact</source>
        <translation>adición del contacto</translation>
    </message>
    <message>
        <source>This contact has not been saved yet.</source>
        <translation>Este contacto aún no se ha guardado.</translation>
    </message>
    <message>
        <source>saving the contact</source>
        <translation>guardado del contacto</translation>
    </message>
    <message>
        <source>“%1” was changed or deleted by someone else since you opened it. Reload it to see their changes; yours were not saved.</source>
        <translation>Otra persona modificó o eliminó «%1» desde que usted lo abrió. Vuelva a cargarlo para ver esos cambios; los suyos no se guardaron.</translation>
    </message>
    <message>
        <source>saving the contact&apos;s email addresses</source>
        <translation>guardado de los correos electrónicos del contacto</translation>
    </message>
    <message>
        <source>saving the contact&apos;s phone numbers</source>
        <translation>guardado de los números de teléfono del contacto</translation>
    </message>
    <message>
        <source>saving the contact&apos;s handles</source>
        <translation>guardado de los identificadores del contacto</translation>
    </message>
    <message>
        <source>The handle %1 already belongs to another contact.</source>
        <translation>El identificador %1 ya pertenece a otro contacto.</translation>
    </message>
    <message>
        <source>saving the contact&apos;s tags</source>
        <translation>guardado de las etiquetas del contacto</translation>
    </message>
    <message>
        <source>saving a tag</source>
        <translation>guardado de una etiqueta</translation>
    </message>
    <message>
        <source>updating the search index</source>
        <translation>actualización del índice de búsqueda</translation>
    </message>
    <message>
        <source>loading the contact</source>
        <translation>carga del contacto</translation>
    </message>
    <message>
        <source>The contact no longer exists.</source>
        <translation>El contacto ya no existe.</translation>
    </message>
    <message>
        <source>moving the contact to the trash</source>
        <translation>traslado del contacto a la papelera</translation>
    </message>
    <message>
        <source>restoring the contact</source>
        <translation>restauración del contacto</translation>
    </message>
    <message>
        <source>counting contacts</source>
        <translation>recuento de los contactos</translation>
    </message>
    <message>
        <source>looking for duplicates</source>
        <translation>búsqueda de duplicados</translation>
    </message>
    <message>
        <source>loading tags</source>
        <translation>carga de las etiquetas</translation>
    </message>
    <message>
        <source>loading the trash</source>
        <translation>carga de la papelera</translation>
    </message>
</context>
<context>
    <name>ContactSearchBar</name>
    <message>
        <source>Search contacts</source>
        <translation>Buscar contactos</translation>
    </message>
    <message>
        <source>Search names, emails, handles, outlets, titles, beats and notes</source>
        <translation>Buscar en nombres, correos, identificadores, medios, cargos, secciones y notas</translation>
    </message>
    <message>
        <source>&amp;Filters</source>
        <translation>&amp;Filtros</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>Filtros</translation>
    </message>
    <message>
        <source>Filter by kind, beat, outlet, owner, place and last contact</source>
        <translation>Filtrar por tipo, sección, medio, responsable, lugar y último contacto</translation>
    </message>
    <message>
        <source>Clear Filters</source>
        <translation>Borrar los filtros</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Borrar los filtros</translation>
    </message>
    <message>
        <source>Show all contacts again</source>
        <translation>Volver a mostrar todos los contactos</translation>
    </message>
    <message>
        <source>Save &amp;View…</source>
        <translation>Guardar la &amp;vista…</translation>
    </message>
    <message>
        <source>Save view</source>
        <translation>Guardar la vista</translation>
    </message>
    <message>
        <source>Save this search, filters, sort and columns as a view in the sidebar</source>
        <translation>Guardar esta búsqueda, los filtros, el orden y las columnas como una vista en la barra lateral</translation>
    </message>
    <message>
        <source>&amp;Find Contacts…</source>
        <translation>&amp;Buscar contactos…</translation>
    </message>
    <message>
        <source>Beat/tag: %1</source>
        <translation>Sección/etiqueta: %1</translation>
    </message>
    <message>
        <source>Do not contact only</source>
        <translation>Solo «no contactar»</translation>
    </message>
    <message>
        <source>Without “do not contact”</source>
        <translation>Sin «no contactar»</translation>
    </message>
    <message>
        <source>Not contacted in %L1 days</source>
        <translation>Sin contactar desde hace %L1 días</translation>
    </message>
    <message>
        <source>Active filters</source>
        <translation>Filtros activos</translation>
    </message>
    <message>
        <source>Outlet #%1</source>
        <translation>Medio n.º %1</translation>
    </message>
    <message>
        <source>User #%1</source>
        <translation>Usuario n.º %1</translation>
    </message>
    <message>
        <source>Remove filter: %1</source>
        <translation>Quitar el filtro: %1</translation>
    </message>
    <message>
        <source>Remove this filter (Delete)</source>
        <translation>Quitar este filtro (Supr)</translation>
    </message>
    <message>
        <source>Outlet: %1</source>
        <translation>Medio: %1</translation>
    </message>
    <message>
        <source>Owner: %1</source>
        <translation>Responsable: %1</translation>
    </message>
    <message>
        <source>Country: %1</source>
        <translation>País: %1</translation>
    </message>
    <message>
        <source>City: %1</source>
        <translation>Ciudad: %1</translation>
    </message>
    <message>
        <source>%L1 found</source>
        <translation>Encontrados: %L1</translation>
    </message>
    <message>
        <source>%L1+ found</source>
        <translation>Encontrados: %L1+</translation>
    </message>
</context>
<context>
    <name>ContactsView</name>
    <message>
        <source>No contacts yet.</source>
        <translation>Todavía no hay contactos.</translation>
    </message>
    <message>
        <source>Select a contact to see the profile.</source>
        <translation>Seleccione un contacto para ver su perfil.</translation>
    </message>
</context>
<context>
    <name>ContentItemModel</name>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Modificado</translation>
    </message>
</context>
<context>
    <name>ContentLabels</name>
    <message>
        <source>Press release</source>
        <translation>Nota de prensa</translation>
    </message>
    <message>
        <source>Pitch email</source>
        <translation>Correo de pitch</translation>
    </message>
    <message>
        <source>Blog post</source>
        <translation>Entrada de blog</translation>
    </message>
    <message>
        <source>Social post</source>
        <translation>Publicación en redes</translation>
    </message>
    <message>
        <source>Media kit</source>
        <translation>Kit de prensa</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Borrador</translation>
    </message>
    <message>
        <source>In review</source>
        <translation>En revisión</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Aprobado</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Publicado</translation>
    </message>
    <message>
        <source>Positive</source>
        <comment>sentiment</comment>
        <translation>Positiva</translation>
    </message>
    <message>
        <source>Negative</source>
        <comment>sentiment</comment>
        <translation>Negativa</translation>
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
        <translation>traslado del contenido a la papelera</translation>
    </message>
    <message>
        <source>restoring the content item</source>
        <translation>restauración del contenido</translation>
    </message>
    <message>
        <source>The content item no longer exists.</source>
        <translation>El contenido ya no existe.</translation>
    </message>
    <message>
        <source>A content item belongs to a campaign.</source>
        <translation>Un contenido pertenece a una campaña.</translation>
    </message>
    <message>
        <source>Give the content item a title.</source>
        <translation>Dé un título al contenido.</translation>
    </message>
    <message>
        <source>The title can be at most %1 characters long.</source>
        <translation>El título puede tener como máximo %1 caracteres.</translation>
    </message>
    <message>
        <source>Unknown kind of content “%1”.</source>
        <translation>Tipo de contenido desconocido «%1».</translation>
    </message>
    <message>
        <source>Unknown content status “%1”.</source>
        <translation>Estado de contenido desconocido «%1».</translation>
    </message>
    <message>
        <source>The URL must be a web address starting with http:// or https://, for example https://newsroom.example.com/launch.</source>
        <translation>La URL debe ser una dirección web que empiece por http:// o https://, por ejemplo https://newsroom.example.com/launch.</translation>
    </message>
    <message>
        <source>The text is too long to save: %1 characters, and a content item holds at most %2 (about 1 MB). Shorten it, or put the full document on the web and enter its URL. Nothing was saved.</source>
        <translation>El texto es demasiado largo para guardarlo: %1 caracteres, y un contenido admite como máximo %2 (aproximadamente 1 MB). Acórtelo o publique el documento completo en la web e indique su URL. No se guardó nada.</translation>
    </message>
    <message>
        <source>listing the campaign&apos;s content</source>
        <translation>listado del contenido de la campaña</translation>
    </message>
    <message>
        <source>loading the content item</source>
        <translation>carga del contenido</translation>
    </message>
    <message>
        <source>adding the content item</source>
        <translation>adición del contenido</translation>
    </message>
    <message>
        <source>This content item has not been saved yet.</source>
        <translation>Este contenido aún no se ha guardado.</translation>
    </message>
    <message>
        <source>saving the content item</source>
        <translation>guardado del contenido</translation>
    </message>
    <message>
        <source>“%1” was changed or deleted by someone else since you opened it. Your text is still in the editor; copy it, reload the item to see their changes, and save again.</source>
        <translation>Otra persona modificó o eliminó «%1» desde que usted lo abrió. Su texto sigue en el editor; cópielo, vuelva a cargar el contenido para ver esos cambios y guarde de nuevo.</translation>
    </message>
    <message>
        <source>keeping the previous version of the content item</source>
        <translation>conservación de la versión anterior del contenido</translation>
    </message>
    <message>
        <source>listing earlier versions of the content item</source>
        <translation>listado de las versiones anteriores del contenido</translation>
    </message>
    <message>
        <source>loading the earlier version</source>
        <translation>carga de la versión anterior</translation>
    </message>
    <message>
        <source>That earlier version no longer exists.</source>
        <translation>Esa versión anterior ya no existe.</translation>
    </message>
</context>
<context>
    <name>ContentTab</name>
    <message>
        <source>Content</source>
        <translation>Contenidos</translation>
    </message>
    <message>
        <source>&amp;New Item</source>
        <translation>&amp;Nuevo contenido</translation>
    </message>
    <message>
        <source>Start a new content item (Ctrl+Shift+N)</source>
        <translation>Empezar un contenido nuevo (Ctrl+Mayús+N)</translation>
    </message>
    <message>
        <source>Move to Trash</source>
        <translation>Mover a la papelera</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Recargar</translation>
    </message>
    <message>
        <source>Show the item as it is stored now; your unsaved changes are dropped</source>
        <translation>Mostrar el contenido tal como está guardado ahora; sus cambios sin guardar se descartan</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Título:</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Estado:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Tipo:</translation>
    </message>
    <message>
        <source>https://newsroom.example.com/…</source>
        <translation>https://newsroom.example.com/…</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>Sin fecha</translation>
    </message>
    <message>
        <source>&amp;Publish date:</source>
        <translation>Fecha de &amp;publicación:</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>&amp;URL:</translation>
    </message>
    <message>
        <source>That is too long to paste: the text would be %1 characters, and a content item holds at most %2 (about 1 MB). Nothing was pasted; put the full document on the web and enter its URL.</source>
        <translation>Es demasiado largo para pegarlo: el texto tendría %1 caracteres y un contenido admite como máximo %2 (alrededor de 1 MB). No se pegó nada; publique el documento completo en la web e indique su URL.</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
    <message>
        <source>&amp;Restore This Version</source>
        <translation>&amp;Restaurar esta versión</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Save the content item (Ctrl+S)</source>
        <translation>Guardar el contenido (Ctrl+S)</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Cambios sin guardar</translation>
    </message>
    <message>
        <source>Discard your unsaved changes and start a new item?</source>
        <translation>¿Descartar sus cambios sin guardar y empezar un contenido nuevo?</translation>
    </message>
    <message>
        <source>Set “%1” to %2</source>
        <translation>Poner «%1» en %2</translation>
    </message>
    <message>
        <source>Edit “%1”</source>
        <translation>Editar «%1»</translation>
    </message>
    <message>
        <source>Saved “%1”.</source>
        <translation>«%1» guardado.</translation>
    </message>
    <message>
        <source>Moved “%1” to the trash.</source>
        <translation>«%1» movido a la papelera.</translation>
    </message>
    <message>
        <source>The new item</source>
        <translation>El contenido nuevo</translation>
    </message>
    <message>
        <source>%1 has unsaved changes. Save them first?</source>
        <translation>%1 tiene cambios sin guardar. ¿Guardarlos primero?</translation>
    </message>
    <message>
        <source>This item was saved elsewhere meanwhile (an undo, another window or another user). Saving now would be refused: copy your changes, then reload.</source>
        <translation>Este contenido se guardó en otro lugar mientras tanto (al deshacer, en otra ventana o por otra persona). Guardar ahora se rechazaría: copie sus cambios y luego recargue.</translation>
    </message>
    <message>
        <source>Version %1 · %2</source>
        <translation>Versión %1 · %2</translation>
    </message>
    <message>
        <source>No earlier versions yet: each save keeps the text it replaces here.</source>
        <translation>Aún no hay versiones anteriores: cada vez que se guarda, aquí se conserva el texto reemplazado.</translation>
    </message>
    <message>
        <source>Restore version %1 of “%2”</source>
        <translation>Restaurar la versión %1 de «%2»</translation>
    </message>
    <message>
        <source>Restored version %1 of “%2”.</source>
        <translation>Versión %1 de «%2» restaurada.</translation>
    </message>
    <message>
        <source>Restoring version %1 drops your unsaved changes. Restore it?</source>
        <translation>Restaurar la versión %1 descarta sus cambios sin guardar. ¿Restaurarla?</translation>
    </message>
</context>
<context>
    <name>CoolingOffModel</name>
    <message>
        <source>Health fell from %1 to %2 over %3 days; last spoke %4 days ago.</source>
        <translation>La salud bajó de %1 a %2 en %3 días; última conversación hace %4 días.</translation>
    </message>
    <message>
        <source>%1 → %2 (−%3)</source>
        <translation>%1 → %2 (−%3)</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 días</translation>
    </message>
    <message>
        <source>nobody</source>
        <comment>account manager</comment>
        <translation>nadie</translation>
    </message>
    <message>
        <source>Overdue since %1</source>
        <translation>Vencido desde el %1</translation>
    </message>
    <message>
        <source>Due %1</source>
        <translation>Previsto para el %1</translation>
    </message>
    <message>
        <source>A follow-up is already planned; see Follow-ups.</source>
        <translation>Ya hay un seguimiento previsto; consulte Seguimientos.</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contacto</translation>
    </message>
    <message>
        <source>Health then → now</source>
        <translation>Salud antes → ahora</translation>
    </message>
    <message>
        <source>Silent for</source>
        <translation>Sin contacto desde hace</translation>
    </message>
    <message>
        <source>Reach</source>
        <translation>Alcance</translation>
    </message>
    <message>
        <source>Account manager</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Seguimiento</translation>
    </message>
</context>
<context>
    <name>CoolingOffView</name>
    <message>
        <source>Cooling off</source>
        <translation>Enfriándose</translation>
    </message>
    <message>
        <source>Relationships cooling off, biggest drop first</source>
        <translation>Relaciones que se enfrían, la mayor caída primero</translation>
    </message>
    <message>
        <source>Account manager</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Overdue since %1 %2</source>
        <translation>Vencido desde el %1 %2</translation>
    </message>
    <message>
        <source>Follow up</source>
        <translation>Hacer seguimiento</translation>
    </message>
    <message>
        <source>&amp;Follow Up Tomorrow 9:00</source>
        <translation>&amp;Seguimiento mañana a las 9:00</translation>
    </message>
    <message>
        <source>Plan a follow-up tomorrow at 9:00 for the contact&apos;s account manager (Space)</source>
        <translation>Programar un seguimiento mañana a las 9:00 para el responsable del contacto (Espacio)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualizar</translation>
    </message>
    <message>
        <source>Looking for relationships that are cooling off…</source>
        <translation>Buscando relaciones que se están enfriando…</translation>
    </message>
    <message>
        <source>No valuable relationship is cooling off: nobody who was close 90 days ago has gone quiet since.</source>
        <translation>Ninguna relación valiosa se está enfriando: nadie que fuera cercano hace 90 días ha dejado de responder desde entonces.</translation>
    </message>
    <message>
        <source>Valuable relationships whose health fell by %1 points or more in %2 days while they went quiet. Space or “Follow up” plans a follow-up for tomorrow 9:00; Enter opens the contact.</source>
        <translation>Relaciones valiosas cuya salud bajó %1 puntos o más en %2 días mientras se quedaban en silencio. Espacio o «Hacer seguimiento» programa un seguimiento mañana a las 9:00; Intro abre el contacto.</translation>
    </message>
    <message>
        <source>Show one account manager&apos;s relationships</source>
        <translation>Mostrar las relaciones de un responsable</translation>
    </message>
    <message>
        <source>&amp;Who:</source>
        <translation>&amp;Quién:</translation>
    </message>
    <message>
        <source>Reading the list</source>
        <translation>Leyendo la lista</translation>
    </message>
    <message>
        <source>Everybody</source>
        <translation>Todos</translation>
    </message>
    <message>
        <source>Mine</source>
        <comment>relationships</comment>
        <translation>Mías</translation>
    </message>
    <message>
        <source>%L1 of %L2 relationships cooling off</source>
        <comment>shown of all</comment>
        <translation>%L1 de %L2 relaciones que se enfrían</translation>
    </message>
    <message>
        <source>The %L1 biggest drops (more are cooling off)</source>
        <translation>Las %L1 mayores caídas (hay más que se enfrían)</translation>
    </message>
    <message numerus="yes">
        <source>%n relationship(s) cooling off</source>
        <translation>
            <numerusform>%n relación que se enfría</numerusform>
            <numerusform>%n relaciones que se enfrían</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CoverageDialog</name>
    <message>
        <source>Edit Coverage</source>
        <translation>Editar la cobertura</translation>
    </message>
    <message>
        <source>Add Coverage</source>
        <translation>Añadir cobertura</translation>
    </message>
    <message>
        <source>&amp;Headline:</source>
        <translation>&amp;Titular:</translation>
    </message>
    <message>
        <source>https://www.example.com/2026/05/story</source>
        <translation>https://www.example.com/2026/05/articulo</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>&amp;URL:</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Ninguno</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Desconocido</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>pitch: person (status)</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>From &amp;pitch:</source>
        <translation>Del &amp;pitch:</translation>
    </message>
    <message>
        <source>&amp;Author:</source>
        <translation>&amp;Autor:</translation>
    </message>
    <message>
        <source>&amp;Outlet:</source>
        <translation>&amp;Medio:</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>Sin fecha</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>&amp;Fecha:</translation>
    </message>
    <message>
        <source>Audience, e.g. 250000</source>
        <translation>Audiencia, p. ej. 250000</translation>
    </message>
    <message>
        <source>&amp;Reach:</source>
        <translation>&amp;Alcance:</translation>
    </message>
    <message>
        <source>Unknown</source>
        <comment>sentiment</comment>
        <translation>Desconocido</translation>
    </message>
    <message>
        <source>Positive</source>
        <comment>sentiment</comment>
        <translation>Positivo</translation>
    </message>
    <message>
        <source>Neutral</source>
        <comment>sentiment</comment>
        <translation>Neutro</translation>
    </message>
    <message>
        <source>Negative</source>
        <comment>sentiment</comment>
        <translation>Negativo</translation>
    </message>
    <message>
        <source>&amp;Sentiment:</source>
        <translation>&amp;Tono:</translation>
    </message>
    <message>
        <source>No. %1</source>
        <translation>N.º %1</translation>
    </message>
    <message>
        <source>Enter the audience as a whole number, e.g. 250000.</source>
        <translation>Indique la audiencia como número entero, p. ej. 250000.</translation>
    </message>
</context>
<context>
    <name>CoverageRepository</name>
    <message>
        <source>moving the coverage to the trash</source>
        <translation>traslado de la cobertura a la papelera</translation>
    </message>
    <message>
        <source>restoring the coverage</source>
        <translation>restauración de la cobertura</translation>
    </message>
    <message>
        <source>This coverage no longer exists.</source>
        <translation>Esta cobertura ya no existe.</translation>
    </message>
    <message>
        <source>Enter the headline.</source>
        <translation>Escriba el titular.</translation>
    </message>
    <message>
        <source>The headline can be at most %1 characters long.</source>
        <translation>El titular puede tener como máximo %1 caracteres.</translation>
    </message>
    <message>
        <source>The reach cannot be negative.</source>
        <translation>El alcance no puede ser negativo.</translation>
    </message>
    <message>
        <source>Unknown sentiment.</source>
        <translation>Tono desconocido.</translation>
    </message>
    <message>
        <source>looking for the same article</source>
        <translation>búsqueda del mismo artículo</translation>
    </message>
    <message>
        <source>another coverage entry</source>
        <translation>otra entrada de cobertura</translation>
    </message>
    <message>
        <source>%1 in the campaign “%2”</source>
        <translation>%1 en la campaña «%2»</translation>
    </message>
    <message>
        <source>This article is already recorded as coverage: %1.</source>
        <translation>Este artículo ya está registrado como cobertura: %1.</translation>
    </message>
    <message>
        <source>linking the pitch</source>
        <translation>vinculación del pitch</translation>
    </message>
    <message>
        <source>That pitch no longer exists or was taken off the media list.</source>
        <translation>Ese pitch ya no existe o se quitó de la lista de medios.</translation>
    </message>
    <message>
        <source>That pitch belongs to another campaign.</source>
        <translation>Ese pitch pertenece a otra campaña.</translation>
    </message>
    <message>
        <source>adding the coverage</source>
        <translation>adición de la cobertura</translation>
    </message>
    <message>
        <source>This coverage has not been saved yet.</source>
        <translation>Esta cobertura aún no se ha guardado.</translation>
    </message>
    <message>
        <source>saving the coverage</source>
        <translation>guardado de la cobertura</translation>
    </message>
    <message>
        <source>“%1” was changed or deleted by someone else since you opened it; your changes were not saved.</source>
        <translation>Otra persona modificó o eliminó «%1» desde que usted la abrió; sus cambios no se guardaron.</translation>
    </message>
    <message>
        <source>loading the coverage</source>
        <translation>carga de la cobertura</translation>
    </message>
    <message>
        <source>listing the campaign&apos;s coverage</source>
        <translation>listado de la cobertura de la campaña</translation>
    </message>
    <message>
        <source>reading the campaign&apos;s topics</source>
        <translation>lectura de los temas de la campaña</translation>
    </message>
    <message>
        <source>looking for coverage in synced posts</source>
        <translation>búsqueda de cobertura en las publicaciones sincronizadas</translation>
    </message>
    <message>
        <source>reading the proposed post</source>
        <translation>lectura de la publicación propuesta</translation>
    </message>
    <message>
        <source>The proposed post no longer exists.</source>
        <translation>La publicación propuesta ya no existe.</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>Publicación</translation>
    </message>
    <message>
        <source>dismissing the proposal</source>
        <translation>descarte de la propuesta</translation>
    </message>
    <message>
        <source>proposing the post again</source>
        <translation>nueva propuesta de la publicación</translation>
    </message>
    <message>
        <source>listing the campaign&apos;s pitches</source>
        <translation>listado de los pitches de la campaña</translation>
    </message>
    <message>
        <source>giving recorded coverage its URL key</source>
        <translation>al asignar su clave de URL a la cobertura registrada</translation>
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
        <translation>Medio</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>Publicación</translation>
    </message>
    <message>
        <source>&amp;Accept as Coverage</source>
        <translation>&amp;Aceptar como cobertura</translation>
    </message>
    <message>
        <source>&amp;Dismiss</source>
        <translation>&amp;Descartar</translation>
    </message>
    <message>
        <source>Not coverage: do not propose this post again for this campaign</source>
        <translation>No es cobertura: no volver a proponer esta publicación para esta campaña</translation>
    </message>
    <message>
        <source>Add Coverage…</source>
        <translation>Añadir cobertura…</translation>
    </message>
    <message>
        <source>Record an article or post (Ctrl+Shift+N)</source>
        <translation>Registrar un artículo o una publicación (Ctrl+Mayús+N)</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Editar…</translation>
    </message>
    <message>
        <source>Open Article</source>
        <translation>Abrir el artículo</translation>
    </message>
    <message>
        <source>Move to Trash</source>
        <translation>Mover a la papelera</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>Cobertura</translation>
    </message>
    <message numerus="yes">
        <source>Proposed coverage: %n post(s) by pitched people that mention the campaign&apos;s topics</source>
        <translation>
            <numerusform>Cobertura propuesta: %n publicación de una persona contactada sobre los temas de la campaña</numerusform>
            <numerusform>Cobertura propuesta: %n publicaciones de personas contactadas sobre los temas de la campaña</numerusform>
        </translation>
    </message>
    <message>
        <source>No coverage recorded yet.</source>
        <translation>Aún no se ha registrado cobertura.</translation>
    </message>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n artículo</numerusform>
            <numerusform>%n artículos</numerusform>
        </translation>
    </message>
    <message>
        <source>reach %1</source>
        <translation>alcance %1</translation>
    </message>
    <message>
        <source>%1 positive, %2 negative</source>
        <translation>%1 positivas, %2 negativas</translation>
    </message>
    <message>
        <source>Add coverage “%1”</source>
        <translation>Añadir la cobertura «%1»</translation>
    </message>
    <message>
        <source>Saved coverage “%1”.</source>
        <translation>Cobertura «%1» guardada.</translation>
    </message>
    <message>
        <source>Moved coverage “%1” to the trash.</source>
        <translation>Cobertura «%1» movida a la papelera.</translation>
    </message>
    <message>
        <source>No web browser could open %1.</source>
        <translation>Ningún navegador web pudo abrir %1.</translation>
    </message>
    <message>
        <source>Accept “%1” as coverage</source>
        <translation>Aceptar «%1» como cobertura</translation>
    </message>
    <message>
        <source>Recorded “%1” as coverage.</source>
        <translation>«%1» registrado como cobertura.</translation>
    </message>
</context>
<context>
    <name>CreateContactCommand</name>
    <message>
        <source>New contact “%1”</source>
        <translation>Nuevo contacto «%1»</translation>
    </message>
</context>
<context>
    <name>CsvLayouts</name>
    <message>
        <source>Rapport (every field)</source>
        <translation>Rapport (todos los campos)</translation>
    </message>
    <message>
        <source>Google Contacts</source>
        <translation>Google Contactos</translation>
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
        <translation>Línea %1: un campo entre comillas no se cierra nunca (falta una &quot;). Revise el archivo en torno a esa línea.</translation>
    </message>
    <message>
        <source>Line %1 has more than %2 columns. A contacts file has far fewer: check the delimiter, or whether this is the right file.</source>
        <translation>La línea %1 tiene más de %2 columnas. Un archivo de contactos tiene muchas menos: revise el separador o si es el archivo correcto.</translation>
    </message>
</context>
<context>
    <name>DashboardChart</name>
    <message>
        <source>Interactions by channel</source>
        <translation>Interacciones por canal</translation>
    </message>
    <message>
        <source>Pitches and reply rate</source>
        <translation>Pitches y tasa de respuesta</translation>
    </message>
    <message>
        <source>Pitch funnel</source>
        <translation>Embudo de pitches</translation>
    </message>
    <message>
        <source>Coverage, sentiment and reach</source>
        <translation>Cobertura, tono y alcance</translation>
    </message>
    <message>
        <source>Top relationships</source>
        <translation>Relaciones más activas</translation>
    </message>
    <message>
        <source>Cooling relationships</source>
        <translation>Relaciones que se enfrían</translation>
    </message>
    <message>
        <source>Top outlets</source>
        <translation>Medios principales</translation>
    </message>
    <message>
        <source>Team activity</source>
        <translation>Actividad del equipo</translation>
    </message>
    <message>
        <source>Social engagement</source>
        <translation>Interacción en redes</translation>
    </message>
    <message>
        <source>No interactions in this period.</source>
        <translation>No hay interacciones en este periodo.</translation>
    </message>
    <message>
        <source>No pitches were sent in this period.</source>
        <translation>No se enviaron pitches en este periodo.</translation>
    </message>
    <message>
        <source>No pitches in this period.</source>
        <translation>No hay pitches en este periodo.</translation>
    </message>
    <message>
        <source>No coverage in this period.</source>
        <translation>No hay cobertura en este periodo.</translation>
    </message>
    <message>
        <source>No valuable relationship has gone quiet.</source>
        <translation>Ninguna relación valiosa se ha quedado en silencio.</translation>
    </message>
    <message>
        <source>No mentions, replies, likes, boosts or follows were synced in this period.</source>
        <translation>No se sincronizaron menciones, respuestas, me gusta, impulsos ni seguimientos en este periodo.</translation>
    </message>
    <message>
        <source>Pitches</source>
        <translation>Pitches</translation>
    </message>
    <message>
        <source>Pieces</source>
        <translation>Piezas</translation>
    </message>
</context>
<context>
    <name>DashboardFilterBar</name>
    <message>
        <source>This week</source>
        <translation>Esta semana</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Últimos 30 días</translation>
    </message>
    <message>
        <source>This quarter</source>
        <translation>Este trimestre</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>Últimos 12 meses</translation>
    </message>
    <message>
        <source>Custom range</source>
        <translation>Periodo personalizado</translation>
    </message>
    <message>
        <source>The period every chart looks at</source>
        <translation>El periodo de todos los gráficos</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>Primer día</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Último día</translation>
    </message>
    <message>
        <source>Account manager</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Campaña</translation>
    </message>
    <message>
        <source>Channel (for the interaction charts)</source>
        <translation>Canal (para los gráficos de interacciones)</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>Todos los canales</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Periodo:</translation>
    </message>
    <message>
        <source>Everybody</source>
        <translation>Todos</translation>
    </message>
    <message>
        <source>All clients</source>
        <translation>Todos los clientes</translation>
    </message>
    <message>
        <source>All campaigns</source>
        <translation>Todas las campañas</translation>
    </message>
</context>
<context>
    <name>DashboardModels</name>
    <message>
        <source>Figure</source>
        <translation>Indicador</translation>
    </message>
    <message>
        <source>This period</source>
        <translation>Este periodo</translation>
    </message>
    <message>
        <source>Previous period</source>
        <translation>Periodo anterior</translation>
    </message>
    <message>
        <source>Change (%)</source>
        <translation>Variación (%)</translation>
    </message>
    <message>
        <source>Interactions</source>
        <translation>Interacciones</translation>
    </message>
    <message>
        <source>Pitches sent</source>
        <translation>Pitches enviados</translation>
    </message>
    <message>
        <source>Reply rate (%)</source>
        <translation>Tasa de respuesta (%)</translation>
    </message>
    <message>
        <source>Coverage pieces</source>
        <translation>Piezas de cobertura</translation>
    </message>
    <message>
        <source>Total reach</source>
        <translation>Alcance total</translation>
    </message>
    <message>
        <source>New contacts</source>
        <translation>Contactos nuevos</translation>
    </message>
    <message>
        <source>new</source>
        <comment>a figure that was zero in the previous period</comment>
        <translation>nuevo</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Periodo</translation>
    </message>
    <message>
        <source>%1 (out)</source>
        <comment>channel, outbound</comment>
        <translation>%1 (saliente)</translation>
    </message>
    <message>
        <source>%1 (in)</source>
        <comment>channel, inbound</comment>
        <translation>%1 (entrante)</translation>
    </message>
    <message numerus="yes">
        <source>Replied within %n day(s)</source>
        <translation>
            <numerusform>Respondido en %n día</numerusform>
            <numerusform>Respondido en %n días</numerusform>
        </translation>
    </message>
    <message>
        <source>Planned</source>
        <comment>pitch stage</comment>
        <translation>Previsto</translation>
    </message>
    <message>
        <source>Pitched</source>
        <comment>pitch stage</comment>
        <translation>Enviado</translation>
    </message>
    <message>
        <source>Replied</source>
        <comment>pitch stage</comment>
        <translation>Respondido</translation>
    </message>
    <message>
        <source>Interested</source>
        <comment>pitch stage</comment>
        <translation>Interesado</translation>
    </message>
    <message>
        <source>Covered</source>
        <comment>pitch stage</comment>
        <translation>Cubierto</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Etapa</translation>
    </message>
    <message>
        <source>Pitches</source>
        <translation>Pitches</translation>
    </message>
    <message>
        <source>Share of planned (%)</source>
        <translation>Porcentaje de los previstos (%)</translation>
    </message>
    <message>
        <source>Positive</source>
        <translation>Positiva</translation>
    </message>
    <message>
        <source>Neutral</source>
        <translation>Neutral</translation>
    </message>
    <message>
        <source>Negative</source>
        <translation>Negativa</translation>
    </message>
    <message>
        <source>Unrated</source>
        <comment>sentiment not set</comment>
        <translation>Sin valorar</translation>
    </message>
    <message>
        <source>Pieces</source>
        <translation>Piezas</translation>
    </message>
    <message>
        <source>Reach</source>
        <translation>Alcance</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contacto</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Salud</translation>
    </message>
    <message>
        <source>Last contacted</source>
        <translation>Último contacto</translation>
    </message>
    <message>
        <source>Outlet</source>
        <translation>Medio</translation>
    </message>
    <message>
        <source>Account manager</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Mentions</source>
        <translation>Menciones</translation>
    </message>
    <message>
        <source>Replies</source>
        <translation>Respuestas</translation>
    </message>
    <message>
        <source>Likes</source>
        <translation>Me gusta</translation>
    </message>
    <message>
        <source>Boosts</source>
        <translation>Difusiones</translation>
    </message>
    <message>
        <source>Follows</source>
        <translation>Seguimientos</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Campaña</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detalle</translation>
    </message>
</context>
<context>
    <name>DashboardQuery</name>
    <message>
        <source>computing the dashboard&apos;s figures</source>
        <translation>cálculo de los indicadores del panel</translation>
    </message>
    <message>
        <source>The period&apos;s first day is after its last day.</source>
        <translation>El primer día del periodo es posterior a su último día.</translation>
    </message>
    <message>
        <source>Nobody</source>
        <comment>interactions without an account manager</comment>
        <translation>Nadie</translation>
    </message>
    <message>
        <source>reading the rows behind the chart</source>
        <translation>lectura de las filas del gráfico</translation>
    </message>
    <message>
        <source>reading the coverage</source>
        <translation>lectura de la cobertura</translation>
    </message>
    <message>
        <source>reading the dashboard&apos;s filters</source>
        <translation>lectura de los filtros del panel</translation>
    </message>
    <message>
        <source>reading a campaign</source>
        <translation>lectura de una campaña</translation>
    </message>
    <message>
        <source>reading an organization</source>
        <translation>lectura de una organización</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>Export PDF…</source>
        <translation>Exportar PDF…</translation>
    </message>
    <message>
        <source>Save the whole dashboard, as it is now, as a PDF</source>
        <translation>Guardar todo el panel, tal como está, como PDF</translation>
    </message>
    <message>
        <source>all accounts; only the period applies</source>
        <translation>todas las cuentas; solo cuenta el periodo</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>Calculando…</translation>
    </message>
    <message>
        <source>Could not compute the dashboard</source>
        <translation>No se pudo calcular el panel</translation>
    </message>
    <message>
        <source>median time to reply: %1 h</source>
        <translation>tiempo de respuesta mediano: %1 h</translation>
    </message>
    <message>
        <source>median time to reply: %1 days</source>
        <translation>tiempo de respuesta mediano: %1 días</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>Actualizado %1</translation>
    </message>
    <message>
        <source>Export Dashboard</source>
        <translation>Exportar panel</translation>
    </message>
    <message>
        <source>dashboard.pdf</source>
        <translation>panel.pdf</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Documentos PDF (*.pdf)</translation>
    </message>
    <message>
        <source>The dashboard has not been computed yet.</source>
        <translation>El panel aún no se ha calculado.</translation>
    </message>
    <message>
        <source>Cancel Export</source>
        <translation>Cancelar la exportación</translation>
    </message>
    <message>
        <source>Stop writing the PDF; no file is left behind</source>
        <translation>Detener la escritura del PDF; no queda ningún archivo</translation>
    </message>
    <message>
        <source>Writing the PDF…</source>
        <translation>Escribiendo el PDF…</translation>
    </message>
    <message>
        <source>Export canceled</source>
        <translation>Exportación cancelada</translation>
    </message>
    <message>
        <source>Could not write the PDF</source>
        <translation>No se pudo escribir el PDF</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 guardado</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>The SQLite driver for Qt is not installed (package libqt6sql6-sqlite).</source>
        <translation>El controlador de SQLite para Qt no está instalado (paquete libqt6sql6-sqlite).</translation>
    </message>
    <message>
        <source>%1 is a folder, not a database file.</source>
        <translation>%1 es una carpeta, no un archivo de base de datos.</translation>
    </message>
    <message>
        <source>There is no database at %1.</source>
        <translation>No hay ninguna base de datos en %1.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1 for the database.</source>
        <translation>No se puede crear la carpeta %1 para la base de datos.</translation>
    </message>
    <message>
        <source>Cannot read %1: permission denied.</source>
        <translation>No se puede leer %1: permiso denegado.</translation>
    </message>
    <message>
        <source>opening the database</source>
        <translation>apertura de la base de datos</translation>
    </message>
    <message>
        <source>Cannot connect to the PostgreSQL database %1: %2</source>
        <translation>No se puede conectar con la base de datos PostgreSQL %1: %2</translation>
    </message>
    <message>
        <source>reading the database</source>
        <translation>lectura de la base de datos</translation>
    </message>
    <message>
        <source>configuring the database</source>
        <translation>configuración de la base de datos</translation>
    </message>
    <message>
        <source>The disk is full: %1 failed and nothing was changed. Free some space and try again.</source>
        <translation>El disco está lleno: la operación falló (%1) y no se cambió nada. Libere espacio y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>%1 is read-only: %2 is not possible.</source>
        <translation>%1 es de solo lectura: la operación no es posible (%2).</translation>
    </message>
    <message>
        <source>%1 is not a Rapport database, or it is damaged (%2).</source>
        <translation>%1 no es una base de datos de Rapport o está dañada (%2).</translation>
    </message>
    <message>
        <source>The database is busy (another program is writing to it): %1 failed. Try again.</source>
        <translation>La base de datos está ocupada (otro programa está escribiendo en ella): la operación falló (%1). Vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>No se puede abrir %1: %2</translation>
    </message>
    <message>
        <source>Reading or writing %1 failed (%2): %3 did not happen.</source>
        <translation>Falló la lectura o escritura de %1 (%2): la operación no se realizó (%3).</translation>
    </message>
    <message>
        <source>%1 was refused: %2</source>
        <translation>Operación rechazada (%1): %2</translation>
    </message>
    <message>
        <source>The database server&apos;s disk is full: %1 failed and nothing was changed.</source>
        <translation>El disco del servidor de base de datos está lleno: la operación falló (%1) y no se cambió nada.</translation>
    </message>
    <message>
        <source>Database error while %1: %2</source>
        <translation>Error de base de datos (%1): %2</translation>
    </message>
    <message>
        <source>starting a transaction</source>
        <translation>inicio de una transacción</translation>
    </message>
    <message>
        <source>saving the changes</source>
        <translation>guardado de los cambios</translation>
    </message>
    <message>
        <source>A postgresql:// database needs Qt&apos;s PostgreSQL driver, which is not installed. Install the package libqt6sql6-psql (sudo apt install libqt6sql6-psql) and start Rapport again.</source>
        <translation>Una base de datos postgresql:// necesita el controlador PostgreSQL de Qt, que no está instalado. Instale el paquete libqt6sql6-psql (sudo apt install libqt6sql6-psql) y vuelva a iniciar Rapport.</translation>
    </message>
    <message>
        <source>The team database refused %1: your role does not allow it (%2). Ask a manager or an admin of your team.</source>
        <translation>La base de datos del equipo rechazó %1: su rol no lo permite (%2). Pídaselo a un gestor o a un admin de su equipo.</translation>
    </message>
    <message>
        <source>The connection to %1 was lost, so %2 did not happen. Rapport reconnects by itself; try again once it is back.</source>
        <translation>Se perdió la conexión con %1: la operación no se realizó (%2). Rapport se vuelve a conectar solo; vuelva a intentarlo cuando se restablezca.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate could not be verified with the CA file %1: it was signed by another CA, or it has expired. Ask whoever set up the server for its CA file.</source>
        <translation>No se pudo verificar el certificado del servidor con el archivo CA %1: lo firmó otra autoridad o ha caducado. Pida el archivo CA a quien configuró el servidor.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is made out to another name than %1: connect with the server&apos;s name as written in its certificate.</source>
        <translation>El certificado del servidor está emitido para otro nombre distinto de %1: conéctese con el nombre del servidor tal como figura en su certificado.</translation>
    </message>
    <message>
        <source>The server does not offer encryption (TLS). Ask whoever set up the server to turn it on; connect without encryption only on a network you trust.</source>
        <translation>El servidor no ofrece cifrado (TLS). Pida a quien configuró el servidor que lo active; conéctese sin cifrado solo en una red de confianza.</translation>
    </message>
    <message>
        <source>Choose the CA file that whoever set up the server gave you.</source>
        <translation>Elija el archivo CA que le dio quien configuró el servidor.</translation>
    </message>
    <message>
        <source>The server accepts only encrypted connections: choose verify-full and the server&apos;s CA file.</source>
        <translation>El servidor solo acepta conexiones cifradas: elija verify-full y el archivo CA del servidor.</translation>
    </message>
    <message>
        <source>the server gave no reason</source>
        <translation>el servidor no dio ningún motivo</translation>
    </message>
</context>
<context>
    <name>DatabaseBackup</name>
    <message>
        <source>Cannot write in the folder %1: %2.</source>
        <translation>No se puede escribir en la carpeta %1: %2.</translation>
    </message>
    <message>
        <source>writing the backup</source>
        <translation>la escritura de la copia</translation>
    </message>
    <message>
        <source>The backup could not be written to %1. %2</source>
        <translation>No se pudo escribir la copia en %1. %2</translation>
    </message>
    <message>
        <source>counting the rows of the backup</source>
        <translation>el recuento de filas de la copia</translation>
    </message>
    <message>
        <source>%1 is empty: it is not a Rapport backup.</source>
        <translation>%1 está vacío: no es una copia de Rapport.</translation>
    </message>
    <message>
        <source>checking the backup</source>
        <translation>la comprobación de la copia</translation>
    </message>
    <message>
        <source>%1 is damaged (%2); it cannot be restored.</source>
        <translation>%1 está dañado (%2); no se puede restaurar.</translation>
    </message>
    <message>
        <source>Rapport backs up its embedded SQLite database only. A PostgreSQL database is backed up where the server runs: “pg_dump -Fc -f rapport.dump DATABASE”, and restored with “pg_restore -d DATABASE rapport.dump” (see docs/BACKUP.md).</source>
        <translation>Rapport solo copia su base SQLite integrada. Una base PostgreSQL se copia donde se ejecuta el servidor: «pg_dump -Fc -f rapport.dump BASE», y se restaura con «pg_restore -d BASE rapport.dump» (véase docs/BACKUP.md).</translation>
    </message>
    <message>
        <source>%1 is a folder: give the backup a file name.</source>
        <translation>%1 es una carpeta: dé un nombre de archivo a la copia.</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>La carpeta %1 no existe.</translation>
    </message>
    <message>
        <source>%1 is the database itself: choose another file for the backup.</source>
        <translation>%1 es la propia base: elija otro archivo para la copia.</translation>
    </message>
    <message>
        <source>The backup could not be written to %1: %2. Nothing was replaced.</source>
        <translation>No se pudo escribir la copia en %1: %2. No se sustituyó nada.</translation>
    </message>
    <message>
        <source>There is no file %1.</source>
        <translation>No existe el archivo %1.</translation>
    </message>
    <message>
        <source>%1 is a folder, not a backup file.</source>
        <translation>%1 es una carpeta, no un archivo de copia.</translation>
    </message>
    <message>
        <source>Cannot create the backup folder %1.</source>
        <translation>No se puede crear la carpeta de copias %1.</translation>
    </message>
    <message>
        <source>%1 is the database itself, not a backup of it.</source>
        <translation>%1 es la propia base, no una copia de ella.</translation>
    </message>
    <message>
        <source>This backup was written by a newer version of Rapport (schema %1; this version knows up to %2). Restore it with that version, or update Rapport.</source>
        <translation>Esta copia fue escrita por una versión más reciente de Rapport (esquema %1; esta versión conoce hasta el %2). Restáurela con esa versión o actualice Rapport.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1 for the database.</source>
        <translation>No se puede crear la carpeta %1 para la base.</translation>
    </message>
    <message>
        <source>The restored copy could not be written beside %1: %2. Nothing was changed.</source>
        <translation>No se pudo escribir la copia restaurada junto a %1: %2. No se cambió nada.</translation>
    </message>
    <message>
        <source>Another program is using %1 (another Rapport window, or a sync run from the command line). Close it and restore again; nothing was changed.</source>
        <translation>Otro programa está usando %1 (otra ventana de Rapport o una sincronización desde la línea de órdenes). Ciérrelo y vuelva a restaurar; no se cambió nada.</translation>
    </message>
    <message>
        <source>%1 already exists; wait a second and restore again.</source>
        <translation>%1 ya existe; espere un segundo y vuelva a restaurar.</translation>
    </message>
    <message>
        <source>The current database could not be kept aside as %1: %2. Nothing was changed.</source>
        <translation>No se pudo guardar aparte la base actual como %1: %2. No se cambió nada.</translation>
    </message>
    <message>
        <source>The backup could not take the place of %1: %2. The current database was left in place.</source>
        <translation>La copia no pudo ocupar el lugar de %1: %2. La base actual sigue en su sitio.</translation>
    </message>
</context>
<context>
    <name>DatabaseLocation</name>
    <message>
        <source>No database path or URL was given.</source>
        <translation>No se indicó ninguna ruta ni URL de base de datos.</translation>
    </message>
    <message>
        <source>“%1” is not a valid PostgreSQL URL. Use postgresql://user@host:port/database.</source>
        <translation>«%1» no es una URL de PostgreSQL válida. Use postgresql://user@host:port/database.</translation>
    </message>
    <message>
        <source>Unsupported database URL “%1”: use a file path or postgresql://…</source>
        <translation>URL de base de datos no admitida «%1»: use una ruta de archivo o postgresql://…</translation>
    </message>
    <message>
        <source>Unknown sslmode “%1”: use one of %2.</source>
        <translation>sslmode «%1» desconocido: use uno de %2.</translation>
    </message>
    <message>
        <source>The CA file&apos;s path “%1” contains a semicolon, which the PostgreSQL driver cannot pass on: move the file elsewhere.</source>
        <translation>La ruta del archivo CA «%1» contiene un punto y coma, que el controlador de PostgreSQL no puede transmitir: mueva el archivo a otro lugar.</translation>
    </message>
</context>
<context>
    <name>DemoGenerator</name>
    <message>
        <source>Unknown demo size “%1”: use small or large.</source>
        <translation>Tamaño de demostración desconocido «%1»: use small o large.</translation>
    </message>
    <message>
        <source>%1 is read-only: cannot write demo data into it.</source>
        <translation>%1 es de solo lectura: no se pueden escribir en ella los datos de demostración.</translation>
    </message>
    <message>
        <source>%1 already holds data: demo data goes only into an empty database. Use a new database, or replace everything in it (--force).</source>
        <translation>%1 ya contiene datos: los datos de demostración solo se escriben en una base de datos vacía. Use una base de datos nueva o reemplace todo su contenido (--force).</translation>
    </message>
    <message>
        <source>Writing campaigns</source>
        <translation>Escribiendo las campañas</translation>
    </message>
    <message>
        <source>%1 introduces the %2</source>
        <translation>%1 presenta %2</translation>
    </message>
    <message>
        <source>Pitch: an exclusive first look at the %1</source>
        <translation>Pitch: un primer vistazo en exclusiva a %1</translation>
    </message>
    <message>
        <source>Meet the %1 from %2 #launch</source>
        <translation>Conozca %1 de %2 #launch</translation>
    </message>
    <message>
        <source>%1 media kit: images, fact sheet, spokespeople</source>
        <translation>Kit de prensa de %1: imágenes, ficha técnica, portavoces</translation>
    </message>
    <message>
        <source>Why we built the %1</source>
        <translation>Por qué creamos %1</translation>
    </message>
    <message>
        <source>%1 — media list</source>
        <translation>%1 — lista de medios</translation>
    </message>
    <message>
        <source>Writing pitches and coverage</source>
        <translation>Escribiendo los pitches y la cobertura</translation>
    </message>
    <message>
        <source>Generating the demo data was cancelled: nothing was changed.</source>
        <translation>Se canceló la generación de los datos de demostración: no se cambió nada.</translation>
    </message>
    <message>
        <source>Planning the agency</source>
        <translation>Planificando la agencia</translation>
    </message>
    <message>
        <source>Building the search index</source>
        <translation>Creando el índice de búsqueda</translation>
    </message>
    <message>
        <source>Saving</source>
        <translation>Guardando</translation>
    </message>
    <message>
        <source>Writing users</source>
        <translation>Escribiendo los usuarios</translation>
    </message>
    <message>
        <source>Writing organizations</source>
        <translation>Escribiendo las organizaciones</translation>
    </message>
    <message>
        <source>Writing contacts</source>
        <translation>Escribiendo los contactos</translation>
    </message>
    <message>
        <source>Writing interactions</source>
        <translation>Escribiendo las interacciones</translation>
    </message>
    <message>
        <source>Writing follow-ups</source>
        <translation>Escribiendo los seguimientos</translation>
    </message>
    <message>
        <source>Get the %1 %2 into the press that matters: tier-one %3 coverage, two broadcast interviews and a steady drumbeat on social.</source>
        <translation>Llevar %1 %2 a los medios que importan: cobertura en medios de primer nivel (%3), dos entrevistas en radio o televisión y una presencia constante en redes sociales.</translation>
    </message>
    <message>
        <source>Scoring relationship health…</source>
        <translation>Calculando la salud de las relaciones…</translation>
    </message>
    <message>
        <source># %1

%2 today announced the %3. TODO: quote from the CEO, availability, price.
</source>
        <translation># %1

%2 anuncia hoy el %3. PENDIENTE: cita del consejero delegado, disponibilidad, precio.
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

**%2 anuncia hoy el %3**, pensado para quienes quieren %4 que simplemente funcione. Saldrá a la venta el mes que viene.

## Lo más destacado

- Se configura en menos de cinco minutos
- Una semana de batería con una sola carga
- Funciona con las aplicaciones que ya se usan

&gt; «Creamos el %3 porque nuestros clientes pedían algo más tranquilo», afirma el consejero delegado de %2.

## Disponibilidad

El %3 se venderá en línea y en tiendas seleccionadas. Las imágenes y la ficha técnica están en la [sala de prensa](%5).

## Acerca de %2

%2 fabrica tecnología cotidiana que no estorba.

**Contacto de prensa:** %6
</translation>
    </message>
    <message>
        <source>Hi,

would you like an early look at the %1 from %2?
</source>
        <translation>Hola:

¿le gustaría ver antes que nadie el %1 de %2?
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
        <translation>Hola:

usted escribe sobre %1, así que pensé primero en usted: %2 lanza el **%3** y podemos ofrecerle un *primer vistazo en exclusiva* antes del anuncio.

1. Una unidad de prueba, entregada esta semana
2. Treinta minutos con el responsable de producto
3. Datos bajo embargo del estudio de clientes

La nota de prensa y las imágenes están en la [sala de prensa](%4). ¿Le viene bien el martes o el jueves?

Un saludo
</translation>
    </message>
    <message>
        <source>Meet the **%1** from %2: calmer %3, a week of battery, five-minute setup. More in our [newsroom](%4) #launch
</source>
        <translation>Os presentamos el **%1** de %2: %3 más tranquilo, una semana de batería y configuración en cinco minutos. Más en nuestra [sala de prensa](%4) #lanzamiento
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
        <translation># Dosier de prensa de %1

## Contenido

- Imágenes del producto en alta resolución
- La ficha técnica del %2
- Biografías de nuestros portavoces
- La nota de prensa

## Portavoces

- **El consejero delegado**, sobre por qué %1 creó el %2
- **El responsable de producto**, sobre el diseño

Todo se descarga en la [sala de prensa](%3); entrevistas a través de %4.
</translation>
    </message>
    <message>
        <source># %1

Notes: the customer interviews, the prototypes, what we left out.
</source>
        <translation># %1

Notas: las entrevistas con clientes, los prototipos, lo que dejamos fuera.
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

Hace dos años nos sentamos con cuarenta clientes y les preguntamos qué les molestaba de %2. Las respuestas fueron sorprendentemente parecidas.

## Lo que escuchamos

- *Demasiados ajustes.*
- *Demasiadas notificaciones.*
- *Deja de funcionar cuando se actualiza la app.*

## Lo que construimos

El %3 hace menos, a propósito. Lea el anuncio en nuestra [sala de prensa](%4).
</translation>
    </message>
    <message>
        <source>The %1 sets up in five minutes and then stays out of the way.

It works with the apps people already use.

%2 designed it with forty customers, not for them.</source>
        <translation>El %1 se instala en cinco minutos y después no molesta.

Funciona con las aplicaciones que la gente ya usa.

%2 lo diseñó con cuarenta clientes, no para ellos.</translation>
    </message>
    <message>
        <source>%1 makes %2 calmer: fewer settings, fewer notifications.

The %3 runs for a week on one charge.

Independent testers rated it the easiest in its class.</source>
        <translation>%1 hace %2 más tranquilo: menos ajustes, menos notificaciones.

El %3 funciona una semana con una sola carga.

Probadores independientes lo consideraron el más fácil de su categoría.</translation>
    </message>
    <message>
        <source>%1 articles in tier-one %3 outlets within six weeks of the launch.

%2 broadcast or podcast interviews with the product lead.

A share of voice ahead of the two closest competitors.</source>
        <translation>%1 artículos en medios de primer nivel (%3) en las seis semanas siguientes al lanzamiento.

%2 entrevistas en radio, televisión o pódcast con el responsable de producto.

Una cuota de voz por delante de los dos competidores más cercanos.</translation>
    </message>
    <message>
        <source>tidying up after the demo data</source>
        <translation>limpieza tras los datos de demostración</translation>
    </message>
    <message>
        <source>Writing the team&apos;s history</source>
        <translation>Escribiendo el historial del equipo</translation>
    </message>
    <message>
        <source>writing the team&apos;s history</source>
        <translation>escribiendo el historial del equipo</translation>
    </message>
</context>
<context>
    <name>DismissProposalCommand</name>
    <message>
        <source>Dismiss the proposed coverage “%1”</source>
        <translation>Descartar la cobertura propuesta «%1»</translation>
    </message>
</context>
<context>
    <name>DismissReplyCommand</name>
    <message>
        <source>Dismiss the reply of %1</source>
        <translation>Descartar la respuesta de %1</translation>
    </message>
</context>
<context>
    <name>DrillDownDialog</name>
    <message>
        <source>Reading…</source>
        <translation>Leyendo…</translation>
    </message>
    <message>
        <source>Nothing to list.</source>
        <translation>Nada que mostrar.</translation>
    </message>
    <message>
        <source>The newest %L1 rows. Enter opens a row&apos;s contact.</source>
        <translation>Las %L1 filas más recientes. Intro abre el contacto de una fila.</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s). Enter opens a row&apos;s contact.</source>
        <translation>
            <numerusform>%n fila. Intro abre el contacto de una fila.</numerusform>
            <numerusform>%n filas. Intro abre el contacto de una fila.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DuplicatePairModel</name>
    <message>
        <source>Same email: %1</source>
        <translation>Mismo correo: %1</translation>
    </message>
    <message>
        <source>Same handle: %1</source>
        <translation>Mismo identificador: %1</translation>
    </message>
    <message>
        <source>Similar name at %1</source>
        <translation>Nombre similar en %1</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contacto</translation>
    </message>
    <message>
        <source>Possible duplicate</source>
        <translation>Posible duplicado</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Motivo</translation>
    </message>
</context>
<context>
    <name>DuplicateRepository</name>
    <message>
        <source>looking for duplicates</source>
        <translation>búsqueda de duplicados</translation>
    </message>
    <message>
        <source>merging the contacts</source>
        <translation>fusión de los contactos</translation>
    </message>
    <message>
        <source>The contact no longer exists.</source>
        <translation>El contacto ya no existe.</translation>
    </message>
    <message>
        <source>A contact cannot be merged with itself.</source>
        <translation>Un contacto no se puede fusionar consigo mismo.</translation>
    </message>
    <message>
        <source>“%1” is in the trash: restore it before merging.</source>
        <translation>«%1» está en la papelera: restáurelo antes de fusionar.</translation>
    </message>
    <message>
        <source>Merged into “%1” (#%2) on %3.</source>
        <translation>Fusionado con «%1» (n.º %2) el %3.</translation>
    </message>
    <message>
        <source>The merge of “%1” cannot be undone: one of the two contacts was changed since.</source>
        <translation>La fusión de «%1» no se puede deshacer: uno de los dos contactos cambió desde entonces.</translation>
    </message>
</context>
<context>
    <name>DuplicatesDialog</name>
    <message>
        <source>&amp;Merge</source>
        <translation>&amp;Fusionar</translation>
    </message>
    <message>
        <source>&amp;Search Again</source>
        <translation>&amp;Buscar de nuevo</translation>
    </message>
    <message>
        <source>Find Duplicates</source>
        <translation>Buscar duplicados</translation>
    </message>
    <message>
        <source>Searching for duplicates</source>
        <translation>Buscando duplicados</translation>
    </message>
    <message>
        <source>Likely duplicates</source>
        <translation>Duplicados probables</translation>
    </message>
    <message>
        <source>The two contacts side by side</source>
        <translation>Los dos contactos uno al lado del otro</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Title</source>
        <comment>job title</comment>
        <translation>Cargo</translation>
    </message>
    <message>
        <source>Outlet</source>
        <translation>Medio</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Emails</source>
        <translation>Correos</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation>Teléfonos</translation>
    </message>
    <message>
        <source>Handles</source>
        <translation>Identificadores</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <source>Beats</source>
        <translation>Secciones</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ciudad</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>País</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Añadido</translation>
    </message>
    <message>
        <source>Keep the &amp;left one</source>
        <translation>Conservar el de la &amp;izquierda</translation>
    </message>
    <message>
        <source>Keep the &amp;right one</source>
        <translation>Conservar el de la &amp;derecha</translation>
    </message>
    <message>
        <source>Keep the left contact</source>
        <translation>Conservar el contacto de la izquierda</translation>
    </message>
    <message>
        <source>Keep the right contact</source>
        <translation>Conservar el contacto de la derecha</translation>
    </message>
    <message>
        <source>Move everything of the other contact to the kept one and put the other in the trash (undo with %1)</source>
        <translation>Pasar todo lo del otro contacto al que se conserva y mover el otro a la papelera (deshacer con %1)</translation>
    </message>
    <message>
        <source>Find D&amp;uplicates…</source>
        <translation>Buscar &amp;duplicados…</translation>
    </message>
    <message>
        <source>List contacts that are likely the same person and merge them (%1)</source>
        <translation>Listar los contactos que probablemente son la misma persona y fusionarlos (%1)</translation>
    </message>
    <message>
        <source>Looking for contacts that are likely the same person…</source>
        <translation>Buscando contactos que probablemente son la misma persona…</translation>
    </message>
    <message>
        <source>The search for duplicates failed: %1</source>
        <translation>Falló la búsqueda de duplicados: %1</translation>
    </message>
    <message>
        <source>No likely duplicates found.</source>
        <translation>No se encontraron duplicados probables.</translation>
    </message>
    <message numerus="yes">
        <source>%n likely duplicate pair(s) found in %1 ms. Pick one, choose the contact to keep and merge.</source>
        <translation>
            <numerusform>Se encontró %n pareja de duplicados probable en %1 ms. Elíjala, escoja el contacto que desea conservar y fusione.</numerusform>
            <numerusform>Se encontraron %n parejas de duplicados probables en %1 ms. Elija una, escoja el contacto que desea conservar y fusione.</numerusform>
        </translation>
    </message>
    <message>
        <source>Merge failed</source>
        <translation>Error al fusionar</translation>
    </message>
    <message>
        <source>“%1” was merged into “%2”. Undo with %3.</source>
        <translation>«%1» se fusionó con «%2». Deshacer con %3.</translation>
    </message>
    <message>
        <source>Only a manager or an admin can merge duplicates.</source>
        <translation>Solo un gestor o un admin puede combinar duplicados.</translation>
    </message>
</context>
<context>
    <name>EditContactCommand</name>
    <message>
        <source>Edit “%1”</source>
        <translation>Editar «%1»</translation>
    </message>
</context>
<context>
    <name>EditContentCommand</name>
    <message>
        <source>“%1” was changed by someone else since; it was left as they saved it.</source>
        <translation>«%1» fue modificado entretanto por otra persona; se deja tal como lo guardó.</translation>
    </message>
</context>
<context>
    <name>EditCoverageCommand</name>
    <message>
        <source>Edit coverage “%1”</source>
        <translation>Editar la cobertura «%1»</translation>
    </message>
    <message>
        <source>“%1” was changed by someone else since; it was left as they saved it.</source>
        <translation>«%1» fue modificado entretanto por otra persona; se deja tal como lo guardó.</translation>
    </message>
</context>
<context>
    <name>EditInteractionCommand</name>
    <message>
        <source>Edit “%1”</source>
        <translation>Editar «%1»</translation>
    </message>
</context>
<context>
    <name>EraseDialog</name>
    <message>
        <source>Erase This Person</source>
        <translation>Borrar a esta persona</translation>
    </message>
    <message numerus="yes">
        <source>%n conversation(s)</source>
        <translation>
            <numerusform>%n conversación</numerusform>
            <numerusform>%n conversaciones</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pitch(es)</source>
        <translation>
            <numerusform>%n pitch</numerusform>
            <numerusform>%n pitches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n follow-up(s)</source>
        <translation>
            <numerusform>%n seguimiento</numerusform>
            <numerusform>%n seguimientos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n handle(s)</source>
        <translation>
            <numerusform>%n identificador</numerusform>
            <numerusform>%n identificadores</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n email address(es)</source>
        <translation>
            <numerusform>%n dirección de correo</numerusform>
            <numerusform>%n direcciones de correo</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n phone number(s)</source>
        <translation>
            <numerusform>%n número de teléfono</numerusform>
            <numerusform>%n números de teléfono</numerusform>
        </translation>
    </message>
    <message>
        <source>Their profile, %1, their text in the search indexes and their entries in the audit log will be erased.</source>
        <translation>Se borrarán su perfil, %1, su texto en los índices de búsqueda y sus entradas en el registro de auditoría.</translation>
    </message>
    <message>
        <source>Erase %1 for good?</source>
        <translation>¿Borrar a %1 definitivamente?</translation>
    </message>
    <message numerus="yes">
        <source>%n coverage entry(s) they wrote stay with the campaign, without their name.</source>
        <translation>
            <numerusform>%n cobertura que escribió se queda en la campaña, sin su nombre.</numerusform>
            <numerusform>%n coberturas que escribió se quedan en la campaña, sin su nombre.</numerusform>
        </translation>
    </message>
    <message>
        <source>The audit log keeps only a line that an erasure happened. This cannot be undone, and the undo history is cleared.</source>
        <translation>El registro de auditoría solo conserva una línea que indica que hubo un borrado. No se puede deshacer y se vacía el historial de deshacer.</translation>
    </message>
    <message numerus="yes">
        <source>Add their Mastodon and Bluesky handles (%n) to the ignore list, so the sync does not bring them back</source>
        <translation>
            <numerusform>Añadir su identificador de Mastodon o Bluesky (%n) a la lista de ignorados, para que la sincronización no lo traiga de vuelta</numerusform>
            <numerusform>Añadir sus identificadores de Mastodon y Bluesky (%n) a la lista de ignorados, para que la sincronización no los traiga de vuelta</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Erase</source>
        <translation>&amp;Borrar</translation>
    </message>
</context>
<context>
    <name>ErasureRepository</name>
    <message>
        <source>counting what the erasure removes</source>
        <translation>al contar lo que elimina el borrado</translation>
    </message>
    <message>
        <source>erasing the person</source>
        <translation>al borrar a la persona</translation>
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
        <translation>Exportación y borrado:
  export contacts [--format vcard|csv] [--layout rapport|google|outlook] [--vcard-version 4.0|3.0]
  export followups [--format ics]
  export person ID [--format json|vcard]
  export all [--format json]
         [--out FILE]
                    Todos los contactos fuera de la papelera como vCard (4.0 salvo que se pida 3.0) o CSV
                    (columnas de Rapport, de Google o de Outlook), los seguimientos abiertos como archivo
                    iCalendar, todo sobre una persona o toda la base de datos como JSON.
                    Sin --out la exportación va a la salida estándar.
  erase person ID --yes [--ignore-handles]
                    Borrar a una persona definitivamente: perfil, conversaciones, pitches, seguimientos e
                    identificadores, su texto en los índices de búsqueda y en el registro de auditoría. Con
                    --ignore-handles la sincronización omite desde ahora sus identificadores de Mastodon y Bluesky.
</translation>
    </message>
    <message>
        <source>export person takes the id of a contact.</source>
        <translation>export person espera el id de un contacto.</translation>
    </message>
    <message>
        <source>export %1 takes no further arguments.</source>
        <translation>export %1 no admite más argumentos.</translation>
    </message>
    <message>
        <source>export takes contacts, followups, person ID or all.</source>
        <translation>export espera contacts, followups, person ID o all.</translation>
    </message>
    <message>
        <source>export %1 writes %2, not “%3”.</source>
        <translation>export %1 escribe %2, no «%3».</translation>
    </message>
    <message>
        <source>--layout is for --format csv.</source>
        <translation>--layout es para --format csv.</translation>
    </message>
    <message>
        <source>--layout is rapport, google or outlook, not “%1”.</source>
        <translation>--layout es rapport, google u outlook, no «%1».</translation>
    </message>
    <message>
        <source>--vcard-version is for --format vcard.</source>
        <translation>--vcard-version es para --format vcard.</translation>
    </message>
    <message>
        <source>--vcard-version is 4.0 or 3.0, not “%1”.</source>
        <translation>--vcard-version es 4.0 o 3.0, no «%1».</translation>
    </message>
    <message>
        <source>standard output</source>
        <translation>la salida estándar</translation>
    </message>
    <message>
        <source>Exported %L1 contacts to %2.</source>
        <translation>%L1 contactos exportados a %2.</translation>
    </message>
    <message>
        <source>Exported %L1 open follow-ups to %2.</source>
        <translation>%L1 seguimientos abiertos exportados a %2.</translation>
    </message>
    <message>
        <source>There is no contact %1.</source>
        <translation>No existe el contacto %1.</translation>
    </message>
    <message>
        <source>Exported everything about contact %1 to %2.</source>
        <translation>Todo sobre el contacto %1 exportado a %2.</translation>
    </message>
    <message>
        <source>Exported the whole database to %1.</source>
        <translation>Toda la base de datos exportada a %1.</translation>
    </message>
    <message>
        <source>erase takes person ID.</source>
        <translation>erase espera person ID.</translation>
    </message>
    <message>
        <source>Erasing a person cannot be undone: add --yes to erase contact %1.</source>
        <translation>Borrar a una persona no se puede deshacer: añada --yes para borrar el contacto %1.</translation>
    </message>
    <message>
        <source>Erased contact %1: %L2 conversations, %L3 pitches, %L4 follow-ups, %L5 handles and %L6 audit entries; %L7 coverage entries are kept without them.</source>
        <translation>Contacto %1 borrado: %L2 conversaciones, %L3 pitches, %L4 seguimientos, %L5 identificadores y %L6 entradas de auditoría; %L7 coberturas se conservan sin la persona.</translation>
    </message>
    <message>
        <source>The sync ignores %L1 of their handles from now on.</source>
        <translation>La sincronización ignora desde ahora %L1 de sus identificadores.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <source>&amp;All contacts</source>
        <translation>&amp;Todos los contactos</translation>
    </message>
    <message>
        <source>The contacts the &amp;list shows now (%L1)</source>
        <translation>Los contactos que muestra la &amp;lista ahora (%L1)</translation>
    </message>
    <message>
        <source>The contacts the &amp;list shows now (no search or filter)</source>
        <translation>Los contactos que muestra la &amp;lista ahora (sin búsqueda ni filtro)</translation>
    </message>
    <message>
        <source>The contacts that match the list&apos;s search, filters or saved view</source>
        <translation>Los contactos que coinciden con la búsqueda, los filtros o la vista guardada de la lista</translation>
    </message>
    <message>
        <source>The &amp;selected contacts (%L1)</source>
        <translation>Los contactos &amp;seleccionados (%L1)</translation>
    </message>
    <message>
        <source>Open &amp;follow-ups, as a calendar (iCalendar)</source>
        <translation>Seguimientos &amp;abiertos, como calendario (iCalendar)</translation>
    </message>
    <message>
        <source>Each open follow-up becomes a task with its due date and a reminder; exporting again updates the same tasks in the calendar</source>
        <translation>Cada seguimiento abierto se convierte en una tarea con su fecha y un recordatorio; exportar de nuevo actualiza las mismas tareas en el calendario</translation>
    </message>
    <message>
        <source>vCard 4.0 (address books, phones)</source>
        <translation>vCard 4.0 (libretas de direcciones, teléfonos)</translation>
    </message>
    <message>
        <source>vCard 3.0 (older address books)</source>
        <translation>vCard 3.0 (libretas de direcciones antiguas)</translation>
    </message>
    <message>
        <source>CSV: every Rapport field</source>
        <translation>CSV: todos los campos de Rapport</translation>
    </message>
    <message>
        <source>CSV: Google Contacts columns</source>
        <translation>CSV: columnas de Google Contactos</translation>
    </message>
    <message>
        <source>CSV: Outlook columns</source>
        <translation>CSV: columnas de Outlook</translation>
    </message>
    <message>
        <source>F&amp;ormat:</source>
        <translation>F&amp;ormato:</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportar…</translation>
    </message>
    <message>
        <source>Follow-ups are written as iCalendar tasks (.ics) that calendars and task lists open.</source>
        <translation>Los seguimientos se escriben como tareas iCalendar (.ics) que abren los calendarios y las listas de tareas.</translation>
    </message>
    <message>
        <source>One card per person with emails, phones, handles, tags and Rapport&apos;s own fields; Rapport imports it back as the same profiles.</source>
        <translation>Una tarjeta por persona con correos, teléfonos, identificadores, etiquetas y los campos propios de Rapport; Rapport la vuelve a importar como los mismos perfiles.</translation>
    </message>
    <message>
        <source>Every field Rapport imports, one column each; several values in one cell are separated by “ ::: ”.</source>
        <translation>Cada campo que Rapport importa, una columna cada uno; varios valores en una celda van separados por « ::: ».</translation>
    </message>
    <message>
        <source>Names, organization, emails, phones, address, websites, notes and tags in the columns %1 reads; beats, handles, kind and reach have no place there.</source>
        <translation>Nombres, organización, correos, teléfonos, dirección, sitios web, notas y etiquetas en las columnas que lee %1; temas, identificadores, tipo y alcance no tienen sitio allí.</translation>
    </message>
    <message>
        <source>follow-ups</source>
        <comment>file name</comment>
        <translation>seguimientos</translation>
    </message>
    <message>
        <source>contacts</source>
        <comment>file name</comment>
        <translation>contactos</translation>
    </message>
    <message>
        <source>vCard files (*.vcf)</source>
        <translation>Archivos vCard (*.vcf)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>iCalendar files (*.ics)</source>
        <translation>Archivos iCalendar (*.ics)</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>Archivos JSON (*.json)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>La exportación falló</translation>
    </message>
    <message>
        <source>Exporting the follow-ups…</source>
        <translation>Exportando los seguimientos…</translation>
    </message>
    <message>
        <source>Exporting %L1 contacts…</source>
        <translation>Exportando %L1 contactos…</translation>
    </message>
    <message>
        <source>Exported %L1 follow-ups to %2.</source>
        <translation>%L1 seguimientos exportados a %2.</translation>
    </message>
    <message>
        <source>Exported %L1 contacts to %2.</source>
        <translation>%L1 contactos exportados a %2.</translation>
    </message>
    <message>
        <source>&amp;All contacts (%L1)</source>
        <translation>&amp;Todos los contactos (%L1)</translation>
    </message>
</context>
<context>
    <name>ExportFile</name>
    <message>
        <source>the standard output</source>
        <translation>la salida estándar</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>No se pudo escribir %1: %2</translation>
    </message>
    <message>
        <source>Could not write to the standard output: %1</source>
        <translation>No se pudo escribir en la salida estándar: %1</translation>
    </message>
</context>
<context>
    <name>ExportJob</name>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
</context>
<context>
    <name>ExportRepository</name>
    <message>
        <source>reading the contacts to export</source>
        <translation>al leer los contactos que exportar</translation>
    </message>
    <message>
        <source>reading the account managers</source>
        <translation>al leer los gestores de cuentas</translation>
    </message>
    <message>
        <source>The export was canceled.</source>
        <translation>La exportación se canceló.</translation>
    </message>
    <message>
        <source>reading the follow-ups to export</source>
        <translation>al leer los seguimientos que exportar</translation>
    </message>
    <message>
        <source>reading everything about the person</source>
        <translation>al leer todo sobre la persona</translation>
    </message>
    <message>
        <source>reading the database to export</source>
        <translation>al leer la base de datos que exportar</translation>
    </message>
</context>
<context>
    <name>FeedParser</name>
    <message>
        <source>The feed at %1 is not valid JSON: %2 (at character %L3).</source>
        <translation>El feed de %1 no es JSON válido: %2 (en el carácter %L3).</translation>
    </message>
    <message>
        <source>%1 sends JSON, but not a JSON Feed.</source>
        <translation>%1 envía JSON, pero no un JSON Feed.</translation>
    </message>
    <message>
        <source>The feed has more than %L1 items; only the first %L1 were read.</source>
        <translation>El feed tiene más de %L1 elementos; solo se leyeron los %L1 primeros.</translation>
    </message>
    <message>
        <source>The server sent an empty document instead of the feed at %1.</source>
        <translation>El servidor envió un documento vacío en lugar del feed de %1.</translation>
    </message>
    <message>
        <source>%1 is not a feed: it is neither XML nor JSON.</source>
        <translation>%1 no es un feed: no es ni XML ni JSON.</translation>
    </message>
    <message>
        <source>%1 is a web page, not a feed. The page names a feed at %2: use that address instead.</source>
        <translation>%1 es una página web, no un feed. La página indica un feed en %2: use esa dirección en su lugar.</translation>
    </message>
    <message>
        <source>%1 is a web page, not a feed.</source>
        <translation>%1 es una página web, no un feed.</translation>
    </message>
    <message>
        <source>%1 is an XML document but not a feed (it starts with &lt;%2&gt;).</source>
        <translation>%1 es un documento XML pero no un feed (empieza por &lt;%2&gt;).</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>línea %1</translation>
    </message>
    <message>
        <source>The feed at %1 ended before its first complete item (the download was cut short, or the server sent an incomplete file).</source>
        <translation>El feed de %1 terminó antes de su primer elemento completo (la descarga se interrumpió o el servidor envió un archivo incompleto).</translation>
    </message>
    <message>
        <source>The feed at %1 cannot be read: %2 (%3).</source>
        <translation>No se puede leer el feed de %1: %2 (%3).</translation>
    </message>
    <message>
        <source>The feed breaks off at %1 (%2); the one complete item before that was read.</source>
        <translation>El feed se interrumpe en %1 (%2); se leyó el único elemento completo anterior.</translation>
    </message>
    <message>
        <source>The feed breaks off at %1 (%2); the %L3 complete items before that were read.</source>
        <translation>El feed se interrumpe en %1 (%2); se leyeron los %L3 elementos completos anteriores.</translation>
    </message>
</context>
<context>
    <name>FeedSource</name>
    <message>
        <source>The feed at %1 answered %2.</source>
        <translation>El feed de %1 respondió %2.</translation>
    </message>
    <message>
        <source>Check the address, or remove the feed if the site no longer has it.</source>
        <translation>Compruebe la dirección o quite el feed si el sitio ya no lo ofrece.</translation>
    </message>
    <message>
        <source>The feed is not public.</source>
        <translation>El feed no es público.</translation>
    </message>
    <message>
        <source>The sync was cancelled.</source>
        <translation>Se canceló la sincronización.</translation>
    </message>
    <message>
        <source>Feed “%1”, 1 item</source>
        <translation>Feed «%1», 1 elemento</translation>
    </message>
    <message>
        <source>Feed “%1”, %L2 items</source>
        <translation>Feed «%1», %L2 elementos</translation>
    </message>
    <message>
        <source>(the feed breaks off; only the complete items were read)</source>
        <translation>(el feed se interrumpe; solo se leyeron los elementos completos)</translation>
    </message>
</context>
<context>
    <name>FollowUpCommand</name>
    <message>
        <source>Complete follow-up with %1</source>
        <translation>Completar el seguimiento con %1</translation>
    </message>
    <message>
        <source>Snooze follow-up with %1</source>
        <translation>Posponer el seguimiento con %1</translation>
    </message>
    <message>
        <source>Reassign follow-up to %1</source>
        <translation>Reasignar el seguimiento a %1</translation>
    </message>
    <message>
        <source>Plan a follow-up with %1</source>
        <translation>Programar un seguimiento con %1</translation>
    </message>
</context>
<context>
    <name>FollowUpModel</name>
    <message>
        <source>Today %1</source>
        <translation>Hoy %1</translation>
    </message>
    <message>
        <source>Yesterday %1</source>
        <translation>Ayer %1</translation>
    </message>
    <message>
        <source>Tomorrow %1</source>
        <translation>Mañana %1</translation>
    </message>
    <message>
        <source>%1 (%L2, the first %L3 shown)</source>
        <translation>%1 (%L2, se muestran los %L3 primeros)</translation>
    </message>
    <message>
        <source>%1 (%L2)</source>
        <translation>%1 (%L2)</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Vencimiento</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contacto</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Asignado a</translation>
    </message>
</context>
<context>
    <name>FollowUpRepository</name>
    <message>
        <source>A follow-up needs a contact or a campaign.</source>
        <translation>Un seguimiento necesita un contacto o una campaña.</translation>
    </message>
    <message>
        <source>Enter when the follow-up is due.</source>
        <translation>Indique cuándo vence el seguimiento.</translation>
    </message>
    <message>
        <source>The due date must be between 1900 and ten years from now; please check the year.</source>
        <translation>La fecha de vencimiento debe estar entre 1900 y dentro de diez años; compruebe el año.</translation>
    </message>
    <message>
        <source>saving the follow-up</source>
        <translation>guardado del seguimiento</translation>
    </message>
    <message>
        <source>This follow-up was changed or deleted by someone else since you opened it. Reload it to see their changes; yours were not saved.</source>
        <translation>Otra persona modificó o eliminó este seguimiento desde que usted lo abrió. Vuelva a cargarlo para ver esos cambios; los suyos no se guardaron.</translation>
    </message>
    <message>
        <source>loading the follow-up</source>
        <translation>carga del seguimiento</translation>
    </message>
    <message>
        <source>The follow-up no longer exists.</source>
        <translation>El seguimiento ya no existe.</translation>
    </message>
    <message>
        <source>completing the follow-up</source>
        <translation>finalización del seguimiento</translation>
    </message>
    <message>
        <source>reopening the follow-up</source>
        <translation>reapertura del seguimiento</translation>
    </message>
    <message>
        <source>snoozing the follow-up</source>
        <translation>aplazamiento del seguimiento</translation>
    </message>
    <message>
        <source>reassigning the follow-up</source>
        <translation>reasignación del seguimiento</translation>
    </message>
    <message>
        <source>deleting the follow-up</source>
        <translation>eliminación del seguimiento</translation>
    </message>
    <message>
        <source>restoring the follow-up</source>
        <translation>restauración del seguimiento</translation>
    </message>
    <message>
        <source>loading follow-ups</source>
        <translation>carga de los seguimientos</translation>
    </message>
    <message>
        <source>counting overdue follow-ups</source>
        <translation>recuento de los seguimientos vencidos</translation>
    </message>
    <message>
        <source>counting follow-ups</source>
        <translation>recuento de los seguimientos</translation>
    </message>
    <message>
        <source>The note is %L1 characters long; at most %L2 fit.</source>
        <translation>La nota tiene %L1 caracteres; caben como máximo %L2.</translation>
    </message>
</context>
<context>
    <name>FollowUpsView</name>
    <message>
        <source>Follow-ups</source>
        <translation>Seguimientos</translation>
    </message>
    <message>
        <source>&amp;Complete</source>
        <translation>&amp;Completar</translation>
    </message>
    <message>
        <source>Mark the follow-up as done</source>
        <translation>Marcar el seguimiento como hecho</translation>
    </message>
    <message>
        <source>Snooze 1 &amp;Day</source>
        <translation>Posponer 1 &amp;día</translation>
    </message>
    <message>
        <source>Move the due time one day on</source>
        <translation>Aplazar el vencimiento un día</translation>
    </message>
    <message>
        <source>Snooze 1 &amp;Week</source>
        <translation>Posponer 1 &amp;semana</translation>
    </message>
    <message>
        <source>Move the due time one week on</source>
        <translation>Aplazar el vencimiento una semana</translation>
    </message>
    <message>
        <source>Snooze &amp;To…</source>
        <translation>Posponer &amp;hasta…</translation>
    </message>
    <message>
        <source>Pick a new due date and time</source>
        <translation>Elegir una nueva fecha y hora de vencimiento</translation>
    </message>
    <message>
        <source>&amp;Reassign…</source>
        <translation>&amp;Reasignar…</translation>
    </message>
    <message>
        <source>Give the follow-up to someone else</source>
        <translation>Asignar el seguimiento a otra persona</translation>
    </message>
    <message>
        <source>Open follow-ups by due date</source>
        <translation>Seguimientos pendientes por vencimiento</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Asignado a</translation>
    </message>
    <message>
        <source>Nothing to follow up. Add a follow-up date when you log a conversation (Ctrl+L).</source>
        <translation>No hay seguimientos pendientes. Añada una fecha de seguimiento al registrar una conversación (Ctrl+L).</translation>
    </message>
    <message>
        <source>Rapport</source>
        <translation>Rapport</translation>
    </message>
    <message>
        <source>Follow-up due</source>
        <translation>Seguimiento pendiente</translation>
    </message>
    <message>
        <source>Snooze Follow-up</source>
        <translation>Posponer el seguimiento</translation>
    </message>
    <message>
        <source>New due time</source>
        <translation>Nuevo vencimiento</translation>
    </message>
    <message>
        <source>Due &amp;on:</source>
        <translation>&amp;Vence el:</translation>
    </message>
    <message>
        <source>Reassign Follow-up</source>
        <translation>Reasignar el seguimiento</translation>
    </message>
    <message>
        <source>&amp;Assign to:</source>
        <translation>&amp;Asignar a:</translation>
    </message>
    <message>
        <source>Show the follow-ups of</source>
        <translation>Mostrar los seguimientos de</translation>
    </message>
    <message>
        <source>Everybody&apos;s follow-ups, yours, or one account manager&apos;s</source>
        <translation>Los seguimientos de todos, los suyos o los de un responsable</translation>
    </message>
    <message>
        <source>S&amp;how:</source>
        <translation>&amp;Mostrar:</translation>
    </message>
    <message>
        <source>Everybody</source>
        <comment>follow-ups of</comment>
        <translation>Todos</translation>
    </message>
    <message>
        <source>Mine</source>
        <comment>follow-ups</comment>
        <translation>Míos</translation>
    </message>
    <message>
        <source>Nothing to follow up for %1.</source>
        <translation>No hay seguimientos pendientes para %1.</translation>
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
        <translation>Restaurando %1…</translation>
    </message>
    <message>
        <source>Restoring — Rapport</source>
        <translation>Restaurando — Rapport</translation>
    </message>
    <message>
        <source>The backup was not restored.</source>
        <translation>La copia no se restauró.</translation>
    </message>
    <message>
        <source>Not restored</source>
        <translation>No restaurada</translation>
    </message>
    <message>
        <source>The backup was not restored, and the database is as it was.

%1</source>
        <translation>La copia no se restauró y la base sigue como estaba.

%1</translation>
    </message>
    <message>
        <source>Restored the backup taken %1.</source>
        <translation>Se restauró la copia del %1.</translation>
    </message>
    <message>
        <source>&lt;p&gt;Restored the backup taken %1.&lt;/p&gt;&lt;p&gt;Contacts: %2 · Conversations: %3 · Campaigns: %4&lt;/p&gt;</source>
        <translation>&lt;p&gt;Se restauró la copia del %1.&lt;/p&gt;&lt;p&gt;Contactos: %2 · Conversaciones: %3 · Campañas: %4&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;It was upgraded from schema %1 to %2.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Se actualizó del esquema %1 al %2.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;The database you had open is kept as %1.&lt;/p&gt;</source>
        <translation>&lt;p&gt;La base que tenía abierta se conserva como %1.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Backup restored</source>
        <translation>Copia restaurada</translation>
    </message>
    <message>
        <source>Could not connect to the team database: %1</source>
        <translation>No se pudo conectar con la base de datos del equipo: %1</translation>
    </message>
</context>
<context>
    <name>HealthPanel</name>
    <message>
        <source>Relationship health</source>
        <translation>Salud de la relación</translation>
    </message>
    <message>
        <source>Health unknown</source>
        <translation>Salud desconocida</translation>
    </message>
    <message>
        <source>Health %1 of 100 · %2</source>
        <translation>Salud %1 de 100 · %2</translation>
    </message>
    <message numerus="yes">
        <source>%n like(s), boost(s), follow(s) or quote(s) on social media in 90 days</source>
        <translation>
            <numerusform>%n me gusta, difusión, seguimiento o cita en redes sociales en 90 días</numerusform>
            <numerusform>%n me gusta, difusiones, seguimientos o citas en redes sociales en 90 días</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HealthScore</name>
    <message>
        <source>computing relationship health</source>
        <translation>cálculo de la salud de las relaciones</translation>
    </message>
    <message>
        <source>No conversations yet.</source>
        <translation>Todavía no hay conversaciones.</translation>
    </message>
    <message>
        <source>Last spoke today.</source>
        <translation>Última conversación hoy.</translation>
    </message>
    <message>
        <source>Last spoke yesterday.</source>
        <translation>Última conversación ayer.</translation>
    </message>
    <message>
        <source>Last spoke %1 days ago.</source>
        <translation>Última conversación hace %1 días.</translation>
    </message>
    <message>
        <source>One interaction in the last %1 days.</source>
        <translation>Una interacción en los últimos %1 días.</translation>
    </message>
    <message>
        <source>%1 interactions in the last %2 days.</source>
        <translation>%1 interacciones en los últimos %2 días.</translation>
    </message>
    <message>
        <source>Answers %1 of %2 pitches.</source>
        <translation>Pitches respondidos: %1 de %2.</translation>
    </message>
    <message>
        <source>No pitches sent yet.</source>
        <translation>Todavía no se ha enviado ningún pitch.</translation>
    </message>
    <message>
        <source>Talked on one channel.</source>
        <translation>Contacto por un solo canal.</translation>
    </message>
    <message>
        <source>Talked on %1 channels.</source>
        <translation>Contacto por %1 canales.</translation>
    </message>
    <message>
        <source>Known for %1 years.</source>
        <translation>Conocido desde hace %1 años.</translation>
    </message>
    <message>
        <source>Known for over a year.</source>
        <translation>Conocido desde hace más de un año.</translation>
    </message>
    <message>
        <source>Known for %1 months.</source>
        <translation>Conocido desde hace %1 meses.</translation>
    </message>
    <message>
        <source>Known for a month.</source>
        <translation>Conocido desde hace un mes.</translation>
    </message>
    <message>
        <source>Known for less than a month.</source>
        <translation>Conocido desde hace menos de un mes.</translation>
    </message>
    <message>
        <source>The contact no longer exists.</source>
        <translation>El contacto ya no existe.</translation>
    </message>
    <message>
        <source>updating relationship health</source>
        <translation>actualización de la salud de las relaciones</translation>
    </message>
    <message>
        <source>Recency</source>
        <translation>Actualidad</translation>
    </message>
    <message>
        <source>No conversation logged, only pitches.</source>
        <translation>No hay conversaciones registradas, solo pitches.</translation>
    </message>
    <message>
        <source>Frequency</source>
        <translation>Frecuencia</translation>
    </message>
    <message>
        <source>Mostly outbound: %1 of %2 interactions were ours.</source>
        <translation>Sobre todo saliente: %1 de %2 interacciones fueron nuestras.</translation>
    </message>
    <message>
        <source>Mostly inbound: %1 of %2 interactions came from them.</source>
        <translation>Sobre todo entrante: %1 de %2 interacciones vinieron del contacto.</translation>
    </message>
    <message>
        <source>Balanced: %1 of %2 interactions came from them.</source>
        <translation>Equilibrado: %1 de %2 interacciones vinieron del contacto.</translation>
    </message>
    <message>
        <source>Reciprocity</source>
        <translation>Reciprocidad</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>Respuesta</translation>
    </message>
    <message>
        <source>Breadth</source>
        <translation>Variedad</translation>
    </message>
    <message>
        <source>Tenure</source>
        <translation>Antigüedad</translation>
    </message>
    <message>
        <source>not scored</source>
        <comment>relationship health</comment>
        <translation>sin evaluar</translation>
    </message>
    <message>
        <source>strong</source>
        <comment>relationship health</comment>
        <translation>sólida</translation>
    </message>
    <message>
        <source>steady</source>
        <comment>relationship health</comment>
        <translation>estable</translation>
    </message>
    <message>
        <source>cooling</source>
        <comment>relationship health</comment>
        <translation>se enfría</translation>
    </message>
    <message>
        <source>cold</source>
        <comment>relationship health</comment>
        <translation>fría</translation>
    </message>
    <message>
        <source>%1 %2 of %3: %4</source>
        <comment>component, points, maximum, sentence</comment>
        <translation>%1 %2 de %3: %4</translation>
    </message>
    <message>
        <source>Relationship health %1 of 100 (%2)</source>
        <translation>Salud de la relación %1 de 100 (%2)</translation>
    </message>
    <message>
        <source>finding the relationships that are cooling off</source>
        <translation>búsqueda de las relaciones que se enfrían</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Antes</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Después</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Creado</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>Editado</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Cambiado</translation>
    </message>
    <message>
        <source>Moved to the trash</source>
        <translation>Movido a la papelera</translation>
    </message>
    <message>
        <source>Restored from the trash</source>
        <translation>Restaurado de la papelera</translation>
    </message>
    <message>
        <source>Merged a duplicate into this</source>
        <translation>Un duplicado combinado aquí</translation>
    </message>
    <message>
        <source>Merge undone</source>
        <translation>Combinación deshecha</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importado</translation>
    </message>
    <message>
        <source>Import undone</source>
        <translation>Importación deshecha</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>Sincronizado</translation>
    </message>
    <message>
        <source>Tagged with others</source>
        <translation>Etiquetado junto con otros</translation>
    </message>
    <message>
        <source>Untagged with others</source>
        <translation>Etiqueta quitada junto con otros</translation>
    </message>
    <message>
        <source>Account manager changed with others</source>
        <translation>Responsable cambiado junto con otros</translation>
    </message>
    <message>
        <source>Kind changed with others</source>
        <translation>Tipo cambiado junto con otros</translation>
    </message>
    <message>
        <source>Linked from the Inbox</source>
        <translation>Vinculado desde la bandeja de entrada</translation>
    </message>
    <message>
        <source>Unlinked from the Inbox</source>
        <translation>Desvinculado de la bandeja de entrada</translation>
    </message>
    <message>
        <source>Status changed</source>
        <translation>Estado cambiado</translation>
    </message>
    <message>
        <source>Moved in the pipeline</source>
        <translation>Movido en el embudo</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Eliminado</translation>
    </message>
    <message>
        <source>Added to the team</source>
        <translation>Añadido al equipo</translation>
    </message>
    <message>
        <source>Role changed</source>
        <translation>Rol cambiado</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>Desactivado</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Apellidos</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Cargo</translation>
    </message>
    <message>
        <source>Outlet</source>
        <translation>Medio</translation>
    </message>
    <message>
        <source>Role at the outlet</source>
        <translation>Función en el medio</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ciudad</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>País</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Zona horaria</translation>
    </message>
    <message>
        <source>Reach</source>
        <translation>Alcance</translation>
    </message>
    <message>
        <source>Preferred channel</source>
        <translation>Canal preferido</translation>
    </message>
    <message>
        <source>Pronouns</source>
        <translation>Pronombres</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Do not contact</source>
        <translation>No contactar</translation>
    </message>
    <message>
        <source>Reason not to contact</source>
        <translation>Motivo para no contactar</translation>
    </message>
    <message>
        <source>Consent basis</source>
        <translation>Base del consentimiento</translation>
    </message>
    <message>
        <source>Consent given</source>
        <translation>Consentimiento dado</translation>
    </message>
    <message>
        <source>Consent source</source>
        <translation>Origen del consentimiento</translation>
    </message>
    <message>
        <source>Account manager</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>In the trash since</source>
        <translation>En la papelera desde</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Sitio web</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descripción</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Goals</source>
        <translation>Objetivos</translation>
    </message>
    <message>
        <source>Key messages</source>
        <translation>Mensajes clave</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>Temas</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contacto</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Campaña</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <source>When it happened</source>
        <translation>Cuándo ocurrió</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Asunto</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
    <message>
        <source>Sentiment</source>
        <translation>Sentimiento</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Dirección web</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(vacío)</translation>
    </message>
    <message>
        <source>#%1 (gone)</source>
        <translation>n.º %1 (ya no existe)</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>Organización</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Conversación</translation>
    </message>
    <message>
        <source>Pitch</source>
        <translation>Pitch</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Seguimiento</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Equipo</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importación</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 #%2</source>
        <translation>%1 n.º %2</translation>
    </message>
    <message>
        <source>%1 #%2: %3</source>
        <translation>%1 n.º %2: %3</translation>
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
        <translation>%1: %2 → %3</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Beat</source>
        <translation>Sección</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Etiqueta</translation>
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
        <translation>Blog o feed</translation>
    </message>
</context>
<context>
    <name>HistoryQuery</name>
    <message>
        <source>reading the history</source>
        <translation>leer el historial</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>Only the changes of this person</source>
        <translation>Solo los cambios de esta persona</translation>
    </message>
    <message>
        <source>Only the changes of this period</source>
        <translation>Solo los cambios de este periodo</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>Todo el tiempo</translation>
    </message>
    <message>
        <source>Today and yesterday</source>
        <translation>Hoy y ayer</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>Últimos 12 meses</translation>
    </message>
    <message numerus="yes">
        <source>Last %n days</source>
        <translation>
            <numerusform>Último %n día</numerusform>
            <numerusform>Últimos %n días</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Person:</source>
        <translation>&amp;Persona:</translation>
    </message>
    <message>
        <source>P&amp;eriod:</source>
        <translation>P&amp;eriodo:</translation>
    </message>
    <message>
        <source>No changes recorded.</source>
        <translation>No hay cambios registrados.</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>Everybody</source>
        <translation>Todos</translation>
    </message>
</context>
<context>
    <name>IcsWriter</name>
    <message>
        <source>Follow up with %1 (%2)</source>
        <translation>Seguimiento con %1 (%2)</translation>
    </message>
    <message>
        <source>Follow up with %1</source>
        <translation>Seguimiento con %1</translation>
    </message>
    <message>
        <source>Follow up on %1</source>
        <translation>Seguimiento de %1</translation>
    </message>
    <message>
        <source>Follow up</source>
        <translation>Seguimiento</translation>
    </message>
</context>
<context>
    <name>ImportBatchCommand</name>
    <message>
        <source>Import %1</source>
        <translation>Importación de %1</translation>
    </message>
    <message>
        <source>The import of %1 could not be undone: %2</source>
        <translation>No se pudo deshacer la importación de %1: %2</translation>
    </message>
    <message>
        <source>Import undone</source>
        <translation>Importación deshecha</translation>
    </message>
</context>
<context>
    <name>ImportBatchListModel</name>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importado</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Por</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Creados</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Actualizados</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Omitidos</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Problemas</translation>
    </message>
    <message>
        <source>Undone</source>
        <translation>Deshecha</translation>
    </message>
    <message>
        <source>Import %1 (%2)</source>
        <translation>Importación %1 (%2)</translation>
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
        <translation>Importación:
  import ARCHIVO [--format csv|vcard] [--preset NOMBRE|--mapping ARCHIVO] [--encoding CODIFICACIÓN]
         [--delimiter ,|;|tab] [--on-duplicate skip|fill|overwrite|create] [--dry-run]
                    Importa contactos de un archivo CSV o vCard como un lote que se puede deshacer.
                    Plantillas: google, google-legacy, outlook, rapport o una guardada.
  imports list      Los lotes de importación, los más recientes primero.
  imports undo LOTE
                    Elimina lo que creó un lote y restaura lo que cambió; las filas editadas
                    desde entonces se conservan y se indican.
</translation>
    </message>
    <message>
        <source>import takes one FILE.</source>
        <translation>import espera un ARCHIVO.</translation>
    </message>
    <message>
        <source>--format is csv or vcard, not “%1”.</source>
        <translation>--format es csv o vcard, no «%1».</translation>
    </message>
    <message>
        <source>--encoding is utf-8, utf-16le, utf-16be or windows-1252, not “%1”.</source>
        <translation>--encoding es utf-8, utf-16le, utf-16be o windows-1252, no «%1».</translation>
    </message>
    <message>
        <source>--delimiter is , ; | or tab, not “%1”.</source>
        <translation>--delimiter es , ; | o tab, no «%1».</translation>
    </message>
    <message>
        <source>Give either --preset or --mapping, not both.</source>
        <translation>Indique --preset o --mapping, no ambos.</translation>
    </message>
    <message>
        <source>The mapping file %1 cannot be read: %2</source>
        <translation>No se puede leer el archivo de correspondencia %1: %2</translation>
    </message>
    <message>
        <source>The mapping file %1 is not JSON: %2</source>
        <translation>El archivo de correspondencia %1 no es JSON: %2</translation>
    </message>
    <message>
        <source>--on-duplicate is skip, fill, overwrite or create, not “%1”.</source>
        <translation>--on-duplicate es skip, fill, overwrite o create, no «%1».</translation>
    </message>
    <message>
        <source>Dry run of %1 (nothing was written): %2 would be created, %3 updated, %4 skipped as duplicates, %5 merged within the file, %6 rows have problems.</source>
        <translation>Prueba de %1 (no se escribió nada): se crearían %2, se actualizarían %3, %4 se omitirían como duplicados, %5 se fusionarían dentro del archivo, %6 filas tienen problemas.</translation>
    </message>
    <message>
        <source>Imported %1 as batch %2: %3 created, %4 updated, %5 skipped as duplicates, %6 merged within the file, %7 rows with problems left out.</source>
        <translation>%1 importado como lote %2: %3 creados, %4 actualizados, %5 omitidos como duplicados, %6 fusionados dentro del archivo, %7 filas con problemas omitidas.</translation>
    </message>
    <message>
        <source>  … and %1 more (--json lists them all).</source>
        <translation>  … y %1 más (--json los enumera todos).</translation>
    </message>
    <message>
        <source>Undo with: rapport imports undo %1</source>
        <translation>Para deshacer: rapport imports undo %1</translation>
    </message>
    <message>
        <source>imports list takes no arguments.</source>
        <translation>imports list no admite argumentos.</translation>
    </message>
    <message>
        <source>No imports yet.</source>
        <translation>Todavía no hay importaciones.</translation>
    </message>
    <message>
        <source>%1  %2  %3  %4 created, %5 updated  by %6</source>
        <translation>%1  %2  %3  %4 creados, %5 actualizados  por %6</translation>
    </message>
    <message>
        <source>  (undone %1)</source>
        <translation>  (deshecho el %1)</translation>
    </message>
    <message>
        <source>imports undo takes the number of a batch (see “rapport imports list”).</source>
        <translation>imports undo espera el número de un lote (véase «rapport imports list»).</translation>
    </message>
    <message>
        <source>Undid import %1: %2 contacts removed, %3 restored, %4 kept because they changed since.</source>
        <translation>Importación %1 deshecha: %2 contactos eliminados, %3 restaurados, %4 conservados porque cambiaron desde entonces.</translation>
    </message>
    <message>
        <source>imports takes list or undo BATCH.</source>
        <translation>imports espera list o undo LOTE.</translation>
    </message>
</context>
<context>
    <name>ImportController</name>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importar…</translation>
    </message>
    <message>
        <source>Import &amp;History…</source>
        <translation>&amp;Historial de importaciones…</translation>
    </message>
    <message>
        <source>Import contacts from a CSV or vCard file (%1); dropping the file on the window does the same</source>
        <translation>Importar contactos de un archivo CSV o vCard (%1); soltar el archivo en la ventana hace lo mismo</translation>
    </message>
    <message>
        <source>Every import, with Undo Import for any of them</source>
        <translation>Todas las importaciones, cada una se puede deshacer</translation>
    </message>
    <message>
        <source>Imported %1: %L2 created, %L3 updated.</source>
        <translation>%1 importado: %L2 creados, %L3 actualizados.</translation>
    </message>
</context>
<context>
    <name>ImportDuplicatesModel</name>
    <message>
        <source>Row</source>
        <translation>Fila</translation>
    </message>
    <message>
        <source>In the file</source>
        <translation>En el archivo</translation>
    </message>
    <message>
        <source>Already in Rapport</source>
        <translation>Ya en Rapport</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Chosen for this row</source>
        <translation>Elegido para esta fila</translation>
    </message>
    <message>
        <source>The action for all duplicates</source>
        <translation>La acción para todos los duplicados</translation>
    </message>
</context>
<context>
    <name>ImportDuplicatesPage</name>
    <message>
        <source>People already in Rapport</source>
        <translation>Personas que ya están en Rapport</translation>
    </message>
    <message>
        <source>Rows that match a contact you have (same email or handle, or same name at the same organization). Choose what happens to all of them, or to each one in its Action cell.</source>
        <translation>Filas que coinciden con un contacto existente (mismo correo o identificador, o mismo nombre en la misma organización). Elija qué pasa con todas, o con cada una en su celda Acción.</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importar</translation>
    </message>
    <message>
        <source>For &amp;all of them:</source>
        <translation>Para &amp;todas:</translation>
    </message>
    <message>
        <source>Looking for people who are in Rapport already…</source>
        <translation>Buscando personas que ya están en Rapport…</translation>
    </message>
    <message>
        <source>People of the file already in Rapport: %L1.</source>
        <translation>Personas del archivo que ya están en Rapport: %L1.</translation>
    </message>
    <message>
        <source>Nobody in the file is in Rapport yet: every row becomes a new contact.</source>
        <translation>Nadie del archivo está aún en Rapport: cada fila será un contacto nuevo.</translation>
    </message>
    <message>
        <source>Rows that repeat a person of an earlier row, merged with it: %L1.</source>
        <translation>Filas que repiten a una persona de una fila anterior, fusionadas con ella: %L1.</translation>
    </message>
    <message>
        <source>The contact in Rapport stays as it is; the row is not imported.</source>
        <translation>El contacto en Rapport queda como está; la fila no se importa.</translation>
    </message>
    <message>
        <source>Empty fields of the contact are filled from the row; new emails, phones, handles, beats and tags are added.</source>
        <translation>Los campos vacíos del contacto se rellenan con la fila; se añaden los correos, teléfonos, identificadores, temas y etiquetas nuevos.</translation>
    </message>
    <message>
        <source>The row&apos;s values replace the contact&apos;s; emails, phones, handles, beats and tags are added.</source>
        <translation>Los valores de la fila sustituyen a los del contacto; se añaden correos, teléfonos, identificadores, temas y etiquetas.</translation>
    </message>
    <message>
        <source>A second contact is created; handles the first one has are left out.</source>
        <translation>Se crea un segundo contacto; se omiten los identificadores que ya tiene el primero.</translation>
    </message>
    <message>
        <source>People of the first %L1 rows already in Rapport: %L2.</source>
        <translation>Personas de las primeras %L1 filas que ya están en Rapport: %L2.</translation>
    </message>
    <message>
        <source>Nobody of the first %L1 rows is in Rapport yet.</source>
        <translation>Nadie de las primeras %L1 filas está todavía en Rapport.</translation>
    </message>
    <message>
        <source>The rows after them are matched while importing and get the choice for all; repeats of a person anywhere in the file are merged.</source>
        <translation>Las filas siguientes se comparan durante la importación y reciben la elección para todas; las repeticiones de una persona en cualquier parte del archivo se fusionan.</translation>
    </message>
</context>
<context>
    <name>ImportFields</name>
    <message>
        <source>(ignore)</source>
        <translation>(ignorar)</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Middle name</source>
        <translation>Segundo nombre</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Apellido</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Nombre completo</translation>
    </message>
    <message>
        <source>Job title</source>
        <translation>Cargo</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>Organización</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo</translation>
    </message>
    <message>
        <source>Email label</source>
        <translation>Etiqueta del correo</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Phone label</source>
        <translation>Etiqueta del teléfono</translation>
    </message>
    <message>
        <source>Handle</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Sitio web</translation>
    </message>
    <message>
        <source>Beats</source>
        <translation>Áreas</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ciudad</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>País</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Zona horaria</translation>
    </message>
    <message>
        <source>Reach</source>
        <translation>Alcance</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Do not contact</source>
        <translation>No contactar</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Consentimiento</translation>
    </message>
</context>
<context>
    <name>ImportFile</name>
    <message>
        <source>The file %1 does not exist.</source>
        <translation>El archivo %1 no existe.</translation>
    </message>
    <message>
        <source>The file %1 cannot be opened: %2</source>
        <translation>No se puede abrir el archivo %1: %2</translation>
    </message>
    <message>
        <source>Reading the file was cancelled.</source>
        <translation>Se canceló la lectura del archivo.</translation>
    </message>
    <message>
        <source>The file %1 has no rows.</source>
        <translation>El archivo %1 no tiene filas.</translation>
    </message>
    <message>
        <source>No column of %1 holds a name. Map the columns (--mapping FILE) or check that the first row is the header.</source>
        <translation>Ninguna columna de %1 contiene un nombre. Asigne las columnas (--mapping ARCHIVO) o compruebe que la primera fila sea el encabezado.</translation>
    </message>
    <message>
        <source>Column %1</source>
        <translation>Columna %1</translation>
    </message>
</context>
<context>
    <name>ImportFilePage</name>
    <message>
        <source>Choose a file</source>
        <translation>Elegir un archivo</translation>
    </message>
    <message>
        <source>A CSV file (Google Contacts, Outlook, a spreadsheet) or vCards (.vcf). You can also drop the file on Rapport&apos;s window.</source>
        <translation>Un archivo CSV (Google Contactos, Outlook, una hoja de cálculo) o vCards (.vcf). También puede soltar el archivo en la ventana de Rapport.</translation>
    </message>
    <message>
        <source>Path of a .csv or .vcf file</source>
        <translation>Ruta de un archivo .csv o .vcf</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Examinar…</translation>
    </message>
    <message>
        <source>CSV (comma-separated values)</source>
        <translation>CSV (valores separados por comas)</translation>
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
        <translation>Coma ( , )</translation>
    </message>
    <message>
        <source>Semicolon ( ; )</source>
        <translation>Punto y coma ( ; )</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tabulador</translation>
    </message>
    <message>
        <source>Vertical bar ( | )</source>
        <translation>Barra vertical ( | )</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguna</translation>
    </message>
    <message>
        <source>The row that holds the column names; “none” when the first row is already a contact</source>
        <translation>La fila con los nombres de las columnas; «ninguna» cuando la primera fila ya es un contacto</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Archivo:</translation>
    </message>
    <message>
        <source>F&amp;ormat:</source>
        <translation>F&amp;ormato:</translation>
    </message>
    <message>
        <source>&amp;Encoding:</source>
        <translation>Co&amp;dificación:</translation>
    </message>
    <message>
        <source>&amp;Delimiter:</source>
        <translation>&amp;Separador:</translation>
    </message>
    <message>
        <source>Column &amp;names in row:</source>
        <translation>&amp;Nombres de columna en la fila:</translation>
    </message>
    <message>
        <source>Import Contacts</source>
        <translation>Importar contactos</translation>
    </message>
    <message>
        <source>Contacts (*.csv *.tsv *.txt *.vcf *.vcard);;All files (*)</source>
        <translation>Contactos (*.csv *.tsv *.txt *.vcf *.vcard);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>The file holds no contacts.</source>
        <translation>El archivo no contiene contactos.</translation>
    </message>
    <message>
        <source>Recognised: %1.</source>
        <translation>Reconocido: %1.</translation>
    </message>
    <message>
        <source>Encoding chosen by you.</source>
        <translation>Codificación elegida por usted.</translation>
    </message>
    <message>
        <source>Encoding detected from the byte-order mark.</source>
        <translation>Codificación detectada por la marca de orden de bytes.</translation>
    </message>
    <message>
        <source>Encoding detected from the text.</source>
        <translation>Codificación detectada por el texto.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>Organización</translation>
    </message>
    <message>
        <source>The first %L1 contacts are shown; the whole file is read while importing.</source>
        <translation>Se muestran los primeros %L1 contactos; el archivo completo se lee durante la importación.</translation>
    </message>
</context>
<context>
    <name>ImportHistoryDialog</name>
    <message>
        <source>Nothing was imported into this database yet.</source>
        <translation>Todavía no se ha importado nada en esta base de datos.</translation>
    </message>
    <message>
        <source>Import History</source>
        <translation>Historial de importaciones</translation>
    </message>
    <message>
        <source>Every import is one batch. Undoing one removes the contacts it created and restores those it changed; contacts edited since are kept and listed.</source>
        <translation>Cada importación es un lote. Deshacerlo elimina los contactos que creó y restaura los que cambió; los contactos editados desde entonces se conservan y se enumeran.</translation>
    </message>
    <message>
        <source>&amp;Undo Import</source>
        <translation>&amp;Deshacer importación</translation>
    </message>
    <message>
        <source>Undo this import?</source>
        <translation>¿Deshacer esta importación?</translation>
    </message>
    <message>
        <source>Undo the import of %1 from %2?

Contacts it created, to be removed: %L3. Contacts it changed, to be restored: %L4. Contacts someone edited since are kept as they are.</source>
        <translation>¿Deshacer la importación de %1 del %2?

Contactos creados, que se eliminarán: %L3. Contactos cambiados, que se restaurarán: %L4. Los contactos que alguien editó desde entonces se quedan como están.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Import not undone</source>
        <translation>Importación no deshecha</translation>
    </message>
    <message>
        <source>The import of %1 could not be undone: %2</source>
        <translation>No se pudo deshacer la importación de %1: %2</translation>
    </message>
    <message>
        <source>Import undone</source>
        <translation>Importación deshecha</translation>
    </message>
</context>
<context>
    <name>ImportMappingPage</name>
    <message>
        <source>Label from the file</source>
        <translation>Etiqueta del archivo</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>Trabajo</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Casa</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>Móvil</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Otro</translation>
    </message>
    <message>
        <source>Feed</source>
        <translation>Feed</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Sitio web</translation>
    </message>
    <message>
        <source>Map the columns</source>
        <translation>Asignar las columnas</translation>
    </message>
    <message>
        <source>What each column of the file becomes in Rapport. Columns set to “(ignore)” are left out.</source>
        <translation>En qué se convierte cada columna del archivo en Rapport. Las columnas con «(ignorar)» se omiten.</translation>
    </message>
    <message>
        <source>&amp;Preset:</source>
        <translation>&amp;Plantilla:</translation>
    </message>
    <message>
        <source>&amp;Save as Preset…</source>
        <translation>&amp;Guardar como plantilla…</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>Columna del archivo</translation>
    </message>
    <message>
        <source>First values</source>
        <translation>Primeros valores</translation>
    </message>
    <message>
        <source>Becomes</source>
        <translation>Se convierte en</translation>
    </message>
    <message>
        <source>Label or network</source>
        <translation>Etiqueta o red</translation>
    </message>
    <message>
        <source>By column names</source>
        <translation>Por nombres de columna</translation>
    </message>
    <message>
        <source>%1 (recognised)</source>
        <translation>%1 (reconocido)</translation>
    </message>
    <message>
        <source>Your own mapping</source>
        <translation>Su propia asignación</translation>
    </message>
    <message>
        <source>Field for the column “%1”</source>
        <translation>Campo para la columna «%1»</translation>
    </message>
    <message>
        <source>Preset not loaded</source>
        <translation>Plantilla no cargada</translation>
    </message>
    <message>
        <source>No column is mapped to a name yet: map one to First name, Last name or Full name.</source>
        <translation>Aún no hay ninguna columna asignada a un nombre: asigne una a Nombre, Apellidos o Nombre completo.</translation>
    </message>
    <message>
        <source>Save as Preset</source>
        <translation>Guardar como plantilla</translation>
    </message>
    <message>
        <source>Name of the preset, for the next file with these columns:</source>
        <translation>Nombre de la plantilla, para el próximo archivo con estas columnas:</translation>
    </message>
    <message>
        <source>Preset not saved</source>
        <translation>Plantilla no guardada</translation>
    </message>
</context>
<context>
    <name>ImportPresets</name>
    <message>
        <source>The mapping has no columns: it needs a &quot;columns&quot; list of {&quot;column&quot;, &quot;field&quot;}.</source>
        <translation>La correspondencia no tiene columnas: necesita una lista &quot;columns&quot; de {&quot;column&quot;, &quot;field&quot;}.</translation>
    </message>
    <message>
        <source>The mapping names an unknown field “%1” for the column “%2”.</source>
        <translation>La correspondencia nombra un campo desconocido «%1» para la columna «%2».</translation>
    </message>
    <message>
        <source>Google Contacts</source>
        <translation>Google Contactos</translation>
    </message>
    <message>
        <source>Google Contacts (older form)</source>
        <translation>Google Contactos (forma antigua)</translation>
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
        <translation>CSV de Google Contactos</translation>
    </message>
    <message>
        <source>Google Contacts CSV (older form)</source>
        <translation>CSV de Google Contactos (forma antigua)</translation>
    </message>
    <message>
        <source>Outlook CSV written by Google Contacts</source>
        <translation>CSV de Outlook escrito por Google Contactos</translation>
    </message>
    <message>
        <source>Outlook (desktop export)</source>
        <translation>Outlook (exportación de la aplicación de escritorio)</translation>
    </message>
    <message>
        <source>Outlook.com export</source>
        <translation>Exportación de Outlook.com</translation>
    </message>
    <message>
        <source>Rapport export</source>
        <translation>Exportación de Rapport</translation>
    </message>
    <message>
        <source>Give the preset a name.</source>
        <translation>Dé un nombre a la plantilla.</translation>
    </message>
    <message>
        <source>The folder for presets cannot be created: %1</source>
        <translation>No se puede crear la carpeta de plantillas: %1</translation>
    </message>
    <message>
        <source>The preset could not be saved: %1</source>
        <translation>No se pudo guardar la plantilla: %1</translation>
    </message>
    <message>
        <source>There is no import preset called “%1”.</source>
        <translation>No hay ninguna plantilla de importación llamada «%1».</translation>
    </message>
    <message>
        <source>The preset “%1” is damaged: %2</source>
        <translation>La plantilla «%1» está dañada: %2</translation>
    </message>
</context>
<context>
    <name>ImportPreviewModel</name>
    <message>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Fila</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Problemas</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Cargo</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>Organización</translation>
    </message>
    <message>
        <source>Emails</source>
        <translation>Correos</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation>Teléfonos</translation>
    </message>
    <message>
        <source>Handles</source>
        <translation>Identificadores</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ciudad</translation>
    </message>
    <message>
        <source>Reach</source>
        <translation>Alcance</translation>
    </message>
    <message>
        <source>Not imported until its problems are fixed</source>
        <translation>No se importa hasta que se corrijan sus problemas</translation>
    </message>
    <message>
        <source>Uncheck to leave this row out</source>
        <translation>Desmarque para omitir esta fila</translation>
    </message>
    <message>
        <source>Line %L1 of the file</source>
        <translation>Línea %L1 del archivo</translation>
    </message>
    <message>
        <source>Rows merged into this one: %1</source>
        <translation>Filas fusionadas con esta: %1</translation>
    </message>
</context>
<context>
    <name>ImportPreviewPage</name>
    <message>
        <source>Show only rows with &amp;problems</source>
        <translation>Mostrar solo las filas con &amp;problemas</translation>
    </message>
    <message>
        <source>Check the rows</source>
        <translation>Revisar las filas</translation>
    </message>
    <message>
        <source>Each row as it will be stored. Rows with problems are left out unless you fix them here (double-click a cell or press F2); uncheck a row to leave it out.</source>
        <translation>Cada fila tal como se guardará. Las filas con problemas se omiten si no las corrige aquí (doble clic en una celda o F2); desmarque una fila para omitirla.</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Leyendo %1…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) read.</source>
        <translation>
            <numerusform>%Ln fila leída.</numerusform>
            <numerusform>%Ln filas leídas.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln with problems, left out unless fixed.</source>
        <translation>
            <numerusform>%Ln con problemas, se omite si no se corrige.</numerusform>
            <numerusform>%Ln con problemas, se omiten si no se corrigen.</numerusform>
        </translation>
    </message>
    <message>
        <source>No problems found.</source>
        <translation>No se encontraron problemas.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln left out by you.</source>
        <translation>
            <numerusform>%Ln omitida por usted.</numerusform>
            <numerusform>%Ln omitidas por usted.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing would be imported.</source>
        <translation>No se importaría nada.</translation>
    </message>
    <message>
        <source>The first %L1 rows of the file are shown here; the rows after them are read while importing, and those with problems are left out and named at the end.</source>
        <translation>Aquí se muestran las primeras %L1 filas del archivo; las filas siguientes se leen durante la importación, y las que tienen problemas se omiten y se indican al final.</translation>
    </message>
</context>
<context>
    <name>ImportRecords</name>
    <message>
        <source>Row %1 (line %2)</source>
        <translation>Fila %1 (línea %2)</translation>
    </message>
    <message>
        <source>%1: unknown kind “%2” (use journalist, editor, blogger, influencer, analyst, client contact, customer or other).</source>
        <translation>%1: tipo desconocido «%2» (use journalist, editor, blogger, influencer, analyst, client contact, customer u other).</translation>
    </message>
    <message>
        <source>%1: the reach “%2” is not a number.</source>
        <translation>%1: el alcance «%2» no es un número.</translation>
    </message>
    <message>
        <source>%1: “%2” under do not contact is neither yes nor no.</source>
        <translation>%1: «%2» en «no contactar» no es ni sí ni no.</translation>
    </message>
    <message>
        <source>%1: no name.</source>
        <translation>%1: sin nombre.</translation>
    </message>
    <message>
        <source>%1: “%2” is not a valid email address.</source>
        <translation>%1: «%2» no es una dirección de correo válida.</translation>
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
        <translation>buscando contactos ya existentes</translation>
    </message>
    <message>
        <source>same email %1</source>
        <translation>mismo correo %1</translation>
    </message>
    <message>
        <source>same handle %1</source>
        <translation>mismo usuario %1</translation>
    </message>
    <message>
        <source>same name at %1</source>
        <translation>mismo nombre en %1</translation>
    </message>
    <message>
        <source>“%1” was changed by someone else meanwhile.</source>
        <translation>Otra persona cambió «%1» mientras tanto.</translation>
    </message>
    <message>
        <source>importing %1</source>
        <translation>importando %1</translation>
    </message>
    <message>
        <source>The import was cancelled; nothing was imported.</source>
        <translation>Se canceló la importación; no se importó nada.</translation>
    </message>
    <message>
        <source>Row %1 (line %2): no user is called “%3”; the contact has no owner.</source>
        <translation>Fila %1 (línea %2): ningún usuario se llama «%3»; el contacto no tiene responsable.</translation>
    </message>
    <message>
        <source>Row %1 (line %2): the handle %3 belongs to another contact and was left out.</source>
        <translation>Fila %1 (línea %2): el usuario %3 pertenece a otro contacto y se omitió.</translation>
    </message>
    <message>
        <source>Row %1 (line %2): %3</source>
        <translation>Fila %1 (línea %2): %3</translation>
    </message>
    <message>
        <source>%1: %2 created, %3 updated</source>
        <translation>%1: %2 creados, %3 actualizados</translation>
    </message>
    <message>
        <source>listing the imports</source>
        <translation>listando las importaciones</translation>
    </message>
    <message>
        <source>undoing the import</source>
        <translation>deshaciendo la importación</translation>
    </message>
    <message>
        <source>There is no import %1.</source>
        <translation>No existe la importación %1.</translation>
    </message>
    <message>
        <source>The import %1 (%2) was already undone.</source>
        <translation>La importación %1 (%2) ya se deshizo.</translation>
    </message>
    <message>
        <source>“%1” was changed or has conversations since the import, so it was kept.</source>
        <translation>«%1» cambió o tiene conversaciones desde la importación, así que se conservó.</translation>
    </message>
    <message>
        <source>A contact the import changed was deleted since.</source>
        <translation>Un contacto que cambió la importación se eliminó después.</translation>
    </message>
    <message>
        <source>“%1” was edited since the import, so the import&apos;s changes to it were kept.</source>
        <translation>«%1» se editó después de la importación, así que se conservaron los cambios de la importación.</translation>
    </message>
    <message>
        <source>%1: %2 removed, %3 restored, %4 kept</source>
        <translation>%1: %2 eliminados, %3 restaurados, %4 conservados</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Omitir</translation>
    </message>
    <message>
        <source>Fill empty fields</source>
        <translation>Rellenar campos vacíos</translation>
    </message>
    <message>
        <source>Overwrite</source>
        <translation>Sobrescribir</translation>
    </message>
    <message>
        <source>Create anyway</source>
        <translation>Crear de todos modos</translation>
    </message>
</context>
<context>
    <name>ImportRunPage</name>
    <message>
        <source>&amp;Cancel Import</source>
        <translation>&amp;Cancelar importación</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importación</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>Importando %1…</translation>
    </message>
    <message>
        <source>%L1 of %L2</source>
        <translation>%L1 de %L2</translation>
    </message>
    <message>
        <source>Cancelling: nothing of this import will be kept…</source>
        <translation>Cancelando: no se conservará nada de esta importación…</translation>
    </message>
    <message>
        <source>Import cancelled</source>
        <translation>Importación cancelada</translation>
    </message>
    <message>
        <source>The import of %1 was cancelled. Nothing was imported.</source>
        <translation>La importación de %1 se canceló. No se importó nada.</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>La importación falló</translation>
    </message>
    <message>
        <source>%1 was not imported: %2&lt;br&gt;Nothing was imported.</source>
        <translation>%1 no se importó: %2&lt;br&gt;No se importó nada.</translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation>Importación terminada</translation>
    </message>
    <message>
        <source>%1 was imported.</source>
        <translation>%1 se importó.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln contact(s) created</source>
        <translation>
            <numerusform>%Ln contacto creado</numerusform>
            <numerusform>%Ln contactos creados</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln contact(s) updated</source>
        <translation>
            <numerusform>%Ln contacto actualizado</numerusform>
            <numerusform>%Ln contactos actualizados</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln already in Rapport and skipped</source>
        <translation>
            <numerusform>%Ln ya en Rapport y omitido</numerusform>
            <numerusform>%Ln ya en Rapport y omitidos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) merged with another row of the file</source>
        <translation>
            <numerusform>%Ln fila fusionada con otra fila del archivo</numerusform>
            <numerusform>%Ln filas fusionadas con otra fila del archivo</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) left out for their problems</source>
        <translation>
            <numerusform>%Ln fila omitida por sus problemas</numerusform>
            <numerusform>%Ln filas omitidas por sus problemas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) left out by you</source>
        <translation>
            <numerusform>%Ln fila omitida por usted</numerusform>
            <numerusform>%Ln filas omitidas por usted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln organization(s) created</source>
        <translation>
            <numerusform>%Ln organización creada</numerusform>
            <numerusform>%Ln organizaciones creadas</numerusform>
        </translation>
    </message>
    <message>
        <source>Good to know:</source>
        <translation>Conviene saber:</translation>
    </message>
    <message>
        <source>… and %L1 more.</source>
        <translation>… y %L1 más.</translation>
    </message>
    <message>
        <source>Edit → Undo (Ctrl+Z) takes this import back; so does File → Import History…, also later.</source>
        <translation>Editar → Deshacer (Ctrl+Z) revierte esta importación; también Archivo → Historial de importaciones…, incluso más tarde.</translation>
    </message>
    <message>
        <source>%L1 of about %L2</source>
        <translation>%L1 de unos %L2</translation>
    </message>
</context>
<context>
    <name>ImportUndo</name>
    <message>
        <source>Undoing the import of %1…</source>
        <translation>Deshaciendo la importación de %1…</translation>
    </message>
    <message>
        <source>Undid the import of %1. Contacts removed: %L2, restored: %L3.</source>
        <translation>Importación de %1 deshecha. Contactos eliminados: %L2, restaurados: %L3.</translation>
    </message>
    <message>
        <source>Kept because they changed since: %L1.</source>
        <translation>Conservados porque cambiaron desde entonces: %L1.</translation>
    </message>
    <message>
        <source>Kept as they are now:</source>
        <translation>Conservados tal como están ahora:</translation>
    </message>
    <message>
        <source>… and %L1 more.</source>
        <translation>… y %L1 más.</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import Contacts</source>
        <translation>Importar contactos</translation>
    </message>
</context>
<context>
    <name>InFileMerger</name>
    <message>
        <source>The import&apos;s temporary file for finding repeated people failed: %1</source>
        <translation>El archivo temporal de la importación para encontrar personas repetidas ha fallado: %1</translation>
    </message>
</context>
<context>
    <name>InboxCommand</name>
    <message>
        <source>Link %1 to %2</source>
        <translation>Vincular %1 con %2</translation>
    </message>
    <message>
        <source>New contact from %1</source>
        <translation>Nuevo contacto a partir de %1</translation>
    </message>
    <message>
        <source>Ignore %1</source>
        <translation>Ignorar a %1</translation>
    </message>
</context>
<context>
    <name>InboxModel</name>
    <message>
        <source>Today %1</source>
        <translation>Hoy %1</translation>
    </message>
    <message>
        <source>Yesterday %1</source>
        <translation>Ayer %1</translation>
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
        <translation>Red</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Elementos</translation>
    </message>
    <message>
        <source>Newest</source>
        <translation>Más reciente</translation>
    </message>
</context>
<context>
    <name>InboxView</name>
    <message>
        <source>Inbox</source>
        <translation>Bandeja de entrada</translation>
    </message>
    <message>
        <source>Authors waiting in the Inbox</source>
        <translation>Autores en espera en la bandeja de entrada</translation>
    </message>
    <message>
        <source>&amp;Link to First Suggestion</source>
        <translation>&amp;Vincular con la primera sugerencia</translation>
    </message>
    <message>
        <source>Link the author to the first suggested contact</source>
        <translation>Vincular el autor con el primer contacto sugerido</translation>
    </message>
    <message>
        <source>&amp;Create Contact</source>
        <translation>&amp;Crear contacto</translation>
    </message>
    <message>
        <source>Make a new contact from the author</source>
        <translation>Crear un contacto nuevo a partir del autor</translation>
    </message>
    <message>
        <source>&amp;Ignore This Person</source>
        <translation>&amp;Ignorar a esta persona</translation>
    </message>
    <message>
        <source>Drop the author&apos;s items and skip them from now on</source>
        <translation>Descartar los elementos del autor y omitirlos a partir de ahora</translation>
    </message>
    <message>
        <source>The Inbox is empty. Posts and messages from people who are not contacts yet appear here after a sync (File → Accounts…).</source>
        <translation>La bandeja de entrada está vacía. Las publicaciones y los mensajes de personas que aún no son contactos aparecen aquí tras una sincronización (Archivo → Cuentas…).</translation>
    </message>
    <message>
        <source>Is this one of your contacts?</source>
        <translation>¿Es uno de sus contactos?</translation>
    </message>
    <message>
        <source>No contact looks like this author.</source>
        <translation>Ningún contacto se parece a este autor.</translation>
    </message>
    <message>
        <source>Link to &amp;another contact:</source>
        <translation>Vincular con &amp;otro contacto:</translation>
    </message>
    <message>
        <source>Link to another contact</source>
        <translation>Vincular con otro contacto</translation>
    </message>
    <message>
        <source>Type a name</source>
        <translation>Escriba un nombre</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Vincular</translation>
    </message>
    <message>
        <source>Ignore this person</source>
        <translation>Ignorar a esta persona</translation>
    </message>
    <message>
        <source>Create contact</source>
        <translation>Crear contacto</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 en %2</translation>
    </message>
    <message numerus="yes">
        <source>Newest of %n item(s): %1</source>
        <translation>
            <numerusform>%n elemento: %1</numerusform>
            <numerusform>El más reciente de %n elementos: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <source>Create contact “%1”</source>
        <translation>Crear el contacto «%1»</translation>
    </message>
    <message>
        <source>Link to %1</source>
        <translation>Vincular con %1</translation>
    </message>
    <message>
        <source>Link to %1 (%2)</source>
        <translation>Vincular con %1 (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n item(s) moved to the contact&apos;s history.</source>
        <translation>
            <numerusform>%1: %n elemento movido al historial del contacto.</numerusform>
            <numerusform>%1: %n elementos movidos al historial del contacto.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: its items were removed; later ones will be skipped.</source>
        <translation>%1: se eliminaron sus elementos; los siguientes se omitirán.</translation>
    </message>
    <message>
        <source>Type the name of the contact this author is.</source>
        <translation>Escriba el nombre del contacto que corresponde a este autor.</translation>
    </message>
    <message>
        <source>No contact is called “%1”.</source>
        <translation>Ningún contacto se llama «%1».</translation>
    </message>
    <message>
        <source>Several contacts match “%1”: pick one from the list.</source>
        <translation>Varios contactos coinciden con «%1»: elija uno de la lista.</translation>
    </message>
</context>
<context>
    <name>Interaction</name>
    <message>
        <source>Email</source>
        <translation>Correo</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Llamada</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Reunión</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <source>Mention</source>
        <comment>a social network post naming someone</comment>
        <translation>Mención</translation>
    </message>
    <message>
        <source>Reply</source>
        <comment>noun: an answer on a social network</comment>
        <translation>Respuesta</translation>
    </message>
    <message>
        <source>Direct message</source>
        <translation>Mensaje directo</translation>
    </message>
    <message>
        <source>Pitch</source>
        <comment>noun: offering a story to a journalist</comment>
        <translation>Pitch</translation>
    </message>
    <message>
        <source>Note</source>
        <comment>noun</comment>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Post</source>
        <comment>noun: a social network post</comment>
        <translation>Publicación</translation>
    </message>
    <message>
        <source>Inbound</source>
        <comment>from the contact to us</comment>
        <translation>Entrante</translation>
    </message>
    <message>
        <source>Outbound</source>
        <comment>from us to the contact</comment>
        <translation>Saliente</translation>
    </message>
    <message>
        <source>Positive</source>
        <translation>Positivo</translation>
    </message>
    <message>
        <source>Negative</source>
        <translation>Negativo</translation>
    </message>
    <message>
        <source>Neutral</source>
        <translation>Neutral</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Vencido</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>Esta semana</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Más adelante</translation>
    </message>
</context>
<context>
    <name>InteractionRepository</name>
    <message>
        <source>Choose the contact this interaction was with.</source>
        <translation>Elija el contacto con el que tuvo lugar esta interacción.</translation>
    </message>
    <message>
        <source>“%1” is not a known channel.</source>
        <translation>«%1» no es un canal conocido.</translation>
    </message>
    <message>
        <source>The direction must be inbound or outbound, not “%1”.</source>
        <translation>La dirección debe ser entrante o saliente, no «%1».</translation>
    </message>
    <message>
        <source>Enter when the interaction took place.</source>
        <translation>Indique cuándo tuvo lugar la interacción.</translation>
    </message>
    <message>
        <source>The date %1 is before 1900, which is surely a typing mistake in the year. Please check it.</source>
        <translation>La fecha %1 es anterior a 1900, lo que seguramente es un error al escribir el año. Compruébela.</translation>
    </message>
    <message>
        <source>The date %1 is more than a year from now. An interaction is something that happened or is planned soon, so please check the year.</source>
        <translation>La fecha %1 está a más de un año de hoy. Una interacción es algo que ya ocurrió o que está previsto pronto, así que compruebe el año.</translation>
    </message>
    <message>
        <source>The sentiment must be negative, neutral or positive.</source>
        <translation>El tono debe ser negativo, neutral o positivo.</translation>
    </message>
    <message>
        <source>The follow-up date is out of range; please check the year.</source>
        <translation>La fecha de seguimiento está fuera de rango; compruebe el año.</translation>
    </message>
    <message>
        <source>saving the interaction</source>
        <translation>guardado de la interacción</translation>
    </message>
    <message>
        <source>The contact was deleted meanwhile; the interaction was not saved.</source>
        <translation>El contacto se eliminó mientras tanto; la interacción no se guardó.</translation>
    </message>
    <message>
        <source>This interaction has not been saved yet.</source>
        <translation>Esta interacción aún no se ha guardado.</translation>
    </message>
    <message>
        <source>This interaction was changed or deleted by someone else since you opened it. Reload it to see their changes; yours were not saved.</source>
        <translation>Otra persona modificó o eliminó esta interacción desde que usted la abrió. Vuelva a cargarla para ver esos cambios; los suyos no se guardaron.</translation>
    </message>
    <message>
        <source>loading the interaction</source>
        <translation>carga de la interacción</translation>
    </message>
    <message>
        <source>The interaction no longer exists.</source>
        <translation>La interacción ya no existe.</translation>
    </message>
    <message>
        <source>deleting the interaction</source>
        <translation>eliminación de la interacción</translation>
    </message>
    <message>
        <source>restoring the interaction</source>
        <translation>restauración de la interacción</translation>
    </message>
    <message>
        <source>The subject is %L1 characters long; at most %L2 fit. Put the rest in the notes.</source>
        <translation>El asunto tiene %L1 caracteres; caben como máximo %L2. Ponga el resto en las notas.</translation>
    </message>
    <message>
        <source>The notes are %L1 characters long; at most %L2 fit. Attach long documents as a link instead.</source>
        <translation>Las notas tienen %L1 caracteres; caben como máximo %L2. Adjunte los documentos largos como enlace.</translation>
    </message>
</context>
<context>
    <name>KpiTiles</name>
    <message>
        <source>no change to compare</source>
        <comment>KPI tile: previous period had nothing</comment>
        <translation>nada que comparar</translation>
    </message>
    <message>
        <source>%1 on the previous period</source>
        <translation>%1 respecto al periodo anterior</translation>
    </message>
    <message>
        <source>Previous period: %1</source>
        <translation>Periodo anterior: %1</translation>
    </message>
</context>
<context>
    <name>LabeledValuesList</name>
    <message>
        <source>Add %1</source>
        <translation>Añadir %1</translation>
    </message>
    <message>
        <source>Label of %1 %2</source>
        <translation>Etiqueta de %1 %2</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Remove %1 %2</source>
        <translation>Quitar %1 %2</translation>
    </message>
    <message>
        <source>Remove this %1</source>
        <translation>Quitar %1</translation>
    </message>
    <message>
        <source>work</source>
        <comment>email or phone label</comment>
        <translation>trabajo</translation>
    </message>
    <message>
        <source>personal</source>
        <comment>email label</comment>
        <translation>personal</translation>
    </message>
    <message>
        <source>mobile</source>
        <comment>phone label</comment>
        <translation>móvil</translation>
    </message>
    <message>
        <source>home</source>
        <comment>phone label</comment>
        <translation>casa</translation>
    </message>
    <message>
        <source>other</source>
        <comment>email or phone label</comment>
        <translation>otro</translation>
    </message>
</context>
<context>
    <name>LogInteractionCommand</name>
    <message>
        <source>Log %1 with %2</source>
        <translation>Registrar %1 con %2</translation>
    </message>
    <message numerus="yes">
        <source>Log %1 with %n people</source>
        <translation>
            <numerusform>Registrar %1 con %n persona</numerusform>
            <numerusform>Registrar %1 con %n personas</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Contacts</source>
        <translation>Contactos</translation>
    </message>
    <message>
        <source>Organizations</source>
        <translation>Organizaciones</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Campañas</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>Bandeja de entrada</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>Seguimientos</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Panel</translation>
    </message>
    <message>
        <source>Outlets, clients and other companies, with the people who work there and everything the agency did with them.</source>
        <translation>Medios, clientes y otras empresas, con las personas que trabajan en ellos y todo lo que la agencia ha hecho con ellos.</translation>
    </message>
    <message>
        <source>Each client&apos;s campaigns with their press releases and pitches, media lists, the pitch pipeline per contact and the coverage that came of it.</source>
        <translation>Las campañas de cada cliente con sus notas de prensa y pitches, listas de medios, el embudo de pitches por contacto y la cobertura obtenida.</translation>
    </message>
    <message>
        <source>Mentions, replies and messages from Mastodon, Bluesky and feeds that match no contact yet, waiting for you to file or dismiss them.</source>
        <translation>Menciones, respuestas y mensajes de Mastodon, Bluesky y feeds que aún no coinciden con ningún contacto, a la espera de que los asigne o descarte.</translation>
    </message>
    <message>
        <source>Your dated follow-ups with contacts and campaigns, with a reminder when one is due.</source>
        <translation>Sus seguimientos con fecha de contactos y campañas, con un aviso cuando vence uno.</translation>
    </message>
    <message>
        <source>Charts of the team&apos;s engagement: conversations over time, response rates, the pitch funnel, coverage and the relationships that are cooling off.</source>
        <translation>Gráficos de la actividad del equipo: conversaciones a lo largo del tiempo, tasas de respuesta, el embudo de pitches, la cobertura y las relaciones que se enfrían.</translation>
    </message>
    <message>
        <source>%1 (read-only) — Rapport</source>
        <translation>%1 (solo lectura) — Rapport</translation>
    </message>
    <message>
        <source>%1 — Rapport</source>
        <translation>%1 — Rapport</translation>
    </message>
    <message>
        <source>The demo agency is loaded.</source>
        <translation>La agencia de demostración está cargada.</translation>
    </message>
    <message>
        <source>Canceled: no demo data was loaded.</source>
        <translation>Cancelado: no se cargaron datos de demostración.</translation>
    </message>
    <message>
        <source>Demo data not loaded</source>
        <translation>Datos de demostración no cargados</translation>
    </message>
    <message>
        <source>The demo agency could not be loaded: %1</source>
        <translation>No se pudo cargar la agencia de demostración: %1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>&amp;About Rapport</source>
        <translation>&amp;Acerca de Rapport</translation>
    </message>
    <message>
        <source>Read-only: changes cannot be saved</source>
        <translation>Solo lectura: los cambios no se pueden guardar</translation>
    </message>
    <message>
        <source>Rapport cannot write to %1.</source>
        <translation>Rapport no puede escribir en %1.</translation>
    </message>
    <message>
        <source>Contacts: %L1</source>
        <translation>Contactos: %L1</translation>
    </message>
    <message>
        <source>Database error</source>
        <translation>Error de base de datos</translation>
    </message>
    <message>
        <source>About Rapport</source>
        <translation>Acerca de Rapport</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Rapport %1&lt;/h3&gt;&lt;p&gt;The relationship memory of your PR agency.&lt;/p&gt;&lt;p&gt;Database: %2%3&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Rapport %1&lt;/h3&gt;&lt;p&gt;La memoria de las relaciones de su agencia de RR. PP.&lt;/p&gt;&lt;p&gt;Base de datos: %2%3&lt;/p&gt;</translation>
    </message>
    <message>
        <source> (read-only)</source>
        <translation> (solo lectura)</translation>
    </message>
    <message>
        <source>Load a demo agency?</source>
        <translation>¿Cargar una agencia de demostración?</translation>
    </message>
    <message>
        <source>Your database is empty. Load a demo agency with outlets, journalists, conversations and campaigns to try Rapport out?</source>
        <translation>Su base de datos está vacía. ¿Cargar una agencia de demostración con medios, periodistas, conversaciones y campañas para probar Rapport?</translation>
    </message>
    <message>
        <source>Preparing the demo agency…</source>
        <translation>Preparando la agencia de demostración…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Loading demo data</source>
        <translation>Cargando los datos de demostración</translation>
    </message>
    <message>
        <source>Canceling…</source>
        <translation>Cancelando…</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Deshacer</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Rehacer</translation>
    </message>
    <message>
        <source>&amp;Contact</source>
        <translation>&amp;Contacto</translation>
    </message>
    <message>
        <source>&amp;Organization</source>
        <translation>&amp;Organización</translation>
    </message>
    <message>
        <source>&amp;Go to…</source>
        <translation>&amp;Ir a…</translation>
    </message>
    <message>
        <source>Jump to any contact, organization, section or command (%1)</source>
        <translation>Ir a un contacto, una organización, una sección o un comando (%1)</translation>
    </message>
    <message>
        <source>Follow-ups (%L1)</source>
        <comment>sidebar: overdue count</comment>
        <translation>Seguimientos (%L1)</translation>
    </message>
    <message numerus="yes">
        <source>%n follow-up(s) overdue</source>
        <translation>
            <numerusform>%n seguimiento vencido</numerusform>
            <numerusform>%n seguimientos vencidos</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Log</source>
        <translation>&amp;Registrar</translation>
    </message>
    <message>
        <source>&amp;Log a Conversation…</source>
        <translation>&amp;Registrar una conversación…</translation>
    </message>
    <message>
        <source>Log a call, email or meeting with a contact (%1)</source>
        <translation>Registrar una llamada, un correo o una reunión con un contacto (%1)</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Actividad</translation>
    </message>
    <message>
        <source>Inbox (%L1)</source>
        <comment>sidebar: authors waiting</comment>
        <translation>Bandeja de entrada (%L1)</translation>
    </message>
    <message>
        <source>Not changed</source>
        <translation>Sin cambios</translation>
    </message>
    <message>
        <source>&amp;Accounts…</source>
        <translation>&amp;Cuentas…</translation>
    </message>
    <message>
        <source>Mastodon, Bluesky and feed accounts that Rapport syncs from</source>
        <translation>Cuentas de Mastodon, Bluesky y feeds que Rapport sincroniza</translation>
    </message>
    <message>
        <source>&amp;Sync Now</source>
        <translation>Sincroni&amp;zar ahora</translation>
    </message>
    <message>
        <source>Fetch new mentions, replies and posts from every account (%1)</source>
        <translation>Obtener las nuevas menciones, respuestas y publicaciones de todas las cuentas (%1)</translation>
    </message>
    <message numerus="yes">
        <source>%n author(s) waiting in the Inbox</source>
        <translation>
            <numerusform>%n autor en espera en la bandeja de entrada</numerusform>
            <numerusform>%n autores en espera en la bandeja de entrada</numerusform>
        </translation>
    </message>
    <message>
        <source>Ca&amp;mpaign</source>
        <translation>Ca&amp;mpaña</translation>
    </message>
    <message>
        <source>&amp;Report…</source>
        <translation>I&amp;nforme…</translation>
    </message>
    <message>
        <source>A PDF report on a client or a campaign for a period, with a preview</source>
        <translation>Un informe PDF sobre un cliente o una campaña para un periodo, con vista previa</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>E&amp;xportar…</translation>
    </message>
    <message>
        <source>Contacts as vCard or CSV, follow-ups as a calendar (%1)</source>
        <translation>Contactos como vCard o CSV, seguimientos como calendario (%1)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>Con&amp;figuración</translation>
    </message>
    <message>
        <source>&amp;Team…</source>
        <translation>&amp;Equipo…</translation>
    </message>
    <message>
        <source>A personal database has one person and no team</source>
        <translation>Una base de datos personal tiene una persona y ningún equipo</translation>
    </message>
    <message>
        <source>Invite people, change their roles, deactivate them</source>
        <translation>Invitar a personas, cambiar sus roles, desactivarlas</translation>
    </message>
    <message>
        <source>Only an admin can manage the team</source>
        <translation>Solo un admin puede gestionar el equipo</translation>
    </message>
    <message>
        <source>Your role on %1 is Viewer: you can read everything and change nothing.</source>
        <translation>Su rol en %1 es Lector: puede leerlo todo y no cambiar nada.</translation>
    </message>
    <message numerus="yes">
        <source>Back online: %n change(s) made meanwhile are shown.</source>
        <translation>
            <numerusform>De nuevo en línea: se muestra %n cambio hecho mientras tanto.</numerusform>
            <numerusform>De nuevo en línea: se muestran %n cambios hechos mientras tanto.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Connect to Team Database…</source>
        <translation>Conectar con la base del &amp;equipo…</translation>
    </message>
    <message>
        <source>Work on your team&apos;s shared PostgreSQL database</source>
        <translation>Trabajar en la base de datos PostgreSQL compartida de su equipo</translation>
    </message>
    <message>
        <source>Use &amp;Local Database</source>
        <translation>Usar la base de datos &amp;local</translation>
    </message>
    <message>
        <source>Work alone on the database file on this computer; the team database is not opened at the next start</source>
        <translation>Trabajar solo en el archivo de base de datos de este equipo; la base del equipo no se abrirá en el próximo inicio</translation>
    </message>
    <message>
        <source>Offline — reconnecting…</source>
        <translation>Sin conexión — reconectando…</translation>
    </message>
    <message>
        <source>The connection to %1 was lost. Rapport reconnects by itself and then shows what changed meanwhile; what you are typing stays.</source>
        <translation>Se perdió la conexión con %1. Rapport se vuelve a conectar solo y luego muestra lo que cambió mientras tanto; lo que está escribiendo se conserva.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <source>Team: %1</source>
        <translation>Equipo: %1</translation>
    </message>
    <message>
        <source>Connected to %1. Changes by others appear as they are saved.</source>
        <translation>Conectado con %1. Los cambios de los demás aparecen en cuanto se guardan.</translation>
    </message>
    <message>
        <source>Team: %1 (encrypted)</source>
        <translation>Equipo: %1 (cifrado)</translation>
    </message>
    <message>
        <source>Connected to %1 over an encrypted connection (TLS). Changes by others appear as they are saved.</source>
        <translation>Conectado con %1 mediante una conexión cifrada (TLS). Los cambios de los demás aparecen en cuanto se guardan.</translation>
    </message>
</context>
<context>
    <name>MastodonAuth</name>
    <message>
        <source>Enter the address of your Mastodon server.</source>
        <translation>Escriba la dirección de su servidor de Mastodon.</translation>
    </message>
    <message>
        <source>“%1” is not the address of a server (like mastodon.social).</source>
        <translation>«%1» no es la dirección de un servidor (como mastodon.social).</translation>
    </message>
    <message>
        <source>“%1” does not use https://: Rapport only signs in over an encrypted connection.</source>
        <translation>«%1» no usa https://: Rapport solo inicia sesión a través de una conexión cifrada.</translation>
    </message>
    <message>
        <source>Rapport could not wait for the browser&apos;s answer: %1</source>
        <translation>Rapport no pudo esperar la respuesta del navegador: %1</translation>
    </message>
    <message>
        <source>Paste the access token exactly as the server shows it.</source>
        <translation>Pegue el token de acceso exactamente como lo muestra el servidor.</translation>
    </message>
    <message>
        <source>Signing in was cancelled.</source>
        <translation>Se canceló el inicio de sesión.</translation>
    </message>
    <message>
        <source>Could not reach %1: %2</source>
        <translation>No se pudo acceder a %1: %2</translation>
    </message>
    <message>
        <source>%1 is not a Mastodon server (it does not know %2).</source>
        <translation>%1 no es un servidor de Mastodon (no conoce %2).</translation>
    </message>
    <message>
        <source>%1 refused: %2</source>
        <translation>%1 rechazó: %2</translation>
    </message>
    <message>
        <source>%1 answered with HTTP status %2.</source>
        <translation>%1 respondió con el estado HTTP %2.</translation>
    </message>
    <message>
        <source>%1 answered something that is not Mastodon JSON.</source>
        <translation>%1 respondió algo que no es JSON de Mastodon.</translation>
    </message>
    <message>
        <source>No answer came from the browser. Try signing in again.</source>
        <translation>El navegador no respondió. Vuelva a intentar iniciar sesión.</translation>
    </message>
    <message>
        <source>Rapport</source>
        <translation>Rapport</translation>
    </message>
    <message>
        <source>This sign-in link is out of date. Start signing in again in Rapport.</source>
        <translation>Este enlace de inicio de sesión está caducado. Vuelva a iniciar sesión desde Rapport.</translation>
    </message>
    <message>
        <source>Signing in was not allowed. You can close this tab.</source>
        <translation>No se permitió el inicio de sesión. Puede cerrar esta pestaña.</translation>
    </message>
    <message>
        <source>Access was denied in the browser.</source>
        <translation>Se denegó el acceso en el navegador.</translation>
    </message>
    <message>
        <source>%1 refused the sign-in: %2</source>
        <translation>%1 rechazó el inicio de sesión: %2</translation>
    </message>
    <message>
        <source>You are signed in. You can close this tab and return to Rapport.</source>
        <translation>Ha iniciado sesión. Puede cerrar esta pestaña y volver a Rapport.</translation>
    </message>
    <message>
        <source>%1 did not accept the access token.</source>
        <translation>%1 no aceptó el token de acceso.</translation>
    </message>
</context>
<context>
    <name>MastodonMapping</name>
    <message>
        <source>The server answered something that is not Mastodon JSON (%1).</source>
        <translation>El servidor respondió algo que no es JSON de Mastodon (%1).</translation>
    </message>
    <message>
        <source>not JSON: %1 at byte %2</source>
        <translation>no es JSON: %1 en el byte %2</translation>
    </message>
    <message>
        <source>%1 without an id</source>
        <translation>%1 sin id</translation>
    </message>
    <message>
        <source>%1 without a valid created_at</source>
        <translation>%1 sin un created_at válido</translation>
    </message>
    <message>
        <source>%1 without an account</source>
        <translation>%1 sin cuenta</translation>
    </message>
    <message>
        <source>%1 with an account without id or acct</source>
        <translation>%1 con una cuenta sin id ni acct</translation>
    </message>
    <message>
        <source>%1 without a status</source>
        <translation>%1 sin estado</translation>
    </message>
    <message>
        <source>%1 with a status without uri</source>
        <translation>%1 con un estado sin uri</translation>
    </message>
    <message>
        <source>%1 is not a list</source>
        <translation>%1 no es una lista</translation>
    </message>
    <message>
        <source>the notification list</source>
        <translation>la lista de notificaciones</translation>
    </message>
    <message>
        <source>a notification that is not an object</source>
        <translation>una notificación que no es un objeto</translation>
    </message>
    <message>
        <source>a notification</source>
        <translation>una notificación</translation>
    </message>
    <message>
        <source>notification %1 without a type</source>
        <translation>notificación %1 sin tipo</translation>
    </message>
    <message>
        <source>notification %1</source>
        <translation>notificación %1</translation>
    </message>
    <message>
        <source>the conversation list</source>
        <translation>la lista de conversaciones</translation>
    </message>
    <message>
        <source>a conversation that is not an object</source>
        <translation>una conversación que no es un objeto</translation>
    </message>
    <message>
        <source>a conversation</source>
        <translation>una conversación</translation>
    </message>
    <message>
        <source>conversation %1</source>
        <translation>conversación %1</translation>
    </message>
    <message>
        <source>%1 with a last_status that is not an object</source>
        <translation>%1 con un last_status que no es un objeto</translation>
    </message>
    <message>
        <source>%1 without accounts</source>
        <translation>%1 sin cuentas</translation>
    </message>
    <message>
        <source>the account is not an object</source>
        <translation>la cuenta no es un objeto</translation>
    </message>
    <message>
        <source>the account</source>
        <translation>la cuenta</translation>
    </message>
    <message>
        <source>%1: a mention whose post was deleted</source>
        <translation>%1: una mención cuya publicación se eliminó</translation>
    </message>
</context>
<context>
    <name>MastodonSource</name>
    <message>
        <source>The sync was cancelled.</source>
        <translation>Se canceló la sincronización.</translation>
    </message>
    <message>
        <source>Signed in as @%1</source>
        <translation>Sesión iniciada como @%1</translation>
    </message>
    <message>
        <source>“%1” is not the address of a Mastodon server.</source>
        <translation>«%1» no es la dirección de un servidor de Mastodon.</translation>
    </message>
    <message>
        <source>Sign in to %1 again: Rapport has no access token for this account.</source>
        <translation>Vuelva a iniciar sesión en %1: Rapport no tiene token de acceso para esta cuenta.</translation>
    </message>
    <message>
        <source>Sign in to %1 again: the access token could not be read (%2)</source>
        <translation>Vuelva a iniciar sesión en %1: no se pudo leer el token de acceso (%2)</translation>
    </message>
    <message>
        <source>%1 no longer accepts Rapport&apos;s access (the token is invalid or was revoked). Sign in to %1 again.</source>
        <translation>%1 ya no acepta el acceso de Rapport (el token no es válido o se revocó). Vuelva a iniciar sesión en %1.</translation>
    </message>
    <message>
        <source>%1 does not allow Rapport to read this account. Sign in to %1 again.</source>
        <translation>%1 no permite que Rapport lea esta cuenta. Vuelva a iniciar sesión en %1.</translation>
    </message>
    <message>
        <source>%1 does not allow Rapport to read this account: %2. Sign in to %1 again.</source>
        <translation>%1 no permite que Rapport lea esta cuenta: %2. Vuelva a iniciar sesión en %1.</translation>
    </message>
    <message>
        <source>%1 is not a Mastodon server (it does not know %2).</source>
        <translation>%1 no es un servidor de Mastodon (no conoce %2).</translation>
    </message>
    <message>
        <source>%1 refused the request.</source>
        <translation>%1 rechazó la solicitud.</translation>
    </message>
    <message>
        <source>%1 refused the request: %2</source>
        <translation>%1 rechazó la solicitud: %2</translation>
    </message>
    <message>
        <source>%1 answered with HTTP status %2.</source>
        <translation>%1 respondió con el estado HTTP %2.</translation>
    </message>
    <message>
        <source>%1 answered with HTTP status %2: %3</source>
        <translation>%1 respondió con el estado HTTP %2: %3</translation>
    </message>
    <message>
        <source>%1 answered with a web page instead of Mastodon data. Check that %1 is a Mastodon server; if it is, it may be down for maintenance.</source>
        <translation>%1 respondió con una página web en lugar de datos de Mastodon. Compruebe que %1 es un servidor de Mastodon; si lo es, puede que esté en mantenimiento.</translation>
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
        <translation>nunca</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Outlet</source>
        <translation>Medio</translation>
    </message>
    <message>
        <source>Beats</source>
        <translation>Secciones</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Salud</translation>
    </message>
    <message>
        <source>Last contacted</source>
        <translation>Último contacto</translation>
    </message>
    <message>
        <source>Pitch</source>
        <translation>Pitch</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Avisos</translation>
    </message>
</context>
<context>
    <name>MediaListTab</name>
    <message>
        <source>Add a person: type a name, pick from the list</source>
        <translation>Añadir una persona: escriba un nombre y elíjalo de la lista</translation>
    </message>
    <message>
        <source>Add a person</source>
        <translation>Añadir una persona</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Añadir</translation>
    </message>
    <message>
        <source>Saved view</source>
        <translation>Vista guardada</translation>
    </message>
    <message>
        <source>A saved view of the contact list: everybody it lists can be added at once</source>
        <translation>Una vista guardada de la lista de contactos: todos los que muestra se pueden añadir a la vez</translation>
    </message>
    <message>
        <source>Add &amp;everybody in the view</source>
        <translation>Añadir a &amp;todos los de la vista</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Quitar</translation>
    </message>
    <message>
        <source>Take the selected people off the media list (Delete)</source>
        <translation>Quitar a las personas seleccionadas de la lista de medios (Supr)</translation>
    </message>
    <message>
        <source>Media list</source>
        <translation>Lista de medios</translation>
    </message>
    <message>
        <source>No saved views yet</source>
        <translation>Todavía no hay vistas guardadas</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <comment>completion: name — title, outlet</comment>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Nobody is called “%1”.</source>
        <translation>Nadie se llama «%1».</translation>
    </message>
    <message>
        <source>Several people match “%1”: pick one from the list.</source>
        <translation>Varias personas coinciden con «%1»: elija una de la lista.</translation>
    </message>
    <message>
        <source>Not added.</source>
        <translation>No se ha añadido.</translation>
    </message>
    <message numerus="yes">
        <source>Added %n person(s) to the media list.</source>
        <translation>
            <numerusform>Se añadió %n persona a la lista de medios.</numerusform>
            <numerusform>Se añadieron %n personas a la lista de medios.</numerusform>
        </translation>
    </message>
    <message>
        <source>“%1” lists more than %L2 people; narrow it down first (a media list is for the people you will really pitch).</source>
        <translation>«%1» muestra más de %L2 personas; acótela primero (una lista de medios es para las personas a las que de verdad va a contactar).</translation>
    </message>
    <message>
        <source>“%1” lists nobody.</source>
        <translation>«%1» no muestra a nadie.</translation>
    </message>
    <message>
        <source>Remove %1 from the media list</source>
        <translation>Quitar a %1 de la lista de medios</translation>
    </message>
    <message numerus="yes">
        <source>Remove %n people from the media list</source>
        <translation>
            <numerusform>Quitar a %n persona de la lista de medios</numerusform>
            <numerusform>Quitar a %n personas de la lista de medios</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln person(s) on the media list</source>
        <translation>
            <numerusform>%Ln persona en la lista de medios</numerusform>
            <numerusform>%Ln personas en la lista de medios</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln with a warning</source>
        <translation>
            <numerusform>%Ln con aviso</numerusform>
            <numerusform>%Ln con aviso</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MergeContactsCommand</name>
    <message>
        <source>Merge “%1” into “%2”</source>
        <translation>Fusionar «%1» con «%2»</translation>
    </message>
    <message>
        <source>Could not undo or redo</source>
        <translation>No se pudo deshacer ni rehacer</translation>
    </message>
    <message>
        <source>“%1” could not be undone or redone: %2</source>
        <translation>No se pudo deshacer ni rehacer «%1»: %2</translation>
    </message>
</context>
<context>
    <name>Migrator</name>
    <message>
        <source>Created the Rapport schema (version 1).</source>
        <translation>Se creó el esquema de Rapport (versión 1).</translation>
    </message>
    <message>
        <source>The schema file %1 is missing from this build.</source>
        <translation>Falta el archivo de esquema %1 en esta compilación.</translation>
    </message>
    <message>
        <source>updating the database schema</source>
        <translation>actualización del esquema de la base de datos</translation>
    </message>
    <message>
        <source>preparing the database</source>
        <translation>preparación de la base de datos</translation>
    </message>
    <message>
        <source>reading the schema version</source>
        <translation>lectura de la versión del esquema</translation>
    </message>
    <message>
        <source>%1 holds other data and is not a Rapport database: Rapport will not touch it.</source>
        <translation>%1 contiene otros datos y no es una base de datos de Rapport: Rapport no la modificará.</translation>
    </message>
    <message>
        <source>%1 was written by a newer version of Rapport (schema %2; this version knows up to %3). Update Rapport to open it.</source>
        <translation>%1 se escribió con una versión más reciente de Rapport (esquema %2; esta versión conoce hasta el %3). Actualice Rapport para abrirla.</translation>
    </message>
    <message>
        <source>%1 is read-only and needs an upgrade to schema %2 before Rapport can use it.</source>
        <translation>%1 es de solo lectura y necesita actualizarse al esquema %2 antes de que Rapport pueda usarla.</translation>
    </message>
    <message>
        <source>Upgrading the database to schema %1 failed; it was left unchanged at schema %2. %3</source>
        <translation>Falló la actualización de la base de datos al esquema %1; se dejó sin cambios en el esquema %2. %3</translation>
    </message>
    <message>
        <source>recording the schema version</source>
        <translation>registro de la versión del esquema</translation>
    </message>
    <message>
        <source>Added background sync of social accounts and feeds, and the Inbox (version 2).</source>
        <translation>Se añadió la sincronización en segundo plano de cuentas sociales y feeds, y la bandeja de entrada (versión 2).</translation>
    </message>
    <message>
        <source>Sorted the contact list by outlet faster (version 3).</source>
        <translation>La lista de contactos se ordena más rápido por medio (versión 3).</translation>
    </message>
    <message>
        <source>Marked synced items whose source gave no date (version 4).</source>
        <translation>Se marcaron los elementos sincronizados cuya fuente no indicaba fecha (versión 4).</translation>
    </message>
    <message>
        <source>Kept what the last sync of each account had to skip (version 5).</source>
        <translation>Se guarda lo que la última sincronización de cada cuenta tuvo que omitir (versión 5).</translation>
    </message>
    <message>
        <source>Added campaign briefs, content versions, the pitch pipeline&apos;s history and coverage links (version 6).</source>
        <translation>Se añadieron los briefings de campaña, las versiones de contenido, el historial del embudo de pitches y los enlaces a la cobertura (versión 6).</translation>
    </message>
    <message>
        <source>Kept each contact&apos;s health of 90 days ago, so Cooling off lists at once (version 7).</source>
        <translation>Se guardó la salud de cada contacto de hace 90 días, para que «Enfriándose» aparezca al instante (versión 7).</translation>
    </message>
    <message>
        <source>Gave coverage recorded earlier its normalized address, so the same article is never recorded twice (version 8).</source>
        <translation>Se asignó su dirección normalizada a la cobertura registrada antes, para que el mismo artículo no se registre nunca dos veces (versión 8).</translation>
    </message>
    <message>
        <source>Recorded import batches, so that an import can be undone (version 9).</source>
        <translation>Se registran los lotes de importación para poder deshacer una importación (versión 9).</translation>
    </message>
    <message>
        <source>Kept the dashboard&apos;s counts up to date on every change, so it answers at once (version 10).</source>
        <translation>Mantiene al día las cifras del panel en cada cambio, para que responda al instante (versión 10).</translation>
    </message>
    <message>
        <source>Kept the dashboard&apos;s counts per month too, so that a year is counted as fast as a week (version 13).</source>
        <translation>Mantiene también las cifras del panel por mes, para que un año se cuente tan rápido como una semana (versión 13).</translation>
    </message>
    <message>
        <source>Added indexes that make the who-to-pitch suggestions faster on PostgreSQL (version 14).</source>
        <translation>Añade índices que agilizan las sugerencias «A quién contactar» en PostgreSQL (versión 14).</translation>
    </message>
    <message>
        <source>Added team roles enforced by the database server and the history of every field (version 11).</source>
        <translation>Añadidos los roles de equipo que aplica el servidor de base de datos y el historial de cada campo (versión 11).</translation>
    </message>
    <message>
        <source>Made counting the open follow-ups faster (version 19).</source>
        <translation>Agiliza el recuento de los seguimientos pendientes (versión 19).</translation>
    </message>
    <message>
        <source>Let the server announce every change, so other people&apos;s edits appear at once (version 12).</source>
        <translation>El servidor anuncia cada cambio, para que los de los demás aparezcan al instante (versión 12).</translation>
    </message>
    <message>
        <source>Made search as you type faster on PostgreSQL (version 17).</source>
        <translation>Agiliza la búsqueda mientras se escribe en PostgreSQL (versión 17).</translation>
    </message>
    <message>
        <source>Kept each contact&apos;s conversations per month, so that a year&apos;s top relationships are found at once (version 16).</source>
        <translation>Mantiene las conversaciones de cada contacto por mes, para que las relaciones principales de un año se encuentren al instante (versión 16).</translation>
    </message>
    <message>
        <source>counting the dashboard&apos;s figures</source>
        <translation>cálculo de las cifras del panel</translation>
    </message>
    <message>
        <source>Made searching the conversations for a common word faster on PostgreSQL (version 20).</source>
        <translation>Agiliza la búsqueda de una palabra frecuente en las conversaciones en PostgreSQL (versión 20).</translation>
    </message>
    <message>
        <source>Added the email addresses, phone numbers, handles, beats and tags of a contact to its history (version 21).</source>
        <translation>Se añadieron las direcciones de correo, los teléfonos, los identificadores, las secciones y las etiquetas de un contacto a su historial (versión 21).</translation>
    </message>
</context>
<context>
    <name>MovePitchCommand</name>
    <message>
        <source>Move %1 to “%2”</source>
        <translation>Mover a %1 a «%2»</translation>
    </message>
</context>
<context>
    <name>NaturalDate</name>
    <message>
        <source>today</source>
        <translation>hoy</translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation>ayer</translation>
    </message>
    <message>
        <source>tomorrow</source>
        <translation>mañana</translation>
    </message>
    <message>
        <source>now</source>
        <translation>ahora</translation>
    </message>
    <message>
        <source>at</source>
        <comment>between a date and a time: tomorrow at 10:00</comment>
        <translation>a las</translation>
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
        <translation>%1, %2 o %3</translation>
    </message>
</context>
<context>
    <name>OpenErrorDialog</name>
    <message>
        <source>Rapport cannot open the database</source>
        <translation>Rapport no puede abrir la base de datos</translation>
    </message>
    <message>
        <source>Database: %1
Nothing in it was changed. Start Rapport with --db to open another database.</source>
        <translation>Base de datos: %1
No se cambió nada en ella. Inicie Rapport con --db para abrir otra base de datos.</translation>
    </message>
</context>
<context>
    <name>OrganizationCommands</name>
    <message>
        <source>Edit “%1”</source>
        <translation>Editar «%1»</translation>
    </message>
    <message>
        <source>“%1” was changed by someone else since; it was left as they saved it.</source>
        <translation>Otra persona modificó «%1» mientras tanto; se dejó tal como esa persona la guardó.</translation>
    </message>
    <message>
        <source>New organization “%1”</source>
        <translation>Nueva organización «%1»</translation>
    </message>
    <message>
        <source>Move “%1” to the trash</source>
        <translation>Mover «%1» a la papelera</translation>
    </message>
</context>
<context>
    <name>OrganizationEditor</name>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Kind of organization</source>
        <translation>Tipo de organización</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Sitio web</translation>
    </message>
    <message>
        <source>Reach</source>
        <translation>Alcance</translation>
    </message>
    <message>
        <source>Readers, listeners or followers, as far as known.</source>
        <translation>Lectores, oyentes o seguidores, en la medida en que se conozcan.</translation>
    </message>
    <message>
        <source>Unknown</source>
        <comment>reach</comment>
        <translation>Desconocido</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ciudad</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>País</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Tipo:</translation>
    </message>
    <message>
        <source>&amp;Website:</source>
        <translation>Sitio &amp;web:</translation>
    </message>
    <message>
        <source>&amp;Reach:</source>
        <translation>&amp;Alcance:</translation>
    </message>
    <message>
        <source>C&amp;ity:</source>
        <translation>C&amp;iudad:</translation>
    </message>
    <message>
        <source>C&amp;ountry:</source>
        <translation>&amp;País:</translation>
    </message>
    <message>
        <source>No&amp;tes:</source>
        <translation>No&amp;tas:</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Guardar</translation>
    </message>
    <message>
        <source>Save the organization (%1)</source>
        <translation>Guardar la organización (%1)</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>&amp;Revertir</translation>
    </message>
    <message>
        <source>Forget your changes and show what is saved</source>
        <translation>Olvidar sus cambios y mostrar lo guardado</translation>
    </message>
    <message>
        <source>People who work here</source>
        <translation>Personas que trabajan aquí</translation>
    </message>
    <message>
        <source>Double-click or press Enter to open the contact</source>
        <translation>Haga doble clic o pulse Intro para abrir el contacto</translation>
    </message>
    <message>
        <source>&amp;People: nobody works here yet.</source>
        <translation>&amp;Personas: todavía no trabaja nadie aquí.</translation>
    </message>
    <message>
        <source>&amp;People who work here (%L1):</source>
        <translation>&amp;Personas que trabajan aquí (%L1):</translation>
    </message>
    <message>
        <source>New organization</source>
        <translation>Nueva organización</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Historial</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Cambios</translation>
    </message>
    <message>
        <source>Who changed what in this organization, and when</source>
        <translation>Quién cambió qué en esta organización y cuándo</translation>
    </message>
</context>
<context>
    <name>OrganizationListModel</name>
    <message>
        <source>Newspaper</source>
        <translation>Periódico</translation>
    </message>
    <message>
        <source>Magazine</source>
        <translation>Revista</translation>
    </message>
    <message>
        <source>Online outlet</source>
        <translation>Digital</translation>
    </message>
    <message>
        <source>Broadcaster</source>
        <translation>Radio/TV</translation>
    </message>
    <message>
        <source>Podcast</source>
        <translation>Pódcast</translation>
    </message>
    <message>
        <source>Blog</source>
        <translation>Blog</translation>
    </message>
    <message>
        <source>Agency</source>
        <comment>news or PR agency</comment>
        <translation>Agencia</translation>
    </message>
    <message>
        <source>Client</source>
        <comment>a client of the PR agency</comment>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Other</source>
        <comment>organization kind</comment>
        <translation>Otro</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Kind</source>
        <comment>newspaper, magazine, client...</comment>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ciudad</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>País</translation>
    </message>
    <message>
        <source>Reach</source>
        <comment>audience size</comment>
        <translation>Alcance</translation>
    </message>
    <message>
        <source>People</source>
        <comment>contacts working at the organization</comment>
        <translation>Personas</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Modificada</translation>
    </message>
</context>
<context>
    <name>OrganizationListQuery</name>
    <message>
        <source>counting organizations</source>
        <translation>recuento de las organizaciones</translation>
    </message>
    <message>
        <source>sorting the organization list</source>
        <translation>ordenación de la lista de organizaciones</translation>
    </message>
    <message>
        <source>loading the organization list</source>
        <translation>carga de la lista de organizaciones</translation>
    </message>
</context>
<context>
    <name>OrganizationPeopleModel</name>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Title</source>
        <comment>job title</comment>
        <translation>Cargo</translation>
    </message>
    <message>
        <source>Role</source>
        <comment>role at the organization</comment>
        <translation>Función</translation>
    </message>
</context>
<context>
    <name>OrganizationRepository</name>
    <message>
        <source>adding the organization</source>
        <translation>adición de la organización</translation>
    </message>
    <message>
        <source>This organization has not been saved yet.</source>
        <translation>Esta organización aún no se ha guardado.</translation>
    </message>
    <message>
        <source>saving the organization</source>
        <translation>guardado de la organización</translation>
    </message>
    <message>
        <source>“%1” was changed or deleted by someone else since you opened it. Reload it to see their changes; yours were not saved.</source>
        <translation>Otra persona modificó o eliminó «%1» desde que usted la abrió. Vuelva a cargarla para ver esos cambios; los suyos no se guardaron.</translation>
    </message>
    <message>
        <source>updating the search index</source>
        <translation>actualización del índice de búsqueda</translation>
    </message>
    <message>
        <source>loading the organization</source>
        <translation>carga de la organización</translation>
    </message>
    <message>
        <source>The organization no longer exists.</source>
        <translation>La organización ya no existe.</translation>
    </message>
    <message>
        <source>moving the organization to the trash</source>
        <translation>traslado de la organización a la papelera</translation>
    </message>
    <message>
        <source>restoring the organization</source>
        <translation>restauración de la organización</translation>
    </message>
    <message>
        <source>counting organizations</source>
        <translation>recuento de las organizaciones</translation>
    </message>
    <message>
        <source>looking up organizations</source>
        <translation>búsqueda de organizaciones</translation>
    </message>
    <message>
        <source>loading the people of the organization</source>
        <translation>carga de las personas de la organización</translation>
    </message>
    <message>
        <source>counting the people of the organization</source>
        <translation>recuento de las personas de la organización</translation>
    </message>
</context>
<context>
    <name>OrganizationsView</name>
    <message>
        <source>Search by name, city, country or website</source>
        <translation>Buscar por nombre, ciudad, país o sitio web</translation>
    </message>
    <message>
        <source>Search organizations</source>
        <translation>Buscar organizaciones</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Nueva</translation>
    </message>
    <message>
        <source>Organizations</source>
        <translation>Organizaciones</translation>
    </message>
    <message>
        <source>Select an organization to see its details and its people.</source>
        <translation>Seleccione una organización para ver sus detalles y sus personas.</translation>
    </message>
    <message>
        <source>&amp;New Organization</source>
        <translation>&amp;Nueva organización</translation>
    </message>
    <message>
        <source>&amp;Save Organization</source>
        <translation>&amp;Guardar la organización</translation>
    </message>
    <message>
        <source>Re&amp;vert Changes</source>
        <translation>Re&amp;vertir los cambios</translation>
    </message>
    <message>
        <source>&amp;Move to Trash</source>
        <translation>&amp;Mover a la papelera</translation>
    </message>
    <message>
        <source>%L1 organizations</source>
        <translation>%L1 organizaciones</translation>
    </message>
    <message>
        <source>%L1 of %L2</source>
        <translation>%L1 de %L2</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Cambios sin guardar</translation>
    </message>
    <message>
        <source>Save the new organization before leaving it?</source>
        <translation>¿Guardar la nueva organización antes de salir de ella?</translation>
    </message>
    <message>
        <source>“%1” has unsaved changes. Save them before leaving it?</source>
        <translation>«%1» tiene cambios sin guardar. ¿Guardarlos antes de salir?</translation>
    </message>
    <message>
        <source>Organization not opened</source>
        <translation>Organización no abierta</translation>
    </message>
    <message>
        <source>Discard your unsaved changes and start a new organization?</source>
        <translation>¿Descartar los cambios sin guardar y empezar una organización nueva?</translation>
    </message>
    <message>
        <source>Organization not deleted</source>
        <translation>Organización no eliminada</translation>
    </message>
    <message>
        <source>Move to the trash?</source>
        <translation>¿Mover a la papelera?</translation>
    </message>
    <message numerus="yes">
        <source>%n people work at “%1”. They keep their other details and show no organization while it is in the trash. Move it to the trash?</source>
        <translation>
            <numerusform>%n persona trabaja en «%1». Conserva el resto de sus datos y no muestra ninguna organización mientras esta esté en la papelera. ¿Moverla a la papelera?</numerusform>
            <numerusform>%n personas trabajan en «%1». Conservan el resto de sus datos y no muestran ninguna organización mientras esta esté en la papelera. ¿Moverla a la papelera?</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not undo or redo</source>
        <translation>No se pudo deshacer ni rehacer</translation>
    </message>
    <message>
        <source>“%1” saved, merged with what %2 changed meanwhile (%3).</source>
        <translation>«%1» guardado, combinado con lo que %2 cambió mientras tanto (%3).</translation>
    </message>
    <message>
        <source>“%1” saved with your choices.</source>
        <translation>«%1» guardado con sus elecciones.</translation>
    </message>
</context>
<context>
    <name>PendingCampaignTab</name>
    <message>
        <source>This tab is not built yet.</source>
        <translation>Esta pestaña aún no está construida.</translation>
    </message>
</context>
<context>
    <name>PipelineTab</name>
    <message>
        <source>&amp;Board</source>
        <translation>&amp;Tablero</translation>
    </message>
    <message>
        <source>One column per status; drag cards between them</source>
        <translation>Una columna por estado; arrastre las tarjetas entre ellas</translation>
    </message>
    <message>
        <source>&amp;Table</source>
        <translation>&amp;Lista</translation>
    </message>
    <message>
        <source>Every pitch in one sortable table</source>
        <translation>Todos los pitches en una tabla ordenable</translation>
    </message>
    <message>
        <source>Move to the previous status</source>
        <translation>Pasar al estado anterior</translation>
    </message>
    <message>
        <source>Move to the next status</source>
        <translation>Pasar al estado siguiente</translation>
    </message>
    <message>
        <source>Move to “%1”</source>
        <translation>Mover a «%1»</translation>
    </message>
    <message>
        <source>◀ Move back</source>
        <translation>◀ Retroceder</translation>
    </message>
    <message>
        <source>Move on ▶</source>
        <translation>Avanzar ▶</translation>
    </message>
    <message>
        <source>Ctrl+Right / Ctrl+Left or Alt+1 … Alt+6 move the selected pitch; Enter opens the person.</source>
        <translation>Ctrl+Derecha / Ctrl+Izquierda o Alt+1 … Alt+6 mueven el pitch seleccionado; Intro abre la persona.</translation>
    </message>
    <message>
        <source>Pipeline</source>
        <translation>Seguimiento</translation>
    </message>
    <message>
        <source>%1: %2 on %3</source>
        <translation>%1: %2 el %3</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Aceptar</translation>
    </message>
    <message>
        <source>Move %1&apos;s pitch to “Replied”, replied on %2</source>
        <translation>Pasar el pitch de %1 a «Respondido», respondido el %2</translation>
    </message>
    <message>
        <source>Not a reply</source>
        <translation>No es respuesta</translation>
    </message>
    <message>
        <source>Stop proposing this for %1 until something newer comes in</source>
        <translation>Dejar de proponerlo para %1 hasta que llegue algo más reciente</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more (marked “Reply?” on the board).</source>
        <translation>
            <numerusform>… y %n más (marcada «¿Respuesta?» en el tablero).</numerusform>
            <numerusform>… y %n más (marcadas «¿Respuesta?» en el tablero).</numerusform>
        </translation>
    </message>
    <message>
        <source>The board was reloaded with the latest state.</source>
        <translation>El tablero se ha vuelto a cargar con el estado más reciente.</translation>
    </message>
    <message>
        <source>%1 moved to “%2”.</source>
        <translation>%1 se movió a «%2».</translation>
    </message>
    <message>
        <source>%1 replied: moved to “%2”.</source>
        <translation>%1 respondió: se movió a «%2».</translation>
    </message>
    <message>
        <source>%1 “%2”</source>
        <comment>channel “subject”</comment>
        <translation>%1 «%2»</translation>
    </message>
    <message numerus="yes">
        <source>%Ln pitch(es)</source>
        <translation>
            <numerusform>%Ln pitch</numerusform>
            <numerusform>%Ln pitches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln reply(s) came in after a pitch. Accept to move the pitch to “Replied”:</source>
        <translation>
            <numerusform>Llegó %Ln respuesta después de un pitch. Aceptar lo pasa a «Respondido»:</numerusform>
            <numerusform>Llegaron %Ln respuestas después de un pitch. Aceptar lo pasa a «Respondido»:</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 moved to “%2”, kept with what %3 changed meanwhile.</source>
        <translation>%1 movido a «%2», junto con lo que %3 cambió mientras tanto.</translation>
    </message>
    <message>
        <source>%1 was already moved to “%2” by %3.</source>
        <translation>%3 ya había movido a %1 a «%2».</translation>
    </message>
</context>
<context>
    <name>PitchBoard</name>
    <message>
        <source>Drag a card to another column, or use Ctrl+Right / Ctrl+Left or Alt+1 … Alt+6 to move the selected pitch. Left and Right go to the next column; Enter opens the person.</source>
        <translation>Arrastre una tarjeta a otra columna, o mueva el pitch seleccionado con Ctrl+Derecha / Ctrl+Izquierda o Alt+1 … Alt+6. Izquierda y Derecha pasan a la columna vecina; Intro abre la persona.</translation>
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
        <translation>Movido el %1</translation>
    </message>
    <message>
        <source>Moved by %1 on %2</source>
        <translation>Movido por %1 el %2</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>A reply came in after the pitch: accept it above the board.</source>
        <translation>Llegó una respuesta después del pitch: acéptela encima del tablero.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Outlet</source>
        <translation>Medio</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Pitched</source>
        <translation>Enviado</translation>
    </message>
    <message>
        <source>Replied</source>
        <translation>Respondido</translation>
    </message>
    <message>
        <source>Last moved</source>
        <translation>Último movimiento</translation>
    </message>
    <message>
        <source>Reply?</source>
        <translation>¿Respuesta?</translation>
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
        <translation>Estado de pitch desconocido «%1».</translation>
    </message>
    <message>
        <source>moving the pitch</source>
        <translation>cambio de etapa del pitch</translation>
    </message>
    <message>
        <source>The pitch no longer exists or was taken off the media list.</source>
        <translation>El pitch ya no existe o se quitó de la lista de medios.</translation>
    </message>
</context>
<context>
    <name>PitchRepository</name>
    <message numerus="yes">
        <source>Added %n person(s) to the media list.</source>
        <translation>
            <numerusform>Se añadió %n persona a la lista de medios.</numerusform>
            <numerusform>Se añadieron %n personas a la lista de medios.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not added:</source>
        <translation>
            <numerusform>%n sin añadir:</numerusform>
            <numerusform>%n sin añadir:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(and %n more)</source>
        <translation>
            <numerusform>(y %n más)</numerusform>
            <numerusform>(y %n más)</numerusform>
        </translation>
    </message>
    <message>
        <source>Do not contact.</source>
        <translation>No contactar.</translation>
    </message>
    <message>
        <source>Do not contact: %1.</source>
        <translation>No contactar: %1.</translation>
    </message>
    <message>
        <source>No recorded consent.</source>
        <translation>Sin consentimiento registrado.</translation>
    </message>
    <message>
        <source>today</source>
        <translation>hoy</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>hace %n día</numerusform>
            <numerusform>hace %n días</numerusform>
        </translation>
    </message>
    <message>
        <source>Pitched %1.</source>
        <translation>Pitch enviado %1.</translation>
    </message>
    <message>
        <source>Pitched %1 for “%2”.</source>
        <translation>Pitch enviado %1 para «%2».</translation>
    </message>
    <message>
        <source>adding people to the media list</source>
        <translation>adición de personas a la lista de medios</translation>
    </message>
    <message>
        <source>The campaign no longer exists.</source>
        <translation>La campaña ya no existe.</translation>
    </message>
    <message>
        <source>Contact no. %1 no longer exists.</source>
        <translation>El contacto n.º %1 ya no existe.</translation>
    </message>
    <message>
        <source>%1 is in the trash.</source>
        <translation>%1 está en la papelera.</translation>
    </message>
    <message>
        <source>%1 asked not to be contacted (%2).</source>
        <translation>%1 pidió no ser contactado (%2).</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>sin motivo indicado</translation>
    </message>
    <message>
        <source>%1 is already on the media list.</source>
        <translation>%1 ya está en la lista de medios.</translation>
    </message>
    <message>
        <source>removing people from the media list</source>
        <translation>eliminación de personas de la lista de medios</translation>
    </message>
    <message>
        <source>putting people back on the media list</source>
        <translation>devolución de personas a la lista de medios</translation>
    </message>
    <message>
        <source>Someone else changed this media list meanwhile; nothing was removed.</source>
        <translation>Otra persona cambió esta lista de medios mientras tanto; no se quitó nada.</translation>
    </message>
    <message>
        <source>Someone else changed this media list meanwhile; nobody was put back.</source>
        <translation>Otra persona cambió esta lista de medios mientras tanto; no se devolvió a nadie.</translation>
    </message>
    <message>
        <source>loading the media list</source>
        <translation>carga de la lista de medios</translation>
    </message>
    <message>
        <source>loading the pipeline</source>
        <translation>carga del embudo</translation>
    </message>
    <message>
        <source>The pitch is no longer on the media list.</source>
        <translation>El pitch ya no está en la lista de medios.</translation>
    </message>
    <message>
        <source>logging the pitch</source>
        <translation>registro del pitch</translation>
    </message>
    <message>
        <source>Pitched for “%1”</source>
        <translation>Pitch enviado para «%1»</translation>
    </message>
    <message>
        <source>Pitched “%1” for “%2”</source>
        <translation>Pitch «%1» enviado para «%2»</translation>
    </message>
    <message>
        <source>taking the pitch out of the timeline</source>
        <translation>retirada del pitch del historial</translation>
    </message>
    <message>
        <source>Unknown pitch status “%1”.</source>
        <translation>Estado de pitch desconocido «%1».</translation>
    </message>
    <message>
        <source>moving the pitch</source>
        <translation>cambio de etapa del pitch</translation>
    </message>
    <message>
        <source>The pitch no longer exists.</source>
        <translation>El pitch ya no existe.</translation>
    </message>
    <message>
        <source>%1 was taken off the media list by someone else meanwhile; the move was not saved.</source>
        <translation>Otra persona quitó a %1 de la lista de medios mientras tanto; el movimiento no se guardó.</translation>
    </message>
    <message>
        <source>Someone else changed %1&apos;s pitch meanwhile (it is in “%2” now); the move was not saved.</source>
        <translation>Otra persona cambió el pitch de %1 mientras tanto (ahora está en «%2»); el movimiento no se guardó.</translation>
    </message>
    <message>
        <source>Someone else changed %1&apos;s pitch meanwhile; the move was not saved.</source>
        <translation>Otra persona cambió el pitch de %1 mientras tanto; el movimiento no se guardó.</translation>
    </message>
    <message>
        <source>loading the pitch&apos;s moves</source>
        <translation>carga de los movimientos del pitch</translation>
    </message>
    <message>
        <source>looking for replies</source>
        <translation>búsqueda de respuestas</translation>
    </message>
    <message>
        <source>dismissing the reply</source>
        <translation>descarte de la respuesta</translation>
    </message>
    <message>
        <source>Someone else changed this pitch meanwhile; nothing was changed.</source>
        <translation>Otra persona cambió este pitch mientras tanto; no se cambió nada.</translation>
    </message>
    <message>
        <source>loading the pitch</source>
        <translation>carga del pitch</translation>
    </message>
</context>
<context>
    <name>PitchScore</name>
    <message>
        <source>today</source>
        <translation>hoy</translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation>ayer</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>hace %n día</numerusform>
            <numerusform>hace %n días</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n week(s) ago</source>
        <translation>
            <numerusform>hace %n semana</numerusform>
            <numerusform>hace %n semanas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n month(s) ago</source>
        <translation>
            <numerusform>hace %n mes</numerusform>
            <numerusform>hace %n meses</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n year(s) ago</source>
        <translation>
            <numerusform>hace %n año</numerusform>
            <numerusform>hace %n años</numerusform>
        </translation>
    </message>
    <message>
        <source>email</source>
        <translation>el correo electrónico</translation>
    </message>
    <message>
        <source>phone calls</source>
        <translation>las llamadas</translation>
    </message>
    <message>
        <source>direct messages</source>
        <translation>los mensajes directos</translation>
    </message>
    <message>
        <source>meeting in person</source>
        <translation>las reuniones en persona</translation>
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
        <translation>cubre %1</translation>
    </message>
    <message>
        <source>tagged %1</source>
        <translation>etiquetado %1</translation>
    </message>
    <message>
        <source>wrote about %1 %2</source>
        <translation>escribió sobre %1 %2</translation>
    </message>
    <message numerus="yes">
        <source>wrote about %1 %2 (%n matching posts in %3 days)</source>
        <translation>
            <numerusform>escribió sobre %1 %2 (%n publicación relacionada en %3 días)</numerusform>
            <numerusform>escribió sobre %1 %2 (%n publicaciones relacionadas en %3 días)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>covered %1 %n time(s) before</source>
        <translation>
            <numerusform>ya cubrió %1 una vez</numerusform>
            <numerusform>ya cubrió %1 %n veces</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>replied to %1 of %n pitch(es)</source>
        <translation>
            <numerusform>respondió a %1 de %n pitch</numerusform>
            <numerusform>respondió a %1 de %n pitches</numerusform>
        </translation>
    </message>
    <message>
        <source>not pitched before</source>
        <translation>nunca contactado con un pitch</translation>
    </message>
    <message numerus="yes">
        <source>covered %1 of %n pitch(es)</source>
        <translation>
            <numerusform>cubrió %1 de %n pitch</numerusform>
            <numerusform>cubrió %1 de %n pitches</numerusform>
        </translation>
    </message>
    <message>
        <source>no conversations yet</source>
        <translation>aún sin conversaciones</translation>
    </message>
    <message>
        <source>relationship strong (%1)</source>
        <translation>relación fuerte (%1)</translation>
    </message>
    <message>
        <source>relationship steady (%1)</source>
        <translation>relación estable (%1)</translation>
    </message>
    <message>
        <source>relationship cooling (%1)</source>
        <translation>relación que se enfría (%1)</translation>
    </message>
    <message>
        <source>relationship cold (%1)</source>
        <translation>relación fría (%1)</translation>
    </message>
    <message>
        <source>pitched %1</source>
        <translation>contactado %1</translation>
    </message>
    <message numerus="yes">
        <source>pitched %n times in the last %1 days, last %2</source>
        <translation>
            <numerusform>contactado una vez en los últimos %1 días, %2</numerusform>
            <numerusform>contactado %n veces en los últimos %1 días, la última %2</numerusform>
        </translation>
    </message>
    <message>
        <source>declined a %1 pitch %2</source>
        <translation>rechazó un pitch de %1 %2</translation>
    </message>
    <message>
        <source>prefers %1</source>
        <translation>prefiere %1</translation>
    </message>
    <message>
        <source>no recorded consent</source>
        <translation>sin consentimiento registrado</translation>
    </message>
</context>
<context>
    <name>PitchStatus</name>
    <message>
        <source>Planned</source>
        <translation>Previsto</translation>
    </message>
    <message>
        <source>Pitched</source>
        <translation>Enviado</translation>
    </message>
    <message>
        <source>Replied</source>
        <translation>Respondido</translation>
    </message>
    <message>
        <source>Interested</source>
        <translation>Interesado</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>Rechazado</translation>
    </message>
    <message>
        <source>Covered</source>
        <translation>Cubierto</translation>
    </message>
</context>
<context>
    <name>PitchSuggestionModel</name>
    <message>
        <source>Score %1 of 100</source>
        <translation>Puntuación %1 de 100</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <comment>a who-to-pitch reason without points</comment>
        <translation>Nota: %1</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>points, reason</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>No consent or other legal basis is recorded for %1: check before pitching.</source>
        <translation>No hay consentimiento ni otra base legal registrada para %1: compruébelo antes del pitch.</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <comment>name, job title</comment>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>%1, reach %2</source>
        <translation>%1, alcance %2</translation>
    </message>
    <message>
        <source>No recorded consent</source>
        <translation>Sin consentimiento registrado</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Puntos</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Outlet</source>
        <translation>Medio</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Por qué</translation>
    </message>
    <message>
        <source>An amber sign marks people without recorded consent</source>
        <translation>Un signo ámbar marca a las personas sin consentimiento registrado</translation>
    </message>
</context>
<context>
    <name>PitchSuggestions</name>
    <message>
        <source>reading beats and tags</source>
        <translation>leer las secciones y las etiquetas</translation>
    </message>
    <message>
        <source>reading recent posts</source>
        <translation>leer las publicaciones recientes</translation>
    </message>
    <message>
        <source>reading coverage</source>
        <translation>leer la cobertura</translation>
    </message>
    <message>
        <source>reading the pitch history</source>
        <translation>leer el historial de pitches</translation>
    </message>
    <message>
        <source>reading the campaign</source>
        <translation>leer la campaña</translation>
    </message>
    <message>
        <source>The campaign no longer exists.</source>
        <translation>La campaña ya no existe.</translation>
    </message>
    <message>
        <source>reading the candidates</source>
        <translation>leer los candidatos</translation>
    </message>
</context>
<context>
    <name>PlaceholderSection</name>
    <message>
        <source>This part of Rapport is not built yet.</source>
        <translation>Esta parte de Rapport aún no está hecha.</translation>
    </message>
</context>
<context>
    <name>PrivacyActions</name>
    <message>
        <source>Write everything Rapport holds about this person to a JSON file and a vCard</source>
        <translation>Escribir todo lo que Rapport guarda de esta persona en un archivo JSON y una vCard</translation>
    </message>
    <message>
        <source>E&amp;rase This Person…</source>
        <translation>Borrar definiti&amp;vamente a esta persona…</translation>
    </message>
    <message>
        <source>Remove this person and everything about them for good, on request</source>
        <translation>Eliminar definitivamente a esta persona y todo lo suyo, a petición</translation>
    </message>
    <message>
        <source>Choose a contact first.</source>
        <translation>Elija primero un contacto.</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>La exportación falló</translation>
    </message>
    <message>
        <source>Export Everything About %1</source>
        <translation>Exportar todo sobre %1</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>Archivos JSON (*.json)</translation>
    </message>
    <message>
        <source>Exporting everything about %1…</source>
        <translation>Exportando todo sobre %1…</translation>
    </message>
    <message>
        <source>Exported everything about %1 to %2 and %3.</source>
        <translation>Todo sobre %1 exportado a %2 y %3.</translation>
    </message>
    <message>
        <source>Erasure failed</source>
        <translation>El borrado falló</translation>
    </message>
    <message>
        <source>Erasing %1…</source>
        <translation>Borrando a %1…</translation>
    </message>
    <message>
        <source>Erased %1; the sync ignores their handles from now on.</source>
        <translation>%1 borrado; la sincronización ignora desde ahora sus identificadores.</translation>
    </message>
    <message>
        <source>Erased %1.</source>
        <translation>%1 borrado.</translation>
    </message>
    <message>
        <source>Export Everyth&amp;ing About This Person…</source>
        <translation>E&amp;xportar todo sobre esta persona…</translation>
    </message>
</context>
<context>
    <name>QuickLogDialog</name>
    <message>
        <source>Log a conversation</source>
        <translation>Registrar una conversación</translation>
    </message>
    <message>
        <source>Type a name; separate several with commas</source>
        <translation>Escriba un nombre; separe varios con comas</translation>
    </message>
    <message>
        <source>&amp;Contact:</source>
        <translation>&amp;Contacto:</translation>
    </message>
    <message>
        <source>Type the first letter to pick: C for Call, E for Email, M for Meeting…</source>
        <translation>Escriba la primera letra para elegir: L para Llamada, C para Correo, R para Reunión…</translation>
    </message>
    <message>
        <source>C&amp;hannel:</source>
        <translation>C&amp;anal:</translation>
    </message>
    <message>
        <source>&amp;Direction:</source>
        <translation>&amp;Dirección:</translation>
    </message>
    <message>
        <source>now, yesterday 15:00, today 9:30, 2026-11-20 14:00</source>
        <translation>ahora, ayer 15:00, hoy 9:30, 2026-11-20 14:00</translation>
    </message>
    <message>
        <source>Not a date I can read</source>
        <translation>No es una fecha legible</translation>
    </message>
    <message>
        <source>&amp;When:</source>
        <translation>&amp;Cuándo:</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>&amp;Subject:</source>
        <translation>&amp;Asunto:</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>&amp;Notas:</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Desconocido</translation>
    </message>
    <message>
        <source>− Negative</source>
        <translation>− Negativo</translation>
    </message>
    <message>
        <source>0 Neutral</source>
        <translation>0 Neutral</translation>
    </message>
    <message>
        <source>+ Positive</source>
        <translation>+ Positivo</translation>
    </message>
    <message>
        <source>S&amp;entiment:</source>
        <translation>&amp;Tono:</translation>
    </message>
    <message>
        <source>e.g. interested, wants exclusive, declined</source>
        <translation>p. ej. interesado, quiere exclusiva, rechazado</translation>
    </message>
    <message>
        <source>&amp;Outcome:</source>
        <translation>&amp;Resultado:</translation>
    </message>
    <message>
        <source>optional: tomorrow 10:00, 2026-12-01</source>
        <translation>opcional: mañana 10:00, 2026-12-01</translation>
    </message>
    <message>
        <source>&amp;Follow up:</source>
        <translation>&amp;Seguimiento:</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Registrar</translation>
    </message>
    <message>
        <source>Save the conversation (%1)</source>
        <translation>Guardar la conversación (%1)</translation>
    </message>
    <message>
        <source>Close without saving (Esc)</source>
        <translation>Cerrar sin guardar (Esc)</translation>
    </message>
    <message>
        <source>Type the name of the person you talked to.</source>
        <translation>Escriba el nombre de la persona con la que habló.</translation>
    </message>
    <message>
        <source>No contact is called “%1”.</source>
        <translation>Ningún contacto se llama «%1».</translation>
    </message>
    <message>
        <source>Several contacts match “%1”: pick one from the list.</source>
        <translation>Varios contactos coinciden con «%1»: elija uno de la lista.</translation>
    </message>
    <message>
        <source>Type a date such as “yesterday 15:00”, “today 9:30” or “2026-11-20 14:00”.</source>
        <translation>Escriba una fecha como «ayer 15:00», «hoy 9:30» o «2026-11-20 14:00».</translation>
    </message>
    <message>
        <source>Type a date such as “tomorrow 10:00” or “2026-12-01”, or leave it empty.</source>
        <translation>Escriba una fecha como «mañana 10:00» o «2026-12-01», o déjelo vacío.</translation>
    </message>
    <message>
        <source>Synced conversation</source>
        <translation>Conversación sincronizada</translation>
    </message>
    <message>
        <source>Edit a conversation</source>
        <translation>Editar una conversación</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>This conversation is in the trash.</source>
        <translation>Esta conversación está en la papelera.</translation>
    </message>
    <message>
        <source>Synced from %1: it is kept as the network sent it. You can delete it from the timeline, but not edit it.</source>
        <translation>Sincronizada desde %1: se conserva tal como la envió la red. Puede eliminarla del historial, pero no editarla.</translation>
    </message>
    <message>
        <source>The database is read-only: this conversation cannot be changed.</source>
        <translation>La base de datos es de solo lectura: esta conversación no se puede cambiar.</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <comment>completion: name — title, outlet</comment>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Several contacts are called “%1”: pick one from the list.</source>
        <translation>Varios contactos se llaman «%1»: elija uno de la lista.</translation>
    </message>
</context>
<context>
    <name>RecordMerge</name>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Sitio web</translation>
    </message>
    <message>
        <source>Reach</source>
        <translation>Alcance</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ciudad</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>País</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Inicio</translation>
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
        <translation>Descripción</translation>
    </message>
    <message>
        <source>Goals</source>
        <translation>Objetivos</translation>
    </message>
    <message>
        <source>Key messages</source>
        <translation>Mensajes clave</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>Temas</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Equipo</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Etapa</translation>
    </message>
    <message>
        <source>Pitched</source>
        <translation>Enviado</translation>
    </message>
    <message>
        <source>Replied</source>
        <translation>Respondido</translation>
    </message>
    <message>
        <source>Pitched by</source>
        <translation>Enviado por</translation>
    </message>
    <message>
        <source>Content used</source>
        <translation>Contenido usado</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Client Report</source>
        <translation>Informe de cliente</translation>
    </message>
    <message>
        <source>C&amp;lient:</source>
        <translation>C&amp;liente:</translation>
    </message>
    <message>
        <source>Ca&amp;mpaign:</source>
        <translation>Ca&amp;mpaña:</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Periodo:</translation>
    </message>
    <message>
        <source>&amp;Agency name:</source>
        <translation>Nombre de la &amp;agencia:</translation>
    </message>
    <message>
        <source>Pre&amp;view…</source>
        <translation>&amp;Vista previa…</translation>
    </message>
    <message>
        <source>&amp;Save PDF…</source>
        <translation>&amp;Guardar PDF…</translation>
    </message>
    <message>
        <source>There is no client or campaign to report on yet.</source>
        <translation>Todavía no hay ningún cliente ni campaña para un informe.</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>%1 guardado.</translation>
    </message>
    <message>
        <source>Report %1 %2.pdf</source>
        <translation>Informe %1 %2.pdf</translation>
    </message>
    <message>
        <source>Save Report</source>
        <translation>Guardar informe</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Documentos PDF (*.pdf)</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Cancelar</translation>
    </message>
    <message>
        <source>Stop writing the report (Esc); no file is left behind</source>
        <translation>Detener la escritura del informe (Esc); no queda ningún archivo</translation>
    </message>
    <message>
        <source>Canceled: nothing was saved.</source>
        <translation>Cancelado: no se ha guardado nada.</translation>
    </message>
</context>
<context>
    <name>ReportJob</name>
    <message>
        <source>Reading the figures…</source>
        <translation>Leyendo las cifras…</translation>
    </message>
    <message>
        <source>Drawing the charts…</source>
        <translation>Dibujando los gráficos…</translation>
    </message>
    <message>
        <source>Writing the PDF…</source>
        <translation>Escribiendo el PDF…</translation>
    </message>
    <message>
        <source>The report was canceled.</source>
        <translation>Se ha cancelado el informe.</translation>
    </message>
</context>
<context>
    <name>ReportWriter</name>
    <message>
        <source>%1 to %2</source>
        <comment>period: first day to last day</comment>
        <translation>%1 a %2</translation>
    </message>
    <message>
        <source>Page %1</source>
        <translation>Página %1</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Indicador</translation>
    </message>
    <message>
        <source>This period</source>
        <translation>Este periodo</translation>
    </message>
    <message>
        <source>Previous period</source>
        <translation>Periodo anterior</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Variación</translation>
    </message>
    <message>
        <source>From %1 the agency logged %2 conversations for %3 and sent %4 pitches.</source>
        <translation>Del %1, la agencia registró %2 conversaciones para %3 y envió %4 pitches.</translation>
    </message>
    <message>
        <source>%1 % of the pitches had a reply within %2 days</source>
        <translation>El %1 % de los pitches recibió respuesta en %2 días</translation>
    </message>
    <message>
        <source>; the median time to reply was %1 days</source>
        <translation>; el tiempo de respuesta mediano fue de %1 días</translation>
    </message>
    <message>
        <source>The campaigns earned %1 pieces of coverage with a combined reach of %2 (each outlet counted once).</source>
        <translation>Las campañas lograron %1 piezas de cobertura con un alcance conjunto de %2 (cada medio contado una vez).</translation>
    </message>
    <message>
        <source>%1 % of the rated coverage was positive.</source>
        <translation>El %1 % de la cobertura valorada fue positiva.</translation>
    </message>
    <message>
        <source>The outlet with the most coverage was %1.</source>
        <translation>El medio con más cobertura fue %1.</translation>
    </message>
    <message>
        <source>No coverage was recorded in this period.</source>
        <translation>No se registró cobertura en este periodo.</translation>
    </message>
    <message>
        <source>positive</source>
        <translation>positiva</translation>
    </message>
    <message>
        <source>negative</source>
        <translation>negativa</translation>
    </message>
    <message>
        <source>neutral</source>
        <translation>neutral</translation>
    </message>
    <message>
        <source>Could not write %1: the folder %2 does not exist.</source>
        <translation>No se pudo escribir %1: la carpeta %2 no existe.</translation>
    </message>
    <message>
        <source>the folder %1 is read-only</source>
        <translation>la carpeta %1 es de solo lectura</translation>
    </message>
    <message>
        <source>Could not write %1: %2.</source>
        <translation>No se pudo escribir %1: %2.</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>el disco está lleno</translation>
    </message>
    <message>
        <source>Your PR agency</source>
        <translation>Su agencia de RR. PP.</translation>
    </message>
    <message>
        <source>A report is for one client or one campaign.</source>
        <translation>Un informe es para un cliente o una campaña.</translation>
    </message>
    <message>
        <source>The report needs a period whose first day is not after its last.</source>
        <translation>El informe necesita un periodo cuyo primer día no sea posterior al último.</translation>
    </message>
    <message>
        <source>There is no campaign %1.</source>
        <translation>No existe la campaña %1.</translation>
    </message>
    <message>
        <source>There is no organization %1.</source>
        <translation>No existe la organización %1.</translation>
    </message>
    <message>
        <source>Could not start the PDF.</source>
        <translation>No se pudo empezar el PDF.</translation>
    </message>
    <message>
        <source>Coverage and engagement report</source>
        <translation>Informe de cobertura e interacción</translation>
    </message>
    <message>
        <source>Prepared by %1 on %2</source>
        <translation>Preparado por %1 el %2</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Resumen</translation>
    </message>
    <message>
        <source>Pitches</source>
        <translation>Pitches</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Etapa</translation>
    </message>
    <message>
        <source>Share of planned</source>
        <translation>Parte de los previstos</translation>
    </message>
    <message>
        <source>Outlets and conversations</source>
        <translation>Medios y conversaciones</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>Cobertura</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Headline</source>
        <translation>Titular</translation>
    </message>
    <message>
        <source>Outlet</source>
        <translation>Medio</translation>
    </message>
    <message>
        <source>Reach</source>
        <translation>Alcance</translation>
    </message>
    <message>
        <source>Sentiment</source>
        <translation>Tono</translation>
    </message>
    <message>
        <source>The dashboard has not been computed yet.</source>
        <translation>El panel aún no se ha calculado.</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Panel</translation>
    </message>
    <message>
        <source>filtered by account manager, client, campaign or channel as on screen</source>
        <translation>filtrado por responsable, cliente, campaña o canal como en pantalla</translation>
    </message>
    <message>
        <source>The report was canceled.</source>
        <translation>Se ha cancelado el informe.</translation>
    </message>
</context>
<context>
    <name>RestorePreviewDialog</name>
    <message>
        <source>Restore From Backup</source>
        <translation>Restaurar una copia</translation>
    </message>
    <message>
        <source>Restoring puts this backup in the place of the database you have open. The current database is not deleted: it is kept beside it, renamed with today&apos;s date and time, and Rapport reopens with the backup.</source>
        <translation>Restaurar pone esta copia en el lugar de la base abierta. La base actual no se borra: se guarda al lado, con la fecha y la hora de hoy en el nombre, y Rapport se vuelve a abrir con la copia.</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Archivo:</translation>
    </message>
    <message>
        <source>Taken:</source>
        <translation>Tomada:</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>Tamaño:</translation>
    </message>
    <message>
        <source>Schema version:</source>
        <translation>Versión del esquema:</translation>
    </message>
    <message>
        <source>Contacts:</source>
        <translation>Contactos:</translation>
    </message>
    <message>
        <source>Conversations:</source>
        <translation>Conversaciones:</translation>
    </message>
    <message>
        <source>Campaigns:</source>
        <translation>Campañas:</translation>
    </message>
    <message>
        <source>Reading the backup…</source>
        <translation>Leyendo la copia…</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Restaurar</translation>
    </message>
    <message>
        <source>This file cannot be restored: %1</source>
        <translation>Este archivo no se puede restaurar: %1</translation>
    </message>
    <message>
        <source>%1 (newer than this version of Rapport, which knows up to %2)</source>
        <translation>%1 (más reciente que esta versión de Rapport, que conoce hasta el %2)</translation>
    </message>
    <message>
        <source>%1 (upgraded to %2 when restored)</source>
        <translation>%1 (se actualiza al %2 al restaurar)</translation>
    </message>
    <message>
        <source>%1 (the current one)</source>
        <translation>%1 (el actual)</translation>
    </message>
    <message>
        <source>This backup was written by a newer version of Rapport. Restore it with that version, or update Rapport first.</source>
        <translation>Esta copia fue escrita por una versión más reciente de Rapport. Restáurela con esa versión o actualice antes Rapport.</translation>
    </message>
    <message>
        <source>The backup was checked and is intact.</source>
        <translation>La copia se comprobó y está intacta.</translation>
    </message>
</context>
<context>
    <name>RichTextEditor</name>
    <message>
        <source>Heading 1</source>
        <translation>Título 1</translation>
    </message>
    <message>
        <source>Make the paragraph a heading</source>
        <translation>Convertir el párrafo en título</translation>
    </message>
    <message>
        <source>Heading 2</source>
        <translation>Título 2</translation>
    </message>
    <message>
        <source>Make the paragraph a subheading</source>
        <translation>Convertir el párrafo en subtítulo</translation>
    </message>
    <message>
        <source>Paragraph</source>
        <translation>Párrafo</translation>
    </message>
    <message>
        <source>Make the heading a normal paragraph</source>
        <translation>Volver a convertir el título en un párrafo normal</translation>
    </message>
    <message>
        <source>Bold</source>
        <translation>Negrita</translation>
    </message>
    <message>
        <source>Italic</source>
        <translation>Cursiva</translation>
    </message>
    <message>
        <source>• List</source>
        <translation>• Lista</translation>
    </message>
    <message>
        <source>Bulleted list</source>
        <translation>Lista con viñetas</translation>
    </message>
    <message>
        <source>1. List</source>
        <translation>1. Lista</translation>
    </message>
    <message>
        <source>Numbered list</source>
        <translation>Lista numerada</translation>
    </message>
    <message>
        <source>Link…</source>
        <translation>Enlace…</translation>
    </message>
    <message>
        <source>Link the selected text to a web address</source>
        <translation>Enlazar el texto seleccionado con una dirección web</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Enlace</translation>
    </message>
    <message>
        <source>Web address for the link:</source>
        <translation>Dirección web del enlace:</translation>
    </message>
</context>
<context>
    <name>Rollups</name>
    <message>
        <source>counting the dashboard&apos;s figures</source>
        <translation>cálculo de las cifras del panel</translation>
    </message>
</context>
<context>
    <name>SaveViewDialog</name>
    <message>
        <source>Save View</source>
        <translation>Guardar la vista</translation>
    </message>
    <message>
        <source>View name</source>
        <translation>Nombre de la vista</translation>
    </message>
    <message>
        <source>e.g. Tech editors not contacted in 90 days</source>
        <translation>p. ej. Editores de tecnología sin contactar en 90 días</translation>
    </message>
    <message>
        <source>&amp;Share with the team</source>
        <translation>&amp;Compartir con el equipo</translation>
    </message>
    <message>
        <source>Everyone using this database sees shared views in their sidebar.</source>
        <translation>Todas las personas que usan esta base de datos ven las vistas compartidas en su barra lateral.</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
</context>
<context>
    <name>SavedViewRepository</name>
    <message>
        <source>Give the view a name.</source>
        <translation>Dé un nombre a la vista.</translation>
    </message>
    <message>
        <source>A view&apos;s name can have at most %1 characters.</source>
        <translation>El nombre de una vista puede tener como máximo %1 caracteres.</translation>
    </message>
    <message>
        <source>checking the view&apos;s name</source>
        <translation>comprobación del nombre de la vista</translation>
    </message>
    <message>
        <source>There is already a view named “%1”.</source>
        <translation>Ya existe una vista llamada «%1».</translation>
    </message>
    <message>
        <source>saving the view</source>
        <translation>guardado de la vista</translation>
    </message>
    <message>
        <source>This view has not been saved yet.</source>
        <translation>Esta vista aún no se ha guardado.</translation>
    </message>
    <message>
        <source>Someone else changed or deleted the view “%1” meanwhile. Reload it and try again.</source>
        <translation>Otra persona modificó o eliminó la vista «%1» mientras tanto. Vuelva a cargarla e inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>deleting the view</source>
        <translation>eliminación de la vista</translation>
    </message>
    <message>
        <source>This view no longer exists.</source>
        <translation>Esta vista ya no existe.</translation>
    </message>
    <message>
        <source>reading the view</source>
        <translation>lectura de la vista</translation>
    </message>
    <message>
        <source>reading the saved views</source>
        <translation>lectura de las vistas guardadas</translation>
    </message>
</context>
<context>
    <name>SavedViewsPanel</name>
    <message>
        <source>Saved views</source>
        <translation>Vistas guardadas</translation>
    </message>
    <message>
        <source>Click a view to show it; right-click to rename or delete it.</source>
        <translation>Haga clic en una vista para mostrarla; clic derecho para cambiarle el nombre o eliminarla.</translation>
    </message>
    <message>
        <source>%1 (shared with the team)</source>
        <translation>%1 (compartida con el equipo)</translation>
    </message>
    <message>
        <source>View not shown</source>
        <translation>Vista no mostrada</translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation>Cambiar &amp;nombre</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Eliminar</translation>
    </message>
    <message>
        <source>Delete view?</source>
        <translation>¿Eliminar la vista?</translation>
    </message>
    <message>
        <source>Delete the saved view “%1”?</source>
        <translation>¿Eliminar la vista guardada «%1»?</translation>
    </message>
    <message>
        <source>View not renamed</source>
        <translation>Vista sin renombrar</translation>
    </message>
    <message>
        <source>View not deleted</source>
        <translation>Vista no eliminada</translation>
    </message>
</context>
<context>
    <name>SearchRepository</name>
    <message>
        <source>searching contacts</source>
        <translation>búsqueda en los contactos</translation>
    </message>
    <message>
        <source>searching conversations</source>
        <translation>búsqueda en las conversaciones</translation>
    </message>
    <message>
        <source>searching</source>
        <translation>búsqueda</translation>
    </message>
    <message>
        <source>counting the common words of the conversations</source>
        <translation>recuento de las palabras frecuentes de las conversaciones</translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <source>No password or sign-in is stored for %1.</source>
        <translation>No hay ninguna contraseña ni inicio de sesión guardado para %1.</translation>
    </message>
    <message>
        <source>The system keyring did not answer, so the sign-in for %1 could not be read. Unlock the keyring or sign in again.</source>
        <translation>El llavero del sistema no respondió, así que no se pudo leer el inicio de sesión de %1. Desbloquee el llavero o vuelva a iniciar sesión.</translation>
    </message>
    <message>
        <source>the system keyring is not available (%1)</source>
        <translation>el llavero del sistema no está disponible (%1)</translation>
    </message>
    <message numerus="yes">
        <source>the system keyring did not answer within %n second(s); it may be locked</source>
        <translation>
            <numerusform>el llavero del sistema no respondió en %n segundo; puede que esté bloqueado</numerusform>
            <numerusform>el llavero del sistema no respondió en %n segundos; puede que esté bloqueado</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SocialAccount</name>
    <message>
        <source>OK</source>
        <translation>Correcto</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Sign in again</source>
        <translation>Volver a iniciar sesión</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pausa</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Aún sin sincronizar</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) could not be read and were skipped.</source>
        <translation>
            <numerusform>No se pudo leer %n elemento y se omitió.</numerusform>
            <numerusform>No se pudieron leer %n elementos y se omitieron.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) could not be read and were skipped: %1</source>
        <translation>
            <numerusform>No se pudo leer %n elemento y se omitió: %1</numerusform>
            <numerusform>No se pudieron leer %n elementos y se omitieron: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SoftDelete</name>
    <message>
        <source>checking the trash</source>
        <translation>comprobando la papelera</translation>
    </message>
</context>
<context>
    <name>StatsRepository</name>
    <message>
        <source>counting rows</source>
        <translation>recuento de las filas</translation>
    </message>
    <message>
        <source>reading the database</source>
        <translation>lectura de la base de datos</translation>
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
        <translation>Pruebe «rapport --help».</translation>
    </message>
    <message>
        <source>Use “campaign suggest ID”.</source>
        <translation>Use «campaign suggest ID».</translation>
    </message>
    <message>
        <source>The campaign ID must be a positive whole number.</source>
        <translation>El ID de campaña debe ser un número entero positivo.</translation>
    </message>
    <message>
        <source>--limit needs a number from 1 to 10000.</source>
        <translation>--limit necesita un número de 1 a 10000.</translation>
    </message>
    <message>
        <source>“%1” has no topics yet: add keywords to its brief to get suggestions.</source>
        <translation>«%1» aún no tiene temas: añada palabras clave a su briefing para obtener sugerencias.</translation>
    </message>
    <message>
        <source>[no recorded consent]</source>
        <translation>[sin consentimiento registrado]</translation>
    </message>
    <message numerus="yes">
        <source>Who to pitch for “%1” (topics: %2): %n of %L3 people</source>
        <translation>
            <numerusform>A quién contactar para «%1» (temas: %2): %n de %L3 personas</numerusform>
            <numerusform>A quién contactar para «%1» (temas: %2): %n de %L3 personas</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncCommands</name>
    <message>
        <source>accounts list takes no arguments.</source>
        <translation>accounts list no admite argumentos.</translation>
    </message>
    <message>
        <source>No accounts. Add one with “rapport accounts add …”.</source>
        <translation>No hay cuentas. Añada una con «rapport accounts add …».</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message numerus="yes">
        <source>last synced %1, %n item(s)</source>
        <translation>
            <numerusform>última sincronización %1, %n elemento</numerusform>
            <numerusform>última sincronización %1, %n elementos</numerusform>
        </translation>
    </message>
    <message>
        <source>accounts add feed takes one URL.</source>
        <translation>accounts add feed necesita una sola URL.</translation>
    </message>
    <message>
        <source>Too many arguments. The secret is read from standard input, never from the command line.</source>
        <translation>Demasiados argumentos. El secreto se lee de la entrada estándar, nunca de la línea de comandos.</translation>
    </message>
    <message>
        <source>--interval needs a number of minutes from 1 to 10080.</source>
        <translation>--interval necesita un número de minutos de 1 a 10080.</translation>
    </message>
    <message>
        <source>A feed belongs to a contact or an organization: give --contact ID or --organization ID.</source>
        <translation>Un feed pertenece a un contacto o a una organización: indique --contact ID o --organization ID.</translation>
    </message>
    <message>
        <source>--contact needs a contact&apos;s id.</source>
        <translation>--contact necesita el id de un contacto.</translation>
    </message>
    <message>
        <source>--organization needs an organization&apos;s id.</source>
        <translation>--organization necesita el id de una organización.</translation>
    </message>
    <message>
        <source>--server is for Bluesky accounts only.</source>
        <translation>--server es solo para cuentas de Bluesky.</translation>
    </message>
    <message>
        <source>Access token: </source>
        <translation>Token de acceso: </translation>
    </message>
    <message>
        <source>App password: </source>
        <translation>Contraseña de aplicación: </translation>
    </message>
    <message>
        <source>No access token on standard input. Pipe it in: rapport accounts add mastodon URL &lt; token.txt</source>
        <translation>No hay token de acceso en la entrada estándar. Páselo por una tubería: rapport accounts add mastodon URL &lt; token.txt</translation>
    </message>
    <message>
        <source>No app password on standard input. Pipe it in: rapport accounts add bluesky HANDLE &lt; password.txt</source>
        <translation>No hay contraseña de aplicación en la entrada estándar. Pásela por una tubería: rapport accounts add bluesky HANDLE &lt; password.txt</translation>
    </message>
    <message>
        <source>No keyring is available, so the secret cannot be kept after this command ends; the account was not added.</source>
        <translation>No hay ningún llavero disponible, así que el secreto no se puede conservar tras este comando; la cuenta no se añadió.</translation>
    </message>
    <message>
        <source>The secret could not be stored in the keyring (%1); the account was not added.</source>
        <translation>No se pudo guardar el secreto en el llavero (%1); la cuenta no se añadió.</translation>
    </message>
    <message>
        <source>Added %1 account #%2 “%3”.</source>
        <translation>Cuenta de %1 n.º %2 «%3» añadida.</translation>
    </message>
    <message>
        <source>accounts remove needs one account id (see “rapport accounts list”).</source>
        <translation>accounts remove necesita un solo id de cuenta (consulte «rapport accounts list»).</translation>
    </message>
    <message>
        <source>There is no account #%1.</source>
        <translation>No existe la cuenta n.º %1.</translation>
    </message>
    <message>
        <source>Removed account #%1 “%2”.</source>
        <translation>Cuenta n.º %1 «%2» quitada.</translation>
    </message>
    <message>
        <source>rapport: the sign-in could not be deleted from the keyring: %1</source>
        <translation>rapport: no se pudo eliminar el inicio de sesión del llavero: %1</translation>
    </message>
    <message>
        <source>accounts needs list, add or remove.</source>
        <translation>accounts necesita list, add o remove.</translation>
    </message>
    <message>
        <source>Unknown accounts command “%1”: use list, add or remove.</source>
        <translation>Comando de accounts desconocido «%1»: use list, add o remove.</translation>
    </message>
    <message>
        <source>sync takes no arguments; choose an account with --account ID.</source>
        <translation>sync no admite argumentos; elija una cuenta con --account ID.</translation>
    </message>
    <message>
        <source>--account needs an account id or “all”.</source>
        <translation>--account necesita un id de cuenta o «all».</translation>
    </message>
    <message>
        <source>The database is read-only, so nothing synced could be stored.</source>
        <translation>La base de datos es de solo lectura, así que no se pudo guardar nada de lo sincronizado.</translation>
    </message>
    <message numerus="yes">
        <source>Syncing %1… %n item(s)</source>
        <translation>
            <numerusform>Sincronizando %1… %n elemento</numerusform>
            <numerusform>Sincronizando %1… %n elementos</numerusform>
        </translation>
    </message>
    <message>
        <source>not synced (the account waits for a new sign-in or is paused)</source>
        <translation>sin sincronizar (la cuenta espera un nuevo inicio de sesión o está en pausa)</translation>
    </message>
    <message>
        <source>#%1 %2: fetched %3, %4 new, %5 to the Inbox</source>
        <translation>n.º %1 %2: %3 obtenidos, %4 nuevos, %5 a la bandeja de entrada</translation>
    </message>
    <message>
        <source>rapport: #%1 %2: %3</source>
        <translation>rapport: n.º %1 %2: %3</translation>
    </message>
    <message>
        <source>No enabled accounts to sync.</source>
        <translation>No hay cuentas activadas que sincronizar.</translation>
    </message>
    <message numerus="yes">
        <source>%n author(s) waiting in the Inbox.</source>
        <translation>
            <numerusform>%n autor en espera en la bandeja de entrada.</numerusform>
            <numerusform>%n autores en espera en la bandeja de entrada.</numerusform>
        </translation>
    </message>
    <message>
        <source>accounts add needs a kind (%1) and its address.</source>
        <translation>accounts add necesita un tipo (%1) y su dirección.</translation>
    </message>
    <message>
        <source>Unknown kind of account “%1”: use %2.</source>
        <translation>Tipo de cuenta desconocido «%1»: use %2.</translation>
    </message>
</context>
<context>
    <name>SyncHttp</name>
    <message>
        <source>the server</source>
        <translation>el servidor</translation>
    </message>
    <message>
        <source>The sync was cancelled.</source>
        <translation>Se canceló la sincronización.</translation>
    </message>
    <message>
        <source>%1 answered with more than %2 MB, more than Rapport accepts.</source>
        <translation>%1 respondió con más de %2 MB, más de lo que Rapport acepta.</translation>
    </message>
    <message>
        <source>%1 did not answer within %2 s</source>
        <translation>%1 no respondió en %2 s</translation>
    </message>
    <message>
        <source>%1 refused the connection</source>
        <translation>%1 rechazó la conexión</translation>
    </message>
    <message>
        <source>%1 closed the connection before its answer was complete</source>
        <translation>%1 cerró la conexión antes de completar su respuesta</translation>
    </message>
    <message>
        <source>%1 closed the connection without answering</source>
        <translation>%1 cerró la conexión sin responder</translation>
    </message>
    <message>
        <source>%1 could not be found. Check the address and the internet connection.</source>
        <translation>No se encontró %1. Compruebe la dirección y la conexión a internet.</translation>
    </message>
    <message>
        <source>The secure connection to %1 failed: its certificate is not valid.</source>
        <translation>Falló la conexión segura con %1: su certificado no es válido.</translation>
    </message>
    <message>
        <source>The address for %1 is not a web address.</source>
        <translation>La dirección de %1 no es una dirección web.</translation>
    </message>
    <message>
        <source>the network connection to %1 was lost</source>
        <translation>se perdió la conexión de red con %1</translation>
    </message>
    <message>
        <source>the proxy did not pass the request on to %1</source>
        <translation>el proxy no pasó la solicitud a %1</translation>
    </message>
    <message>
        <source>the connection to %1 failed</source>
        <translation>falló la conexión con %1</translation>
    </message>
    <message>
        <source>%1 asks Rapport to wait before the next request, until %2. Rapport will try again then.</source>
        <translation>%1 pide a Rapport que espere hasta %2 antes de la siguiente solicitud. Rapport lo volverá a intentar entonces.</translation>
    </message>
    <message>
        <source>%1 sends Rapport from one address to the next without end (redirects in a loop).</source>
        <translation>%1 envía a Rapport de una dirección a otra sin fin (redirecciones en bucle).</translation>
    </message>
    <message>
        <source>%1 redirected to an address that is not a web address.</source>
        <translation>%1 redirigió a una dirección que no es una dirección web.</translation>
    </message>
    <message>
        <source>%1 redirected from a secure to an insecure address; Rapport does not follow that.</source>
        <translation>%1 redirigió de una dirección segura a una no segura; Rapport no sigue esa redirección.</translation>
    </message>
    <message>
        <source>%1 keeps asking Rapport to slow down. Rapport will try again later.</source>
        <translation>%1 sigue pidiendo a Rapport que vaya más despacio. Rapport lo volverá a intentar más tarde.</translation>
    </message>
    <message>
        <source>%1 answered with server error %2</source>
        <translation>%1 respondió con el error de servidor %2</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n attempts)</source>
        <translation>
            <numerusform>%1 (%n intento)</numerusform>
            <numerusform>%1 (%n intentos)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 took more than %2 s to answer</source>
        <translation>%1 tardó más de %2 s en responder</translation>
    </message>
</context>
<context>
    <name>SyncManager</name>
    <message>
        <source>Sync is not running.</source>
        <translation>La sincronización no está en marcha.</translation>
    </message>
    <message>
        <source>Up to date.</source>
        <translation>Al día.</translation>
    </message>
    <message numerus="yes">
        <source>%n new item(s)</source>
        <translation>
            <numerusform>%n elemento nuevo</numerusform>
            <numerusform>%n elementos nuevos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n for the Inbox</source>
        <translation>
            <numerusform>, %n para la bandeja de entrada</numerusform>
            <numerusform>, %n para la bandeja de entrada</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n like(s), boost(s) or follow(s)</source>
        <translation>
            <numerusform>, %n me gusta, difusión o seguimiento</numerusform>
            <numerusform>, %n me gusta, difusiones o seguimientos</numerusform>
        </translation>
    </message>
    <message>
        <source>Rapport cannot sync “%1”: it does not know the network “%2”.</source>
        <translation>Rapport no puede sincronizar «%1»: no conoce la red «%2».</translation>
    </message>
    <message>
        <source>Sync cancelled.</source>
        <translation>Sincronización cancelada.</translation>
    </message>
    <message>
        <source>Rapport does not know the network “%1”.</source>
        <translation>Rapport no conoce la red «%1».</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) could not be read and were skipped.</source>
        <translation>
            <numerusform>No se pudo leer %n elemento y se omitió.</numerusform>
            <numerusform>No se pudieron leer %n elementos y se omitieron.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncRepository</name>
    <message>
        <source>Enter the address of the feed.</source>
        <translation>Escriba la dirección del feed.</translation>
    </message>
    <message>
        <source>Enter the address of the Mastodon server, like https://mastodon.social.</source>
        <translation>Escriba la dirección del servidor de Mastodon, por ejemplo https://mastodon.social.</translation>
    </message>
    <message>
        <source>“%1” is not a web address starting with http:// or https://.</source>
        <translation>«%1» no es una dirección web que empiece por http:// o https://.</translation>
    </message>
    <message>
        <source>Enter the Bluesky handle to sign in with, like name.bsky.social.</source>
        <translation>Escriba el identificador de Bluesky con el que iniciar sesión, por ejemplo nombre.bsky.social.</translation>
    </message>
    <message>
        <source>Choose the contact or the organization this feed belongs to.</source>
        <translation>Elija el contacto o la organización a la que pertenece este feed.</translation>
    </message>
    <message>
        <source>The name can be at most %1 characters long.</source>
        <translation>El nombre puede tener como máximo %1 caracteres.</translation>
    </message>
    <message>
        <source>Sync at most every minute and at least once a week.</source>
        <translation>Sincronice como mucho cada minuto y al menos una vez por semana.</translation>
    </message>
    <message>
        <source>listing the synced accounts</source>
        <translation>listado de las cuentas sincronizadas</translation>
    </message>
    <message>
        <source>loading the synced account</source>
        <translation>carga de la cuenta sincronizada</translation>
    </message>
    <message>
        <source>The synced account no longer exists.</source>
        <translation>La cuenta sincronizada ya no existe.</translation>
    </message>
    <message>
        <source>adding the synced account</source>
        <translation>adición de la cuenta sincronizada</translation>
    </message>
    <message>
        <source>This account has not been saved yet.</source>
        <translation>Esta cuenta aún no se ha guardado.</translation>
    </message>
    <message>
        <source>saving the synced account</source>
        <translation>guardado de la cuenta sincronizada</translation>
    </message>
    <message>
        <source>“%1” was changed or removed by someone else since you opened it. Reload it to see their changes; yours were not saved.</source>
        <translation>Otra persona modificó o quitó «%1» desde que usted la abrió. Vuelva a cargarla para ver esos cambios; los suyos no se guardaron.</translation>
    </message>
    <message>
        <source>removing the synced account</source>
        <translation>eliminación de la cuenta sincronizada</translation>
    </message>
    <message>
        <source>recording the sync result</source>
        <translation>registro del resultado de la sincronización</translation>
    </message>
    <message>
        <source>reading where the last sync stopped</source>
        <translation>lectura del punto en que se detuvo la última sincronización</translation>
    </message>
    <message>
        <source>storing synced items</source>
        <translation>guardado de los elementos sincronizados</translation>
    </message>
    <message>
        <source>storing the synced item %1</source>
        <translation>guardado del elemento sincronizado %1</translation>
    </message>
    <message>
        <source>A synced item came without an identity (source and id); the page was not stored.</source>
        <translation>Un elemento sincronizado llegó sin identidad (fuente e id); la página no se guardó.</translation>
    </message>
    <message>
        <source>The synced item %1 has no valid date; the page was not stored.</source>
        <translation>El elemento sincronizado %1 no tiene una fecha válida; la página no se guardó.</translation>
    </message>
    <message>
        <source>saving where the sync stopped</source>
        <translation>guardado del punto en que se detuvo la sincronización</translation>
    </message>
    <message>
        <source>counting engagement</source>
        <translation>recuento de las reacciones</translation>
    </message>
    <message>
        <source>reading the Inbox</source>
        <translation>lectura de la bandeja de entrada</translation>
    </message>
    <message>
        <source>counting the Inbox</source>
        <translation>recuento de la bandeja de entrada</translation>
    </message>
    <message>
        <source>looking for matching contacts</source>
        <translation>búsqueda de contactos que coincidan</translation>
    </message>
    <message>
        <source>same name</source>
        <translation>mismo nombre</translation>
    </message>
    <message>
        <source>similar name</source>
        <translation>nombre similar</translation>
    </message>
    <message>
        <source>handle matches email</source>
        <translation>el identificador coincide con el correo</translation>
    </message>
    <message>
        <source>email at the feed&apos;s site</source>
        <translation>correo en el dominio del feed</translation>
    </message>
    <message>
        <source>moving the Inbox items to the contact</source>
        <translation>traslado de los elementos de la bandeja de entrada al contacto</translation>
    </message>
    <message>
        <source>The contact no longer exists.</source>
        <translation>El contacto ya no existe.</translation>
    </message>
    <message>
        <source>%1 already belongs to %2. Remove it there first if it was wrong.</source>
        <translation>%1 ya pertenece a %2. Quítelo primero de allí si fue un error.</translation>
    </message>
    <message>
        <source>putting the items back in the Inbox</source>
        <translation>devolución de los elementos a la bandeja de entrada</translation>
    </message>
    <message>
        <source>%1 was not linked to this contact from the Inbox, so there is nothing to undo.</source>
        <translation>%1 no se vinculó con este contacto desde la bandeja de entrada, así que no hay nada que deshacer.</translation>
    </message>
    <message>
        <source>ignoring %1</source>
        <translation>omisión de %1</translation>
    </message>
    <message>
        <source>no longer ignoring %1</source>
        <translation>fin de la omisión de %1</translation>
    </message>
    <message>
        <source>reading the contacts&apos; handles</source>
        <translation>lectura de los identificadores de los contactos</translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message>
        <source>Syncing</source>
        <translation>Sincronización</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Stop syncing now; what was fetched so far is kept</source>
        <translation>Detener la sincronización ahora; lo obtenido hasta el momento se conserva</translation>
    </message>
    <message>
        <source>account %1</source>
        <translation>cuenta %1</translation>
    </message>
    <message>
        <source>Syncing %1…</source>
        <translation>Sincronizando %1…</translation>
    </message>
    <message numerus="yes">
        <source>Syncing %1… %n item(s)</source>
        <translation>
            <numerusform>Sincronizando %1… %n elemento</numerusform>
            <numerusform>Sincronizando %1… %n elementos</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Synced %n account(s)</source>
        <translation>
            <numerusform>%n cuenta sincronizada</numerusform>
            <numerusform>%n cuentas sincronizadas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n new item(s)</source>
        <translation>
            <numerusform>, %n elemento nuevo</numerusform>
            <numerusform>, %n elementos nuevos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n in the Inbox</source>
        <translation>
            <numerusform>, %n en la bandeja de entrada</numerusform>
            <numerusform>, %n en la bandeja de entrada</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n failed: %1</source>
        <translation>
            <numerusform>; %n con error: %1</numerusform>
            <numerusform>; %n con error: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TagsEdit</name>
    <message>
        <source>Separate with commas</source>
        <translation>Separe con comas</translation>
    </message>
</context>
<context>
    <name>TeamConnection</name>
    <message>
        <source>No team database is set up.</source>
        <translation>No hay ninguna base de datos de equipo configurada.</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 en %2</translation>
    </message>
    <message>
        <source>%1 on %2 as %3</source>
        <translation>%1 en %2 como %3</translation>
    </message>
</context>
<context>
    <name>TeamDialog</name>
    <message>
        <source>Team</source>
        <translation>Equipo</translation>
    </message>
    <message>
        <source>Everybody who signs in to %1. The database server enforces each role: what a role may not do is refused there too.</source>
        <translation>Todas las personas que inician sesión en %1. El servidor de base de datos aplica cada rol: lo que un rol no puede hacer también se rechaza allí.</translation>
    </message>
    <message>
        <source>&amp;Change Role</source>
        <translation>&amp;Cambiar rol</translation>
    </message>
    <message>
        <source>&amp;Deactivate…</source>
        <translation>&amp;Desactivar…</translation>
    </message>
    <message>
        <source>The person can no longer sign in; what they did stays, under their name</source>
        <translation>La persona ya no puede iniciar sesión; lo que hizo se conserva, con su nombre</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Rol:</translation>
    </message>
    <message>
        <source>Invite a person</source>
        <translation>Invitar a una persona</translation>
    </message>
    <message>
        <source>e.g. jane.doe</source>
        <translation>p. ej. ana.garcia</translation>
    </message>
    <message>
        <source>Give this password to the person; they sign in with it</source>
        <translation>Dé esta contraseña a la persona; inicia sesión con ella</translation>
    </message>
    <message>
        <source>&amp;Invite</source>
        <translation>In&amp;vitar</translation>
    </message>
    <message>
        <source>&amp;Signs in as:</source>
        <translation>&amp;Inicia sesión como:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>Corr&amp;eo:</translation>
    </message>
    <message>
        <source>R&amp;ole:</source>
        <translation>R&amp;ol:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>Con&amp;traseña:</translation>
    </message>
    <message>
        <source>A personal database has one person and no team.</source>
        <translation>Una base de datos personal tiene una persona y ningún equipo.</translation>
    </message>
    <message>
        <source>Only an admin can manage the team.</source>
        <translation>Solo un admin puede gestionar el equipo.</translation>
    </message>
    <message>
        <source>Give the person a password to sign in with.</source>
        <translation>Dé a la persona una contraseña para iniciar sesión.</translation>
    </message>
    <message>
        <source>Invited %1 as %2. They sign in as “%1” with the password %3 — give it to them in person or by another channel than this one.</source>
        <translation>%1 invitado como %2. Inicia sesión como «%1» con la contraseña %3; désela en persona o por otro canal distinto de este.</translation>
    </message>
    <message>
        <source>%1 is now %2.</source>
        <translation>%1 es ahora %2.</translation>
    </message>
    <message>
        <source>Deactivate %1?</source>
        <translation>¿Desactivar a %1?</translation>
    </message>
    <message>
        <source>%1 will no longer be able to sign in. What they did stays, under their name; an admin can invite them again later.</source>
        <translation>%1 ya no podrá iniciar sesión. Lo que hizo se conserva, con su nombre; un admin puede volver a invitarle más adelante.</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>Desactivar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>%1 can no longer sign in.</source>
        <translation>%1 ya no puede iniciar sesión.</translation>
    </message>
</context>
<context>
    <name>TeamModel</name>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Signs in as</source>
        <translation>Inicia sesión como</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Deactivated on %1</source>
        <translation>Desactivado el %1</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Activo</translation>
    </message>
    <message>
        <source>No sign-in yet: invite them</source>
        <translation>Aún sin inicio de sesión: invítele</translation>
    </message>
</context>
<context>
    <name>TeamRoles</name>
    <message>
        <source>Viewer</source>
        <translation>Lector</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Miembro</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>Gestor</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>Admin</translation>
    </message>
    <message>
        <source>Reads everything, changes nothing.</source>
        <translation>Lo lee todo, no cambia nada.</translation>
    </message>
    <message>
        <source>Adds and edits contacts, logs conversations, works on the campaigns they are on; changes at most 100 rows at once, cannot erase or merge.</source>
        <translation>Añade y edita contactos, registra conversaciones, trabaja en las campañas en las que participa; cambia como máximo 100 filas a la vez, no puede borrar ni combinar.</translation>
    </message>
    <message>
        <source>Everything on the data: bulk actions, merges, erasing, undoing imports, every campaign.</source>
        <translation>Todo sobre los datos: acciones masivas, combinaciones, borrado, deshacer importaciones, todas las campañas.</translation>
    </message>
    <message>
        <source>Everything a manager does, and manages the team.</source>
        <translation>Todo lo que hace un gestor, y gestiona el equipo.</translation>
    </message>
    <message>
        <source>admin, manager, member or viewer</source>
        <translation>admin, manager, member o viewer</translation>
    </message>
</context>
<context>
    <name>TextLineReader</name>
    <message>
        <source>The file cannot be read.</source>
        <translation>No se puede leer el archivo.</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>El archivo está vacío.</translation>
    </message>
    <message>
        <source>This is not a text file (it contains binary data). Save the contacts as CSV or vCard and import that file.</source>
        <translation>No es un archivo de texto (contiene datos binarios). Guarde los contactos como CSV o vCard e importe ese archivo.</translation>
    </message>
    <message>
        <source>Line %1 is longer than %2 characters: this is not a contacts file, or it is damaged.</source>
        <translation>La línea %1 supera los %2 caracteres: no es un archivo de contactos o está dañado.</translation>
    </message>
    <message>
        <source>The file could not be read to the end: %1</source>
        <translation>No se pudo leer el archivo hasta el final: %1</translation>
    </message>
</context>
<context>
    <name>Theme</name>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Tema</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>&amp;Sistema</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Claro</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Oscuro</translation>
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
        <translation>Cobertura</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Ayer</translation>
    </message>
    <message>
        <source>by %1</source>
        <comment>logged by an account manager</comment>
        <translation>por %1</translation>
    </message>
    <message>
        <source>via %1</source>
        <comment>synced from a network</comment>
        <translation>vía %1</translation>
    </message>
    <message>
        <source>date unknown, first seen %1</source>
        <comment>a synced item whose source gave no date; %1 is a date and time</comment>
        <translation>fecha desconocida, visto por primera vez el %1</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <source>Pitched “%1”</source>
        <translation>Pitch enviado: «%1»</translation>
    </message>
    <message>
        <source>Replied to the pitch “%1”</source>
        <translation>Respondió al pitch «%1»</translation>
    </message>
    <message>
        <source>Coverage: %1</source>
        <translation>Cobertura: %1</translation>
    </message>
</context>
<context>
    <name>TimelineQuery</name>
    <message>
        <source>loading the timeline</source>
        <translation>carga del historial</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>Timeline</source>
        <translation>Historial</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Show one channel only</source>
        <translation>Mostrar un solo canal</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>Todos los canales</translation>
    </message>
    <message>
        <source>Pitches</source>
        <translation>Pitches</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>Cobertura</translation>
    </message>
    <message>
        <source>Search the timeline</source>
        <translation>Buscar en el historial</translation>
    </message>
    <message>
        <source>Search subjects and notes</source>
        <translation>Buscar en asuntos y notas</translation>
    </message>
    <message>
        <source>Conversations, newest first</source>
        <translation>Conversaciones, las más recientes primero</translation>
    </message>
    <message>
        <source>Nothing matches this filter.</source>
        <translation>Nada coincide con este filtro.</translation>
    </message>
    <message>
        <source>No conversations yet. Log one with Ctrl+L.</source>
        <translation>Todavía no hay conversaciones. Registre una con Ctrl+L.</translation>
    </message>
    <message>
        <source>Enter or double-click edits a conversation; Delete moves it to the trash</source>
        <translation>Intro o doble clic edita una conversación; Supr la mueve a la papelera</translation>
    </message>
    <message>
        <source>&amp;Edit Conversation…</source>
        <translation>&amp;Editar la conversación…</translation>
    </message>
    <message>
        <source>&amp;Delete Conversation</source>
        <translation>E&amp;liminar la conversación</translation>
    </message>
    <message>
        <source>Move the conversation to the trash (Delete); Ctrl+Z brings it back</source>
        <translation>Mover la conversación a la papelera (Supr); Ctrl+Z la recupera</translation>
    </message>
    <message>
        <source>&amp;Open Contact</source>
        <translation>&amp;Abrir el contacto</translation>
    </message>
    <message>
        <source>Conversations with the people here, newest first</source>
        <translation>Conversaciones con las personas de aquí, las más recientes primero</translation>
    </message>
    <message>
        <source>&amp;View Conversation…</source>
        <translation>&amp;Ver la conversación…</translation>
    </message>
</context>
<context>
    <name>TrashContentCommand</name>
    <message>
        <source>New content item “%1”</source>
        <translation>Nuevo contenido «%1»</translation>
    </message>
    <message>
        <source>Move “%1” to the trash</source>
        <translation>Mover «%1» a la papelera</translation>
    </message>
</context>
<context>
    <name>TrashCoverageCommand</name>
    <message>
        <source>Move coverage “%1” to the trash</source>
        <translation>Mover la cobertura «%1» a la papelera</translation>
    </message>
</context>
<context>
    <name>TrashDialog</name>
    <message>
        <source>Trash</source>
        <translation>Papelera</translation>
    </message>
    <message>
        <source>Contacts in the &amp;trash, most recently deleted first:</source>
        <translation>Contactos en la &amp;papelera, los eliminados más recientemente primero:</translation>
    </message>
    <message>
        <source>Contacts in the trash</source>
        <translation>Contactos en la papelera</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Restaurar</translation>
    </message>
    <message>
        <source>Put the selected contacts back in the list</source>
        <translation>Devolver los contactos seleccionados a la lista</translation>
    </message>
    <message>
        <source>%1 — deleted %2</source>
        <translation>%1 — eliminado el %2</translation>
    </message>
    <message>
        <source>The trash is empty.</source>
        <translation>La papelera está vacía.</translation>
    </message>
</context>
<context>
    <name>TrashInteractionCommand</name>
    <message>
        <source>Delete “%1”</source>
        <translation>Eliminar «%1»</translation>
    </message>
</context>
<context>
    <name>UndoStatus</name>
    <message>
        <source>Undid: %1</source>
        <translation>Deshecho: %1</translation>
    </message>
    <message>
        <source>Redid: %1</source>
        <translation>Rehecho: %1</translation>
    </message>
</context>
<context>
    <name>Url</name>
    <message>
        <source>“%1” is not a web address. Enter the article&apos;s address, for example https://www.example.com/2026/05/story.</source>
        <translation>«%1» no es una dirección web. Escriba la dirección del artículo, por ejemplo https://www.example.com/2026/05/story.</translation>
    </message>
    <message>
        <source>Enter the article&apos;s web address.</source>
        <translation>Escriba la dirección web del artículo.</translation>
    </message>
    <message>
        <source>The web address is longer than %1 characters.</source>
        <translation>La dirección web supera los %1 caracteres.</translation>
    </message>
    <message>
        <source>Only web addresses (http:// or https://) can be recorded as coverage, not “%1”.</source>
        <translation>Solo las direcciones web (http:// o https://) se pueden registrar como cobertura, no «%1».</translation>
    </message>
</context>
<context>
    <name>UserCommands</name>
    <message>
        <source>users list takes no arguments.</source>
        <translation>users list no admite argumentos.</translation>
    </message>
    <message>
        <source>  (deactivated %1)</source>
        <translation>  (desactivado el %1)</translation>
    </message>
    <message>
        <source>users add needs one LOGIN.</source>
        <translation>users add necesita un LOGIN.</translation>
    </message>
    <message>
        <source>users add needs --role %1.</source>
        <translation>users add necesita --role %1.</translation>
    </message>
    <message>
        <source>--role takes %1.</source>
        <translation>--role admite %1.</translation>
    </message>
    <message>
        <source>Password for %1: </source>
        <translation>Contraseña para %1: </translation>
    </message>
    <message>
        <source>users add reads the new person&apos;s password from standard input, and it was empty.</source>
        <translation>users add lee la contraseña de la persona nueva de la entrada estándar, y estaba vacía.</translation>
    </message>
    <message>
        <source>Added %1 as %2. They sign in as %1 with that password.</source>
        <translation>%1 añadido como %2. Inicia sesión como %1 con esa contraseña.</translation>
    </message>
    <message>
        <source>users set-role needs a LOGIN and a ROLE (%1).</source>
        <translation>users set-role necesita un LOGIN y un ROLE (%1).</translation>
    </message>
    <message>
        <source>The role is %1.</source>
        <translation>El rol es %1.</translation>
    </message>
    <message>
        <source>%1 is now %2.</source>
        <translation>%1 es ahora %2.</translation>
    </message>
    <message>
        <source>users deactivate needs one LOGIN.</source>
        <translation>users deactivate necesita un LOGIN.</translation>
    </message>
    <message>
        <source>%1 can no longer sign in; what they did stays, under their name.</source>
        <translation>%1 ya no puede iniciar sesión; lo que hizo se conserva, con su nombre.</translation>
    </message>
    <message>
        <source>users takes list, add, set-role or deactivate.</source>
        <translation>users admite list, add, set-role o deactivate.</translation>
    </message>
</context>
<context>
    <name>UserRepository</name>
    <message>
        <source>looking up the user</source>
        <translation>búsqueda del usuario</translation>
    </message>
    <message>
        <source>adding the user</source>
        <translation>adición del usuario</translation>
    </message>
    <message>
        <source>listing users</source>
        <translation>listado de los usuarios</translation>
    </message>
    <message>
        <source>signing in</source>
        <translation>iniciar sesión</translation>
    </message>
    <message>
        <source>%1 has no Rapport role on %2. Ask an admin of your team to add you (Settings → Team, or rapport users add %1).</source>
        <translation>%1 no tiene ningún rol de Rapport en %2. Pida a un admin de su equipo que le añada (Configuración → Equipo, o rapport users add %1).</translation>
    </message>
    <message>
        <source>%1 is a personal database for one person: people and roles exist only on a team database (PostgreSQL).</source>
        <translation>%1 es una base de datos personal para una persona: las personas y los roles solo existen en una base de datos de equipo (PostgreSQL).</translation>
    </message>
    <message>
        <source>“%1” cannot be a sign-in name: use lower-case letters, digits, “_”, “.” or “-”, starting with a letter, at most 63.</source>
        <translation>«%1» no puede ser un nombre de inicio de sesión: use minúsculas, dígitos, «_», «.» o «-», empezando por una letra, 63 como máximo.</translation>
    </message>
    <message>
        <source>“%1” cannot be a sign-in name: names starting with “pg_” or “rapport_” are reserved.</source>
        <translation>«%1» no puede ser un nombre de inicio de sesión: los nombres que empiezan por «pg_» o «rapport_» están reservados.</translation>
    </message>
    <message>
        <source>adding %1 to the team</source>
        <translation>añadir a %1 al equipo</translation>
    </message>
    <message>
        <source>changing the role of %1</source>
        <translation>cambiar el rol de %1</translation>
    </message>
    <message>
        <source>deactivating %1</source>
        <translation>desactivar a %1</translation>
    </message>
</context>
<context>
    <name>VCardReader</name>
    <message>
        <source>The card that begins on line %1 has no END:VCARD: the file is cut off or damaged.</source>
        <translation>La ficha que empieza en la línea %1 no tiene END:VCARD: el archivo está cortado o dañado.</translation>
    </message>
    <message>
        <source>Line %1 is not part of a vCard (a card begins with BEGIN:VCARD).</source>
        <translation>La línea %1 no forma parte de ninguna vCard (una ficha empieza con BEGIN:VCARD).</translation>
    </message>
    <message>
        <source>Line %1 is not a vCard property and was left out.</source>
        <translation>La línea %1 no es una propiedad vCard y se omitió.</translation>
    </message>
    <message>
        <source>The card that begins on line %1 has no END:VCARD before the next card begins on line %2.</source>
        <translation>La ficha que empieza en la línea %1 no tiene END:VCARD antes de que empiece la siguiente en la línea %2.</translation>
    </message>
    <message>
        <source>The card that begins on line %1 has more than %2 properties: the file is damaged.</source>
        <translation>La ficha que empieza en la línea %1 tiene más de %2 propiedades: el archivo está dañado.</translation>
    </message>
    <message>
        <source>Line %1: the %2 property is too long and was left out.</source>
        <translation>Línea %1: la propiedad %2 es demasiado larga y se omitió.</translation>
    </message>
    <message>
        <source>Line %1: the %2 property is larger than %3 MB and was left out.</source>
        <translation>Línea %1: la propiedad %2 supera los %3 MB y se omitió.</translation>
    </message>
</context>
<context>
    <name>Validation</name>
    <message>
        <source>The handle is empty.</source>
        <translation>El identificador está vacío.</translation>
    </message>
    <message>
        <source>“%1” is not a valid email address.</source>
        <translation>«%1» no es una dirección de correo válida.</translation>
    </message>
    <message>
        <source>“%1” is not a Mastodon handle: write it as @user@server.</source>
        <translation>«%1» no es un identificador de Mastodon: escríbalo como @usuario@servidor.</translation>
    </message>
    <message>
        <source>“%1” is not a Bluesky handle or DID (like name.bsky.social).</source>
        <translation>«%1» no es un identificador de Bluesky ni un DID (como nombre.bsky.social).</translation>
    </message>
    <message>
        <source>“%1” is not a web address starting with http:// or https://.</source>
        <translation>«%1» no es una dirección web que empiece por http:// o https://.</translation>
    </message>
    <message>
        <source>“%1” is not an X handle (up to 15 letters, digits or _).</source>
        <translation>«%1» no es un identificador de X (hasta 15 letras, dígitos o _).</translation>
    </message>
    <message>
        <source>Unknown network “%1”.</source>
        <translation>Red desconocida «%1».</translation>
    </message>
    <message>
        <source>A contact needs a name.</source>
        <translation>Un contacto necesita un nombre.</translation>
    </message>
    <message>
        <source>Names and titles can be at most %1 characters long.</source>
        <translation>Los nombres y cargos pueden tener como máximo %1 caracteres.</translation>
    </message>
    <message>
        <source>The notes are longer than one million characters.</source>
        <translation>Las notas superan el millón de caracteres.</translation>
    </message>
    <message>
        <source>Unknown kind of contact “%1”.</source>
        <translation>Tipo de contacto desconocido «%1».</translation>
    </message>
    <message>
        <source>The reach cannot be negative.</source>
        <translation>El alcance no puede ser negativo.</translation>
    </message>
    <message>
        <source>An organization needs a name.</source>
        <translation>Una organización necesita un nombre.</translation>
    </message>
    <message>
        <source>The name can be at most %1 characters long.</source>
        <translation>El nombre puede tener como máximo %1 caracteres.</translation>
    </message>
    <message>
        <source>Unknown kind of organization “%1”.</source>
        <translation>Tipo de organización desconocido «%1».</translation>
    </message>
</context>
<context>
    <name>WhoToPitchTab</name>
    <message>
        <source>Add %1 to the media list</source>
        <translation>Añadir a %1 a la lista de medios</translation>
    </message>
    <message numerus="yes">
        <source>Add %n people to the media list</source>
        <translation>
            <numerusform>Añadir %n persona a la lista de medios</numerusform>
            <numerusform>Añadir %n personas a la lista de medios</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualizar</translation>
    </message>
    <message>
        <source>Compute the list again (F5)</source>
        <translation>Volver a calcular la lista (F5)</translation>
    </message>
    <message>
        <source>Finding people to pitch…</source>
        <translation>Buscando personas para el pitch…</translation>
    </message>
    <message>
        <source>Add the selected people to this campaign&apos;s media list as planned pitches (Ctrl+Enter)</source>
        <translation>Añadir las personas seleccionadas a la lista de medios de esta campaña como pitches previstos (Ctrl+Intro)</translation>
    </message>
    <message>
        <source>Select several with Ctrl or Shift. Enter opens the person.</source>
        <translation>Seleccione varias con Ctrl o Mayús. Intro abre la persona.</translation>
    </message>
    <message>
        <source>Add to Media List</source>
        <translation>Añadir a la lista de medios</translation>
    </message>
    <message>
        <source>Refresh Who to Pitch</source>
        <translation>Actualizar «A quién contactar»</translation>
    </message>
    <message>
        <source>No campaign is open.</source>
        <translation>No hay ninguna campaña abierta.</translation>
    </message>
    <message>
        <source>Who to pitch</source>
        <translation>A quién contactar</translation>
    </message>
    <message>
        <source>Topics: %1</source>
        <translation>Temas: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n people</source>
        <translation>
            <numerusform>%n persona</numerusform>
            <numerusform>%n personas</numerusform>
        </translation>
    </message>
    <message>
        <source>This campaign has no topics yet. Add keywords to its brief, one per line (for example “smart home”), and the people who cover them or wrote about them recently appear here.</source>
        <translation>Esta campaña aún no tiene temas. Añada palabras clave a su briefing, una por línea (por ejemplo «hogar inteligente»), y aquí aparecerán las personas que los cubren o que escribieron sobre ellos hace poco.</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Add %n to Media List</source>
        <translation>
            <numerusform>&amp;Añadir %n a la lista de medios</numerusform>
            <numerusform>&amp;Añadir %n a la lista de medios</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Add to Media List</source>
        <translation>&amp;Añadir a la lista de medios</translation>
    </message>
    <message>
        <source>Nobody new matches the topics: no beat, tag or recent post of anyone who is not on the media list yet mentions them.</source>
        <translation>Nadie nuevo coincide con los temas: ninguna sección, etiqueta o publicación reciente de alguien que aún no está en la lista de medios los menciona.</translation>
    </message>
    <message>
        <source>Best %L1 of %L2 people</source>
        <translation>Las %L1 mejores de %L2 personas</translation>
    </message>
</context>
</TS>
