#include "importfilepage.h"

#include "common/filedialog.h"
#include "import/importsession.h"
#include "import/importwizard.h"

#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace {

constexpr int kFirstLook = 50; // records read to show the file and map its columns
constexpr int kSampleRows = 5;

const TextEncoding kEncodings[]
    = { TextEncoding::Utf8, TextEncoding::Utf16LE, TextEncoding::Utf16BE, TextEncoding::Windows1252 };

} // namespace

ImportFilePage::ImportFilePage(ImportSession &session, QWidget *parent)
    : QWizardPage(parent)
    , m_session(session)
    , m_path(new QLineEdit(this))
    , m_format(new QComboBox(this))
    , m_encoding(new QComboBox(this))
    , m_delimiter(new QComboBox(this))
    , m_headerRow(new QSpinBox(this))
    , m_detected(new QLabel(this))
    , m_error(new QLabel(this))
    , m_sample(new QTableWidget(this))
    , m_typing(new QTimer(this))
{
    setObjectName(QStringLiteral("importFilePage"));
    setTitle(tr("Choose a file"));
    setSubTitle(tr("A CSV file (Google Contacts, Outlook, a spreadsheet) or vCards (.vcf). You can also drop the "
                   "file on Rapport's window."));

    m_path->setObjectName(QStringLiteral("fileLineEdit"));
    m_path->setPlaceholderText(tr("Path of a .csv or .vcf file"));
    m_path->setClearButtonEnabled(true);
    auto *browse = new QPushButton(tr("&Browse…"), this);
    browse->setObjectName(QStringLiteral("browseButton"));
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);

    m_format->setObjectName(QStringLiteral("formatComboBox"));
    m_format->addItem(tr("CSV (comma-separated values)"), ImportFile::formatKey(ImportFile::Format::Csv));
    m_format->addItem(tr("vCard"), ImportFile::formatKey(ImportFile::Format::VCard));
    m_encoding->setObjectName(QStringLiteral("encodingComboBox"));
    for (TextEncoding e : kEncodings)
        m_encoding->addItem(e == TextEncoding::Windows1252 ? tr("Windows-1252 (Western, Latin-1)")
                                                           : TextEncodings::displayName(e),
            TextEncodings::key(e));
    m_delimiter->setObjectName(QStringLiteral("delimiterComboBox"));
    m_delimiter->addItem(tr("Comma ( , )"), QStringLiteral(","));
    m_delimiter->addItem(tr("Semicolon ( ; )"), QStringLiteral(";"));
    m_delimiter->addItem(tr("Tab"), QStringLiteral("\t"));
    m_delimiter->addItem(tr("Vertical bar ( | )"), QStringLiteral("|"));
    m_headerRow->setObjectName(QStringLiteral("headerRowSpinBox"));
    m_headerRow->setRange(0, 20);
    m_headerRow->setValue(1);
    m_headerRow->setSpecialValueText(tr("none"));
    m_headerRow->setToolTip(tr("The row that holds the column names; “none” when the first row is already a "
                               "contact"));

    auto *form = new QFormLayout;
    auto *pathLabel = new QLabel(tr("&File:"), this);
    pathLabel->setBuddy(m_path);
    form->addRow(pathLabel, pathRow);
    form->addRow(tr("F&ormat:"), m_format);
    form->addRow(tr("&Encoding:"), m_encoding);
    m_delimiterLabel = new QLabel(tr("&Delimiter:"), this);
    m_delimiterLabel->setBuddy(m_delimiter);
    form->addRow(m_delimiterLabel, m_delimiter);
    m_headerRowLabel = new QLabel(tr("Column &names in row:"), this);
    m_headerRowLabel->setBuddy(m_headerRow);
    form->addRow(m_headerRowLabel, m_headerRow);

    m_detected->setObjectName(QStringLiteral("detectedLabel"));
    m_detected->setWordWrap(true);
    m_error->setObjectName(QStringLiteral("fileErrorLabel"));
    ImportWizard::styleAsError(m_error);

    m_sample->setObjectName(QStringLiteral("sampleTableWidget"));
    m_sample->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_sample->setSelectionMode(QAbstractItemView::NoSelection);
    m_sample->setFocusPolicy(Qt::NoFocus);
    m_sample->verticalHeader()->setVisible(false);
    m_sample->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_sample->setWordWrap(false);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_detected);
    layout->addWidget(m_error);
    layout->addWidget(m_sample, 1);

    m_typing->setSingleShot(true);
    m_typing->setInterval(250);
    connect(m_typing, &QTimer::timeout, this, &ImportFilePage::readFirstLook);
    connect(m_path, &QLineEdit::textChanged, this, &ImportFilePage::pathChanged);
    connect(m_path, &QLineEdit::returnPressed, this, [this] {
        if (m_typing->isActive()) {
            m_typing->stop();
            readFirstLook();
        }
    });
    connect(browse, &QPushButton::clicked, this, &ImportFilePage::browse);
    for (QComboBox *combo : { m_format, m_encoding, m_delimiter })
        connect(combo, &QComboBox::currentIndexChanged, this, &ImportFilePage::optionChanged);
    connect(m_headerRow, &QSpinBox::valueChanged, this, &ImportFilePage::optionChanged);
}

void ImportFilePage::initializePage()
{
    if (m_path->text() != m_session.path) {
        m_filling = true;
        m_path->setText(QDir::toNativeSeparators(m_session.path));
        m_filling = false;
        m_typing->stop();
        readFirstLook();
    }
}

bool ImportFilePage::isComplete() const
{
    return m_ok && !m_typing->isActive();
}

