"""The words of company names as the likely-match rule compares them (SPEC.md, "Overlap rules").

Two things hide or fake a match when whole names are compared letter by letter:

- business abbreviations: "Acme Intl Mfg" and "Acme International Manufacturing" are one company
  written two ways, yet only half their letters agree. Each abbreviation is read as its full
  word (``ABBREVIATIONS``), in the languages the product is used in. Every abbreviation starts
  with the letter of its full word, so the word initials that block the candidates of a likely
  match (``app.domain.overlap_match.shape``) are the same written either way;
- a changed distinctive word: "Northern Metro Supply" and "Northern Metric Supply" are 90% alike
  letter by letter, but *Metro* and *Metric* are two names, not a typing slip. Names are
  compared word by word (``changed_word``): a word that differs by more than one slip (a letter
  doubled or added, dropped, or two neighbours swapped) from its counterpart makes the names not
  alike, unless both words are generic business words (``GENERIC_WORDS``), which say what a
  company does, not who it is. One letter changed for another is not taken for a slip: it is
  how the names of different companies most often differ (Berg and Burg, Schreiber and
  Schreiner), and a person who means one company types its letters, if not all of them.
"""

from __future__ import annotations

from collections import defaultdict

from rapidfuzz.distance import Indel

#: Full word → its abbreviations, as ``app.domain.names.name_key`` leaves them (folded, lower
#: case, no dots or apostrophes: "Int'l" is ``intl``, "Sté" is ``ste``).
_FULL_WORDS: dict[str, tuple[str, ...]] = {
    # English
    "international": ("intl", "int", "internat", "intnl", "intern"),
    "national": ("natl",),
    "manufacturing": ("mfg", "manuf", "mfrg", "mfring"),
    "manufacturers": ("mfrs", "mfr"),
    "services": ("svcs", "svc", "servs", "serv", "srvcs", "svces"),
    "technologies": ("tech", "techs", "technol", "techno", "technology", "technologie"),
    "systems": ("sys", "syst", "systs"),
    "brothers": ("bros", "bro"),
    "associates": ("assoc", "assocs"),
    "association": ("assn",),
    "industries": ("ind", "inds", "indus", "industrie", "industria", "industrias"),
    "engineering": ("eng", "engg", "engr", "engrg"),
    "management": ("mgmt", "mgt", "mngmt"),
    "distribution": ("dist", "distr", "distrib", "distn"),
    "distributors": ("distrs", "distribs"),
    "holdings": ("hldgs", "hldg"),
    "group": ("grp",),
    "laboratories": ("labs", "lab", "labor", "laboratory"),
    "pharmaceuticals": ("pharma", "pharm", "pharmaceutical"),
    "equipment": ("equip", "eqpt", "eqp"),
    "products": ("prods", "prod"),
    "development": ("dev", "devel", "devt"),
    "communications": ("comms", "commun", "communs"),
    "marketing": ("mktg",),
    "construction": ("constr", "constrn"),
    "trading": ("trdg",),
    "chemicals": ("chem", "chems"),
    "solutions": ("solns", "soln"),
    "partners": ("ptnrs", "ptrs"),
    "american": ("amer",),
    "department": ("dept",),
    "university": ("univ",),
    "center": ("ctr", "cntr", "centre"),
    "mechanical": ("mech",),
    "transport": ("transp",),
    "general": ("gen", "genl"),
    "medical": ("med",),
    "health": ("hlth",),
    "insurance": ("ins",),
    "electronics": ("electr", "elecs"),
    "enterprises": ("ents", "entps", "enterprise"),
    "consulting": ("consult", "cnsltg"),
    "logistics": ("logist",),
    # German (and Dutch, which writes "Gebr." too)
    "gebruder": ("gebr", "gebroeders"),
    "gesellschaft": ("ges",),
    "dienstleistungen": ("dienstl",),
    "verwaltung": ("verw",),
    "vertrieb": ("vertr",),
    "maschinenbau": ("masch", "maschb"),
    "handelsgesellschaft": ("handelsges", "hges"),
    # French
    "compagnie": ("cie",),
    "societe": ("ste", "soc", "societa", "sociedad"),
    "etablissements": ("ets", "etabl", "etab"),
    "freres": ("fres",),
    # Spanish
    "hermanos": ("hnos",),
    # Italian ("F.lli" is read as the two words "f lli")
    "fratelli": ("flli",),
    "costruzioni": ("costr",),
    "meccanica": ("mecc",),
    # Nordic
    "aktieselskab": ("akts",),
    "brodrene": ("brdr",),
}

