import pytest

from gazetteer.curated import check_curated, read_curated

HEADER = "id,name,aliases,kind,lat,lon,country_code,radius_km,metonym\n"


def problems(tmp_path, *rows, countries=("TR", "US")):
    path = tmp_path / "curated.csv"
    path.write_text(HEADER + "".join(row + "\n" for row in rows), encoding="utf-8")
    return check_curated(read_curated(path), countries)


def test_clean_rows(tmp_path):
    assert problems(
        tmp_path,
        "black-sea,Black Sea,,sea,43.4,34.3,,550,0",
        "pentagon,Pentagon,the Pentagon,facility,38.871,-77.056,US,0.5,1",
    ) == []


def test_read_curated_makes_places(tmp_path):
    path = tmp_path / "curated.csv"
    path.write_text(HEADER + "kremlin,Kremlin,the Kremlin|Moscow Kremlin,facility,55.752,37.617,,0.5,1\n")
    [(place, aliases)] = read_curated(path)
    assert place.id == "cu:kremlin"
    assert (place.kind, place.metonym, place.radius_km, place.country_code) == ("facility", True, 0.5, None)
    assert aliases == ("the Kremlin", "Moscow Kremlin")


@pytest.mark.parametrize(
    ("row", "complaint"),
    [
        ("Bad Slug,Black Sea,,sea,43,34,,550,0", "slug"),
        ("x,Black Sea,,ocean,43,34,,550,0", "kind"),
        ("x,Black Sea,,sea,93,34,,550,0", "out of range"),
        ("x,Black Sea,,sea,43,200,,550,0", "out of range"),
        ("x,Black Sea,,sea,43,34,ZZ,550,0", "unknown country"),
        ("x,Black Sea,,sea,43,34,,,0", "radius_km"),
        ("x,Black Sea,,sea,43,34,,-5,0", "radius_km"),
        ("x,Black Sea,,sea,43,34,,550,1", "metonym"),
        ("x,Black Sea,black sea,sea,43,34,,550,0", "repeats"),
        ("x, ,,sea,43,34,,550,0", "empty name"),
    ],
)
def test_problems_are_reported(tmp_path, row, complaint):
    found = problems(tmp_path, row)
    assert any(complaint in p for p in found), found


def test_duplicate_ids(tmp_path):
    found = problems(tmp_path, "x,A Sea,,sea,1,1,,5,0", "x,B Sea,,sea,2,2,,5,0")
    assert any("duplicate id" in p for p in found)


@pytest.mark.parametrize(
    "row",
    ["x,Sea,,sea,north,34,,550,0", "x,Sea,,sea,43,34,,550,yes", "x,Sea,,sea,43,34,,550"],
)
def test_malformed_rows_raise_with_line_number(tmp_path, row):
    path = tmp_path / "curated.csv"
    path.write_text(HEADER + row + "\n")
    with pytest.raises(ValueError, match=r"curated\.csv:2"):
        read_curated(path)


def test_wrong_header_raises(tmp_path):
    path = tmp_path / "curated.csv"
    path.write_text("id,name\nx,Sea\n")
    with pytest.raises(ValueError, match="header"):
        read_curated(path)
