#pragma once

#include <QLoggingCategory>

// Every logging category of Rapport, one per area, declared here and nowhere else. All of them show
// warnings and information by default and debug output only when asked for (QT_LOGGING_RULES, e.g.
// "rapport.sync.*.debug=true"); the command line turns the information off (app/main.cpp).
// Never log a secret (tokens, passwords, URLs with credentials).
Q_DECLARE_LOGGING_CATEGORY(lcStorage) // rapport.storage: opening, migrating, database errors
Q_DECLARE_LOGGING_CATEGORY(lcDemo) // rapport.demo: the demo-data generator
Q_DECLARE_LOGGING_CATEGORY(lcSync) // rapport.sync: the sync worker (runs, accounts, outcomes)
Q_DECLARE_LOGGING_CATEGORY(lcHttp) // rapport.sync.http: method, scheme://host/path and status, nothing more
Q_DECLARE_LOGGING_CATEGORY(lcBluesky) // rapport.sync.bluesky: the Bluesky source and its session
Q_DECLARE_LOGGING_CATEGORY(lcFeed) // rapport.sync.feed: RSS/Atom/JSON feeds
Q_DECLARE_LOGGING_CATEGORY(lcSecrets) // rapport.secrets: the keyring (never the secrets themselves)
Q_DECLARE_LOGGING_CATEGORY(lcUi) // rapport.ui: the window (errors shown to the user, background work)
