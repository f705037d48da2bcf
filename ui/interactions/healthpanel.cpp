#include "healthpanel.h"

#include "storage/syncrepository.h"

#include "storage/changenotifier.h"
#include "storage/healthrepository.h"

#include <QLabel>
#include <QVBoxLayout>

HealthPanel::HealthPanel(Database &db, QWidget *parent)
    : QWidget(parent)
    , m_db(db)
{
    setObjectName(QStringLiteral("healthPanel"));
    m_scoreLabel = new QLabel(this);
    m_scoreLabel->setObjectName(QStringLiteral("healthScoreLabel"));
    m_scoreLabel->setTextFormat(Qt::PlainText);
    QFont bold = m_scoreLabel->font();
    bold.setBold(true);
    m_scoreLabel->setFont(bold);
    m_breakdownLabel = new QLabel(this);
    m_breakdownLabel->setObjectName(QStringLiteral("healthBreakdownLabel"));
    m_breakdownLabel->setTextFormat(Qt::PlainText);
    m_breakdownLabel->setWordWrap(true);
    m_breakdownLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_breakdownLabel->setForegroundRole(QPalette::PlaceholderText);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 0, 8, 0);
    layout->setSpacing(0);
    layout->addWidget(m_scoreLabel);
    layout->addWidget(m_breakdownLabel);
    setAccessibleName(tr("Relationship health"));
    hide();
    connect(ChangeNotifier::instance(), &ChangeNotifier::interactionsChanged, this, [this](const QList<qint64> &ids) {
        if (m_contactId > 0 && ChangeNotifier::concerns(ids, m_contactId))
            reload();
    });
}

void HealthPanel::setContactId(qint64 id)
{
    m_contactId = id;
    reload();
}

QString HealthPanel::scoreText() const
{
    return m_scoreLabel->text();
}

QString HealthPanel::breakdownText() const
{
    return m_breakdownLabel->text();
}

void HealthPanel::reload()
{
    if (m_contactId <= 0) {
        hide();
        return;
    }
    Result<HealthScore> h = HealthRepository::explain(m_db, m_contactId);
    if (!h) {
        m_scoreLabel->setText(tr("Health unknown"));
        m_breakdownLabel->setText(h.error().message);
        setToolTip(QString());
        show();
        return;
    }
    m_scoreLabel->setText(tr("Health %1 of 100 · %2").arg(h->score).arg(HealthScore::grade(h->score)));
    // The sentences without their full stops, joined: one or two lines under the name.
    QStringList parts;
    for (QString sentence : std::as_const(h->explanation)) {
        if (sentence.endsWith(u'.'))
            sentence.chop(1);
        parts << sentence;
    }
    // Likes, boosts, follows and quotes from the social sync count as engagement, not as conversations.
    if (Result<int> engaged = SyncRepository(m_db).engagementCount(m_contactId, QDateTime::currentDateTimeUtc().addDays(-90));
        engaged && *engaged > 0)
        parts << tr("%n like(s), boost(s), follow(s) or quote(s) on social media in 90 days", nullptr, *engaged);
    m_breakdownLabel->setText(parts.join(QStringLiteral(" · ")));
    setToolTip(h->describe());
    m_scoreLabel->setAccessibleDescription(m_breakdownLabel->text());
    show();
}
