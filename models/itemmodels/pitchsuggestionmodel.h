#pragma once

#include "storage/pitchsuggestions.h"

#include <QAbstractTableModel>
#include <QIcon>

// The who-to-pitch list of a campaign (PitchSuggestions::find(), best first): one row per person with the
// score, the name (marked with an amber sign and a tooltip when no consent is recorded), the outlet and the
// reasons in words. The rows are read elsewhere (on a
// worker) and handed in with setRows(), which applies the difference by contact (removes, moves, inserts,
// dataChanged), so a refresh after people were added to the media list removes exactly their rows and the
// selection of the others stays.
class PitchSuggestionModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PitchSuggestionModel)

public:
    enum Column { ScoreColumn, NameColumn, OutletColumn, ReasonsColumn, ColumnCount };
    Q_ENUM(Column)
    enum Role {
        ContactIdRole = Qt::UserRole, // qint64
        ScoreRole, // int
        HasConsentRole, // bool
    };
    Q_ENUM(Role)

    explicit PitchSuggestionModel(QObject *parent = nullptr);
    ~PitchSuggestionModel() override;

    void setRows(const QList<PitchSuggestion> &rows);
    const QList<PitchSuggestion> &rows() const { return m_rows; }
    int rowOf(qint64 contactId) const;
    // The sign beside the name of someone without recorded consent.
    static QIcon noConsentIcon();
    // The reasons with the points each added or took away, one per line ("+30 covers consumer tech").
    static QString breakdown(const PitchSuggestion &s);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<PitchSuggestion> m_rows;
};
