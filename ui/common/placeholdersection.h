#pragma once

#include <QWidget>

class QIcon;

// The page of a section that is not built yet: its name, an honest "not built yet", and one sentence on
// what it will do. No fake data.
class PlaceholderSection final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PlaceholderSection)

public:
    PlaceholderSection(const QIcon &icon, const QString &title, const QString &description, QWidget *parent = nullptr);
    ~PlaceholderSection() override;

    QString title() const;
    QString description() const;

private:
    QString m_title;
    QString m_description;
};
