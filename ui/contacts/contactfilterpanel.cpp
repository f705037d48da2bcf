#include "contactfilterpanel.h"

#include "domain/contact.h"
#include "itemmodels/contactlistmodel.h"
#include "storage/contactlistquery.h"
#include "storage/organizationrepository.h"
#include "storage/userrepository.h"

#include <QComboBox>
#include <QCompleter>
#include <QFormLayout>
#include <QKeyEvent>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QStringListModel>
#include <QVBoxLayout>

namespace {

// Completes the last of several comma-separated values ("media, ret" → "media, retail").
class ListCompleter final : public QCompleter
{
public:
    ListCompleter(QAbstractItemModel *model, QObject *parent)
        : QCompleter(model, parent)
    {
        setCaseSensitivity(Qt::CaseInsensitive);
        setFilterMode(Qt::MatchContains);
    }

    QStringList splitPath(const QString &path) const override
    {
        return { path.section(u',', -1).trimmed() };
    }

    QString pathFromIndex(const QModelIndex &index) const override
    {
        const auto *edit = qobject_cast<const QLineEdit *>(widget());
        const QString text = edit ? edit->text() : QString();
        const qsizetype comma = text.lastIndexOf(u',');
        const QString value = QCompleter::pathFromIndex(index);
        return comma < 0 ? value : text.left(comma + 1) + u' ' + value;
    }
};

QStringList splitList(const QString &text)
{
    QStringList values;
    for (const QString &part : text.split(u',', Qt::SkipEmptyParts))
        if (const QString v = part.trimmed(); !v.isEmpty() && !values.contains(v, Qt::CaseInsensitive))
            values << v;
    return values;
}

} // namespace

ContactFilterPanel::ContactFilterPanel(Database &db, QWidget *parent)
    : QFrame(parent, Qt::Popup)
    , m_db(db)
    , m_tagNames(new QStringListModel(this))
    , m_outletNames(new QStringListModel(this))
    , m_countries(new QStringListModel(this))
    , m_cities(new QStringListModel(this))
{
    setObjectName(QStringLiteral("contactFilterPanel"));
    setFrameShape(QFrame::StyledPanel);
    setAccessibleName(tr("Contact filters"));

    m_kinds = new QListWidget(this);
    m_kinds->setObjectName(QStringLiteral("kindListWidget"));
    m_kinds->setAccessibleName(tr("Kinds"));
    for (const QString &kind : Contact::kinds()) {
        auto *item = new QListWidgetItem(ContactListModel::kindLabel(kind), m_kinds);
        item->setData(Qt::UserRole, kind);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
    // Every kind visible at once: eight short lines, no scrolling for a choice this small.
    m_kinds->setFixedHeight(m_kinds->sizeHintForRow(0) * m_kinds->count() + 2 * m_kinds->frameWidth() + 2);
    connect(m_kinds, &QListWidget::itemChanged, this, [this] {
        if (!m_settingFilter)
            Q_EMIT filterEdited();
    });

    auto lineEdit = [this](const char *name, const QString &accessible, const QString &placeholder,
                        QStringListModel *choices, bool list) {
        auto *edit = new QLineEdit(this);
        edit->setObjectName(QString::fromLatin1(name));
        edit->setAccessibleName(accessible);
        edit->setPlaceholderText(placeholder);
        edit->setClearButtonEnabled(true);
        QCompleter *completer = list ? new ListCompleter(choices, edit) : new QCompleter(choices, edit);
        completer->setCaseSensitivity(Qt::CaseInsensitive);
        completer->setFilterMode(Qt::MatchContains);
        edit->setCompleter(completer);
        connect(edit, &QLineEdit::editingFinished, this, [this] {
            if (!m_settingFilter)
                Q_EMIT filterEdited();
        });
        return edit;
    };
    m_tags = lineEdit("tagsLineEdit", tr("Beats and tags"), tr("e.g. retail, consumer tech"), m_tagNames, true);
    m_outlets = lineEdit("outletLineEdit", tr("Outlets"), tr("Type an outlet's name"), m_outletNames, true);
    connect(m_outlets, &QLineEdit::textEdited, this, &ContactFilterPanel::updateOutletCompletions);
    m_country = lineEdit("countryLineEdit", tr("Country"), tr("Any country"), m_countries, false);
    m_city = lineEdit("cityLineEdit", tr("City"), tr("Any city"), m_cities, false);

    m_owner = new QComboBox(this);
    m_owner->setObjectName(QStringLiteral("ownerComboBox"));
    m_owner->setAccessibleName(tr("Owner"));
    m_owner->addItem(tr("Anyone"), qint64(0));

    m_doNotContact = new QComboBox(this);
    m_doNotContact->setObjectName(QStringLiteral("doNotContactComboBox"));
    m_doNotContact->setAccessibleName(tr("Do not contact"));
    m_doNotContact->addItem(tr("Everyone"), int(ContactFilter::DoNotContact::Any));
    m_doNotContact->addItem(tr("Only “do not contact”"), int(ContactFilter::DoNotContact::Only));
    m_doNotContact->addItem(tr("Leave out “do not contact”"), int(ContactFilter::DoNotContact::Exclude));

    m_notContacted = new QSpinBox(this);
    m_notContacted->setObjectName(QStringLiteral("notContactedSpinBox"));
    m_notContacted->setAccessibleName(tr("Not contacted in days"));
    m_notContacted->setRange(0, 3650);
    m_notContacted->setSingleStep(30);
    m_notContacted->setSpecialValueText(tr("Off"));
    m_notContacted->setSuffix(tr(" days"));
    for (QComboBox *combo : { m_owner, m_doNotContact })
        connect(combo, &QComboBox::currentIndexChanged, this, [this] {
            if (!m_settingFilter)
                Q_EMIT filterEdited();
        });
    connect(m_notContacted, &QSpinBox::valueChanged, this, [this] {
        if (!m_settingFilter)
            Q_EMIT filterEdited();
    });

    m_clear = new QPushButton(tr("C&lear filters"), this);
    m_clear->setObjectName(QStringLiteral("clearFiltersPushButton"));
    connect(m_clear, &QPushButton::clicked, this, &ContactFilterPanel::clearRequested);

    auto *form = new QFormLayout;
    form->addRow(tr("&Kind:"), m_kinds);
    form->addRow(tr("&Beats, tags:"), m_tags);
    form->addRow(tr("O&utlet:"), m_outlets);
    form->addRow(tr("O&wner:"), m_owner);
    form->addRow(tr("Cou&ntry:"), m_country);
    form->addRow(tr("C&ity:"), m_city);
    form->addRow(tr("&Do not contact:"), m_doNotContact);
    form->addRow(tr("Not contacted &in:"), m_notContacted);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_clear, 0, Qt::AlignRight);
    setMinimumWidth(fontMetrics().averageCharWidth() * 48);
}

