#pragma once

#include <QDialog>

class Database;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class ReportJob;

// File → Report…: a client report for a client or a campaign and a period, with the agency's name; Preview
// shows its pages (QPrintPreviewDialog), Save PDF… writes it off the GUI thread (ReportJob) with a progress bar
// and Cancel (Esc cancels too). Not modal in the event-loop sense: it opens with open() and every step answers
// through signals.
class ReportDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReportDialog)

public:
    explicit ReportDialog(Database &db, QWidget *parent = nullptr);

    // Starts writing the report as the dialog is filled in; the status line says how it went, and
    // reportFinished() when it is done.
    void saveTo(const QString &path);
    void cancelSave();
    bool isSaving() const;
    void preview();
    QString statusText() const;

Q_SIGNALS:
    void reportFinished(bool ok);

protected:
    void reject() override;

private:
    void save();

    Database &m_db;
    QRadioButton *m_forClient = nullptr;
    QRadioButton *m_forCampaign = nullptr;
    QComboBox *m_client = nullptr;
    QComboBox *m_campaign = nullptr;
    QDateEdit *m_from = nullptr;
    QDateEdit *m_to = nullptr;
    QLineEdit *m_agency = nullptr;
    QLabel *m_status = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_preview = nullptr;
    ReportJob *m_job = nullptr;
};
