"""The vocabulary of the demo world: plain data, no logic.

Kept apart from ``demo.py`` so the generator reads as a story and this file as a phone book.
Every name is invented (or one of the sample names everyone uses, such as Contoso or
Northwind); cities, dialling codes, tax rates and legal forms are real so the data looks right
to a person who knows the country.
"""

from __future__ import annotations

from typing import Final

#: Our own company: the vendor whose CAM uses Channel Desk.
COMPANY: Final[dict[str, str]] = {
    "company_name": "Cedar Data Systems Ltd",
    "company_address": "Unit 4, Riverside Business Park, Cork T12 X2Y4, Ireland",
    "company_email": "channel@cedardata.com",
    "company_phone": "+353 21 490 0100",
    "quote_terms": "Prices exclude shipping and are valid for 30 days. Payment within 30 days "
    "of invoice. Subscriptions renew annually unless cancelled 60 days before renewal.",
}
OUR_DOMAIN: Final = "cedardata.com"

#: Tier name → discount off list price (%), lowest level first.
TIER_DISCOUNTS: Final[tuple[tuple[str, str], ...]] = (
    ("Registered", "0"),
    ("Silver", "10"),
    ("Gold", "20"),
    ("Platinum", "30"),
)

#: Our channel account managers (the people who use the app) and the countries they look after.
ACCOUNT_MANAGERS: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    ("Hannah Becker", ("DE", "CH", "NL", "BG")),
    ("Marcus Reid", ("US", "CA")),
    ("Sofia Lindqvist", ("SE", "FR", "ES", "IT")),
    ("Daniel Okafor", ("GB", "AU", "JP")),
)

#: Our direct sales reps: (name, countries they cover).
DIRECT_REPS: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    ("Olivia Grant", ("US",)),
    ("James Whitaker", ("US", "CA")),
    ("Lena Hoffmann", ("DE", "CH")),
    ("Pierre Lambert", ("FR", "CH")),
    ("Kenji Watanabe", ("JP", "AU")),
    ("Isabel Moreno", ("ES", "IT")),
    ("Erik Johansson", ("SE", "NL")),
    ("Chloe Martin", ("GB", "NL", "BG")),
)

