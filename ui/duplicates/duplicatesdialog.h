#pragma once

#include "domain/contact.h"
#include "storage/duplicaterepository.h"

#include <QDialog>

class ContactsView;
class DuplicateFinder;
class QAction;
class QLabel;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QTableWidget;
class QTreeView;
class DuplicatePairModel;

// "Find duplicates": lists the likely duplicate pairs (a DuplicatePairModel in a QTreeView)
// (DuplicateRepository::findPairs, computed on a worker thread by DuplicateFinder) with the reason, shows the selected
// pair side by side, and merges it into the contact chosen to keep (by default the more complete or the older one).
// Each merge is one undo command on the contacts' undo stack (MergeContactsCommand); Ctrl+Z works inside the dialog
// too, and the list is searched again after an undo or redo.
class DuplicatesDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DuplicatesDialog)

public:
    explicit DuplicatesDialog(ContactsView *view);
    ~DuplicatesDialog() override;

    // The Contact menu's "Find Duplicates…" action (findDuplicatesAction): opens the dialog window-modal.
    static QAction *createAction(ContactsView *view);
    // Opens the dialog window-modal with the pair of these two contacts picked once the search lists it
    // (the profile's "Merge…" on a shared email or handle).
    static DuplicatesDialog *openForPair(ContactsView *view, qint64 firstId, qint64 secondId);

    int pairCount() const;

public Q_SLOTS:
    void searchAgain();
    void mergeSelected();

Q_SIGNALS:
    // The search finished and its pairs are listed.
    void pairsShown(int count);
    void contactsMerged(qint64 keptId, qint64 otherId);

private:
    void showPairs(const QList<DuplicatePair> &pairs, qint64 elapsedMs, const QString &error);
    void showComparison();

    ContactsView *m_view;
    DuplicateFinder *m_finder;
    QLabel *m_status;
    QProgressBar *m_progress;
    DuplicatePairModel *m_model;
    QTreeView *m_pairs;
    QTableWidget *m_comparison;
    QRadioButton *m_keepFirst;
    QRadioButton *m_keepSecond;
    QPushButton *m_merge;
    QPushButton *m_searchAgain;
    Contact m_first;
    Contact m_second;
    bool m_pushing = false;
    bool m_filling = false; // the list is changing: show the comparison once, after
    std::pair<qint64, qint64> m_wantedPair { 0, 0 }; // openForPair(): pick this pair when it is listed
};
