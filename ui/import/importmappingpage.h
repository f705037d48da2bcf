#pragma once

#include <QWizardPage>

struct ImportSession;
class QComboBox;
class QLabel;
class QTableWidget;

// Page 2 of the import wizard (CSV only): what each column of the file becomes. The preset recognised from the
// header is chosen at once (Google Contacts, Outlook, Rapport's own columns, or one saved before); each column
// can be mapped to another field or ignored, with the label of an email or phone or the network of a handle;
// "Save as Preset…" keeps the mapping under a name for the next file with these columns.
class ImportMappingPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportMappingPage)

public:
    ImportMappingPage(ImportSession &session, QWidget *parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;

private:
    void fillPresets();
    void fillTable();
    void presetChosen();
    void fieldChosen(int column);
    void detailChosen(int column);
    void fillDetail(int column);
    void saveAsPreset();
    void updateHint();

    ImportSession &m_session;
    QComboBox *m_preset;
    QTableWidget *m_table;
    QLabel *m_hint;
    bool m_filling = false;
};