# (name, legal name, type, country, city, domain)
PARTNERS: Final[tuple[tuple[str, str, str, str, str, str], ...]] = (
    ("Northwind Traders", "Northwind Traders Inc.", "reseller", "US", "Seattle",
     "northwindtraders.com"),
    ("Bluepeak Solutions", "Bluepeak Solutions LLC", "reseller", "US", "Denver", "bluepeak.com"),
    ("Ironclad Networks", "Ironclad Networks, Inc.", "reseller", "US", "Chicago",
     "ironcladnetworks.com"),
    ("Summit Ridge Technologies", "Summit Ridge Technologies LLC", "si", "US", "Boston",
     "summitridgetech.com"),
    ("Cascade IT Partners", "Cascade IT Partners LLC", "msp", "US", "Seattle", "cascadeitp.com"),
    ("Lakeshore Data Systems", "Lakeshore Data Systems Inc.", "reseller", "US", "Chicago",
     "lakeshoredata.com"),
    ("Redline Managed Services", "Redline Managed Services LLC", "msp", "US", "Austin",
     "redlinems.com"),
    ("Patriot Tech Distribution", "Patriot Technology Distribution Corp.", "distributor", "US",
     "Atlanta", "patriottechdist.com"),
    ("Keystone Referral Group", "Keystone Referral Group LLC", "referral", "US", "New York",
     "keystonereferral.com"),
    ("Thames Valley Computing", "Thames Valley Computing Ltd", "reseller", "GB", "London",
     "tvcomputing.co.uk"),
    ("Harrow & Finch IT", "Harrow & Finch IT Services Ltd", "reseller", "GB", "London",
     "harrowfinch.co.uk"),
    ("Pennine Cloud Services", "Pennine Cloud Services Ltd", "msp", "GB", "Leeds",
     "penninecloud.co.uk"),
    ("Albion Systems Integration", "Albion Systems Integration plc", "si", "GB", "Birmingham",
     "albion-si.co.uk"),
    ("Kestrel Networks", "Kestrel Networks Ltd", "reseller", "GB", "Manchester",
     "kestrelnetworks.co.uk"),
    ("Brightstone Consulting", "Brightstone Consulting LLP", "referral", "GB", "Edinburgh",
     "brightstone.co.uk"),
    ("Fabrikam Systems GmbH", "Fabrikam Systems GmbH", "reseller", "DE", "Frankfurt am Main",
     "fabrikam-systems.de"),
    ("Nordlicht IT AG", "Nordlicht IT AG", "msp", "DE", "Hamburg", "nordlicht-it.de"),
    ("Rheinblick Datentechnik", "Rheinblick Datentechnik GmbH", "reseller", "DE", "Köln",
     "rheinblick.de"),
    ("Schwarzwald Netzwerke", "Schwarzwald Netzwerke GmbH & Co. KG", "reseller", "DE",
     "Stuttgart", "schwarzwald-netzwerke.de"),
    ("Elbe Systemhaus", "Elbe Systemhaus GmbH", "si", "DE", "Hamburg", "elbe-systemhaus.de"),
    ("Müller & Söhne IT-Service", "Müller & Söhne IT-Service GmbH", "reseller", "DE",
     "Düsseldorf", "mueller-soehne-it.de"),
    ("Bayern Digital Distribution", "Bayern Digital Distribution AG", "distributor", "DE",
     "München", "bayern-digital.de"),
    ("Société Azur Informatique SARL", "Société Azur Informatique SARL", "reseller", "FR",
     "Marseille", "azur-informatique.fr"),
    ("Hélios Réseaux", "Hélios Réseaux SAS", "reseller", "FR", "Lyon", "helios-reseaux.fr"),
    ("Lumière Numérique", "Lumière Numérique SA", "reseller", "FR", "Paris",
     "lumiere-numerique.fr"),
    ("Atlantique Services Informatiques", "Atlantique Services Informatiques SAS", "si", "FR",
     "Nantes", "atlantique-si.fr"),
    ("Provence Cloud Conseil", "Provence Cloud Conseil SARL", "referral", "FR", "Marseille",
     "provence-cloud.fr"),
    ("Delta Digitaal", "Delta Digitaal B.V.", "reseller", "NL", "Rotterdam", "deltadigitaal.nl"),
    ("Oranje ICT Groep", "Oranje ICT Groep B.V.", "distributor", "NL", "Utrecht",
     "oranje-ict.nl"),
    ("Polder Netwerken", "Polder Netwerken B.V.", "reseller", "NL", "Amsterdam",
     "poldernetwerken.nl"),
    ("Zeeland Cloud Partners", "Zeeland Cloud Partners B.V.", "referral", "NL", "Den Haag",
     "zeelandcloud.nl"),
    ("Nordström Datakonsult", "Nordström Datakonsult AB", "reseller", "SE", "Stockholm",
     "nordstromdata.se"),
    ("Fjällsäker IT", "Fjällsäker IT AB", "msp", "SE", "Uppsala", "fjallsaker.se"),
    ("Öresund Systems", "Öresund Systems AB", "si", "SE", "Malmö", "oresundsystems.se"),
    ("Gävle Nätverk", "Gävle Nätverk AB", "reseller", "SE", "Gävle", "gavlenatverk.se"),
    ("Ibérica Sistemas", "Ibérica Sistemas S.L.", "reseller", "ES", "Madrid",
     "ibericasistemas.es"),
    ("Soluciones Mediterráneo", "Soluciones Informáticas Mediterráneo S.A.", "reseller", "ES",
     "Valencia", "solucionesmediterraneo.es"),
    ("Castilla Redes", "Castilla Redes y Comunicaciones S.L.", "si", "ES", "Madrid",
     "castillaredes.es"),
    ("Nube Andaluza", "Nube Andaluza S.L.U.", "msp", "ES", "Sevilla", "nubeandaluza.es"),
    ("Tecnologie Adriatiche", "Tecnologie Adriatiche S.r.l.", "reseller", "IT", "Bologna",
     "tecnologieadriatiche.it"),
    ("Sistemi Lombardi", "Sistemi Lombardi S.p.A.", "si", "IT", "Milano", "sistemilombardi.it"),
    ("Vesuvio Informatica", "Vesuvio Informatica S.r.l.", "reseller", "IT", "Napoli",
     "vesuvioinformatica.it"),
    ("Dolomiti Cloud", "Dolomiti Cloud S.r.l.", "msp", "IT", "Padova", "dolomiticloud.it"),
    ("Maple Leaf Systems", "Maple Leaf Systems Inc.", "reseller", "CA", "Toronto",
     "mapleleafsystems.ca"),
    ("Laurentian Technologies", "Technologies Laurentiennes Inc.", "si", "CA", "Montréal",
     "laurentiantech.ca"),
    ("Rocky Mountain IT", "Rocky Mountain IT Corp.", "reseller", "CA", "Calgary",
     "rockymountainit.ca"),
    ("Great Lakes Managed IT", "Great Lakes Managed IT Ltd.", "msp", "CA", "Toronto",
     "greatlakesmit.ca"),
    ("Southern Cross Computing", "Southern Cross Computing Pty Ltd", "distributor", "AU",
     "Sydney", "southerncross.com.au"),
    ("Coral Coast IT", "Coral Coast IT Pty Ltd", "msp", "AU", "Brisbane", "coralcoastit.com.au"),
    ("Outback Networks", "Outback Networks Pty Ltd", "reseller", "AU", "Perth",
     "outbacknetworks.com.au"),
    ("Harbour City Cloud", "Harbour City Cloud Pty Ltd", "msp", "AU", "Sydney",
     "harbourcitycloud.com.au"),
    ("サクラネットワークス", "サクラネットワークス株式会社", "reseller", "JP", "Tokyo",
     "sakura-networks.co.jp"),
    ("東京クラウドソリューションズ", "東京クラウドソリューションズ株式会社", "msp", "JP", "Tokyo",
     "tokyo-cloud.co.jp"),
    ("Hoshino Systems", "Hoshino Systems K.K.", "si", "JP", "Yokohama", "hoshino-sys.co.jp"),
    ("Kansai IT Partners", "Kansai IT Partners Co., Ltd.", "referral", "JP", "Osaka",
     "kansai-itp.co.jp"),
    ("Alpina Informatik", "Alpina Informatik AG", "si", "CH", "Bern", "alpina-informatik.ch"),
    ("Léman Systèmes", "Léman Systèmes SA", "reseller", "CH", "Genève", "leman-systemes.ch"),
    ("Zürichsee Datentechnik", "Zürichsee Datentechnik GmbH", "reseller", "CH", "Zürich",
     "zuerichsee-daten.ch"),
    ("Интерсофт", "Интерсофт ООД", "distributor", "BG", "Sofia", "intersoft.bg"),
    ("Балкан Нетуъркс", "Балкан Нетуъркс ЕООД", "reseller", "BG", "Plovdiv",
     "balkannetworks.bg"),
)  # fmt: skip

