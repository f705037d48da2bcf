#include "sync/syncworker.h"

#include "core/logging.h"
#include "storage/database.h"
#include "storage/syncrepository.h"
#include "sync/secretstore.h"
#include "sync/synchttp.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QThread>
#include <QTimer>
#include <QUuid>

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(SyncManager)
};

// How often the worker looks for accounts whose interval is due (scaled by Options::timeScale in tests).
constexpr int kDueCheckMs = 15000;

QString summary(const SyncOutcome &o)
{
    QString text;
    if (o.inserted == 0 && o.engagements == 0) {
        text = Tr::tr("Up to date.");
    } else {
        text = Tr::tr("%n new item(s)", nullptr, o.inserted);
        if (o.toInbox > 0)
            text += Tr::tr(", %n for the Inbox", nullptr, o.toInbox);
        if (o.engagements > 0)
            text += Tr::tr(", %n like(s), boost(s) or follow(s)", nullptr, o.engagements);
        text += u'.';
    }
    if (o.skipped > 0)
        text += u' ' + Tr::tr("%n item(s) could not be read and were skipped.", nullptr, o.skipped);
    return text;
}

} // namespace

SyncWorker::SyncWorker(DatabaseLocation location, QString secretScope, SyncManager::Options options,
                       CancelToken &cancel)
    : m_location(std::move(location)), m_scope(std::move(secretScope)), m_options(options), m_cancel(cancel)
{
}

SyncWorker::~SyncWorker() = default;

Status SyncWorker::openResources()
{
    Result<std::unique_ptr<Database>> db = Database::open(m_location, Database::OpenFlag::None);
    if (!db)
        return db.error();
    m_db = std::move(db).value();
    m_repo = std::make_unique<SyncRepository>(*m_db);
    return {};
}

void SyncWorker::start()
{
    // Everything here belongs to this thread: Qt SQL connections and QNetworkAccessManager are per thread.
    if (Status s = openResources(); !s) {
        m_openError = s.error().message;
        qCWarning(lcSync) << "sync cannot open the database:" << m_openError;
    }
    m_nam = std::make_unique<QNetworkAccessManager>();
    m_http = std::make_unique<SyncHttp>(*m_nam, m_cancel, m_options.http);
    m_http->setTimeScale(m_options.timeScale);
    m_secrets = std::make_unique<SecretStore>(m_scope);

    m_dueTimer = new QTimer(this);
    m_dueTimer->setInterval(std::max(20, int(kDueCheckMs * m_options.timeScale)));
    connect(m_dueTimer, &QTimer::timeout, this, &SyncWorker::checkDue);
    if (m_options.periodic)
        m_dueTimer->start();

    if (m_options.syncOnStart && m_repo) {
        Result<QList<SocialAccount>> accounts = m_repo->accounts();
        if (accounts)
            for (const SocialAccount &a : *accounts)
                if (a.enabled && a.syncOnStart)
                    enqueue(a.id);
    }
    checkDue();
}

void SyncWorker::enqueue(qint64 accountId)
{
    if (accountId == m_current || m_queue.contains(accountId))
        return;
    m_queue.append(accountId);
    m_reportedIdle = false;
    schedule();
}

void SyncWorker::syncNow(qint64 accountId)
{
    m_reportedIdle = false; // answer with idle() even if there is nothing to run
    if (accountId > 0) {
        enqueue(accountId);
    } else if (m_repo) {
        Result<QList<SocialAccount>> accounts = m_repo->accounts();
        if (accounts)
            for (const SocialAccount &a : *accounts)
                if (a.enabled)
                    enqueue(a.id);
    }
    schedule();
}

void SyncWorker::dropQueue()
{
    m_queue.clear();
    schedule(); // reports idle once the run in flight has stopped
}

void SyncWorker::accountsChanged()
{
    checkDue();
}

