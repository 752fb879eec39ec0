import pytest

from gazetteer.names import is_latin, normalize


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("U.S.", "us"),
        ("MOSCOW", "moscow"),
        ("  New   York ", "new york"),
        ("Élysée Palace", "elysee palace"),
        ("Côte d’Ivoire", "cote d'ivoire"),
        ("Côte d`Ivoire", "cote d'ivoire"),
        ("Al‘Ula", "al'ula"),
        ("Guinea–Bissau", "guinea-bissau"),
        ("Guinea—Bissau", "guinea-bissau"),
        ("İncirlik", "incirlik"),
        ("Straße", "strasse"),
        ("St. Petersburg", "st petersburg"),
        ("Türkiye", "turkiye"),
        ("", ""),
    ],
)
def test_normalize(raw, expected):
    assert normalize(raw) == expected


def test_normalize_ascii_shortcut_agrees_with_full_path():
    # A non-ASCII character forces the Unicode path for the same text.
    assert normalize("U.S. Army`s base é")[:-2] == normalize("U.S. Army`s base")


@pytest.mark.parametrize("name", ["Moskva", "Moscou", "Saint-Pétersbourg", "Lýðveldið Ísland", "Quảng Châu", "N'Djamena"])
def test_latin_names(name):
    assert is_latin(name)


@pytest.mark.parametrize("name", ["Москва", "موسكو", "モスクワ", "ʁɛpublika", "Lower Estate (I & II)", "Area 51", "a|b"])
def test_non_latin_or_odd_names(name):
    assert not is_latin(name)