# Per country: (dialling code, local number pattern with # for a digit, web TLD, currency,
# VAT or sales-tax rate in % for quotes, cities with their area codes).
COUNTRIES: Final[dict[str, tuple[str, str, str, str, str, tuple[tuple[str, str], ...]]]] = {
    "US": ("1", "555 01##", "com", "USD", "8.875", (("New York", "212"), ("Chicago", "312"),
           ("Austin", "512"), ("Seattle", "206"), ("Boston", "617"), ("Atlanta", "404"),
           ("Denver", "303"), ("San Jose", "408"))),
    "GB": ("44", "7946 0###", "co.uk", "GBP", "20", (("London", "20"), ("Manchester", "161"),
           ("Leeds", "113"), ("Bristol", "117"), ("Edinburgh", "131"), ("Birmingham", "121"))),
    "DE": ("49", "#### ###", "de", "EUR", "19", (("Berlin", "30"), ("München", "89"),
           ("Hamburg", "40"), ("Frankfurt am Main", "69"), ("Köln", "221"), ("Stuttgart", "711"),
           ("Düsseldorf", "211"))),
    "FR": ("33", "## ## ## ##", "fr", "EUR", "20", (("Paris", "1"), ("Lyon", "4"),
           ("Marseille", "4"), ("Toulouse", "5"), ("Nantes", "2"), ("Bordeaux", "5"),
           ("Lille", "3"))),
    "NL": ("31", "### ####", "nl", "EUR", "21", (("Amsterdam", "20"), ("Rotterdam", "10"),
           ("Utrecht", "30"), ("Eindhoven", "40"), ("Den Haag", "70"))),
    "SE": ("46", "### ## ##", "se", "SEK", "25", (("Stockholm", "8"), ("Göteborg", "31"),
           ("Malmö", "40"), ("Uppsala", "18"), ("Gävle", "26"))),
    "ES": ("34", "### ## ##", "es", "EUR", "21", (("Madrid", "91"), ("Barcelona", "93"),
           ("Valencia", "96"), ("Sevilla", "95"), ("Bilbao", "94"))),
    "IT": ("39", "#### ###", "it", "EUR", "22", (("Milano", "02"), ("Roma", "06"),
           ("Torino", "011"), ("Bologna", "051"), ("Napoli", "081"), ("Padova", "049"))),
    "CA": ("1", "555 01##", "ca", "CAD", "13", (("Toronto", "416"), ("Montréal", "514"),
           ("Vancouver", "604"), ("Calgary", "403"), ("Ottawa", "613"))),
    "AU": ("61", "#### ####", "com.au", "AUD", "10", (("Sydney", "2"), ("Melbourne", "3"),
           ("Brisbane", "7"), ("Perth", "8"), ("Adelaide", "8"))),
    "JP": ("81", "####-####", "co.jp", "JPY", "10", (("Tokyo", "3"), ("Osaka", "6"),
           ("Yokohama", "45"), ("Nagoya", "52"), ("Fukuoka", "92"))),
    "CH": ("41", "### ## ##", "ch", "CHF", "8.1", (("Zürich", "44"), ("Genève", "22"),
           ("Basel", "61"), ("Bern", "31"), ("Lausanne", "21"))),
    "BG": ("359", "### ####", "bg", "EUR", "20", (("Sofia", "2"), ("Plovdiv", "32"),
           ("Varna", "52"))),
}  # fmt: skip

