#include "placeholdersection.h"

#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QVBoxLayout>

PlaceholderSection::PlaceholderSection(
    const QIcon &icon, const QString &title, const QString &description, QWidget *parent)
    : QWidget(parent)
    , m_title(title)
    , m_description(description)
{
    auto *iconLabel = new QLabel(this);
    iconLabel->setObjectName(QStringLiteral("iconLabel"));
    iconLabel->setPixmap(icon.pixmap(64, 64, QIcon::Disabled));
    iconLabel->setAlignment(Qt::AlignHCenter);

    auto *titleLabel = new QLabel(title, this);
    titleLabel->setObjectName(QStringLiteral("titleLabel"));
    QFont titleFont = titleLabel->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    titleLabel->setFont(titleFont);
    titleLabel->setAlignment(Qt::AlignHCenter);

    auto *statusLabel = new QLabel(tr("This part of Rapport is not built yet."), this);
    statusLabel->setObjectName(QStringLiteral("statusLabel"));
    statusLabel->setAlignment(Qt::AlignHCenter);
    statusLabel->setForegroundRole(QPalette::PlaceholderText);

    auto *descriptionLabel = new QLabel(description, this);
    descriptionLabel->setObjectName(QStringLiteral("descriptionLabel"));
    descriptionLabel->setWordWrap(true);
    descriptionLabel->setAlignment(Qt::AlignHCenter);
    descriptionLabel->setMaximumWidth(560);
    descriptionLabel->setTextFormat(Qt::PlainText);

    auto *layout = new QVBoxLayout(this);
    layout->addStretch(2);
    layout->addWidget(iconLabel);
    layout->addSpacing(12);
    layout->addWidget(titleLabel);
    layout->addSpacing(4);
    layout->addWidget(statusLabel);
    layout->addSpacing(12);
    // Centred by stretches, not by an alignment flag: with one, the layout ignores the label's
    // height-for-width and shows only the first line of the wrapped text.
    auto *descriptionRow = new QHBoxLayout;
    descriptionRow->addStretch(1);
    descriptionRow->addWidget(descriptionLabel, 4);
    descriptionRow->addStretch(1);
    layout->addLayout(descriptionRow);
    layout->addStretch(3);
}

PlaceholderSection::~PlaceholderSection() = default;

QString PlaceholderSection::title() const
{
    return m_title;
}

QString PlaceholderSection::description() const
{
    return m_description;
}
