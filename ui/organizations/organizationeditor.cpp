#include "organizationeditor.h"

#include "common/formerror.h"
#include "history/historyview.h"
#include "common/wheelguard.h"
#include "core/result.h"
#include "interactions/timelineview.h"
#include "itemmodels/organizationlistmodel.h"
#include "itemmodels/organizationpeoplemodel.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <limits>

OrganizationEditor::OrganizationEditor(Database &db, QWidget *parent)
    : QWidget(parent)
    , m_people(new OrganizationPeopleModel(db, this))
{
    m_headingLabel = new QLabel(this);
    m_headingLabel->setObjectName(QStringLiteral("headingLabel"));
    QFont heading = m_headingLabel->font();
    heading.setPointSizeF(heading.pointSizeF() * 1.3);
    heading.setBold(true);
    m_headingLabel->setFont(heading);
    m_headingLabel->setTextFormat(Qt::PlainText);

    m_bannerLabel = addErrorLabel("bannerLabel");

    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("nameLineEdit"));
    m_name->setAccessibleName(tr("Name"));
    m_nameError = addErrorLabel("nameErrorLabel");

    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("kindComboBox"));
    m_kind->setAccessibleName(tr("Kind of organization"));
    for (const QString &kind : Organization::kinds())
        m_kind->addItem(OrganizationListModel::kindLabel(kind), kind);
    m_kindError = addErrorLabel("kindErrorLabel");

    m_website = new QLineEdit(this);
    m_website->setObjectName(QStringLiteral("websiteLineEdit"));
    m_website->setAccessibleName(tr("Website"));
    m_website->setPlaceholderText(QStringLiteral("https://"));
    m_websiteError = addErrorLabel("websiteErrorLabel");

    m_reach = new QSpinBox(this);
    m_reach->setObjectName(QStringLiteral("reachSpinBox"));
    m_reach->setAccessibleName(tr("Reach"));
    m_reach->setToolTip(tr("Readers, listeners or followers, as far as known."));
    m_reach->setRange(0, std::numeric_limits<int>::max());
    m_reach->setGroupSeparatorShown(true);
    m_reach->setSpecialValueText(tr("Unknown", "reach"));

    m_city = new QLineEdit(this);
    m_city->setObjectName(QStringLiteral("cityLineEdit"));
    m_city->setAccessibleName(tr("City"));
    m_country = new QLineEdit(this);
    m_country->setObjectName(QStringLiteral("countryLineEdit"));
    m_country->setAccessibleName(tr("Country"));

    m_notes = new QPlainTextEdit(this); // plain text: pasted HTML and scripts arrive as text
    m_notes->setObjectName(QStringLiteral("notesPlainTextEdit"));
    m_notes->setAccessibleName(tr("Notes"));
    m_notes->setTabChangesFocus(true);
    m_notes->setMinimumHeight(fontMetrics().lineSpacing() * 4);
    // Notes scroll past eight lines: the room below goes to the people who work here.
    m_notes->setMaximumHeight(fontMetrics().lineSpacing() * 8 + 2 * m_notes->frameWidth() + 8);
    m_notesError = addErrorLabel("notesErrorLabel");

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto addRow = [&](const QString &text, QWidget *field, QWidget *row) {
        auto *label = new QLabel(text, this);
        label->setBuddy(field);
        form->addRow(label, row);
    };
    addRow(tr("&Name:"), m_name, FormError::cell(m_name, m_nameError, this));
    addRow(tr("&Kind:"), m_kind, FormError::cell(m_kind, m_kindError, this));
    addRow(tr("&Website:"), m_website, FormError::cell(m_website, m_websiteError, this));
    addRow(tr("&Reach:"), m_reach, m_reach);
    addRow(tr("C&ity:"), m_city, m_city);
    addRow(tr("C&ountry:"), m_country, m_country);
    addRow(tr("No&tes:"), m_notes, FormError::cell(m_notes, m_notesError, this));

    m_save = new QPushButton(tr("&Save"), this);
    m_save->setObjectName(QStringLiteral("saveButton"));
    m_save->setToolTip(tr("Save the organization (%1)").arg(QKeySequence(QKeySequence::Save).toString(QKeySequence::NativeText)));
    m_revert = new QPushButton(tr("Re&vert"), this);
    m_revert->setObjectName(QStringLiteral("revertButton"));
    m_revert->setToolTip(tr("Forget your changes and show what is saved"));
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_revert);
    buttons->addWidget(m_save);

    m_peopleLabel = new QLabel(this);
    m_peopleLabel->setObjectName(QStringLiteral("peopleLabel"));
    m_peopleView = new QTableView(this);
    m_peopleView->setObjectName(QStringLiteral("peopleTableView"));
    m_peopleView->setAccessibleName(tr("People who work here"));
    m_peopleView->setToolTip(tr("Double-click or press Enter to open the contact"));
    m_peopleView->setModel(m_people);
    m_peopleView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_peopleView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_peopleView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_peopleView->setAlternatingRowColors(true);
    m_peopleView->setShowGrid(false);
    m_peopleView->setTabKeyNavigation(false);
    m_peopleView->verticalHeader()->setVisible(false);
    m_peopleView->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    // Name and role at a readable width, the title (often long: "Chief Marketing Officer") gets the rest.
    QHeaderView *peopleHeader = m_peopleView->horizontalHeader();
    peopleHeader->setStretchLastSection(false);
    peopleHeader->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    peopleHeader->resizeSection(OrganizationPeopleModel::NameColumn, 22 * fontMetrics().averageCharWidth());
    peopleHeader->setSectionResizeMode(OrganizationPeopleModel::TitleColumn, QHeaderView::Stretch);
    peopleHeader->resizeSection(OrganizationPeopleModel::RoleColumn, 16 * fontMetrics().averageCharWidth());
    m_peopleLabel->setBuddy(m_peopleView);

    // The fields and people in one tab, the merged timeline of the people in another (issue #4).
    auto *details = new QWidget(this);
    auto *detailsLayout = new QVBoxLayout(details);
    detailsLayout->setContentsMargins(0, 4, 0, 0);
    detailsLayout->addLayout(form);
    detailsLayout->addLayout(buttons);
    detailsLayout->addSpacing(fontMetrics().height() / 2);
    detailsLayout->addWidget(m_peopleLabel);
    detailsLayout->addWidget(m_peopleView, 1);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("organizationTabWidget"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(details, tr("Details"));
    m_timeline = new TimelineView(db, m_tabs);
    m_timeline->setObjectName(QStringLiteral("organizationTimelineView"));
    m_tabs->addTab(m_timeline, tr("Timeline"));
    connect(m_timeline, &TimelineView::contactActivated, this, &OrganizationEditor::contactActivated);
    m_history = new HistoryView(db, m_tabs);
    m_history->setObjectName(QStringLiteral("organizationHistoryView"));
    m_tabs->addTab(m_history, tr("History"));
    m_tabs->setTabToolTip(m_tabs->indexOf(m_history), tr("Who changed what in this organization, and when"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_headingLabel);
    layout->addWidget(m_bannerLabel);
    layout->addWidget(m_tabs, 1);

    for (QLineEdit *edit : {m_name, m_website, m_city, m_country})
        connect(edit, &QLineEdit::textChanged, this, &OrganizationEditor::updateDirty);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &OrganizationEditor::updateDirty);
    connect(m_reach, &QSpinBox::valueChanged, this, &OrganizationEditor::updateDirty);
    connect(m_notes, &QPlainTextEdit::textChanged, this, &OrganizationEditor::updateDirty);
    connect(m_save, &QPushButton::clicked, this, &OrganizationEditor::saveRequested);
    connect(m_revert, &QPushButton::clicked, this, &OrganizationEditor::revertRequested);
    connect(m_peopleView, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        if (const qint64 id = m_people->contactIdAt(index.row()); id > 0)
            Q_EMIT contactActivated(id);
    });
    connect(m_people, &QAbstractItemModel::modelReset, this, [this] {
        m_peopleLabel->setText(m_people->rowCount() == 0 ? tr("&People: nobody works here yet.")
                                                         : tr("&People who work here (%L1):").arg(m_people->rowCount()));
    });
    WheelGuard::protectChildren(this); // the wheel scrolls past the kind and reach, it does not change them
    load(Organization{});
}