#: People's names per country: (first names, family names), written as the people write them.
PEOPLE: Final[dict[str, tuple[tuple[str, ...], tuple[str, ...]]]] = {
    "US": (("Emily", "Michael", "Jessica", "David", "Ashley", "Christopher", "Megan", "Brian"),
           ("Johnson", "Miller", "Davis", "Rodriguez", "Thompson", "Walker", "Nguyen", "Parker")),
    "GB": (("Oliver", "Charlotte", "Harry", "Amelia", "George", "Sophie", "Thomas", "Eleanor"),
           ("Smith", "Hughes", "Clarke", "Patel", "Wright", "Turner", "O'Brien", "Fletcher")),
    "DE": (("Jörg", "Katrin", "Stefan", "Anja", "Matthias", "Sabine", "Lukas", "Jana"),
           ("Müller", "Schmidt", "Weiß", "Schäfer", "Krüger", "Hofmann", "Wagner", "Becker")),
    "FR": (("Amélie", "Julien", "Céline", "François", "Élodie", "Mathieu", "Hélène", "Sébastien"),
           ("Lefèvre", "Martin", "Dubois", "Moreau", "Girard", "Rousseau", "Fontaine",
            "Chevalier")),
    "NL": (("Sanne", "Daan", "Lotte", "Joost", "Femke", "Bram", "Eva", "Thijs"),
           ("de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "de Jong", "Mulder")),
    "SE": (("Anna", "Johan", "Karin", "Mikael", "Linnéa", "Björn", "Sara", "Per"),
           ("Andersson", "Lindström", "Nilsson", "Åberg", "Eriksson", "Sjögren", "Holm", "Berg")),
    "ES": (("Lucía", "Javier", "María", "Sergio", "Carmen", "Álvaro", "Laura", "Pablo"),
           ("García", "Fernández", "López", "Martínez", "Sánchez", "Gómez", "Ruiz", "Muñoz")),
    "IT": (("Giulia", "Marco", "Francesca", "Luca", "Chiara", "Alessandro", "Sara", "Davide"),
           ("Rossi", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno")),
    "CA": (("Liam", "Chloé", "Noah", "Olivia", "Étienne", "Emma", "Ryan", "Mégane"),
           ("Tremblay", "Roy", "Gagnon", "MacDonald", "Wilson", "Côté", "Campbell", "Bouchard")),
    "AU": (("Jack", "Mia", "Lachlan", "Chloe", "Cooper", "Ruby", "Jackson", "Matilda"),
           ("Williams", "Brown", "Taylor", "Kelly", "Murphy", "Ryan", "Mitchell", "Walsh")),
    "JP": (("Ken", "Yoko", "Daisuke", "Misaki", "Naoki", "Yumi", "Takeshi", "Haruka"),
           ("Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Kobayashi")),
    "CH": (("Reto", "Nadine", "Urs", "Céline", "Beat", "Corinne", "Marco", "Sandra"),
           ("Meier", "Keller", "Brunner", "Favre", "Baumann", "Frei", "Zürcher", "Rochat")),
    "BG": (("Ivan", "Maria", "Georgi", "Elena", "Dimitar", "Petya"),
           ("Petrov", "Ivanov", "Dimitrov", "Nikolov", "Georgiev", "Stoyanov")),
}  # fmt: skip

#: People at partners whose own name is in their script: (name as written, e-mail local part).
NATIVE_PEOPLE: Final[dict[str, tuple[tuple[str, str], ...]]] = {
    "JP": (("佐藤 健", "ken.sato"), ("鈴木 陽子", "yoko.suzuki"),
           ("高橋 大輔", "daisuke.takahashi"), ("田中 美咲", "misaki.tanaka"),
           ("渡辺 直樹", "naoki.watanabe"), ("伊藤 由美", "yumi.ito")),
    "BG": (("Иван Петров", "ivan.petrov"), ("Мария Иванова", "maria.ivanova"),
           ("Георги Димитров", "georgi.dimitrov"), ("Елена Стоянова", "elena.stoyanova"),
           ("Димитър Николов", "dimitar.nikolov"), ("Петя Георгиева", "petya.georgieva")),
}  # fmt: skip

# End customers: per language, (stems, industries, "stem first" word order).
ACCOUNT_WORDS: Final[dict[str, tuple[tuple[str, ...], tuple[str, ...], bool]]] = {
    "en": (("Alder", "Brightwater", "Calloway", "Dunmore", "Everly", "Fairhaven", "Granite Peak",
            "Hollis", "Ironwood", "Juniper", "Kingsbridge", "Larkspur", "Marlow", "Northgate",
            "Oakridge", "Pinecrest", "Quarry Hill", "Redwood", "Silverline", "Thornbury",
            "Westbrook", "Ashford", "Bramley", "Crestview", "Driftwood", "Glenmore", "Highgate",
            "Lockwood", "Meadowbrook", "Stonebridge", "Tidewater", "Wexford"),
           ("Logistics", "Foods", "Manufacturing", "Insurance", "Health System", "Energy",
            "Engineering", "Retail Group", "Pharmaceuticals", "Hotels", "Construction",
            "Financial", "Media", "Telecom", "Automotive", "Packaging", "Credit Union",
            "Medical Center", "Freight", "Utilities", "Biotech", "Law Group"),
           True),
    "de": (("Berger", "Hansen", "Lindemann", "Weser", "Alpen", "Brandt", "Falkenberg", "Kessler",
            "Nordsee", "Rheintal", "Steinbach", "Vogt", "Ziegler", "Harz", "Limmat", "Seeland"),
           ("Logistik", "Maschinenbau", "Versicherung", "Lebensmittel", "Energie", "Bau",
            "Kliniken", "Handelshaus", "Stahlbau", "Verpackungen", "Pharma", "Spedition"),
           True),
    "fr": (("Beaulieu", "Mistral", "Rivage", "Dupont", "Vauban", "Garonne", "Armor", "Loire",
            "Chambord", "Bellerive"),
           ("Logistique", "Assurances", "Transports", "Énergie", "Laboratoires", "Construction",
            "Distribution", "Hôtellerie", "Banque"),
           False),
    "it": (("Adriatica", "Bellavista", "Toscana", "Romagnoli", "Ferraresi", "Sabina", "Aurora",
            "Ligure"),
           ("Logistica", "Assicurazioni", "Alimentari", "Costruzioni", "Energia", "Farmaceutica",
            "Trasporti", "Meccanica"),
           False),
    "es": (("Ibérica", "Sierra Norte", "Solano", "Levante", "Cantábrica", "Guadalquivir",
            "Montes", "Alhambra"),
           ("Logística", "Seguros", "Alimentación", "Construcciones", "Energía", "Transportes",
            "Hoteles", "Farmacéutica"),
           False),
    "nl": (("Van Dijk", "Zeeland", "De Molen", "Hollands", "Veluwe", "Waterland", "Kempen",
            "Van der Berg"),
           ("Logistiek", "Verzekeringen", "Bouw", "Voeding", "Energie", "Transport", "Zorggroep"),
           True),
    "sv": (("Norrland", "Björk", "Fjäll", "Vänern", "Siljan", "Ljungberg", "Ekholm", "Hälsinge"),
           ("Logistik", "Försäkring", "Bygg", "Livsmedel", "Energi", "Transport", "Skog"),
           True),
    "ja": (("Hoshizora", "Aozora", "Midori", "Tachibana", "Yamabuki", "Shirakawa", "Kurosaki",
            "Minamoto"),
           ("Logistics", "Foods", "Heavy Industries", "Trading", "Pharmaceutical", "Electric",
            "Construction"),
           True),
}  # fmt: skip

#: Legal forms of end customers per country ("" for none: many companies go without).
ACCOUNT_LEGAL_FORMS: Final[dict[str, tuple[str, ...]]] = {
    "US": ("", "Inc.", "LLC", "Corp."), "GB": ("Ltd", "plc", ""), "CA": ("Inc.", "Ltd.", ""),
    "AU": ("Pty Ltd", "Limited"), "DE": ("GmbH", "AG", "GmbH & Co. KG"), "CH": ("AG", "GmbH"),
    "FR": ("SA", "SAS", "SARL"), "IT": ("S.p.A.", "S.r.l."), "ES": ("S.A.", "S.L."),
    "NL": ("B.V.", "N.V."), "SE": ("AB",), "JP": ("Co., Ltd.", "K.K."),
}  # fmt: skip

#: Country → (language of the account names, number of accounts generated there).
ACCOUNT_QUOTAS: Final[tuple[tuple[str, str, int], ...]] = (
    ("US", "en", 28), ("GB", "en", 15), ("DE", "de", 16), ("FR", "fr", 12), ("NL", "nl", 9),
    ("SE", "sv", 8), ("ES", "es", 9), ("IT", "it", 9), ("CA", "en", 9), ("AU", "en", 9),
    ("JP", "ja", 6), ("CH", "de", 6),
)  # fmt: skip

#: Accounts whose names are written in their own script: (name, country, city, website).
NATIVE_ACCOUNTS: Final[tuple[tuple[str, str, str, str], ...]] = (
    ("青空物流株式会社", "JP", "Tokyo", "aozora-butsuryu.co.jp"),
    ("みどり食品株式会社", "JP", "Osaka", "midori-foods.co.jp"),
    ("Балкан Логистик ЕООД", "BG", "Sofia", "balkanlogistics.bg"),
    ("Черноморска Енергия АД", "BG", "Varna", "chernomorska-energia.bg"),
)

#: Deliberate near-duplicates, in pairs, so the overlap report has something to find:
#: (name, country, city, website). Pairs are (0, 1), (2, 3), …
NEAR_DUPLICATES: Final[tuple[tuple[str, str, str, str | None], ...]] = (
    ("Contoso Ltd", "GB", "London", "contoso.co.uk"),  # same name key
    ("Contoso Limited", "GB", "Bristol", None),
    ("Globex Corporation", "US", "Chicago", "globex.com"),  # same name key
    ("Globex Corp.", "US", "Chicago", "https://www.globex.com/contact"),
    ("Woodgrove Bank", "US", "New York", "woodgrovebank.com"),  # shared domain
    ("Woodgrove Financial Services", "US", "Boston", "http://woodgrovebank.com/wealth"),
    ("Müller Logistik GmbH", "DE", "Hamburg", "mueller-logistik.de"),  # likely (fuzzy) match
    ("Mueller Logistik GmbH", "DE", "Hamburg", None),
    ("Lumière Santé SA", "FR", "Paris", "lumiere-sante.fr"),  # same key once accents fold
    ("Lumiere Sante", "FR", "Paris", None),
)

# Product families and SKUs: (code, name) and (sku, family, name, description, USD, EUR).
FAMILIES: Final[tuple[tuple[str, str], ...]] = (
    ("CB", "Cloud Backup"),
    ("ES", "Endpoint Security"),
    ("NM", "Network Monitoring"),
    ("DA", "Data Analytics"),
)
PRODUCTS: Final[tuple[tuple[str, str, str, str, str, str], ...]] = (
    ("CD-100", "CB", "Cloud Backup Standard", "Image and file backup, per server, annual "
     "subscription", "420.00", "390.00"),
    ("CD-101", "CB", "Cloud Backup Advanced", "Adds bare-metal restore and immutable storage, "
     "per server, annual", "690.00", "640.00"),
    ("CD-102", "CB", "Cloud Backup for Microsoft 365", "Mail, OneDrive and Teams backup, per "
     "user, annual", "36.00", "33.00"),
    ("CD-103", "CB", "Backup Storage 1 TB Add-on", "Additional cloud storage, per TB, annual",
     "240.00", "220.00"),
    ("CD-104", "CB", "Cloud Backup Onboarding Service", "Remote set-up and first restore test, "
     "one-time", "1500.00", "1400.00"),
    ("CD-200", "ES", "Endpoint Protection Essentials", "Anti-malware and firewall, per device, "
     "annual", "29.50", "27.00"),
    ("CD-201", "ES", "Endpoint Protection Premium (EDR)", "Detection and response with 90-day "
     "telemetry, per device, annual", "54.00", "49.90"),
    ("CD-202", "ES", "Mobile Device Security", "iOS and Android protection, per device, annual",
     "18.00", "16.50"),
    ("CD-203", "ES", "Managed Detection & Response", "24×7 monitored EDR, per device, annual",
     "96.00", "89.00"),
    ("CD-204", "ES", "Email Security Gateway", "Inbound and outbound filtering, per mailbox, "
     "annual", "22.00", "20.00"),
    ("CD-300", "NM", "Network Monitor Core", "Up to 100 sensors, annual subscription",
     "1850.00", "1720.00"),
    ("CD-301", "NM", "Network Monitor Enterprise", "Up to 1,000 sensors, multi-site, annual",
     "12900.00", "11990.00"),
    ("CD-302", "NM", "Remote Probe Appliance", "Rack-mount probe for remote sites, hardware",
     "2450.00", "2290.00"),
    ("CD-303", "NM", "NetFlow Analyzer Add-on", "Traffic analysis for Core or Enterprise, "
     "annual", "780.00", "720.00"),
    ("CD-304", "NM", "Premium Support, Network Monitor", "Four-hour response, named engineer, "
     "annual", "950.00", "880.00"),
    ("CD-400", "DA", "Analytics Workspace", "Dashboards and self-service reports, per named "
     "user, annual", "75.00", "69.00"),
    ("CD-401", "DA", "Analytics Server", "On-premises analytics engine, per core, perpetual",
     "3200.00", "2980.00"),
    ("CD-402", "DA", "Data Connector Pack", "Twenty connectors to ERP, CRM and SaaS sources",
     "1200.00", "1100.00"),
    ("CD-403", "DA", "Embedded Analytics OEM Licence", "Embed dashboards in your own product, "
     "annual", "24000.00", "22500.00"),
    ("CD-404", "DA", "Analytics Jumpstart Service", "Five consulting days on site or remote",
     "7500.00", "6950.00"),
)  # fmt: skip

#: SKUs whose price went up about four months ago: sku → (older USD, older EUR).
OLDER_PRICES: Final[dict[str, tuple[str, str]]] = {
    "CD-100": ("399.00", "370.00"),
    "CD-102": ("34.00", "31.50"),
    "CD-200": ("27.50", "25.00"),
    "CD-201": ("49.00", "45.00"),
    "CD-300": ("1750.00", "1630.00"),
    "CD-400": ("69.00", "64.00"),
    "CD-401": ("2990.00", "2790.00"),
}
#: A price rise announced for next month: sku → (USD, EUR).
FUTURE_PRICES: Final[dict[str, tuple[str, str]]] = {"CD-203": ("99.00", "92.00")}
#: SKUs launched recently, without the three-year price history of the others.
RECENT_SKUS: Final = frozenset({"CD-203", "CD-204"})

#: Typical quantities on a quote line per SKU: (fewest, most).
QUANTITIES: Final[dict[str, tuple[int, int]]] = {
    "CD-100": (4, 60), "CD-101": (2, 30), "CD-102": (50, 800), "CD-103": (1, 20),
    "CD-104": (1, 2), "CD-200": (40, 900), "CD-201": (40, 600), "CD-202": (20, 300),
    "CD-203": (50, 500), "CD-204": (50, 800), "CD-300": (1, 6), "CD-301": (1, 2),
    "CD-302": (1, 8), "CD-303": (1, 4), "CD-304": (1, 2), "CD-400": (5, 120), "CD-401": (2, 16),
    "CD-402": (1, 3), "CD-403": (1, 1), "CD-404": (1, 3),
}  # fmt: skip

#: Volume breaks: (SKU or family code, minimum quantity, discount %).
SKU_BREAKS: Final[tuple[tuple[str, int, str], ...]] = (
    ("CD-100", 20, "5"), ("CD-100", 100, "8"), ("CD-102", 100, "8"), ("CD-102", 500, "15"),
    ("CD-200", 500, "12"),
)  # fmt: skip
FAMILY_BREAKS: Final[tuple[tuple[str, int, str], ...]] = (
    ("CB", 10, "3"), ("CB", 25, "6"), ("CB", 100, "10"), ("ES", 50, "5"), ("ES", 250, "10"),
    ("ES", 1000, "15"), ("NM", 5, "4"), ("NM", 20, "8"), ("DA", 10, "5"), ("DA", 50, "10"),
)  # fmt: skip

#: Courses: (code, title, family code or None, certifies, valid months or None).
COURSES: Final[tuple[tuple[str, str, str | None, bool, int | None], ...]] = (
    ("PRM-100", "Partner Program Onboarding", None, False, None),
    ("CB-100", "Cloud Backup Sales Foundations", "CB", False, None),
    ("CB-200", "Cloud Backup Certified Engineer", "CB", True, 24),
    ("ES-100", "Endpoint Security Sales Essentials", "ES", False, None),
    ("ES-200", "Endpoint Security Certified Specialist", "ES", True, 12),
    ("NM-100", "Network Monitoring Technical Overview", "NM", False, None),
    ("NM-200", "Network Monitoring Certified Professional", "NM", True, 24),
    ("DA-100", "Data Analytics Partner Sales Primer", "DA", False, None),
    ("DA-200", "Data Analytics Certified Consultant", "DA", True, 12),
)

#: What a seat on a course costs (EUR): the program's training spend. Onboarding is free.
COURSE_COSTS: Final[dict[str, str]] = {
    "CB-100": "150", "CB-200": "450", "ES-100": "150", "ES-200": "450", "NM-100": "200",
    "NM-200": "600", "DA-100": "150", "DA-200": "550",
}  # fmt: skip

DEAL_PROJECTS: Final = ("rollout", "renewal", "expansion", "migration", "pilot", "refresh")

#: Activity log lines: (kind, summary, next step). ``{family}`` is the deal's product family.
ACTIVITIES: Final[tuple[tuple[str, str, str], ...]] = (
    ("call", "Discovery call with the IT manager; current {family} tooling is end of life.",
     "Send the {family} datasheet and a budgetary price"),
    ("meeting", "Workshop on site with IT and security; mapped sites and device counts.",
     "Draft a proof-of-concept plan"),
    ("email", "Partner shared the customer's requirements list and timeline.",
     "Confirm the technical fit with presales"),
    ("meeting", "Proof of concept kicked off on two sites.", "Review results in two weeks"),
    ("call", "Procurement asked for a three-year price and payment terms.",
     "Ask the deal desk for a multi-year discount"),
    ("note", "Competitor is in the deal with an aggressive price.",
     "Position the total cost and the certified partner team"),
    ("email", "Sent the quote to the partner for review.", "Follow up on budget approval"),
)  # fmt: skip
ACTIVITY_WON: Final = ("note", "Purchase order received through the partner.", "Hand over to "
                       "onboarding")  # fmt: skip
ACTIVITY_LOST: Final = ("note", "Customer chose a competitor on price.", "Debrief with the "
                        "partner; revisit at renewal")  # fmt: skip

CLAIM_REJECT_REASONS: Final = (
    "Account is on the direct team's named-accounts list.",
    "Duplicate of an earlier registration by another partner.",
    "Not enough detail on the opportunity (no contact, no budget).",
)
