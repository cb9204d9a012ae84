"""The aggregator's pages: full page and month fragments, uk and en editions."""

from __future__ import annotations

import datetime as dt

import pytest
from parse_fixtures import read_fixture

from parsers import ParseError, parse_document

D = dt.date


@pytest.mark.parametrize(
    ("name", "dates", "lang"),
    [
        ("ua-casualties-2024-06.html", [D(2024, 6, d) for d in (4, 3, 2, 1)], "uk"),
        ("ua-month-2022-04.html", [D(2022, 4, d) for d in (30, 29, 28)], "uk"),
        ("en-month-2024-05.html", [D(2024, 5, 31), D(2024, 5, 30)], "en"),
        ("en-casualties-2022-03.html", [D(2022, 3, 12)], "en"),
    ],
)
def test_aggregator_pages_parse_to_the_reference(reference, name, dates, lang):
    bulletins = parse_document(read_fixture(f"minfin/{name}"))
    assert [b.date for b in bulletins] == dates
    for bulletin in bulletins:
        assert bulletin.errors == ()
        assert (bulletin.source, bulletin.lang) == ("minfin", lang)
        # Omitted increases are zero in this source; the reference agrees.
        assert dict(bulletin.figures) == reference[bulletin.date]


def test_omitted_increase_is_zero_not_none():
    bulletins = parse_document(read_fixture("minfin/ua-casualties-2024-06.html"))
    june1 = bulletins[-1]
    assert june1.figures["mlrs"].delta == 0  # "РСЗВ — 1088" without <small>
    assert june1.figures["aircraft"].delta == 0


def test_labels_not_positions():
    page = read_fixture("minfin/ua-month-2022-04.html").decode()
    items = [line for line in page.splitlines() if line.startswith("<li>")][:14]  # 30.04.2022
    fragment = (
        '<ul class="see-also"><li class="gold"><span class="black">30.04.2022</span>'
        '<div class="casualties"><div><ul>'
        + "".join(reversed(items))
        + "</ul></div></div></li></ul>"
    )
    (original,) = [b for b in parse_document(page) if b.date == D(2022, 4, 30)]
    (reordered,) = parse_document(fragment, format="minfin")
    assert dict(reordered.figures) == dict(original.figures)


def test_edition_language_from_the_url():
    bulletins = parse_document(
        read_fixture("minfin/en-month-2024-05.html"),
        url="https://index.minfin.com.ua/en/russian-invading/casualties/month.php?month=2024-05",
    )
    assert {b.lang for b in bulletins} == {"en"}


def test_truncated_fragment():
    with pytest.raises(ParseError, match="truncated"):
        parse_document(read_fixture("minfin/ua-month-2022-04-truncated.html"))


def test_truncated_full_page():
    page = read_fixture("minfin/ua-casualties-2024-06.html")
    with pytest.raises(ParseError, match="truncated"):
        parse_document(page[: len(page) - 300])


def test_unknown_label_in_a_day_is_an_error_for_that_day():
    page = read_fixture("minfin/ua-month-2022-04.html").decode()
    page = page.replace("<li>Танки&nbsp;— 1008", "<li>Лазери&nbsp;— 3</li><li>Танки&nbsp;— 1008", 1)
    bulletins = parse_document(page)
    assert bulletins[0].errors == ("unknown label 'Лазери' in 'Лазери — 3'",)
    assert bulletins[1].errors == bulletins[2].errors == ()


def test_day_without_date_is_an_error():
    page = read_fixture("minfin/ua-month-2022-04.html").decode()
    page = page.replace('<span class="black">29.04.2022</span>', '<span class="black">—</span>')
    bulletins = parse_document(page)
    assert bulletins[1].date is None
    assert "without a readable date" in bulletins[1].errors[0]


def test_page_without_days():
    page = "<html><body><ul class='menu'><li>Ринки</li></ul><p>casualties</p></body></html>"
    with pytest.raises(ParseError, match="no days"):
        parse_document(page, format="minfin")


@pytest.mark.parametrize("small", ["<small>(+?)</small>", "<small>(+)</small>", "(+)"])
def test_an_unreadable_increase_is_an_error_not_zero(small):
    page = read_fixture("minfin/en-month-2024-05.html").decode()
    assert "Aircraft&nbsp;— 357</li>" in page
    page = page.replace("Aircraft&nbsp;— 357</li>", f"Aircraft&nbsp;— 357 {small}</li>", 1)
    bulletin = parse_document(page, format="minfin")[0]
    assert "aircraft" not in bulletin.figures
    assert bulletin.errors and "'Aircraft'" in bulletin.errors[0]
    assert "cannot read increase" in bulletin.errors[0]


def test_an_item_without_a_dash_is_an_error_naming_it():
    page = read_fixture("minfin/en-month-2024-05.html").decode()
    page = page.replace("Aircraft&nbsp;— 357</li>", "Aircraft 357</li>", 1)
    bulletin = parse_document(page, format="minfin")[0]
    assert "aircraft" not in bulletin.figures
    assert bulletin.errors == (
        "cannot read the figure for 'Aircraft': no dash or colon between the label and the "
        "number: 'Aircraft 357'",
    )
