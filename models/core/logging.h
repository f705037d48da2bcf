#pragma once

#include <QLoggingCategory>

// One category per area. Never log a secret (tokens, passwords, URLs with credentials).
Q_DECLARE_LOGGING_CATEGORY(lcStorage)
Q_DECLARE_LOGGING_CATEGORY(lcDemo)
Q_DECLARE_LOGGING_CATEGORY(lcSearch)
