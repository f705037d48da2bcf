#include "restorepreviewdialog.h"

#include "storage/migrator.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

RestorePreviewDialog::RestorePreviewDialog(const QString &backupFile, QWidget *parent)
    : QDialog(parent)
    , m_file(backupFile)
{
    setObjectName(QStringLiteral("restorePreviewDialog"));
    setWindowTitle(tr("Restore From Backup"));
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowModality(Qt::WindowModal);

    auto *intro = new QLabel(tr("Restoring puts this backup in the place of the database you have open. The current "
                                "database is not deleted: it is kept beside it, renamed with today's date and "
                                "time, and Rapport reopens with the backup."),
        this);
    intro->setWordWrap(true);

    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto *file = new QLabel(QDir::toNativeSeparators(m_file), this);
    file->setObjectName(QStringLiteral("fileLabel"));
    file->setTextInteractionFlags(Qt::TextSelectableByMouse);
    file->setWordWrap(true);
    m_form->addRow(tr("File:"), file);
    // Every row from the start, so the dialog has its full size when it opens; filled once the file was read.
    const auto row = [this](const QString &label, const char *name) {
        auto *field = new QLabel(QStringLiteral("…"), this);
        field->setObjectName(QString::fromLatin1(name));
        m_form->addRow(label, field);
    };
    row(tr("Taken:"), "takenLabel");
    row(tr("Size:"), "sizeLabel");
    row(tr("Schema version:"), "schemaLabel");
    row(tr("Contacts:"), "contactsLabel");
    row(tr("Conversations:"), "interactionsLabel");
    row(tr("Campaigns:"), "campaignsLabel");

    m_status = new QLabel(tr("Reading the backup…"), this);
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setWordWrap(true);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_restore = m_buttons->addButton(tr("&Restore"), QDialogButtonBox::AcceptRole);
    m_restore->setObjectName(QStringLiteral("restoreButton"));
    m_restore->setEnabled(false);
    m_restore->setAutoDefault(false);
    m_buttons->button(QDialogButtonBox::Cancel)->setDefault(true); // replacing a database is never the default
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (!m_restore->isEnabled())
            return;
        accept();
        Q_EMIT restoreConfirmed(m_file);
    });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addSpacing(fontMetrics().height() / 2);
    layout->addLayout(m_form);
    layout->addSpacing(fontMetrics().height() / 2);
    layout->addWidget(m_status);
    layout->addStretch();
    layout->addWidget(m_buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 70);

    WorkerConnection::Options options;
    options.openFlags = Database::OpenFlag::ReadOnly | Database::OpenFlag::NoMigrate;
    options.threadName = QStringLiteral("rapport-restore-preview");
    m_job = WorkerConnection::start<BackupSummary>(
        DatabaseLocation::sqlite(QFileInfo(m_file).absoluteFilePath()), this,
        [](Database &db, const WorkerConnection::Job &) {
            return DatabaseBackup::inspect(db, DatabaseBackup::Check::Quick);
        },
        [this](Result<BackupSummary> result) { showResult(std::move(result)); }, options);
}

RestorePreviewDialog::~RestorePreviewDialog() = default;

QString RestorePreviewDialog::statusText() const
{
    return m_status->text();
}

void RestorePreviewDialog::showResult(Result<BackupSummary> result)
{
    m_inspected = true;
    if (!result) {
        for (QLabel *field : findChildren<QLabel *>())
            if (field->text() == u"…")
                field->setText(QStringLiteral("—"));
        m_status->setText(tr("This file cannot be restored: %1").arg(result.error().message));
        Q_EMIT inspected();
        return;
    }
    m_summary = *result;
    const BackupSummary &s = *m_summary;
    const QLocale locale;
    const auto set = [this](const char *name, const QString &value) {
        if (auto *field = findChild<QLabel *>(QString::fromLatin1(name)))
            field->setText(value);
    };
    set("takenLabel", locale.toString(s.takenAt.toLocalTime(), QLocale::LongFormat));
    set("sizeLabel", locale.formattedDataSize(s.sizeBytes));
    const int latest = Migrator::latestVersion();
    QString schema;
    if (s.schemaVersion > latest)
        schema = tr("%1 (newer than this version of Rapport, which knows up to %2)").arg(s.schemaVersion).arg(latest);
    else if (s.schemaVersion < latest)
        schema = tr("%1 (upgraded to %2 when restored)").arg(s.schemaVersion).arg(latest);
    else
        schema = tr("%1 (the current one)").arg(s.schemaVersion);
    set("schemaLabel", schema);
    set("contactsLabel", locale.toString(s.contacts));
    set("interactionsLabel", locale.toString(s.interactions));
    set("campaignsLabel", locale.toString(s.campaigns));

    if (s.schemaVersion > latest) {
        m_status->setText(tr("This backup was written by a newer version of Rapport. Restore it with that version, or "
                             "update Rapport first."));
    } else {
        m_status->setText(s.checked ? tr("The backup was checked and is intact.") : QString());
        m_restore->setEnabled(true);
    }
    Q_EMIT inspected();
}
