#pragma once

#include "storage/coveragerepository.h"

#include <QDialog>
#include <QHash>

class Database;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;

// Adds or edits one coverage row. Save writes through CoverageRepository and stays open with the error next
// to its field when it cannot be saved (not a web address, the same article recorded already, a missing
// headline); on success it emits saved() and closes. Open it with open() (window-modal, no nested event
// loop). The pitch, author and outlet are chosen from the campaign's media list; choosing a pitch fills the
// author and outlet that are still empty.
class CoverageDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CoverageDialog)

public:
    // `row` is the coverage as listed (its id 0 for new coverage, with campaignId set).
    CoverageDialog(Database &db, const CoverageRepository::Row &row, QWidget *parent = nullptr);
    ~CoverageDialog() override;

    void accept() override;

Q_SIGNALS:
    // `before` is the row as it was (id 0 when new); `after` as saved; the pitch's status before it was linked.
    void saved(const Coverage &before, const Coverage &after, const QString &pitchStatusBefore);

private:
    void showError(const QString &field, const QString &message);
    void onPitchChosen();
    static void selectData(QComboBox *box, qint64 id, const QString &name);

    Database &m_db;
    Coverage m_before;
    QList<CoverageRepository::PitchChoice> m_pitches;
    QLineEdit *m_headline = nullptr;
    QLineEdit *m_url = nullptr;
    QComboBox *m_pitch = nullptr;
    QComboBox *m_author = nullptr;
    QComboBox *m_outlet = nullptr;
    QDateEdit *m_date = nullptr;
    QLineEdit *m_reach = nullptr;
    QComboBox *m_sentiment = nullptr;
    QLabel *m_general = nullptr;
    QHash<QString, QLabel *> m_errors;
};
