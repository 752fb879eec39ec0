"""How place names are compared: one normal form shared by the index and its callers."""

from __future__ import annotations

import unicodedata

_PUNCTUATION = str.maketrans(
    {
        "\u2019": "'",  # right single quotation mark
        "\u2018": "'",  # left single quotation mark
        "`": "'",
        "\u02bc": "'",  # modifier letter apostrophe
        "\u02bb": "'",  # modifier letter turned comma (ʻ)
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u2212": "-",  # minus sign
        ".": None,
    }
)


def normalize(name: str) -> str:
    """Fold case, accents, quote/dash variants, periods and spacing.

    "U.S." and "us", "Élysée" and "elysee", "Côte d’Ivoire" and "cote d'ivoire"
    all meet at one key. ASCII input, by far the most common from the
    recognizer, skips the Unicode decomposition so lookups stay cheap.
    """
    if name.isascii():
        folded = name.lower()
        if "." in folded or "`" in folded:
            folded = folded.replace(".", "").replace("`", "'")
        return " ".join(folded.split())
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.translate(_PUNCTUATION).split())


def is_latin(name: str) -> bool:
    """True if every letter is Latin script (basic, Latin-1, Extended-A/B or Additional).

    Non-Latin spellings and IPA transcriptions would never match English news
    text, so the build keeps them out of the shipped index.
    """
    for char in unicodedata.normalize("NFC", name):
        code = ord(char)
        if char.isalpha():
            if not (code <= 0x024F or 0x1E00 <= code <= 0x1EFF):
                return False
        elif not (char in " -'’‘ʻʼ." or unicodedata.combining(char)):
            return False
    return True
