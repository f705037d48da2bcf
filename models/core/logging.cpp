#include "logging.h"

Q_LOGGING_CATEGORY(lcStorage, "rapport.storage", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDemo, "rapport.demo", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSearch, "rapport.search", QtInfoMsg)