void ContactFilterPanel::loadChoices()
{
    ContactListQuery query(m_db);
    if (Result<QStringList> tags = query.tagNames())
        m_tagNames->setStringList(*tags);
    if (Result<QStringList> countries = query.countries())
        m_countries->setStringList(*countries);
    if (Result<QStringList> cities = query.cities())
        m_cities->setStringList(*cities);
    const qint64 selected = m_owner->currentData().toLongLong();
    const QSignalBlocker blocker(m_owner);
    while (m_owner->count() > 1)
        m_owner->removeItem(1);
    if (Result<QList<User>> users = UserRepository(m_db).all())
        for (const User &u : std::as_const(*users))
            m_owner->addItem(u.name, u.id);
    m_owner->setCurrentIndex(qMax(0, m_owner->findData(selected)));
}

void ContactFilterPanel::updateOutletCompletions(const QString &text)
{
    const QString prefix = text.section(u',', -1).trimmed();
    if (prefix.isEmpty())
        return;
    QStringList names;
    if (auto hits = OrganizationRepository(m_db).findByName(prefix, 20))
        for (const auto &hit : std::as_const(*hits))
            if (!names.contains(hit.name))
                names << hit.name;
    m_outletNames->setStringList(names);
}

QList<qint64> ContactFilterPanel::outletIds() const
{
    QList<qint64> ids;
    OrganizationRepository organizations(m_db);
    for (const QString &name : splitList(m_outlets->text()))
        if (Result<qint64> id = organizations.idByName(name); id && *id > 0 && !ids.contains(*id))
            ids << *id;
    return ids;
}

void ContactFilterPanel::setFilter(const ContactFilter &filter)
{
    m_settingFilter = true;
    for (int i = 0; i < m_kinds->count(); ++i) {
        QListWidgetItem *item = m_kinds->item(i);
        item->setCheckState(filter.kinds.contains(item->data(Qt::UserRole).toString()) ? Qt::Checked : Qt::Unchecked);
    }
    m_tags->setText(filter.tags.join(QStringLiteral(", ")));
    QStringList outlets;
    OrganizationRepository organizations(m_db);
    for (qint64 id : filter.outletIds)
        if (Result<Organization> o = organizations.get(id))
            outlets << o->name;
    m_outlets->setText(outlets.join(QStringLiteral(", ")));
    const qint64 owner = filter.ownerIds.value(0);
    if (owner > 0 && m_owner->findData(owner) < 0)
        loadChoices();
    m_owner->setCurrentIndex(qMax(0, m_owner->findData(owner)));
    m_country->setText(filter.country);
    m_city->setText(filter.city);
    m_doNotContact->setCurrentIndex(qMax(0, m_doNotContact->findData(int(filter.doNotContact))));
    m_notContacted->setValue(filter.notContactedInDays);
    m_settingFilter = false;
}

ContactFilter ContactFilterPanel::filter() const
{
    ContactFilter f;
    for (int i = 0; i < m_kinds->count(); ++i)
        if (m_kinds->item(i)->checkState() == Qt::Checked)
            f.kinds << m_kinds->item(i)->data(Qt::UserRole).toString();
    f.tags = splitList(m_tags->text());
    f.outletIds = outletIds();
    if (const qint64 owner = m_owner->currentData().toLongLong(); owner > 0)
        f.ownerIds << owner;
    f.country = m_country->text().trimmed();
    f.city = m_city->text().trimmed();
    f.doNotContact = ContactFilter::DoNotContact(m_doNotContact->currentData().toInt());
    f.notContactedInDays = m_notContacted->value();
    return f;
}

void ContactFilterPanel::popup(QWidget *anchor)
{
    loadChoices();
    adjustSize();
    QPoint at = anchor->mapToGlobal(QPoint(0, anchor->height()));
    move(at);
    show();
    m_kinds->setFocus(Qt::PopupFocusReason);
}

void ContactFilterPanel::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        close();
        return;
    }
    QFrame::keyPressEvent(event);
}

void ContactFilterPanel::hideEvent(QHideEvent *event)
{
    // Line edits apply on leaving them; closing the popup while typing in one counts too.
    Q_EMIT filterEdited();
    QFrame::hideEvent(event);
}
