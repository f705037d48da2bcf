#include "coveragedialog.h"

#include "common/formerror.h"
#include "core/statuscolor.h"
#include "domain/pitchstatus.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSet>
#include <QVBoxLayout>

namespace {
const QDate kNoDate(2000, 1, 1);
}

CoverageDialog::CoverageDialog(Database &db, const CoverageRepository::Row &row, QWidget *parent)
    : QDialog(parent)
    , m_db(db)
    , m_before(row.coverage)
{
    setObjectName(QStringLiteral("coverageDialog"));
    setWindowTitle(m_before.id ? tr("Edit Coverage") : tr("Add Coverage"));
    setMinimumWidth(560);
    if (Result<QList<CoverageRepository::PitchChoice>> pitches
        = CoverageRepository(m_db).pitchChoices(m_before.campaignId))
        m_pitches = *pitches;

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto withError = [this](QWidget *field, const QString &key) {
        QLabel *error = FormError::newLabel(this, key + QStringLiteral("ErrorLabel"));
        m_errors.insert(key, error);
        return FormError::cell(field, error, this);
    };

    m_headline = new QLineEdit(m_before.title, this);
    m_headline->setObjectName(QStringLiteral("headlineLineEdit"));
    form->addRow(tr("&Headline:"), withError(m_headline, QStringLiteral("title")));
    m_url = new QLineEdit(m_before.url, this);
    m_url->setObjectName(QStringLiteral("urlLineEdit"));
    m_url->setPlaceholderText(tr("https://www.example.com/2026/05/story"));
    form->addRow(tr("&URL:"), withError(m_url, QStringLiteral("url")));

    m_pitch = new QComboBox(this);
    m_pitch->setObjectName(QStringLiteral("pitchComboBox"));
    m_pitch->addItem(tr("None"), qint64(0));
    m_author = new QComboBox(this);
    m_author->setObjectName(QStringLiteral("authorComboBox"));
    m_author->addItem(tr("Unknown"), qint64(0));
    m_outlet = new QComboBox(this);
    m_outlet->setObjectName(QStringLiteral("outletComboBox"));
    m_outlet->addItem(tr("Unknown"), qint64(0));
    QSet<qint64> outlets;
    for (const CoverageRepository::PitchChoice &p : std::as_const(m_pitches)) {
        m_pitch->addItem(tr("%1 (%2)", "pitch: person (status)").arg(p.name, PitchStatus::label(p.status)), p.pitchId);
        m_author->addItem(p.name, p.contactId);
        if (p.organizationId > 0 && !outlets.contains(p.organizationId)) {
            outlets.insert(p.organizationId);
            m_outlet->addItem(p.outlet, p.organizationId);
        }
    }
    m_outlet->model()->sort(0);
    selectData(m_pitch, m_before.pitchId, row.pitchContact);
    selectData(m_author, m_before.contactId, row.author);
    selectData(m_outlet, m_before.organizationId, row.outlet);
    connect(m_pitch, &QComboBox::currentIndexChanged, this, &CoverageDialog::onPitchChosen);
    form->addRow(tr("From &pitch:"), withError(m_pitch, QStringLiteral("pitch")));
    form->addRow(tr("&Author:"), m_author);
    form->addRow(tr("&Outlet:"), m_outlet);

    m_date = new QDateEdit(this);
    m_date->setObjectName(QStringLiteral("publishedDateEdit"));
    m_date->setCalendarPopup(true);
    m_date->setMinimumDate(kNoDate);
    m_date->setSpecialValueText(tr("Not set"));
    m_date->setDisplayFormat(QLocale().dateFormat(QLocale::ShortFormat));
    m_date->setDate(m_before.publishedAt.isValid() ? m_before.publishedAt.toLocalTime().date()
                                                   : (m_before.id ? kNoDate : QDate::currentDate()));
    form->addRow(tr("&Date:"), m_date);
    m_reach = new QLineEdit(m_before.reach >= 0 ? QString::number(m_before.reach) : QString(), this);
    m_reach->setObjectName(QStringLiteral("reachLineEdit"));
    m_reach->setPlaceholderText(tr("Audience, e.g. 250000"));
    form->addRow(tr("&Reach:"), withError(m_reach, QStringLiteral("reach")));
    m_sentiment = new QComboBox(this);
    m_sentiment->setObjectName(QStringLiteral("sentimentComboBox"));
    m_sentiment->addItem(tr("Unknown", "sentiment"), 9);
    m_sentiment->addItem(tr("Positive", "sentiment"), 1);
    m_sentiment->addItem(tr("Neutral", "sentiment"), 0);
    m_sentiment->addItem(tr("Negative", "sentiment"), -1);
    m_sentiment->setCurrentIndex(m_before.sentimentKnown ? m_sentiment->findData(m_before.sentiment) : 0);
    form->addRow(tr("&Sentiment:"), m_sentiment);

    m_general = new QLabel(this);
    m_general->setObjectName(QStringLiteral("generalErrorLabel"));
    m_general->setWordWrap(true);
    QPalette p = m_general->palette();
    p.setColor(QPalette::WindowText, StatusColor::danger(palette()));
    m_general->setPalette(p);
    m_general->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("saveButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &CoverageDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &CoverageDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_general);
    layout->addStretch();
    layout->addWidget(buttons);
}

CoverageDialog::~CoverageDialog() = default;

void CoverageDialog::selectData(QComboBox *box, qint64 id, const QString &name)
{
    if (id <= 0)
        return;
    int index = box->findData(id);
    if (index < 0) { // not on the media list (any more): kept as it is
        box->addItem(name.isEmpty() ? tr("No. %1").arg(id) : name, id);
        index = box->count() - 1;
    }
    box->setCurrentIndex(index);
}

void CoverageDialog::onPitchChosen()
{
    const qint64 pitchId = m_pitch->currentData().toLongLong();
    for (const CoverageRepository::PitchChoice &p : std::as_const(m_pitches)) {
        if (p.pitchId != pitchId)
            continue;
        if (m_author->currentData().toLongLong() == 0)
            selectData(m_author, p.contactId, p.name);
        if (m_outlet->currentData().toLongLong() == 0 && p.organizationId > 0)
            selectData(m_outlet, p.organizationId, p.outlet);
        if (m_reach->text().trimmed().isEmpty() && p.reach >= 0)
            m_reach->setText(QString::number(p.reach));
        return;
    }
}

void CoverageDialog::showError(const QString &field, const QString &message)
{
    QLabel *label = m_errors.value(field, m_general);
    label->setText(message);
    label->show();
    if (field == u"url")
        m_url->setFocus();
    else if (field == u"title")
        m_headline->setFocus();
    else if (field == u"reach")
        m_reach->setFocus();
}

void CoverageDialog::accept()
{
    for (QLabel *l : std::as_const(m_errors))
        l->hide();
    m_general->hide();
    Coverage c = m_before;
    c.title = m_headline->text();
    c.url = m_url->text();
    c.pitchId = m_pitch->currentData().toLongLong();
    c.contactId = m_author->currentData().toLongLong();
    c.organizationId = m_outlet->currentData().toLongLong();
    const QDate date = m_date->date();
    c.publishedAt = date > kNoDate ? QDateTime(date, QTime(9, 0)).toUTC() : QDateTime();
    if (c.publishedAt.isValid() && m_before.publishedAt.isValid() && m_before.publishedAt.toLocalTime().date() == date)
        c.publishedAt = m_before.publishedAt;
    const QString reach = m_reach->text().trimmed().remove(u',').remove(u'.').remove(u' ').remove(QChar(0x202F));
    if (reach.isEmpty()) {
        c.reach = -1;
    } else {
        bool ok = false;
        c.reach = reach.toLongLong(&ok);
        if (!ok || c.reach < 0) {
            showError(QStringLiteral("reach"), tr("Enter the audience as a whole number, e.g. 250000."));
            return;
        }
    }
    const int sentiment = m_sentiment->currentData().toInt();
    c.sentimentKnown = sentiment != 9;
    c.sentiment = c.sentimentKnown ? sentiment : 0;
    CoverageRepository repo(m_db);
    QString pitchBefore;
    const Status s = c.id ? repo.update(c, &pitchBefore) : repo.create(c, &pitchBefore);
    if (!s) {
        showError(s.error().field, s.error().message);
        return;
    }
    Q_EMIT saved(m_before, c, pitchBefore);
    QDialog::accept();
}
