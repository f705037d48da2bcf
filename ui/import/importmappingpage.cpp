#include "importmappingpage.h"

#include "common/messagebox.h"
#include "import/importsession.h"
#include "import/importwizard.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace {

enum TableColumn { ColumnName, Sample, Field, Detail, TableColumnCount };

constexpr int kSampleValues = 3;

// What "Detail" offers for a field: the label of an email or phone, the network of a handle.
QList<std::pair<QString, QString>> detailChoices(ImportField field)
{
    if (field == ImportField::Email || field == ImportField::Phone)
        return {
            { QString(), ImportMappingPage::tr("Label from the file") },
            { QStringLiteral("work"), ImportMappingPage::tr("Work") },
            { QStringLiteral("home"), ImportMappingPage::tr("Home") },
            { QStringLiteral("mobile"), ImportMappingPage::tr("Mobile") },
            { QStringLiteral("other"), ImportMappingPage::tr("Other") },
        };
    if (field == ImportField::Handle)
        return {
            { QStringLiteral("mastodon"), QStringLiteral("Mastodon") },
            { QStringLiteral("bluesky"), QStringLiteral("Bluesky") },
            { QStringLiteral("x"), QStringLiteral("X") },
            { QStringLiteral("linkedin"), QStringLiteral("LinkedIn") },
            { QStringLiteral("feed"), ImportMappingPage::tr("Feed") },
            { QStringLiteral("website"), ImportMappingPage::tr("Website") },
        };
    return {};
}

const QString kCustom = QStringLiteral("custom:");
const QString kBuiltIn = QStringLiteral("builtin:");
const QString kSaved = QStringLiteral("saved:");

} // namespace

ImportMappingPage::ImportMappingPage(ImportSession &session, QWidget *parent)
    : QWizardPage(parent)
    , m_session(session)
    , m_preset(new QComboBox(this))
    , m_table(new QTableWidget(this))
    , m_hint(new QLabel(this))
{
    setObjectName(QStringLiteral("importMappingPage"));
    setTitle(tr("Map the columns"));
    setSubTitle(tr("What each column of the file becomes in Rapport. Columns set to “(ignore)” are left out."));

    m_preset->setObjectName(QStringLiteral("presetComboBox"));
    m_preset->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto *presetLabel = new QLabel(tr("&Preset:"), this);
    presetLabel->setBuddy(m_preset);
    auto *save = new QPushButton(tr("&Save as Preset…"), this);
    save->setObjectName(QStringLiteral("savePresetButton"));
    auto *top = new QHBoxLayout;
    top->addWidget(presetLabel);
    top->addWidget(m_preset);
    top->addStretch(1);
    top->addWidget(save);

    m_table->setObjectName(QStringLiteral("mappingTableWidget"));
    m_table->setColumnCount(TableColumnCount);
    m_table->setHorizontalHeaderLabels(
        { tr("Column in the file"), tr("First values"), tr("Becomes"), tr("Label or network") });
    m_table->verticalHeader()->setVisible(false);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_table->horizontalHeader()->setStretchLastSection(true);
    const int ch = fontMetrics().averageCharWidth();
    m_table->setColumnWidth(ColumnName, 24 * ch);
    m_table->setColumnWidth(Sample, 32 * ch);
    m_table->setColumnWidth(Field, 27 * ch);

    m_hint->setObjectName(QStringLiteral("mappingHintLabel"));
    ImportWizard::styleAsError(m_hint);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_hint);

    connect(m_preset, &QComboBox::currentIndexChanged, this, &ImportMappingPage::presetChosen);
    connect(save, &QPushButton::clicked, this, &ImportMappingPage::saveAsPreset);
}

void ImportMappingPage::initializePage()
{
    fillPresets();
    fillTable();
    updateHint();
}

bool ImportMappingPage::isComplete() const
{
    return m_session.mapping.mapsAnyName();
}

void ImportMappingPage::fillPresets()
{
    m_filling = true;
    m_preset->clear();
    const QStringList header = m_session.firstLook.header;
    const QString detected = ImportPresets::detect(header);
    m_preset->addItem(tr("By column names"), kBuiltIn);
    for (const ImportPresets::Preset &p : ImportPresets::builtIn())
        m_preset->addItem(p.key == detected ? tr("%1 (recognised)").arg(p.name) : p.name, QString(kBuiltIn + p.key));
    for (const QString &name : ImportPresets::savedNames())
        m_preset->addItem(name, QString(kSaved + name));
    const QString &preset = m_session.mapping.preset;
    int at = m_preset->findData(QString(kSaved + preset));
    if (at < 0) {
        at = m_preset->findData(QString(kBuiltIn + preset));
        // Changed by hand since: say so rather than name a preset it no longer is.
        if (at >= 0 && m_session.mapping.targets != ImportPresets::mapping(preset, header).targets)
            at = -1;
    }
    if (at < 0) {
        m_preset->insertItem(0, tr("Your own mapping"), kCustom);
        at = 0;
    }
    m_preset->setCurrentIndex(qMax(0, at));
    m_filling = false;
}