void SyncWorker::checkDue()
{
    if (!m_options.periodic || !m_repo || m_stopping.load())
        return;
    Result<QList<SocialAccount>> accounts = m_repo->accounts();
    if (!accounts)
        return;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const SocialAccount &a : *accounts) {
        // An account waiting for its user to sign in again would only fail again (and Bluesky limits logins).
        if (!a.enabled || a.state == SocialAccount::State::Disabled
            || a.state == SocialAccount::State::SignInRequired)
            continue;
        // The later of the stored attempt and this session's (a cancelled run records nothing).
        QDateTime last = a.lastSyncAt;
        const QDateTime attempted = m_lastAttempt.value(a.id);
        if (attempted.isValid() && (!last.isValid() || attempted > last))
            last = attempted;
        if (!last.isValid() || last.addSecs(a.syncIntervalS) <= now)
            enqueue(a.id);
    }
}

void SyncWorker::schedule()
{
    if (m_kickPending)
        return;
    m_kickPending = true;
    QTimer::singleShot(0, this, [this] {
        m_kickPending = false;
        runNext();
    });
}

void SyncWorker::runNext()
{
    if (m_stopping.load()) {
        maybeQuit();
        return;
    }
    if (m_current != 0 || m_testing)
        return; // rescheduled when that ends
    // Take in what the manager posted meanwhile (a cancel's dropQueue() above all) before choosing.
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
    if (m_stopping.load() || m_current != 0 || m_testing) {
        maybeQuit();
        return;
    }
    if (!m_tests.isEmpty()) {
        runTest(m_tests.takeFirst());
        schedule();
        return;
    }
    if (m_queue.isEmpty()) {
        if (!m_reportedIdle) {
            m_reportedIdle = true;
            emit idle();
        }
        return;
    }
    runAccount(m_queue.takeFirst());
    schedule();
}

void SyncWorker::runAccount(qint64 accountId)
{
    m_current = accountId;
    m_cancel.reset();
    m_lastAttempt.insert(accountId, QDateTime::currentDateTimeUtc());
    emit syncStarted(accountId);
    auto finishRun = [&](bool ok, const QString &message, const SyncOutcome &outcome) {
        m_current = 0;
        emit accountSynced(accountId, ok, message, outcome);
    };

    if (!m_repo) {
        finishRun(false, m_openError, {});
        return;
    }
    Result<SocialAccount> account = m_repo->account(accountId);
    if (!account) {
        finishRun(false, account.error().message, {});
        return;
    }
    std::unique_ptr<SyncSource> source = SyncSource::create(account->network);
    if (!source) {
        const Error e { Tr::tr("Rapport cannot sync “%1”: it does not know the network “%2”.")
                            .arg(account->displayName, Networks::key(account->network)) };
        if (Status s = m_repo->recordSyncResult(accountId, e, 0, SocialAccount::State::Error); !s)
            qCWarning(lcSync) << "recording the sync result failed:" << s.error().message;
        finishRun(false, e.message, {});
        return;
    }

    const Result<int> inboxBefore = m_repo->inboxCount();
    SyncContext ctx { *account, *m_http, *m_repo, *m_secrets, m_cancel,
        [this, accountId](int fetchedSoFar) { emit progress(accountId, fetchedSoFar); } };
    qCInfo(lcSync) << "syncing account" << accountId << Networks::key(account->network);
    Result<SyncOutcome> result = source->sync(ctx);

    // Pages stored before an error or a cancel are kept, so the Inbox may have changed either way.
    const Result<int> inboxAfter = m_repo->inboxCount();
    const bool inboxMoved = !inboxBefore || !inboxAfter || *inboxBefore != *inboxAfter;

    // A run that failed midway still stored its earlier pages: what they did is in ctx.outcome.
    const SyncOutcome &outcome = result ? *result : ctx.outcome;
    const QString skipNote = outcome.skipNotes.join(u'\n');
    if (!result) {
        const Error &e = result.error();
        qCInfo(lcSync) << "account" << accountId << "failed:" << e.message;
        if (e.code != Error::Code::Cancelled) {
            const SocialAccount::State state = e.code == Error::Code::Auth ? SocialAccount::State::SignInRequired
                                                                           : SocialAccount::State::Error;
            if (Status s = m_repo->recordSyncResult(accountId, e, 0, state, outcome.skipped, skipNote); !s)
                qCWarning(lcSync) << "recording the sync result failed:" << s.error().message;
        }
        if (inboxMoved)
            emit inboxChanged();
        if (!outcome.contactIds.isEmpty())
            emit timelinesChanged(outcome.contactIds);
        finishRun(false, e.code == Error::Code::Cancelled ? Tr::tr("Sync cancelled.") : e.message, outcome);
        return;
    }
    if (outcome.skipped > 0)
        qCInfo(lcSync) << "account" << accountId << "skipped" << outcome.skipped << "item(s):" << skipNote;
    if (Status s
        = m_repo->recordSyncResult(accountId, {}, outcome.fetched, SocialAccount::State::Ok, outcome.skipped, skipNote);
        !s)
        qCWarning(lcSync) << "recording the sync result failed:" << s.error().message;
    if (inboxMoved || outcome.toInbox > 0)
        emit inboxChanged();
    if (!outcome.contactIds.isEmpty())
        emit timelinesChanged(outcome.contactIds);
    finishRun(true, summary(outcome), outcome);
}

