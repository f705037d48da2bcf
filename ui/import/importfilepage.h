#pragma once

#include <QWizardPage>

struct ImportSession;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTableWidget;
class QTimer;

// Page 1 of the import wizard: the file, and how it is read. The format (CSV or vCard), the encoding and, for
// CSV, the delimiter and the row holding the column names are detected from the file and shown; changing one
// reads the first rows again with it. A file that cannot be read says why, naming the line.
class ImportFilePage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportFilePage)

public:
    ImportFilePage(ImportSession &session, QWidget *parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;
    int nextId() const override;

private:
    void browse();
    void pathChanged();
    void optionChanged();
    void readFirstLook();
    void showContents();

    ImportSession &m_session;
    QLineEdit *m_path;
    QComboBox *m_format;
    QComboBox *m_encoding;
    QComboBox *m_delimiter;
    QSpinBox *m_headerRow;
    QLabel *m_headerRowLabel;
    QLabel *m_delimiterLabel;
    QLabel *m_detected;
    QLabel *m_error;
    QTableWidget *m_sample;
    QTimer *m_typing;
    bool m_ok = false;
    bool m_filling = false; // the page sets its own fields: no re-read
};
