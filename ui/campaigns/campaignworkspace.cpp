#include "campaignworkspace.h"

#include "campaigns/historytab.h"
#include "brieftab.h"
#include "campaigntab.h"
#include "common/messagebox.h"
#include "contenttab.h"
#include "coveragetab.h"
#include "medialisttab.h"
#include "pendingcampaigntab.h"
#include "pipelinetab.h"
#include "whotopitchtab.h"

#include <QLabel>
#include <QStackedWidget>
#include <QTabWidget>
#include <QVBoxLayout>

CampaignWorkspace::CampaignWorkspace(Database &db, QUndoStack *undoStack, QWidget *parent)
    : QWidget(parent)
    , m_db(db)
    , m_undoStack(undoStack)
{
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("campaignTabWidget"));
    m_tabs->setDocumentMode(true);
    createTabs();

    auto *none
        = new QLabel(tr("Select a campaign to see its brief, content, media list, pipeline and coverage."), this);
    none->setObjectName(QStringLiteral("noCampaignSelectedLabel"));
    none->setAlignment(Qt::AlignCenter);
    none->setWordWrap(true);
    none->setForegroundRole(QPalette::PlaceholderText);

    m_pages = new QStackedWidget(this);
    m_pages->setObjectName(QStringLiteral("campaignWorkspaceStackedWidget"));
    m_pages->addWidget(none);
    m_pages->addWidget(m_tabs);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pages);

    connect(m_tabs, &QTabWidget::currentChanged, this, [this] { syncCurrentTab(); });
}

CampaignWorkspace::~CampaignWorkspace() = default;

// One line per tab, in the order of Tab: each helper replaces only the line of the tab they build.
// clang-format off
void CampaignWorkspace::createTabs()
{
    addCampaignTab(new BriefTab(m_db, m_undoStack, this));
    addCampaignTab(new ContentTab(m_db, m_undoStack, this));
    addCampaignTab(new MediaListTab(m_db, m_undoStack, this));
    addCampaignTab(new PipelineTab(m_db, m_undoStack, this));
    addCampaignTab(new CoverageTab(m_db, m_undoStack, this));
    addCampaignTab(new WhoToPitchTab(m_db, m_undoStack, this));
    addCampaignTab(new CampaignHistoryTab(m_db, m_undoStack, this));
}
// clang-format on

CampaignTab *CampaignWorkspace::pendingTab(Tab tab)
{
    switch (tab) {
    case Tab::Brief:
        return new PendingCampaignTab(
            tr("Brief"), tr("Client, name, goals, key messages, topics, dates and team."), m_db, m_undoStack, this);
    case Tab::Content:
        return new PendingCampaignTab(tr("Content"),
            tr("Press releases, pitch emails, posts and media kits, with their versions."), m_db, m_undoStack, this);
    case Tab::MediaList:
        return new PendingCampaignTab(tr("Media list"),
            tr("The people this campaign pitches, with warnings before anyone is pitched."), m_db, m_undoStack, this);
    case Tab::Pipeline:
        return new PendingCampaignTab(tr("Pipeline"),
            tr("Every pitch as a board: planned, pitched, replied, interested, declined, covered."), m_db, m_undoStack,
            this);
    case Tab::Coverage:
        return new PendingCampaignTab(tr("Coverage"),
            tr("The articles and posts that came out, with reach and sentiment."), m_db, m_undoStack, this);
    case Tab::WhoToPitch:
        return new PendingCampaignTab(tr("Who to pitch"),
            tr("People ranked for this campaign, with the reasons in words."), m_db, m_undoStack, this);
    case Tab::History:
        return new PendingCampaignTab(
            tr("History"), tr("Who changed what in this campaign, and when."), m_db, m_undoStack, this);
    }
    return nullptr;
}

