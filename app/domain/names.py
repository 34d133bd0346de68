"""Identity keys for company names and web domains (SPEC.md, "Overlap rules").

Two records are the same company when their keys agree: the name Unicode-folded, lower-cased,
without punctuation or legal-form words; the domain without scheme, ``www.``, path or port.
Free-mail domains never identify a company.
"""

from __future__ import annotations

import functools
import re
import unicodedata

LEGAL_FORMS: frozenset[str] = frozenset(
    {
        "inc",
        "incorporated",
        "corp",
        "corporation",
        "co",
        "company",
        "ltd",
        "limited",
        "llc",
        "llp",
        "lp",
        "plc",
        "gmbh",
        "ag",
        "kg",
        "ohg",
        "ug",
        "sa",
        "sas",
        "sarl",
        "srl",
        "spa",
        "sl",
        "slu",
        "bv",
        "nv",
        "oy",
        "oyj",
        "ab",
        "as",
        "asa",
        "aps",
        "kk",
        "pty",
        "pte",
        "the",
        "sc",
        "scs",
        "cv",
        "sae",
        "se",
        "eurl",
        "sprl",
        "bvba",
        "vof",
        "ev",
        "eg",
        "kft",
        "zrt",
        "nyrt",
        "sro",
        "spol",
        "doo",
        "dd",
        "ad",
        "ood",
        "eood",
        "jsc",
        "pjsc",
        "ooo",
        "zao",
        "oao",
        "pvt",
        "pt",
        "tbk",
        "bhd",
        "sdn",
        "lda",
        "ltda",
        "eireli",
        "me",
        "epp",
        "cia",
    }
)

FREE_MAIL_DOMAINS: frozenset[str] = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "hotmail.co.uk",
        "hotmail.fr",
        "hotmail.de",
        "live.com",
        "live.co.uk",
        "msn.com",
        "yahoo.com",
        "yahoo.co.uk",
        "yahoo.fr",
        "yahoo.de",
        "ymail.com",
        "aol.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "proton.me",
        "protonmail.com",
        "gmx.com",
        "gmx.de",
        "gmx.net",
        "web.de",
        "mail.com",
        "mail.ru",
        "yandex.ru",
        "yandex.com",
        "qq.com",
        "163.com",
        "126.com",
        "zoho.com",
        "fastmail.com",
        "tutanota.com",
        "laposte.net",
        "orange.fr",
        "free.fr",
        "wanadoo.fr",
        "t-online.de",
        "libero.it",
        "virgilio.it",
        "btinternet.com",
        "seznam.cz",
        "naver.com",
    }
)

_NON_WORD = re.compile(r"[^\w\s]", re.UNICODE)
#: A name of plain letters, digits and spaces needs none of the rules below but the split.
_PLAIN = re.compile(r"[a-z0-9 ]*")
_PLAIN_LIST = re.compile("[a-z0-9 \0]*")  # plain names joined by NUL (``name_keys``)
_SPACES = re.compile(r"\s+")
_SLASHED_FORM = re.compile(r"\b(\w)/(\w)\b")
_APOSTROPHES = re.compile(r"(?<=\w)['’ʼ](?=\w)")
# "A.B.C. GmbH & Co. KG" → keep the & as a word break, drop dots inside abbreviations.
_DOTTED_ABBREVIATION = re.compile(r"\b(?:[a-z]\.)+[a-z]\b\.?", re.UNICODE)


#: Letters that Unicode does not decompose into a base letter and an accent: Ørsted is Orsted
#: to anyone typing on another keyboard.
_UNSPLIT = str.maketrans(
    {"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "đ": "d", "Đ": "D",
     "ł": "l", "Ł": "L", "þ": "th", "Þ": "Th", "ı": "i", "ð": "d", "Ð": "D"}
)  # fmt: skip
#: Words that join names: "Johnson & Johnson" and "Johnson and Johnson" are one company.
CONNECTORS: frozenset[str] = frozenset({"and", "und", "et", "og", "och", "en"})
_SPECIAL_WORDS = LEGAL_FORMS | CONNECTORS


def fold(text: str) -> str:
    """NFKD-fold and drop accents: ``Société Générale`` → ``Societe Generale``."""
    if text.isascii():
        return text  # most names: nothing to fold, and an import folds 50,000 of them
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return plain.translate(_UNSPLIT) if not plain.isascii() else plain


@functools.lru_cache(maxsize=4096)  # an import asks for one name's key several times in a row
def name_key(name: str) -> str:
    """The identity key of a company name: ``The Contoso, Ltd.`` → ``contoso``.

    When every word is a legal form (a company called "The Company"), the words are kept so the
    key is never empty for a non-empty name.
    """
    text = fold(name or "").casefold()
    if _PLAIN.fullmatch(text):  # most names: no punctuation to interpret
        words = text.split()
    else:
        text = _DOTTED_ABBREVIATION.sub(lambda m: m.group(0).replace(".", ""), text)
        text = _APOSTROPHES.sub("", text)  # "Zoë's" is one word, not "zoe s"
        text = _SLASHED_FORM.sub(r"\1\2", text)  # "A/S" is the legal form "as"
        text = _NON_WORD.sub(" ", text).replace("_", " ")
        words = _SPACES.split(text.strip())
    if _SPECIAL_WORDS.isdisjoint(words) and "" not in words:
        return " ".join(words)  # most names: no legal form, no "and" to drop
    kept = [w for w in words if w and w not in LEGAL_FORMS]
    kept = [w for n, w in enumerate(kept) if n == 0 or w not in CONNECTORS]
    return " ".join(kept or [w for w in words if w])


def name_keys(names: list[str]) -> list[str]:
    """``[name_key(name) for name in names]``, for an import's tens of thousands of names.

    A list of plain names (ASCII letters, digits and spaces once folded, no legal form and no
    joining word anywhere), which is most of a real list, is keyed by a few passes of C loops
    over the whole list instead of a Python call per name; any other list goes name by name.
    """
    joined = "\0".join(names)
    if joined.isascii() and joined.count("\0") == len(names) - 1:  # no name holds a NUL
        joined = joined.lower()  # ASCII: what fold and casefold make of it
        words = joined.replace("\0", " ").split()
        if _PLAIN_LIST.fullmatch(joined) and _SPECIAL_WORDS.isdisjoint(words):
            return [" ".join(text.split()) for text in joined.split("\0")]
    return [name_key(name) for name in names]


def domain_key(website_or_email: str | None) -> str | None:
    """The company domain of a website or e-mail address, or ``None`` when it names no company.

    ``https://www.Contoso.com:443/about`` → ``contoso.com``; ``ann@contoso.com`` → ``contoso.com``;
    ``bob@gmail.com`` → ``None`` (free mail identifies nobody).
    """
    text = (website_or_email or "").strip().casefold()
    if not text:
        return None
    if "@" in text and "/" not in text.split("@", 1)[0]:
        text = text.rsplit("@", 1)[1]
    text = re.sub(r"^[a-z][a-z0-9+.-]*://", "", text)
    text = text.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    text = text.rsplit("@", 1)[-1].split(":", 1)[0].strip(".")
    if text.startswith("www."):
        text = text[4:]
    if "." not in text or not re.fullmatch(r"[\w.-]+", text):
        return None
    if text in FREE_MAIL_DOMAINS:
        return None
    return text