OrganizationEditor::~OrganizationEditor() = default;

QLabel *OrganizationEditor::addErrorLabel(const char *objectName)
{
    return FormError::newLabel(this, QString::fromLatin1(objectName));
}

void OrganizationEditor::load(const Organization &o)
{
    m_loaded = o;
    m_timeline->setOrganizationId(o.id);
    m_tabs->setTabEnabled(m_tabs->indexOf(m_timeline), o.id > 0);
    m_history->setSubject(QStringLiteral("organization"), o.id);
    m_tabs->setTabEnabled(m_tabs->indexOf(m_history), o.id > 0);
    {
        const QSignalBlocker b1(m_name), b2(m_kind), b3(m_website), b4(m_reach), b5(m_city), b6(m_country), b7(m_notes);
        m_name->setText(o.name);
        m_kind->setCurrentIndex(qMax(0, m_kind->findData(o.kind)));
        m_website->setText(o.website);
        m_reach->setValue(static_cast<int>(qBound(qint64(0), o.reach, qint64(std::numeric_limits<int>::max()))));
        m_city->setText(o.city);
        m_country->setText(o.country);
        m_notes->setPlainText(o.notes);
    }
    m_headingLabel->setText(o.id > 0 ? o.name : tr("New organization"));
    m_people->setOrganization(o.id);
    m_peopleLabel->setVisible(o.id > 0);
    m_peopleView->setVisible(o.id > 0);
    clearErrors();
    updateDirty();
}