void CampaignWorkspace::addCampaignTab(CampaignTab *tab)
{
    m_tabList.append(tab);
    m_tabCampaign.append(0);
    m_tabs->addTab(tab, tab->title());
    connect(tab, &CampaignTab::contactActivated, this, &CampaignWorkspace::contactActivated);
    connect(tab, &CampaignTab::campaignActivated, this, &CampaignWorkspace::campaignActivated);
    connect(tab, &CampaignTab::errorOccurred, this, &CampaignWorkspace::errorOccurred);
    connect(tab, &CampaignTab::statusMessage, this, &CampaignWorkspace::statusMessage);
}

CampaignTab *CampaignWorkspace::tab(Tab tab) const
{
    return m_tabList.value(static_cast<int>(tab));
}

void CampaignWorkspace::showTab(Tab tab)
{
    m_tabs->setCurrentIndex(static_cast<int>(tab));
}

void CampaignWorkspace::focusCurrentTab()
{
    if (QWidget *tab = m_tabs->currentWidget())
        tab->setFocus(Qt::OtherFocusReason);
}

CampaignWorkspace::Tab CampaignWorkspace::currentTab() const
{
    return static_cast<Tab>(qMax(0, m_tabs->currentIndex()));
}

bool CampaignWorkspace::hasUnsavedChanges() const
{
    for (int i = 0; i < m_tabList.size(); ++i) {
        if (m_tabCampaign.at(i) != 0 && m_tabList.at(i)->hasUnsavedChanges())
            return true;
    }
    return false;
}

bool CampaignWorkspace::confirmLeave(const std::function<void()> &proceed)
{
    if (!hasUnsavedChanges())
        return true;
    if (m_asking)
        return false;
    m_asking = true;
    QStringList tabs;
    for (int i = 0; i < m_tabList.size(); ++i) {
        if (m_tabCampaign.at(i) != 0 && m_tabList.at(i)->hasUnsavedChanges())
            tabs.append(m_tabList.at(i)->title());
    }
    MessageBox::question(this, tr("Unsaved changes"),
        tr("This campaign has unsaved changes (%1). Save them before leaving it?").arg(tabs.join(QStringLiteral(", "))),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save, this,
        [this, proceed](MessageBox::Button answer) {
            m_asking = false;
            if (answer == QMessageBox::Cancel)
                return;
            for (int i = 0; i < m_tabList.size(); ++i) {
                CampaignTab *tab = m_tabList.at(i);
                if (m_tabCampaign.at(i) == 0 || !tab->hasUnsavedChanges())
                    continue;
                if (answer == QMessageBox::Save && !tab->saveChanges()) {
                    m_tabs->setCurrentWidget(tab); // where the reason is shown
                    return;
                }
                if (answer == QMessageBox::Discard)
                    tab->discardChanges();
            }
            proceed();
        });
    return false;
}

bool CampaignWorkspace::openCampaign(qint64 id, const std::function<void()> &opened)
{
    if (id == m_campaignId)
        return true;
    if (!confirmLeave([this, id, opened] {
            open(id);
            if (opened)
                opened();
        }))
        return false;
    open(id);
    return true;
}

void CampaignWorkspace::open(qint64 id)
{
    m_campaignId = id;
    // Tabs that showed another campaign forget it now; hidden ones load this one when they are shown.
    for (int i = 0; i < m_tabList.size(); ++i) {
        if (m_tabCampaign.at(i) != 0 && m_tabList.at(i) != m_tabs->currentWidget()) {
            m_tabCampaign[i] = 0;
            m_tabList.at(i)->setCampaign(0);
        }
    }
    m_pages->setCurrentWidget(id > 0 ? static_cast<QWidget *>(m_tabs) : m_pages->widget(0));
    syncCurrentTab();
    Q_EMIT campaignOpened(id);
}

void CampaignWorkspace::syncCurrentTab()
{
    const int index = m_tabs->currentIndex();
    if (index < 0 || index >= m_tabList.size() || m_tabCampaign.at(index) == m_campaignId)
        return;
    m_tabCampaign[index] = m_campaignId;
    m_tabList.at(index)->setCampaign(m_campaignId);
}
