#include "pendingcampaigntab.h"

#include <QLabel>
#include <QVBoxLayout>

PendingCampaignTab::PendingCampaignTab(
    const QString &title, const QString &promise, Database &db, QUndoStack *undoStack, QWidget *parent)
    : CampaignTab(db, undoStack, parent)
    , m_title(title)
{
    auto *layout = new QVBoxLayout(this);
    layout->addStretch();
    auto *heading = new QLabel(title, this);
    heading->setObjectName(QStringLiteral("titleLabel"));
    QFont font = heading->font();
    font.setPointSizeF(font.pointSizeF() * 1.4);
    font.setBold(true);
    heading->setFont(font);
    heading->setAlignment(Qt::AlignCenter);
    layout->addWidget(heading);
    auto *status = new QLabel(tr("This tab is not built yet."), this);
    status->setObjectName(QStringLiteral("statusLabel"));
    status->setAlignment(Qt::AlignCenter);
    layout->addWidget(status);
    auto *description = new QLabel(promise, this);
    description->setObjectName(QStringLiteral("descriptionLabel"));
    description->setAlignment(Qt::AlignCenter);
    description->setWordWrap(true);
    description->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(description);
    layout->addStretch();
}
