#pragma once

#include <QLineEdit>

class QStringListModel;

// A line of comma-separated tags (or beats) with completion of the word being typed from the names
// already in use.
class TagsEdit final : public QLineEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TagsEdit)

public:
    explicit TagsEdit(QWidget *parent = nullptr);

    void setKnownTags(const QStringList &names);
    void setTags(const QStringList &tags);
    // The tags typed, trimmed, without empties or duplicates (case-insensitive), in order.
    QStringList tags() const;

private:
    void insertCompletion(const QString &completion);
    void updateCompletionPrefix();

    QStringListModel *m_known = nullptr;
};