void OrganizationEditor::refreshPeople()
{
    m_people->refresh();
}

Organization OrganizationEditor::organization() const
{
    Organization o = m_loaded;
    o.name = m_name->text();
    o.kind = m_kind->currentData().toString();
    o.website = m_website->text().trimmed();
    o.reach = m_reach->value();
    o.city = m_city->text().trimmed();
    o.country = m_country->text().trimmed();
    o.notes = m_notes->toPlainText();
    return o;
}

void OrganizationEditor::updateDirty()
{
    const Organization now = organization();
    // Compare what would be saved, not whitespace the repository trims anyway.
    const bool dirty = m_loaded.id == 0 || now.name.trimmed() != m_loaded.name || now.kind != m_loaded.kind
        || now.website != m_loaded.website || now.reach != m_loaded.reach || now.city != m_loaded.city
        || now.country != m_loaded.country || now.notes != m_loaded.notes;
    // A new, untouched organization has nothing to lose.
    const bool changed = m_loaded.id == 0 ? !(now.name.trimmed().isEmpty() && now.website.isEmpty()
                                                && now.city.isEmpty() && now.country.isEmpty() && now.notes.isEmpty())
                                          : dirty;
    m_revert->setEnabled(changed);
    // Nothing to save on an unchanged form (issue 10): Save waits for a change, as Revert does.
    m_save->setEnabled(changed);
    if (changed != m_dirty) {
        m_dirty = changed;
        Q_EMIT dirtyChanged(m_dirty);
    }
}

QLabel *OrganizationEditor::errorLabelFor(const QString &field) const
{
    if (field == u"name")
        return m_nameError;
    if (field == u"kind")
        return m_kindError;
    if (field == u"website")
        return m_websiteError;
    if (field == u"notes")
        return m_notesError;
    return m_bannerLabel;
}

void OrganizationEditor::showError(const Error &error)
{
    clearErrors();
    QLabel *label = error.code == Error::Code::Validation ? errorLabelFor(error.field) : m_bannerLabel;
    label->setText(error.message);
    label->setVisible(true);
    QWidget *field = label == m_nameError ? static_cast<QWidget *>(m_name)
        : label == m_kindError            ? static_cast<QWidget *>(m_kind)
        : label == m_websiteError         ? static_cast<QWidget *>(m_website)
        : label == m_notesError           ? static_cast<QWidget *>(m_notes)
                                          : nullptr;
    if (field) {
        field->setAccessibleDescription(error.message);
        field->setFocus(Qt::OtherFocusReason);
    }
}

void OrganizationEditor::clearErrors()
{
    for (QLabel *label : {m_bannerLabel, m_nameError, m_kindError, m_websiteError, m_notesError}) {
        label->clear();
        label->setVisible(false);
    }
    for (QWidget *field : std::initializer_list<QWidget *>{m_name, m_kind, m_website, m_notes})
        field->setAccessibleDescription(QString());
}

void OrganizationEditor::focusName()
{
    m_name->setFocus(Qt::OtherFocusReason);
    m_name->selectAll();
}

void OrganizationEditor::setUndoStack(QUndoStack *stack)
{
    m_timeline->setUndoStack(stack);
}
