#include "reportdialog.h"

#include "common/filedialog.h"
#include "core/clock.h"
#include "reportjob.h"
#include "reportwriter.h"
#include "storage/dashboardquery.h"
#include "storage/database.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPrintPreviewDialog>
#include <QPrinter>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

ReportDialog::ReportDialog(Database &db, QWidget *parent)
    : QDialog(parent)
    , m_db(db)
{
    setObjectName(QStringLiteral("reportDialog"));
    setWindowTitle(tr("Client Report"));
    setAttribute(Qt::WA_DeleteOnClose);
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;

    m_forClient = new QRadioButton(tr("C&lient:"), this);
    m_forClient->setObjectName(QStringLiteral("forClientRadioButton"));
    m_forClient->setChecked(true);
    m_client = new QComboBox(this);
    m_client->setObjectName(QStringLiteral("reportClientComboBox"));
    if (auto clients = DashboardQuery::clients(db))
        for (const auto &c : *clients)
            m_client->addItem(c.name, c.id);
    form->addRow(m_forClient, m_client);

    m_forCampaign = new QRadioButton(tr("Ca&mpaign:"), this);
    m_forCampaign->setObjectName(QStringLiteral("forCampaignRadioButton"));
    m_campaign = new QComboBox(this);
    m_campaign->setObjectName(QStringLiteral("reportCampaignComboBox"));
    m_campaign->setEnabled(false);
    if (auto campaigns = DashboardQuery::campaigns(db))
        for (const auto &c : *campaigns)
            m_campaign->addItem(c.name, c.id);
    form->addRow(m_forCampaign, m_campaign);
    connect(m_forCampaign, &QRadioButton::toggled, m_campaign, &QWidget::setEnabled);
    connect(m_forClient, &QRadioButton::toggled, m_client, &QWidget::setEnabled);

    const QDate today = Clock::now().toLocalTime().date();
    auto *period = new QHBoxLayout;
    m_from = new QDateEdit(today.addMonths(-12).addDays(1), this);
    m_from->setObjectName(QStringLiteral("reportFromDateEdit"));
    m_from->setCalendarPopup(true);
    m_to = new QDateEdit(today, this);
    m_to->setObjectName(QStringLiteral("reportToDateEdit"));
    m_to->setCalendarPopup(true);
    period->addWidget(m_from);
    period->addWidget(new QLabel(QStringLiteral("–"), this));
    period->addWidget(m_to);
    period->addStretch();
    form->addRow(tr("&Period:"), period);
    static_cast<QLabel *>(form->labelForField(period))->setBuddy(m_from);

    m_agency = new QLineEdit(ReportWriter::savedAgencyName(db), this);
    m_agency->setObjectName(QStringLiteral("agencyNameLineEdit"));
    form->addRow(tr("&Agency name:"), m_agency);
    layout->addLayout(form);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("reportStatusLabel"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    // While a report is written: how far it is, and Cancel.
    auto *progressRow = new QHBoxLayout;
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("reportProgressBar"));
    m_progress->setRange(0, ReportJob::steps());
    m_progress->setTextVisible(false);
    m_cancel = new QPushButton(tr("&Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("cancelReportButton"));
    m_cancel->setToolTip(tr("Stop writing the report (Esc); no file is left behind"));
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_cancel);
    layout->addLayout(progressRow);
    m_progress->hide();
    m_cancel->hide();
    connect(m_cancel, &QPushButton::clicked, this, &ReportDialog::cancelSave);

    m_job = new ReportJob(db.location(), this);
    connect(m_job, &ReportJob::progress, this, [this](int done, const QString &what) {
        m_progress->setValue(done);
        m_status->setText(what);
    });

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *previewButton = buttons->addButton(tr("Pre&view…"), QDialogButtonBox::ActionRole);
    previewButton->setObjectName(QStringLiteral("previewButton"));
    QPushButton *saveButton = buttons->addButton(tr("&Save PDF…"), QDialogButtonBox::AcceptRole);
    saveButton->setObjectName(QStringLiteral("savePdfButton"));
    saveButton->setDefault(true);
    m_save = saveButton;
    m_preview = previewButton;
    connect(previewButton, &QPushButton::clicked, this, &ReportDialog::preview);
    connect(saveButton, &QPushButton::clicked, this, &ReportDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    if (m_client->count() == 0 && m_campaign->count() == 0)
        m_status->setText(tr("There is no client or campaign to report on yet."));
}

namespace {

ReportWriter::Request requestOf(bool client, const QComboBox *clients, const QComboBox *campaigns, const QDate &from,
    const QDate &to, const QString &agency)
{
    ReportWriter::Request r;
    if (client)
        r.clientId = clients->currentData().toLongLong();
    else
        r.campaignId = campaigns->currentData().toLongLong();
    r.from = from;
    r.to = to;
    r.agencyName = agency;
    return r;
}

} // namespace

QString ReportDialog::statusText() const
{
    return m_status->text();
}

void ReportDialog::saveTo(const QString &path)
{
    ReportWriter::saveAgencyName(m_agency->text());
    const ReportWriter::Request request
        = requestOf(m_forClient->isChecked(), m_client, m_campaign, m_from->date(), m_to->date(), m_agency->text());
    m_save->setEnabled(false);
    m_preview->setEnabled(false);
    m_progress->setValue(0);
    m_progress->show();
    m_cancel->show();
    m_cancel->setFocus();
    // One connection per save: the job's answer for this path.
    auto *connection = new QMetaObject::Connection;
    *connection = connect(m_job, &ReportJob::finished, this,
        [this, path, connection](bool ok, bool canceled, const QString &message) {
            disconnect(*connection);
            delete connection;
            m_progress->hide();
            m_cancel->hide();
            m_save->setEnabled(true);
            m_preview->setEnabled(true);
            m_status->setText(ok ? tr("Saved %1.").arg(QDir::toNativeSeparators(path))
                                 : canceled ? tr("Canceled: nothing was saved.")
                                            : message);
            Q_EMIT reportFinished(ok);
        });
    m_job->start(request, path);
}

void ReportDialog::cancelSave()
{
    m_job->cancel();
}

bool ReportDialog::isSaving() const
{
    return m_job->isRunning();
}

void ReportDialog::reject()
{
    if (m_job->isRunning()) { // Esc while writing: stop the report, keep the dialog
        cancelSave();
        return;
    }
    QDialog::reject();
}

void ReportDialog::save()
{
    const QString subject = m_forClient->isChecked() ? m_client->currentText() : m_campaign->currentText();
    const QString name = tr("Report %1 %2.pdf").arg(subject, m_to->date().toString(Qt::ISODate)).replace(u'/', u'-');
    FileDialog::getSaveFileName(this, tr("Save Report"), QDir::home().filePath(name), tr("PDF documents (*.pdf)"),
        [this](const QString &path) { saveTo(path); });
}

void ReportDialog::preview()
{
    const ReportWriter::Request request
        = requestOf(m_forClient->isChecked(), m_client, m_campaign, m_from->date(), m_to->date(), m_agency->text());
    auto content = ReportWriter::loadContent(m_db, request);
    if (!content) {
        m_status->setText(content.error().message);
        return;
    }
    const ReportWriter::Charts charts = ReportWriter::drawCharts(*content);
    auto printer = std::make_shared<QPrinter>(QPrinter::ScreenResolution);
    printer->setResolution(96);
    printer->setPageSize(QPageSize(QPageSize::A4));
    printer->setPageMargins(QMarginsF(12, 12, 12, 12), QPageLayout::Millimeter);
    auto *dialog = new QPrintPreviewDialog(printer.get(), this);
    dialog->setObjectName(QStringLiteral("reportPreviewDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->resize(900, 1000);
    connect(dialog, &QPrintPreviewDialog::paintRequested, this,
        [content = *content, charts, printer](QPrinter *target) {
            // (void): the preview shows what was painted; painting fails only when the device does not start.
            (void)ReportWriter::paintReport(content, charts, target);
        });
    // The printer lives as long as the dialog.
    connect(dialog, &QObject::destroyed, this, [printer] {});
    dialog->open();
}