void SyncWorker::testConnection(int requestId, const SocialAccount &account, const QString &secretName,
                                const QString &secret)
{
    PendingTest test { requestId, account, secretName, secret };
    if (m_testing || m_stopping.load()) {
        m_tests.append(test);
        schedule();
        return;
    }
    runTest(test); // may be inside a sync's wait: see the class comment
    schedule();
}

void SyncWorker::runTest(const PendingTest &test)
{
    m_testing = true;
    m_testCancel.reset();
    auto answer = [&](bool ok, const QString &message) {
        m_testing = false;
        emit connectionTested(test.requestId, ok, message);
    };
    if (!m_repo || !m_nam) {
        answer(false, m_openError);
        return;
    }
    std::unique_ptr<SyncSource> source = SyncSource::create(test.account.network);
    if (!source) {
        answer(false, Tr::tr("Rapport does not know the network “%1”.").arg(Networks::key(test.account.network)));
        return;
    }
    // A secret typed in the dialog goes into a store of its own for this one test (a throwaway scope), so it
    // never replaces the saved account's secret; the test's keys are removed afterwards. Without one, the
    // saved secrets are used.
    std::unique_ptr<SecretStore> throwaway;
    if (!test.secret.isEmpty()) {
        throwaway = std::make_unique<SecretStore>(
            m_scope + QStringLiteral("/connection-test/") + QUuid::createUuid().toString(QUuid::WithoutBraces));
        if (Status s = throwaway->write(test.account.secretKey(test.secretName), test.secret); !s) {
            answer(false, s.error().message);
            return;
        }
    }
    SyncHttp http(*m_nam, m_testCancel, m_options.http);
    http.setTimeScale(m_options.timeScale);
    SyncContext ctx { test.account, http, *m_repo, throwaway ? *throwaway : *m_secrets, m_testCancel, {} };
    Result<QString> result = source->testConnection(ctx);
    if (throwaway) {
        QStringList names = Networks::traits(test.account.network).secretNames;
        names.append(test.secretName);
        names.removeDuplicates();
        for (const QString &name : std::as_const(names))
            (void)throwaway->remove(test.account.secretKey(name));
    }
    if (result)
        answer(true, *result);
    else
        answer(false, result.error().message);
}

void SyncWorker::finish()
{
    m_stopping.store(true);
    m_testCancel.cancel();
    if (m_dueTimer)
        m_dueTimer->stop();
    m_queue.clear();
    m_tests.clear();
    maybeQuit();
}

void SyncWorker::maybeQuit()
{
    // Quitting exits every event loop of this thread, SyncHttp's local ones included: only when idle.
    if (m_stopping.load() && m_current == 0 && !m_testing)
        thread()->quit();
}
