"""Many accounts written the ways people write company names, with the truth of who is who.

Each generated company gets one account, and some get more: the same company entered again with
another legal form, in capitals, without accents, with a typing slip, words swapped, "&" for
"and", or under another name but with the company's web domain. The generator remembers which
company each account belongs to, so a benchmark can measure precision and recall of matching.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import Insert, insert

from app.db.engine import Database
from app.db.models import Account, Claim, Partner
from app.domain.names import domain_key, name_key

WORDS = [
    "alpine",
    "adler",
    "aurora",
    "baltic",
    "beacon",
    "birch",
    "blue",
    "boreal",
    "brook",
    "cedar",
    "coastal",
    "cobalt",
    "condor",
    "copper",
    "coral",
    "crest",
    "crystal",
    "delta",
    "dune",
    "eagle",
    "east",
    "ember",
    "falcon",
    "fjord",
    "forest",
    "granite",
    "harbor",
    "hawk",
    "helios",
    "horizon",
    "iris",
    "iron",
    "jade",
    "juniper",
    "kestrel",
    "lagoon",
    "lake",
    "linden",
    "lotus",
    "lynx",
    "maple",
    "marble",
    "meadow",
    "mercury",
    "mistral",
    "monarch",
    "nimbus",
    "noble",
    "nordic",
    "north",
    "oak",
    "ocean",
    "olive",
    "onyx",
    "orchid",
    "pacific",
    "peak",
    "pine",
    "polar",
    "prairie",
    "quartz",
    "raven",
    "redwood",
    "ridge",
    "river",
    "rowan",
    "sable",
    "saffron",
    "sierra",
    "silver",
    "solstice",
    "spruce",
    "stone",
    "summit",
    "swift",
    "tamarack",
    "terra",
    "thistle",
    "tidal",
    "timber",
    "topaz",
    "tundra",
    "valley",
    "vantage",
    "vector",
    "velvet",
    "verdant",
    "vista",
    "willow",
    "zenith",
    "zephyr",
    "ashford",
    "bramley",
    "carlton",
    "dunmore",
    "elmwood",
    "fairfax",
    "glenwood",
    "hartley",
    "kingsley",
    "langley",
    "marlow",
    "norwood",
    "oakley",
    "pembroke",
    "quinton",
    "radley",
    "stanton",
    "thornton",
    "wexford",
    "yardley",
    "müller",
    "söderberg",
    "lindqvist",
    "ørsted",
    "kowalski",
    "dubois",
    "rénard",
    "castillo",
    "ferreira",
    "rossi",
]
TRADES = [
    "logistics",
    "manufacturing",
    "foods",
    "pharma",
    "bank",
    "insurance",
    "energy",
    "telecom",
    "retail",
    "hotels",
    "construction",
    "engineering",
    "media",
    "health",
    "clinics",
    "motors",
    "airlines",
    "chemicals",
    "textiles",
    "software",
    "analytics",
    "robotics",
    "dairy",
    "breweries",
    "shipping",
    "mining",
    "utilities",
    "foundry",
]
FORMS = {
    "DE": ["GmbH", "AG", "GmbH & Co. KG", ""], "AT": ["GmbH", "AG", ""],
    "FR": ["SA", "SAS", "SARL", ""], "ES": ["S.L.", "S.A.", ""], "IT": ["S.p.A.", "S.r.l.", ""],
    "NL": ["B.V.", "N.V.", ""], "SE": ["AB", ""], "NO": ["AS", "ASA", ""],
    "GB": ["Ltd", "Limited", "PLC", ""], "US": ["Inc.", "LLC", "Corp.", "Corporation", ""],
    "CA": ["Inc.", "Ltd.", ""], "AU": ["Pty Ltd", "Ltd", ""],
}  # fmt: skip
COUNTRIES = tuple(FORMS)


@dataclass(frozen=True)
class Generated:
    accounts: int
    claims: int
    company_of: dict[int, int]  # account id → the company it really is


def _slip(rng: random.Random, word: str) -> str:
    """One typing slip, never in the first letter (see app.domain.overlap_match.similarity)."""
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        return word[:i] + word[i] + word[i:]  # a doubled letter
    if kind == 1:
        return word[:i] + word[i + 1 :]  # a dropped letter
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]  # two letters swapped


def _variants(
    rng: random.Random, base: list[str], form: str, country: str
) -> list[Callable[[], str]]:
    forms = [f for f in FORMS[country] if f != form] or [""]
    name = " ".join(base)

    def typo() -> str:
        words = list(base)
        longest = max(range(len(words)), key=lambda n: len(words[n]))
        words[longest] = _slip(rng, words[longest])
        return f"{' '.join(words)} {form}".strip()

    def ascii_only() -> str:
        return f"{name} {form}".strip().translate(str.maketrans("üöøéÜÖØÉ", "uooeUOOE"))

    return [
        lambda: f"{name} {rng.choice(forms)}".strip(),  # another legal form
        lambda: f"{name} {form}".upper().strip(),
        ascii_only,
        typo,
        lambda: f"{' '.join(reversed(base))} {form}".strip(),  # words swapped
        lambda: f"{name.replace(' & ', ' and ')} {form}".strip(),
        lambda: f"{name}, {form}.".strip(" ,."),
    ]


def _with_nulls(statement: Insert) -> Insert:
    return statement.execution_options(render_nulls=True)


def add_accounts_and_claims(
    db: Database, accounts: int, claims: int, today: date, seed: int = 7
) -> Generated:
    """``accounts`` accounts of distinct companies and their variants, and ``claims`` claims on
    them by 200 partners and the direct team: every account claimed once and live on ``today``,
    and the claims beyond that on accounts already claimed: three in five earlier registrations
    by the same claimant (expired), two in five a second claimant meanwhile (a conflict)."""
    rng = random.Random(seed)
    rows: list[dict[str, object]] = []
    company_of: dict[int, int] = {}
    used: set[tuple[str, str]] = set()
    company = 0
    while len(rows) < accounts:
        country = rng.choice(COUNTRIES)
        base = [w.capitalize() for w in rng.sample(WORDS, rng.choice((1, 2, 2)))]
        if rng.random() < 0.15:
            base.insert(len(base), "&")
            base.append(rng.choice(WORDS).capitalize())
        base.append(rng.choice(TRADES).capitalize())
        key = (name_key(" ".join(base)), country)
        if key in used:
            continue
        used.add(key)
        company += 1
        form = rng.choice(FORMS[country])
        slug = "".join(ch for ch in key[0] if ch.isalnum())[:24]
        web = f"https://www.{slug}.{country.lower()}.example" if rng.random() < 0.5 else None
        names = [f"{' '.join(base)} {form}".strip()]
        if rng.random() < 0.25:  # the same company entered again, written differently
            makers = _variants(rng, base, form, country)
            names += [rng.choice(makers)() for _ in range(rng.choice((1, 1, 2)))]
        for n, name in enumerate(names):
            website = web if n == 0 or rng.random() < 0.3 else None
            if n > 0 and web and rng.random() < 0.05:
                name = f"{base[0]} {rng.choice(TRADES).capitalize()} Services"  # renamed
                website = web
            rows.append({
                "id": len(rows) + 1, "name": name, "name_key": name_key(name),
                "website": website, "domain": domain_key(website), "country": country,
                "city": None, "named_account": False, "version": 1,
            })  # fmt: skip
            company_of[len(rows)] = company
    rows = rows[:accounts]
    partners = [
        {"id": n, "name": f"Partner {n}", "name_key": f"partner {n}", "version": 1}
        for n in range(1, 201)
    ]
    claim_rows: list[dict[str, object]] = []
    claimant_of: dict[int, int] = {}
    order = list(range(1, len(rows) + 1))
    rng.shuffle(order)
    for n in range(claims):
        if n < len(order):  # most accounts are claimed once
            account, who = order[n], rng.randrange(0, 201)
            start = today - timedelta(days=rng.randrange(0, 80))
            claimant_of[account] = who
        else:
            account = rng.randrange(1, len(rows) + 1)
            if rng.random() < 0.6:  # an earlier registration by the same claimant, expired
                who = claimant_of.get(account, 0)
                start = today - timedelta(days=rng.randrange(100, 300))
            else:  # someone else registers the same account meanwhile: a conflict
                who = rng.randrange(0, 201)
                start = today - timedelta(days=rng.randrange(0, 80))
        claim_rows.append({
            "id": n + 1, "account_id": account, "partner_id": who or None,
            "claimed_on": start, "valid_until": start + timedelta(days=90), "status": "pending",
            "deal_amount": Decimal(rng.randrange(10, 500) * 1000), "currency": "EUR",
            "commission_pct": Decimal(rng.choice((5, 10, 12, 15))), "version": 1,
        })  # fmt: skip
    # An empty website or partner is written as NULL rather than left out of the statement:
    # rows that leave out different columns cannot share one batch (thousands of statements).
    with db.transaction() as session:
        session.execute(insert(Partner), partners)
        for start in range(0, len(rows), 5000):
            session.execute(_with_nulls(insert(Account)), rows[start : start + 5000])
        for start in range(0, len(claim_rows), 5000):
            session.execute(_with_nulls(insert(Claim)), claim_rows[start : start + 5000])
    if not db.is_sqlite:
        with db.engine.begin() as connection:
            connection.exec_driver_sql("ANALYZE")
    return Generated(
        len(rows), len(claim_rows), {k: v for k, v in company_of.items() if k <= len(rows)}
    )