int ImportFilePage::nextId() const
{
    return m_session.format() == ImportFile::Format::Csv ? ImportWizard::MappingPage : ImportWizard::PreviewPage;
}

void ImportFilePage::browse()
{
    const QString start = m_session.path.isEmpty() ? QDir::homePath() : QFileInfo(m_session.path).absolutePath();
    FileDialog::getOpenFileName(this, tr("Import Contacts"), start,
        tr("Contacts (*.csv *.tsv *.txt *.vcf *.vcard);;All files (*)"), [this](const QString &path) {
            m_path->setText(QDir::toNativeSeparators(path));
            m_typing->stop();
            readFirstLook();
        });
}

void ImportFilePage::pathChanged()
{
    if (m_filling)
        return;
    // A new file: everything is detected again.
    m_session.options = ImportFile::Options();
    m_ok = false;
    m_typing->start();
    Q_EMIT completeChanged();
}

void ImportFilePage::optionChanged()
{
    if (m_filling || m_session.path.isEmpty())
        return;
    ImportFile::Options &o = m_session.options;
    o.format = ImportFile::formatFromKey(m_format->currentData().toString());
    o.encoding = TextEncodings::fromKey(m_encoding->currentData().toString());
    if (o.format == ImportFile::Format::Csv) {
        o.delimiter = m_delimiter->currentData().toString().at(0);
        o.headerRow = m_headerRow->value();
    }
    readFirstLook();
}

void ImportFilePage::readFirstLook()
{
    m_session.path = QDir::fromNativeSeparators(m_path->text().trimmed());
    m_ok = false;
    m_error->hide();
    m_detected->clear();
    m_sample->clear();
    m_sample->setRowCount(0);
    m_sample->setColumnCount(0);
    if (m_session.path.isEmpty()) {
        Q_EMIT completeChanged();
        return;
    }
    ImportFile::Options o = m_session.options;
    o.maxRecords = kFirstLook;
    o.requireName = false;
    Result<ImportFile::Contents> contents = ImportFile::read(m_session.path, o);
    if (!contents) {
        m_error->setText(contents.error().message);
        m_error->show();
        m_session.firstLook = ImportFile::Contents();
        m_session.firstLook.format = o.format.value_or(ImportFile::Format::Csv);
        Q_EMIT completeChanged();
        return;
    }
    const bool newHeader = contents->header != m_session.firstLook.header
        || contents->format != m_session.firstLook.format || m_session.mapping.header.isEmpty();
    m_session.firstLook = std::move(contents).value();
    if (newHeader)
        m_session.mapping = m_session.firstLook.mapping; // the preset recognised from the header
    m_ok = !m_session.firstLook.records.isEmpty();
    if (!m_ok) {
        m_error->setText(tr("The file holds no contacts."));
        m_error->show();
    }
    showContents();
    Q_EMIT completeChanged();
}

void ImportFilePage::showContents()
{
    const ImportFile::Contents &c = m_session.firstLook;
    const bool csv = c.format == ImportFile::Format::Csv;
    m_filling = true;
    m_format->setCurrentIndex(m_format->findData(ImportFile::formatKey(c.format)));
    m_encoding->setCurrentIndex(m_encoding->findData(TextEncodings::key(c.encoding)));
    if (csv) {
        m_delimiter->setCurrentIndex(m_delimiter->findData(QString(c.delimiter)));
        m_headerRow->setValue(m_session.options.headerRow);
    }
    m_filling = false;
    for (QWidget *w : { static_cast<QWidget *>(m_delimiter), static_cast<QWidget *>(m_delimiterLabel),
             static_cast<QWidget *>(m_headerRow), static_cast<QWidget *>(m_headerRowLabel) })
        w->setVisible(csv);

    QStringList facts;
    if (!c.description.isEmpty())
        facts.append(tr("Recognised: %1.").arg(c.description));
    facts.append(m_session.options.encoding ? tr("Encoding chosen by you.")
            : c.byteOrderMark                ? tr("Encoding detected from the byte-order mark.")
                                             : tr("Encoding detected from the text."));
    if (!c.complete)
        facts.append(tr("The first %L1 contacts are shown; the whole file is read while importing.")
                         .arg(c.records.size()));
    m_detected->setText(facts.join(u' '));

    // The first rows as the file has them (CSV) or the people found (vCard), to judge the settings above.
    if (csv) {
        m_sample->setColumnCount(int(c.header.size()));
        m_sample->setHorizontalHeaderLabels(c.header);
        const int rows = int(qMin<qsizetype>(kSampleRows, c.rawRows.size()));
        m_sample->setRowCount(rows);
        for (int r = 0; r < rows; ++r)
            for (int col = 0; col < c.header.size(); ++col)
                m_sample->setItem(r, col, new QTableWidgetItem(c.rawRows.at(r).value(col)));
    } else {
        m_sample->setColumnCount(2);
        m_sample->setHorizontalHeaderLabels({ tr("Name"), tr("Organization") });
        const int rows = int(qMin<qsizetype>(kSampleRows, c.records.size()));
        m_sample->setRowCount(rows);
        for (int r = 0; r < rows; ++r) {
            const Contact &contact = c.records.at(r).contact;
            m_sample->setItem(r, 0, new QTableWidgetItem(contact.displayName));
            m_sample->setItem(r, 1, new QTableWidgetItem(contact.organizationName));
        }
    }
    m_sample->resizeColumnsToContents();
    for (int col = 0; col < m_sample->columnCount(); ++col)
        m_sample->setColumnWidth(col, qMin(m_sample->columnWidth(col), fontMetrics().averageCharWidth() * 30));
}