#: Abbreviation → the full word it is read as.
ABBREVIATIONS: dict[str, str] = {
    short: full for full, shorts in _FULL_WORDS.items() for short in shorts
}

#: Words that say what a company does or how it is organised, not who it is: a change between
#: two of them is weighed by the whole name's similarity, not taken as another company.
GENERIC_WORDS: frozenset[str] = frozenset(_FULL_WORDS) | frozenset(
    {
        "solution", "service", "system", "holding", "partner", "product", "foods", "food",
        "supply", "supplies", "software", "consultants", "consultancy", "capital", "finance",
        "financial", "investments", "properties", "realty", "retail", "wholesale", "energy",
        "health", "healthcare", "media", "motors", "shipping", "agency", "studio", "studios",
        "works", "global", "worldwide", "europe", "european", "digital", "data", "networks",
        "network", "trade", "traders", "handel", "technik", "logistik", "bau", "werke",
        "vertriebs", "consultoria", "servicios", "servizi", "sistemas", "sistemi", "systeme",
        "soluciones", "soluzioni", "tecnologia", "tecnologias", "tecnologie", "technologie",
        "groupe", "gruppe", "grupo", "gruppo", "groep",
    }
)  # fmt: skip


def comparable_words(name_key: str) -> list[str]:
    """The words of a name key with each abbreviation read as its full word."""
    words = name_key.split()
    if "f" in words:  # "F.lli Rossi" is "Fratelli Rossi"
        at = words.index("f")
        if at + 1 < len(words) and words[at + 1] == "lli":
            words[at : at + 2] = ["fratelli"]
    return [ABBREVIATIONS.get(word, word) for word in words]


def changed_word(words_a: list[str], words_b: list[str]) -> bool:
    """Whether two names with the same word initials differ in a distinctive word: a word of
    one that is not one typing slip from its counterpart in the other (the word of the
    same initial, in sorted order), where the two are not both generic business words.

    Words of three letters or fewer must agree exactly: one changed letter of a short word is
    already another word ("Abc" and "Abd")."""
    left: defaultdict[str, list[str]] = defaultdict(list)
    right: defaultdict[str, list[str]] = defaultdict(list)
    for word in sorted(words_a):
        left[word[0]].append(word)
    for word in sorted(words_b):
        right[word[0]].append(word)
    for initial, words in left.items():
        others = list(right.get(initial, ()))
        unpaired = []
        for word in words:  # the same word on both sides pairs with itself
            if word in others:
                others.remove(word)
            else:
                unpaired.append(word)
        for word, other in zip(unpaired, others, strict=False):
            if word in GENERIC_WORDS and other in GENERIC_WORDS:
                continue
            if min(len(word), len(other)) <= 3 or not _one_slip(word, other):
                return True
    return False


def _one_slip(word: str, other: str) -> bool:
    """Whether two different words are one typing slip apart: a letter added or dropped, or two
    neighbouring letters swapped."""
    if len(word) != len(other):
        return Indel.distance(word, other, score_cutoff=1) == 1
    at = next(n for n, (a, b) in enumerate(zip(word, other, strict=True)) if a != b)
    swapped = word[:at] + word[at + 1 : at + 2] + word[at] + word[at + 2 :]
    return swapped == other