void ImportMappingPage::fillTable()
{
    m_filling = true;
    const ColumnMapping &mapping = m_session.mapping;
    const QList<QStringList> &rows = m_session.firstLook.rawRows;
    m_table->setRowCount(int(mapping.header.size()));
    const QList<ImportFieldInfo> fields = ImportFields::all();
    for (int column = 0; column < mapping.header.size(); ++column) {
        auto *name = new QTableWidgetItem(mapping.header.at(column));
        m_table->setItem(column, ColumnName, name);
        QStringList values;
        for (const QStringList &row : rows) {
            const QString v = row.value(column).simplified();
            if (!v.isEmpty() && !values.contains(v))
                values.append(v);
            if (values.size() == kSampleValues)
                break;
        }
        auto *sample = new QTableWidgetItem(values.join(QStringLiteral(" · ")));
        sample->setToolTip(values.join(u'\n'));
        sample->setForeground(palette().color(QPalette::PlaceholderText));
        m_table->setItem(column, Sample, sample);

        auto *field = qobject_cast<QComboBox *>(m_table->cellWidget(column, Field));
        if (!field) {
            field = new QComboBox(m_table);
            field->setObjectName(QStringLiteral("fieldComboBox"));
            field->setAccessibleName(tr("Field for the column “%1”").arg(mapping.header.at(column)));
            for (const ImportFieldInfo &info : fields)
                field->addItem(info.label, info.key);
            m_table->setCellWidget(column, Field, field);
            connect(field, &QComboBox::currentIndexChanged, this, [this, column] { fieldChosen(column); });
        }
        field->setCurrentIndex(field->findData(ImportFields::key(mapping.target(column).field)));
        fillDetail(column);
    }
    m_filling = false;
}

void ImportMappingPage::fillDetail(int column)
{
    // A combo only where a label or a network applies (the view shows every cell widget it has).
    const ColumnTarget target = m_session.mapping.target(column);
    const QList<std::pair<QString, QString>> choices = detailChoices(target.field);
    auto *detail = qobject_cast<QComboBox *>(m_table->cellWidget(column, Detail));
    if (choices.isEmpty()) {
        if (detail)
            m_table->removeCellWidget(column, Detail);
        return;
    }
    const bool filling = std::exchange(m_filling, true);
    if (!detail) {
        detail = new QComboBox(m_table);
        detail->setObjectName(QStringLiteral("detailComboBox"));
        detail->setAccessibleName(tr("Label or network"));
        m_table->setCellWidget(column, Detail, detail);
        connect(detail, &QComboBox::currentIndexChanged, this, [this, column] { detailChosen(column); });
    }
    detail->clear();
    for (const auto &[key, label] : choices)
        detail->addItem(label, key);
    const int at = detail->findData(target.option);
    detail->setCurrentIndex(at >= 0 ? at : 0);
    m_filling = filling;
}

void ImportMappingPage::presetChosen()
{
    if (m_filling)
        return;
    const QString data = m_preset->currentData().toString();
    const QStringList &header = m_session.firstLook.header;
    if (data.startsWith(kBuiltIn)) {
        m_session.mapping = ImportPresets::mapping(data.mid(kBuiltIn.size()), header);
    } else if (data.startsWith(kSaved)) {
        Result<ColumnMapping> loaded = ImportPresets::load(data.mid(kSaved.size()), header);
        if (!loaded) {
            MessageBox::critical(this, tr("Preset not loaded"), loaded.error().message);
            return;
        }
        m_session.mapping = *loaded;
    } else {
        return; // "your own mapping": what the table shows
    }
    if (const int custom = m_preset->findData(kCustom); custom >= 0) {
        m_filling = true;
        m_preset->removeItem(custom);
        m_filling = false;
    }
    fillTable();
    updateHint();
}

void ImportMappingPage::fieldChosen(int column)
{
    if (m_filling)
        return;
    auto *combo = qobject_cast<QComboBox *>(m_table->cellWidget(column, Field));
    const auto field = ImportFields::fromKey(combo->currentData().toString());
    ColumnMapping &mapping = m_session.mapping;
    if (!field || column >= mapping.targets.size())
        return;
    const QList<std::pair<QString, QString>> details = detailChoices(*field);
    ColumnTarget &target = mapping.targets[column];
    const bool sameKind = (target.field == ImportField::Email || target.field == ImportField::Phone)
        == (*field == ImportField::Email || *field == ImportField::Phone);
    target.field = *field;
    if (!sameKind || *field == ImportField::Handle)
        target.option = details.isEmpty() ? QString() : details.first().first;
    if (details.isEmpty())
        target.option.clear();
    fillDetail(column);
    if (m_preset->findData(kCustom) < 0) {
        m_filling = true;
        m_preset->insertItem(0, tr("Your own mapping"), kCustom);
        m_preset->setCurrentIndex(0);
        m_filling = false;
    }
    mapping.preset.clear();
    updateHint();
}

void ImportMappingPage::detailChosen(int column)
{
    if (m_filling)
        return;
    auto *combo = qobject_cast<QComboBox *>(m_table->cellWidget(column, Detail));
    if (combo && column < m_session.mapping.targets.size())
        m_session.mapping.targets[column].option = combo->currentData().toString();
}

void ImportMappingPage::updateHint()
{
    const bool ok = m_session.mapping.mapsAnyName();
    m_hint->setText(ok ? QString()
                       : tr("No column is mapped to a name yet: map one to First name, Last name or Full name."));
    m_hint->setVisible(!ok);
    Q_EMIT completeChanged();
}

void ImportMappingPage::saveAsPreset()
{
    auto *dialog = new QInputDialog(this);
    dialog->setObjectName(QStringLiteral("presetNameInputDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Save as Preset"));
    dialog->setLabelText(tr("Name of the preset, for the next file with these columns:"));
    dialog->setTextValue(m_session.mapping.preset);
    connect(dialog, &QInputDialog::textValueSelected, this, [this](const QString &text) {
        const QString name = text.trimmed();
        if (name.isEmpty())
            return;
        if (Status s = ImportPresets::save(name, m_session.mapping); !s) {
            MessageBox::critical(this, tr("Preset not saved"), s.error().message);
            return;
        }
        m_session.mapping.preset = name;
        fillPresets();
        m_filling = true;
        m_preset->setCurrentIndex(m_preset->findData(QString(kSaved + name)));
        m_filling = false;
    });
    dialog->open();
}
