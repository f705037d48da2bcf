#include "logging.h"

Q_LOGGING_CATEGORY(lcStorage, "rapport.storage", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDemo, "rapport.demo", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSync, "rapport.sync", QtInfoMsg)
Q_LOGGING_CATEGORY(lcHttp, "rapport.sync.http", QtInfoMsg)
Q_LOGGING_CATEGORY(lcBluesky, "rapport.sync.bluesky", QtInfoMsg)
Q_LOGGING_CATEGORY(lcFeed, "rapport.sync.feed", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSecrets, "rapport.secrets", QtInfoMsg)
Q_LOGGING_CATEGORY(lcUi, "rapport.ui", QtInfoMsg)
