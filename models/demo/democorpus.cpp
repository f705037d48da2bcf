#include "democorpus.h"

namespace DemoCorpus {
namespace {

QStringList utf8(std::initializer_list<const char *> items)
{
    QStringList out;
    out.reserve(qsizetype(items.size()));
    for (const char *s : items)
        out << QString::fromUtf8(s);
    return out;
}

} // namespace

const QStringList &firstNames()
{
    static const QStringList names = utf8({ "Amara", "Ben", "Chloé", "Daniel", "Elif", "Farah", "Gabriel", "Hannah",
        "Ines", "Jakob", "Keiko", "Liam", "Maya", "Noah", "Olga", "Priya", "Quentin", "Rosa", "Samuel", "Tamsin", "Ugo",
        "Valentina", "Wei", "Ximena", "Yusuf", "Zoë", "Aisha", "Björn", "Carmen", "Dmitri", "Emeka", "Freya", "Giulia",
        "Hiroshi", "Isabel", "Jonas", "Kavya", "Lucía", "Mateo", "Nadia", "Oliver", "Paula", "Rahul", "Sofia", "Tomás",
        "Ulla", "Vikram", "Wanjiru", "Xavier", "Yara", "Zainab", "Anouk", "Callum", "Dagny", "Eitan", "Fatima", "Grace",
        "Henrik", "Imogen", "Jin", "Katarzyna", "Lars", "Marguerite", "Niamh", "Oskar", "Pilar", "Ruth", "Siddharth",
        "Thandiwe", "Ana", "Bruno", "Claire", "Diego", "Esther", "Felix", "Helena", "Ibrahim", "Julia", "Kofi", "Leila",
        "Marco", "Nora", "Owen", "Petra", "Ravi", "Sara", "Theo", "Vera", "William", "Yasmin", "Adaeze", "Mei", "Sven",
        "Lotte", "Rafael" });
    return names;
}

const QStringList &lastNames()
{
    static const QStringList names = utf8({ "Okafor", "Schneider", "Dubois", "Kowalski", "Yilmaz", "Haddad", "Martins",
        "Fischer", "García", "Lindqvist", "Tanaka", "O'Brien", "Patel", "Novak", "Ivanova", "Sharma", "Lefèvre",
        "Romano", "Mensah", "Campbell", "Bianchi", "Rossi", "Chen", "Hernández", "Aydın", "Johansson", "Moreno",
        "Petrov", "Eze", "Andersen", "Conti", "Nakamura", "Fernández", "Müller", "Kaur", "Silva", "Wójcik", "Jansen",
        "Virtanen", "Murphy", "Nguyen", "Adeyemi", "Costa", "Bergström", "Ferreira", "Kim", "Larsen", "Mahlangu",
        "Nowak", "Osei", "Park", "Quinn", "Ramos", "Suzuki", "Thompson", "Uçar", "Van der Berg", "Walsh", "Xu", "Young",
        "Zhang", "Abiodun", "Brennan", "Castillo", "De Vries", "Ekström", "Fontaine", "Gallagher", "Hoffmann", "Iyer",
        "Jovanović", "Kiplagat", "Lambert", "Mukherjee", "Nielsen", "Oyelaran", "Pereira", "Reyes", "Santos",
        "Takahashi", "Ueda", "Vasquez", "Weber", "Yamamoto", "Zeller", "Achterberg", "Bauer", "Cohen", "Dlamini",
        "Esposito", "Forde", "Gupta", "Hughes", "Ishikawa", "Kruger", "Lopez", "Moyo", "Navarro", "Ortiz" });
    return names;
}

const QList<Place> &places()
{
    static const QList<Place> list = [] {
        struct Raw
        {
            const char *city, *country, *tz, *phone;
        };
        static const Raw raw[] = {
            { "London", "United Kingdom", "Europe/London", "+44 20" },
            { "Manchester", "United Kingdom", "Europe/London", "+44 161" },
            { "Edinburgh", "United Kingdom", "Europe/London", "+44 131" },
            { "Dublin", "Ireland", "Europe/Dublin", "+353 1" },
            { "Berlin", "Germany", "Europe/Berlin", "+49 30" },
            { "Munich", "Germany", "Europe/Berlin", "+49 89" },
            { "Hamburg", "Germany", "Europe/Berlin", "+49 40" },
            { "Paris", "France", "Europe/Paris", "+33 1" },
            { "Lyon", "France", "Europe/Paris", "+33 4" },
            { "Madrid", "Spain", "Europe/Madrid", "+34 91" },
            { "Barcelona", "Spain", "Europe/Madrid", "+34 93" },
            { "Lisbon", "Portugal", "Europe/Lisbon", "+351 21" },
            { "Amsterdam", "Netherlands", "Europe/Amsterdam", "+31 20" },
            { "Brussels", "Belgium", "Europe/Brussels", "+32 2" },
            { "Stockholm", "Sweden", "Europe/Stockholm", "+46 8" },
            { "Copenhagen", "Denmark", "Europe/Copenhagen", "+45 3" },
            { "Oslo", "Norway", "Europe/Oslo", "+47 2" },
            { "Helsinki", "Finland", "Europe/Helsinki", "+358 9" },
            { "Warsaw", "Poland", "Europe/Warsaw", "+48 22" },
            { "Vienna", "Austria", "Europe/Vienna", "+43 1" },
            { "Zurich", "Switzerland", "Europe/Zurich", "+41 44" },
            { "Milan", "Italy", "Europe/Rome", "+39 02" },
            { "Rome", "Italy", "Europe/Rome", "+39 06" },
            { "New York", "United States", "America/New_York", "+1 212" },
            { "San Francisco", "United States", "America/Los_Angeles", "+1 415" },
            { "Chicago", "United States", "America/Chicago", "+1 312" },
            { "Austin", "United States", "America/Chicago", "+1 512" },
            { "Toronto", "Canada", "America/Toronto", "+1 416" },
            { "Sydney", "Australia", "Australia/Sydney", "+61 2" },
            { "Singapore", "Singapore", "Asia/Singapore", "+65 6" },
            { "Lagos", "Nigeria", "Africa/Lagos", "+234 1" },
            { "Nairobi", "Kenya", "Africa/Nairobi", "+254 20" },
            { "Cape Town", "South Africa", "Africa/Johannesburg", "+27 21" },
            { "Mumbai", "India", "Asia/Kolkata", "+91 22" },
            { "Tokyo", "Japan", "Asia/Tokyo", "+81 3" },
            { "São Paulo", "Brazil", "America/Sao_Paulo", "+55 11" },
        };
        QList<Place> out;
        for (const Raw &r : raw)
            out.append({ QString::fromUtf8(r.city), QString::fromUtf8(r.country), QString::fromUtf8(r.tz),
                QString::fromUtf8(r.phone) });
        return out;
    }();
    return list;
}

const QList<Outlet> &smallOutlets()
{
    static const QList<Outlet> list = [] {
        struct Raw
        {
            const char *name, *kind;
        };
        static const Raw raw[] = {
            { "The Northern Ledger", "newspaper" },
            { "The Daily Meridian", "newspaper" },
            { "Harbour City Courier", "newspaper" },
            { "The Evening Standard-Bearer", "newspaper" },
            { "Berliner Tagespost", "newspaper" },
            { "Le Quotidien Numérique", "newspaper" },
            { "The Capital Chronicle", "newspaper" },
            { "Pacific Coast Herald", "newspaper" },
            { "Retail Pulse Weekly", "magazine" },
            { "Modern Homes Quarterly", "magazine" },
            { "FinTech Monthly", "magazine" },
            { "Green Horizons Magazine", "magazine" },
            { "Urban Mobility Review", "magazine" },
            { "Wellness & Co.", "magazine" },
            { "Bytewire", "online" },
            { "The Gadget Loop", "online" },
            { "StartupSignal", "online" },
            { "Climate Desk Daily", "online" },
            { "Ledgerline", "online" },
            { "ShopTalk Digital", "online" },
            { "Health Matters Online", "online" },
            { "The Verge of Tomorrow", "online" },
            { "Radio Metropolitan", "broadcaster" },
            { "Channel Nine Business", "broadcaster" },
            { "NordVision News", "broadcaster" },
            { "Sunrise FM", "broadcaster" },
            { "The Founder's Table (podcast)", "podcast" },
            { "Plugged In Podcast", "podcast" },
            { "Money on Monday", "podcast" },
            { "The Climate Hour", "podcast" },
            { "Shelf Life: A Retail Podcast", "podcast" },
            { "Kitchen Table Tech", "blog" },
            { "The Frugal Futurist", "blog" },
            { "Commute Notes", "blog" },
        };
        QList<Outlet> out;
        for (const Raw &r : raw)
            out.append({ QString::fromUtf8(r.name), QString::fromUtf8(r.kind) });
        return out;
    }();
    return list;
}

const QStringList &smallClients()
{
    static const QStringList list = utf8({ "Lumora Health", "Brightpath Energy", "Kestrel Mobility",
        "Northwind Coffee Co.", "Arcadia Payments", "Verdant Home" });
    return list;
}

const QStringList &outletWords()
{
    static const QStringList list = utf8({ "Northern", "Daily", "Evening", "Weekly", "Metro", "Coastal", "Capital",
        "Modern", "Digital", "Global", "Urban", "Green", "Open", "Silver", "Harbour", "Valley", "Summit", "Island",
        "Central", "Western", "Eastern", "Southern", "Bright", "Morning", "Future", "Independent", "Civic", "Pioneer",
        "Quarterly", "Sunday" });
    return list;
}

const QStringList &outletNouns()
{
    static const QStringList list = utf8(
        { "Ledger", "Courier", "Herald", "Signal", "Gazette", "Observer", "Review", "Dispatch", "Wire", "Tribune",
            "Chronicle", "Bulletin", "Journal", "Post", "Times", "Insider", "Monitor", "Report", "Record", "Beacon",
            "Standard", "Examiner", "Letter", "Digest", "Byte", "Pulse", "Lens", "Compass", "Radar", "Sentinel" });
    return list;
}

const QStringList &clientWords()
{
    static const QStringList list = utf8({ "Lumora", "Brightpath", "Kestrel", "Northwind", "Arcadia", "Verdant",
        "Halcyon", "Quillon", "Solace", "Tidewater", "Orbital", "Fennel", "Granite", "Helix", "Juniper", "Kinetic",
        "Lattice", "Meridian", "Nimbus", "Obsidian", "Pinecrest", "Quartz", "Riverstone", "Saffron", "Tandem", "Umbra",
        "Vantage", "Willow", "Zephyr", "Aurora", "Beacon", "Cobalt", "Driftwood", "Ember", "Foxglove", "Glacier",
        "Harbor", "Iris", "Jasper" });
    return list;
}

const QStringList &clientSuffixes()
{
    static const QStringList list = utf8({ "Health", "Energy", "Mobility", "Coffee Co.", "Payments", "Home", "Robotics",
        "Foods", "Labs", "Outdoor", "Insurance", "Analytics", "Audio", "Bank", "Cosmetics", "Logistics", "Games",
        "Pharma", "Solar", "Travel" });
    return list;
}

const QStringList &beats()
{
    static const QStringList list = utf8({ "consumer tech", "retail", "climate", "fintech", "health", "startups",
        "mobility", "energy", "food & drink", "travel", "personal finance", "enterprise software", "cybersecurity",
        "AI", "gaming", "fashion", "home & design", "sustainability", "media", "policy", "science", "sports business",
        "real estate", "automotive", "marketing", "lifestyle", "business", "logistics", "beauty", "education" });
    return list;
}

const QStringList &tags()
{
    static const QStringList list = utf8({ "VIP", "embargo-friendly", "prefers phone", "newsletter",
        "conference speaker", "top tier", "regional", "freelance", "quick responder", "needs exclusives",
        "met in person", "podcast guest booker", "data lover", "holiday gift list", "press trip alumni" });
    return list;
}

const QStringList &mastodonServers()
{
    static const QStringList list = utf8({ "mastodon.social", "journa.host", "mastodon.online", "newsie.social",
        "mstdn.social", "hachyderm.io", "fosstodon.org", "mastodon.green" });
    return list;
}

const QStringList &products()
{
    static const QStringList list
        = utf8({ "smart thermostat", "sleep tracker", "home battery", "e-bike subscription", "cold brew range",
            "instant payouts app", "air purifier", "telehealth service", "refill store concept", "solar balcony kit",
            "kids' savings card", "noise-cancelling earbuds", "plant-based menu", "carbon tracker", "smart lock" });
    return list;
}

const QStringList &campaignPatterns()
{
    static const QStringList list
        = utf8({ "%1 %2 launch", "%1: %2 spring push", "%1 annual impact report", "%1 funding announcement",
            "%1 at Web Summit", "%1 %2 holiday campaign", "%1 CEO thought leadership", "%1 customer survey 2026" });
    return list;
}

const QStringList &titlesFor(const QString &contactKind, const QString &outletKind)
{
    static const QStringList journalist = utf8({ "Senior Technology Correspondent", "Reporter", "Staff Writer",
        "Business Reporter", "Consumer Affairs Correspondent", "Climate Reporter", "Retail Correspondent",
        "Freelance Journalist", "Senior Reporter", "Tech Columnist" });
    static const QStringList editor = utf8({ "Editor-in-Chief", "Deputy Editor", "Features Editor", "News Editor",
        "Technology Editor", "Business Editor", "Commissioning Editor", "Managing Editor", "Digital Editor" });
    static const QStringList broadcast
        = utf8({ "Presenter", "Senior Producer", "Business Presenter", "Planning Editor", "Correspondent" });
    static const QStringList podcast = utf8({ "Host", "Co-host", "Producer", "Booking Producer" });
    static const QStringList blogger = utf8({ "Founder & Writer", "Blogger", "Newsletter Author" });
    static const QStringList influencer = utf8({ "Creator", "Content Creator", "Video Creator" });
    static const QStringList analyst = utf8({ "Principal Analyst", "Research Director", "Senior Analyst" });
    static const QStringList client = utf8({ "Head of Communications", "Chief Marketing Officer", "Press Officer",
        "PR Manager", "CEO", "Brand Director" });
    static const QStringList other = utf8({ "Event Organiser", "Customer", "Community Manager" });
    if (contactKind == u"editor")
        return editor;
    if (contactKind == u"journalist")
        return outletKind == u"broadcaster" ? broadcast : outletKind == u"podcast" ? podcast : journalist;
    if (contactKind == u"blogger")
        return blogger;
    if (contactKind == u"influencer")
        return influencer;
    if (contactKind == u"analyst")
        return analyst;
    if (contactKind == u"client_contact")
        return client;
    return other;
}

const QStringList &doNotContactReasons()
{
    static const QStringList list = utf8(
        { "Asked not to receive pitches (by email)", "Left journalism", "Objected to processing under GDPR Art. 21",
            "Prefers contact via the news desk only", "On extended leave", "Complained about follow-up frequency" });
    return list;
}

const QStringList &consentSources()
{
    static const QStringList list = utf8({ "Public press contact page", "Business card, Web Summit 2025",
        "Newsletter sign-up", "Introduced by a colleague", "Outlet masthead", "Client contract",
        "Reply to our press release", "Media database research" });
    return list;
}

QString fill(const QString &pattern, const QString *args, int count)
{
    QString out;
    out.reserve(pattern.size() + 64);
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern.at(i);
        if (c == u'%' && i + 1 < pattern.size()) {
            const int n = pattern.at(i + 1).digitValue();
            if (n >= 1 && n <= count) {
                out += args[n - 1];
                ++i;
                continue;
            }
        }
        out += c;
    }
    return out;
}

QString slug(const QString &text)
{
    const QString decomposed = text.normalized(QString::NormalizationForm_KD).toLower();
    QString out;
    out.reserve(decomposed.size());
    for (QChar c : decomposed) {
        if ((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9'))
            out += c;
        else if (c == u'ı')
            out += u'i';
    }
    return out;
}

} // namespace DemoCorpus
