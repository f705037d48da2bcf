#include "importwizard.h"

#include "import/importduplicatespage.h"
#include "import/importfilepage.h"
#include "import/importmappingpage.h"
#include "import/importpreviewpage.h"
#include "import/importrunpage.h"
#include "itemmodels/importduplicatesmodel.h"
#include "itemmodels/importpreviewmodel.h"

#include <QFileInfo>
#include <QLabel>

ImportWizard::ImportWizard(Database &db, QWidget *parent)
    : QWizard(parent)
    , m_session(std::make_unique<ImportSession>(db))
{
    setObjectName(QStringLiteral("importWizard"));
    setWindowTitle(tr("Import Contacts"));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    setOption(QWizard::NoCancelButtonOnLastPage);
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowModality(Qt::WindowModal);
    m_session->preview = new ImportPreviewModel(this);
    m_session->duplicates = new ImportDuplicatesModel(this);

    setPage(FilePage, new ImportFilePage(*m_session, this));
    setPage(MappingPage, new ImportMappingPage(*m_session, this));
    setPage(PreviewPage, new ImportPreviewPage(*m_session, this));
    setPage(DuplicatesPage, new ImportDuplicatesPage(*m_session, this));
    m_runPage = new ImportRunPage(*m_session, this);
    setPage(RunPage, m_runPage);
    setStartId(FilePage);
    connect(m_runPage, &ImportRunPage::imported, this,
        [this](const ImportSummary &summary) { Q_EMIT imported(summary, QFileInfo(m_session->path).fileName()); });

    const int ch = fontMetrics().averageCharWidth();
    resize(qMax(110 * ch, 860), qMax(40 * fontMetrics().height(), 600));
}

ImportWizard::~ImportWizard() = default;

void ImportWizard::setFile(const QString &path)
{
    m_session->path = path;
    if (currentId() == FilePage)
        page(FilePage)->initializePage();
}

bool ImportWizard::isRunning() const
{
    return m_runPage->isRunning();
}

void ImportWizard::styleAsError(QLabel *label)
{
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    const bool dark = label->palette().color(QPalette::Window).lightness() < 128;
    label->setStyleSheet(dark ? QStringLiteral("color: #ff8a80;") : QStringLiteral("color: #c62828;"));
    label->hide();
}

void ImportWizard::reject()
{
    if (m_runPage->isRunning()) {
        m_runPage->cancel();
        return;
    }
    QWizard::reject();
}
