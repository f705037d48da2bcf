#include "savedviewsdialog.h"

#include "core/statuscolor.h"
#include "storage/savedviewrepository.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

SaveViewDialog::SaveViewDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("saveViewDialog"));
    setWindowTitle(tr("Save View"));
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("viewNameLineEdit"));
    m_name->setAccessibleName(tr("View name"));
    m_name->setPlaceholderText(tr("e.g. Tech editors not contacted in 90 days"));
    m_name->setMaxLength(SavedViewRepository::MaxNameLength);
    m_shared = new QCheckBox(tr("&Share with the team"), this);
    m_shared->setObjectName(QStringLiteral("shareViewCheckBox"));
    m_shared->setToolTip(tr("Everyone using this database sees shared views in their sidebar."));
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("viewNameErrorLabel"));
    m_error->setWordWrap(true);
    m_error->setVisible(false);
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, StatusColor::danger());
    m_error->setPalette(errorPalette);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("saveViewButtonBox"));
    connect(m_buttons, &QDialogButtonBox::accepted, this,
        [this] { Q_EMIT submitted(m_name->text(), m_shared->isChecked()); });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this, [this] { m_error->setVisible(false); });

    auto *form = new QFormLayout(this);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(QString(), m_error);
    form->addRow(QString(), m_shared);
    form->addRow(m_buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 56);
}

void SaveViewDialog::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(true);
    m_name->setFocus();
}
