"""The aggregator's pages in its real markup (mirror/SITES.md §5): the bare page (unclosed
`li.gold` days, single-quoted attributes, labels inside <abbr>/<span>, personnel last, the
infographic block inside the first day, the "Див. також:" block), a month page with the
current day repeated at its top, month.php fragments, February 2022 and the en edition."""

from __future__ import annotations

import datetime as dt

import pytest

from parsers import ParseError, parse_document
from parsers.model import Figure
from tests.support.fixtures import read_fixture

D = dt.date


def stated(reference, date: D) -> dict:
    """The reference day as the aggregator shows it: no increases before 2022-05-01."""
    early = date < D(2022, 5, 1)
    return {
        name: Figure(f.total, None if early else f.delta, f.qualifier)
        for name, f in reference[date].items()
    }


JUNE_2023 = [D(2023, 6, d) for d in (3, 2, 1)]
MARCH_2022 = [D(2022, 3, d) for d in (20, 19, 18, 17)]  # after the current day repeated


@pytest.mark.parametrize(
    ("name", "dates", "lang"),
    [
        ("ua-casualties-2023-06-04.html", [D(2023, 6, 4), *JUNE_2023, D(2023, 5, 31)], "uk"),
        ("ua-month-2022-03-page.html", [D(2023, 6, 4), *MARCH_2022], "uk"),
        ("ua-month-php-2024-05.html", [D(2024, 5, d) for d in (31, 30, 29)], "uk"),
        ("en-casualties-2024-06-04.html", [D(2024, 6, 4), D(2024, 6, 3)], "en"),
    ],
)
def test_aggregator_pages_parse_to_the_reference(reference, name, dates, lang):
    bulletins = parse_document(read_fixture(f"minfin/{name}"))
    assert [b.date for b in bulletins] == dates
    for bulletin in bulletins:
        assert bulletin.errors == ()
        assert (bulletin.source, bulletin.lang) == ("minfin", lang)
        assert bulletin.losses_date == bulletin.date - dt.timedelta(days=1)
        # Omitted increases are zero on days that state increases; the reference agrees.
        assert dict(bulletin.figures) == stated(reference, bulletin.date)


def test_an_omitted_increase_is_zero_only_on_a_day_that_states_increases():
    bulletins = parse_document(read_fixture("minfin/ua-casualties-2023-06-04.html"))
    june2 = next(b for b in bulletins if b.date == D(2023, 6, 2))
    assert june2.figures["mlrs"] == Figure(575, 0)  # "РСЗВ — 575" without <small>
    march = parse_document(read_fixture("minfin/ua-month-2022-03-page.html"))[1:]
    assert all(f.delta is None for day in march for f in day.figures.values())


def test_the_infographic_and_the_see_also_block_are_not_days_or_figures(reference):
    page = read_fixture("minfin/ua-casualties-2023-06-04.html").decode()
    personnel = reference[D(2023, 6, 4)]["personnel"].total
    assert f"втрати: {personnel}" in page  # the infographic inside the first day
    assert "table-comment" in page and "Див. також:" in page
    bulletins = parse_document(page)
    assert len(bulletins) == 5
    assert all(b.errors == () for b in bulletins)


def test_february_2022_qualifiers_old_labels_and_the_prisoners_tail(reference):
    bulletins = parse_document(read_fixture("minfin/ua-month-php-2022-02.html"))
    assert [b.date for b in bulletins] == [D(2022, 2, d) for d in (28, 27, 26, 25)]
    assert all(b.errors == () for b in bulletins)
    feb28, feb27, feb26, feb25 = (b.figures for b in bulletins)
    for day, figures in zip(bulletins, (feb28, feb27, feb26, feb25), strict=True):
        for name, figure in figures.items():
            assert figure.total == reference[day.date][name].total
            assert figure.delta is None  # February 2022 states no increases
    assert feb28["mlrs"] == Figure(21, None)  # "РСЗВ Град — 21"
    assert feb28["air_defense_systems"] == Figure(5, None)  # "ЗРК БУК — 5"
    assert feb28["military_auto"] == Figure(291, None)  # "Автомобілі — 291", before the merge
    assert feb28["personnel"] == Figure(5300, None, "about")  # "…, понад 200 полоненими"
    assert feb27["tanks"] == Figure(150, None, "about")  # "близько 150"
    assert feb26["tanks"] == Figure(146, None, "more")  # "більше 146"
    assert feb26["armoured_combat_vehicles"] == Figure(706, None, "up_to")  # "до 706"
    assert feb26["personnel"] == Figure(4300, None, "more")
    assert feb25["tanks"] == Figure(80, None, "up_to")
    assert feb25["artillery_systems"] == Figure(49, None, "more")  # "более 49"


