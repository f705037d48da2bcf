#include "domain/socialaccount.h"

#include <QCoreApplication>

#include <array>

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(SocialAccount)
};

// Every spelling of an account's state, once. The storage key of SignInRequired stays "signin" (what
// version 2 of the schema stored), so databases written before keep reading right without a migration.
struct StateSpelling
{
    SocialAccount::State state;
    QLatin1StringView storageKey;
    QLatin1StringView cliKey;
    const char *label; // translated in stateLabel()
};

constexpr std::array<StateSpelling, 4> kStates { {
    { SocialAccount::State::Ok, QLatin1StringView("ok"), QLatin1StringView("ok"),
        QT_TRANSLATE_NOOP("SocialAccount", "OK") },
    { SocialAccount::State::Error, QLatin1StringView("error"), QLatin1StringView("error"),
        QT_TRANSLATE_NOOP("SocialAccount", "Error") },
    { SocialAccount::State::SignInRequired, QLatin1StringView("signin"), QLatin1StringView("sign_in_required"),
        QT_TRANSLATE_NOOP("SocialAccount", "Sign in again") },
    { SocialAccount::State::Disabled, QLatin1StringView("disabled"), QLatin1StringView("disabled"),
        QT_TRANSLATE_NOOP("SocialAccount", "Paused") },
} };

const StateSpelling &spelling(SocialAccount::State state)
{
    for (const StateSpelling &s : kStates)
        if (s.state == state)
            return s;
    return kStates.front();
}

} // namespace

QString SocialAccount::stateStorageKey(State state)
{
    return spelling(state).storageKey;
}

SocialAccount::State SocialAccount::stateFromStorageKey(QStringView key)
{
    for (const StateSpelling &s : kStates)
        if (key == s.storageKey)
            return s.state;
    if (key == QLatin1StringView("sign_in_required")) // the command line's spelling, should a script store it
        return State::SignInRequired;
    return State::Ok;
}

QString SocialAccount::stateCliKey(State state)
{
    return spelling(state).cliKey;
}

QString SocialAccount::stateLabel(State state)
{
    return QCoreApplication::translate("SocialAccount", spelling(state).label);
}

QString SocialAccount::statusLabel() const
{
    if (!enabled || state == State::Disabled)
        return stateLabel(State::Disabled);
    if (state == State::Ok && !lastSyncAt.isValid())
        return Tr::tr("Not synced yet");
    return stateLabel(state);
}

QString SocialAccount::problemText() const
{
    if (!lastError.isEmpty())
        return lastError;
    if (lastSkipped <= 0)
        return {};
    QString note = lastSkipNote;
    note.replace(u'\n', QStringLiteral("; "));
    return note.isEmpty() ? Tr::tr("%n item(s) could not be read and were skipped.", nullptr, lastSkipped)
                          : Tr::tr("%n item(s) could not be read and were skipped: %1", nullptr, lastSkipped).arg(note);
}