def test_labels_not_positions():
    page = read_fixture("minfin/ua-month-php-2024-05.html").decode()
    start = page.index("<div><ul>") + len("<div><ul>")
    end = page.index("</ul>", start)
    items = page[start:end].replace("</li>", "</li>\n").split("\n")[:-1]
    reordered = page[:start] + "".join(reversed(items)) + page[end:]
    assert parse_document(reordered)[0] == parse_document(page)[0]


def test_edition_language_from_the_url_or_the_labels():
    body = read_fixture("minfin/en-casualties-2024-06-04.html")
    assert {b.lang for b in parse_document(body)} == {"en"}
    url = "https://index.minfin.com.ua/en/russian-invading/casualties/month.php?month=2024-05"
    fragment = read_fixture("minfin/ua-month-php-2024-05.html")
    assert {b.lang for b in parse_document(fragment, format="minfin", url=url)} == {"en"}
    ua = url.replace("/en/", "/ua/")
    assert {b.lang for b in parse_document(body, format="minfin", url=ua)} == {"uk"}
    # No edition in the URL (a saved file): the labels say.
    assert {b.lang for b in parse_document(body, format="minfin", url="file:///x.html")} == {"en"}
    assert {b.lang for b in parse_document(fragment, format="minfin")} == {"uk"}


def test_truncated_pages_and_fragments():
    page = read_fixture("minfin/ua-casualties-2023-06-04.html")
    with pytest.raises(ParseError, match="truncated"):
        parse_document(page[: len(page) - 300])
    fragment = read_fixture("minfin/ua-month-php-2024-05.html")
    with pytest.raises(ParseError, match="truncated: the list of days never closes"):
        parse_document(fragment[: len(fragment) // 2], format="minfin")


def test_unknown_label_in_a_day_is_an_error_for_that_day():
    page = read_fixture("minfin/ua-month-php-2024-05.html").decode()
    page = page.replace("<li>Танки&nbsp;", "<li>Лазери&nbsp;&mdash; 3</li><li>Танки&nbsp;", 1)
    bulletins = parse_document(page)
    assert bulletins[0].errors == ("unknown label 'Лазери' in 'Лазери — 3'",)
    assert bulletins[1].errors == bulletins[2].errors == ()


def test_day_without_date_is_an_error():
    page = read_fixture("minfin/ua-month-php-2024-05.html").decode()
    page = page.replace("<span class='black'>30.05.2024</span>", "<span class='black'>—</span>")
    bulletins = parse_document(page)
    assert bulletins[1].date is None
    assert "without a readable date" in bulletins[1].errors[0]


def test_page_without_days():
    page = "<html><body><ul class='menu'><li>Ринки</li></ul><p>casualties</p></body></html>"
    with pytest.raises(ParseError, match="no days"):
        parse_document(page, format="minfin")


@pytest.mark.parametrize("small", ["<small>(+?)</small>", "<small>(+)</small>", "(+)"])
def test_an_unreadable_increase_is_an_error_not_zero(small):
    page = read_fixture("minfin/ua-month-php-2024-05.html").decode()
    assert "Літаки&nbsp;&mdash; 357</li>" in page
    page = page.replace("Літаки&nbsp;&mdash; 357</li>", f"Літаки&nbsp;&mdash; 357 {small}</li>", 1)
    bulletin = parse_document(page, format="minfin")[0]
    assert "aircraft" not in bulletin.figures
    assert bulletin.errors and "'Літаки'" in bulletin.errors[0]
    assert "cannot read increase" in bulletin.errors[0]


def test_an_item_without_a_dash_is_an_error_naming_it():
    page = read_fixture("minfin/ua-month-php-2024-05.html").decode()
    page = page.replace("Літаки&nbsp;&mdash; 357</li>", "Літаки 357</li>", 1)
    bulletin = parse_document(page, format="minfin")[0]
    assert "aircraft" not in bulletin.figures
    assert bulletin.errors == (
        "cannot read the figure for 'Літаки': no dash or colon between the label and the "
        "number: 'Літаки 357'",
    )
