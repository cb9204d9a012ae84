"""MoD-era bulletin pages in the layouts of mirror/SITES.md: www.mil.gov.ua (uk, en; 2022 with
and without increases, pretty-printed, no <html> tag), www.kmu.gov.ua (a <ul>, a Facebook
paste), mod.gov.ua uk (the "за добу" era, 2026-01-17, "на D" with its lead, grouped
headings, a -1 duplicate) and en (inline items, "Personnel:" headings). The fixtures are
written from the reference figures; each parses back to them exactly, with both dates."""

from __future__ import annotations

import datetime as dt

import pytest

from parsers import NotABulletin, ParseError, parse_document
from parsers.mod import parse_mod
from parsers.model import Figure
from tests.support.fixtures import read_fixture

D = dt.date


def stated(reference, date: D, *, increases: bool = True) -> dict:
    """The reference day as a bulletin states it (before 2022-05-01: no increases)."""
    return {
        name: Figure(f.total, f.delta if increases else None, f.qualifier)
        for name, f in reference[date].items()
    }


PAGES = [
    # (fixture, report date, lang, states increases)
    ("mil-en-2022-04-20-no-increases.html", D(2022, 4, 20), "en", False),
    ("mil-en-2022-07-05-pretty.html", D(2022, 7, 5), "en", True),
    ("mil-en-2022-08-10-no-html-tag.html", D(2022, 8, 10), "en", True),
    ("mil-uk-2022-07-20-headline.html", D(2022, 7, 20), "uk", True),
    ("mil-uk-2023-03-15-year.html", D(2023, 3, 15), "uk", True),
    ("kmu-en-2023-05-20-list.html", D(2023, 5, 20), "en", True),
    ("kmu-en-2023-08-09-facebook.html", D(2023, 8, 9), "en", True),
    ("mod-uk-2024-11-05-za-dobu.html", D(2024, 11, 5), "uk", True),
    ("mod-uk-2025-06-10-no-lead.html", D(2025, 6, 10), "uk", True),
    ("mod-uk-2026-01-17-na.html", D(2026, 1, 17), "uk", True),
    ("mod-uk-2026-02-05.html", D(2026, 2, 5), "uk", True),
    ("mod-uk-2026-04-20-duplicate.html", D(2026, 4, 20), "uk", True),
    ("mod-uk-2026-05-12-grouped.html", D(2026, 5, 12), "uk", True),
    ("mod-en-2024-12-01-over-last-day.html", D(2024, 12, 1), "en", True),
    ("mod-en-2026-01-18-inline.html", D(2026, 1, 18), "en", True),
    ("mod-en-2026-05-10-headings.html", D(2026, 5, 10), "en", True),
]


@pytest.mark.parametrize(("name", "date", "lang", "increases"), PAGES)
def test_pages_parse_to_the_reference(reference, name, date, lang, increases):
    (bulletin,) = parse_document(read_fixture(f"mod/{name}"))
    assert bulletin.errors == ()
    assert (bulletin.source, bulletin.lang) == ("mod", lang)
    assert (bulletin.date, bulletin.losses_date) == (date, date - dt.timedelta(days=1))
    assert dict(bulletin.figures) == stated(reference, date, increases=increases)
    assert bulletin.figures["personnel"].qualifier == "about"


@pytest.mark.parametrize(("name", "date", "lang", "increases"), PAGES)
def test_the_raw_page_and_its_text_parse_alike(name, date, lang, increases):
    body = read_fixture(f"mod/{name}")
    assert parse_document(body, format="mod") == parse_document(body.decode(), format="mod")


def test_before_may_2022_separate_vehicles_fuel_tanks_and_srbm_without_increases():
    (bulletin,) = parse_document(read_fixture("mod/mil-en-2022-04-20-no-increases.html"))
    figures = bulletin.figures
    assert figures["military_auto"] == Figure(1504, None)  # "vehicles ‒ 1504 од"
    assert figures["fuel_tanks"] == Figure(76, None)
    assert figures["mobile_srbm_systems"] == Figure(4, None)
    assert figures["warships_boats"] == Figure(8, None)  # "boats / cutters"
    assert figures["personnel"] == Figure(20900, None, "about")  # "about 20900 осіб"
    assert "vehicles_fuel_tanks" not in figures


def test_the_year_of_a_yearless_range_comes_from_the_page_timestamp():
    page = read_fixture("mod/mil-en-2022-07-05-pretty.html").decode()
    moved = page.replace("2022-07-05 09:40:00", "2023-07-05 09:40:00")
    assert parse_document(moved)[0].date == D(2023, 7, 5)
    # Without a timestamp the range has no year: an error, unless the caller gives one.
    bare = page.replace("2022-07-05 09:40:00", "")
    (bulletin,) = parse_document(bare)
    assert bulletin.date is None and "no report date" in bulletin.errors[0]
    assert parse_document(bare, date=D(2022, 7, 5))[0].date == D(2022, 7, 5)


def test_the_uk_headline_numbers_are_never_figures(reference):
    (bulletin,) = parse_document(read_fixture("mod/mil-uk-2022-07-20-headline.html"))
    assert bulletin.figures["tanks"].total == 1700  # not the headline's "понад 1700"
    assert bulletin.figures["armoured_combat_vehicles"].total == 3905  # not "майже 3914"


def test_the_sidebar_of_other_days_is_not_read():
    page = read_fixture("mod/mil-uk-2022-07-20-headline.html").decode()
    assert "38550 осіб" in page  # another day's headline in the sidebar
    (bulletin,) = parse_document(page)
    assert bulletin.figures["personnel"].total == 38750


def test_kmu_posted_line_and_sidebar_are_not_figures():
    (bulletin,) = parse_document(read_fixture("mod/kmu-en-2023-05-20-list.html"))
    assert bulletin.errors == ()  # no "unknown label 'May'" from "posted 20 May 2023"


def test_kmu_facebook_paste_image_alt_text_is_not_read():
    page = read_fixture("mod/kmu-en-2023-08-09-facebook.html").decode()
    assert "tanks 4262" not in page and "4262 +8 tanks" in page  # the picture's alt text
    (bulletin,) = parse_document(page)
    assert bulletin.figures["tanks"] == Figure(4262, 8)


def test_mod_gov_ua_infographic_caption_and_lead_summary_are_not_figures(reference):
    page = read_fixture("mod/mod-uk-2026-02-05.html").decode()
    assert "<figcaption>" in page and "знищено 770 окупантів, 5 танків" in page
    (bulletin,) = parse_document(page)
    assert dict(bulletin.figures) == stated(reference, D(2026, 2, 5))


def test_spaces_inside_the_increase():
    (bulletin,) = parse_document(read_fixture("mod/mod-uk-2026-02-05.html"))
    assert bulletin.figures["uav"] == Figure(125094, 1351)  # "125 094 (+1 351)"
    assert bulletin.figures["personnel"] == Figure(1243840, 770, "about")


def test_grouped_headings_and_a_heading_that_labels_its_item(reference):
    (uk,) = parse_document(read_fixture("mod/mod-uk-2026-05-12-grouped.html"))
    assert uk.figures["ground_robotic_systems"] == Figure(1373, 2)
    (en,) = parse_document(read_fixture("mod/mod-en-2026-05-10-headings.html"))
    # "Personnel:" then "approximately 1 341 110 (+840) persons."
    assert en.figures["personnel"] == Figure(1341110, 840, "about")


def test_the_slug_never_dates_a_page():
    body = read_fixture("mod/mod-uk-2026-04-20-duplicate.html")
    url = "https://mod.gov.ua/news/bojovi-vtrati-voroga-na-19-kvitnya-2026-roku-1"
    (bulletin,) = parse_document(body, url=url)
    assert bulletin.date == D(2026, 4, 20)


def test_a_page_without_a_stated_date_takes_a_morning_timestamp_only():
    page = read_fixture("mod/mod-uk-2025-06-10-no-lead.html").decode()
    assert parse_document(page)[0].date == D(2025, 6, 10)  # 10.06.2025 07:05
    (afternoon,) = parse_document(page.replace("10.06.2025 07:05", "10.06.2025 14:05"))
    assert afternoon.date is None
    assert "not a morning one" in afternoon.errors[0]
    (undated,) = parse_document(page.replace("10.06.2025 07:05", ""))
    assert undated.date is None and "no timestamp" in undated.errors[0]


@pytest.mark.parametrize(
    ("name", "title", "lead"),
    [
        ("mod-uk-2026-02-05.html", "на 5 лютого 2026 року", "за 3 лютого 2026 року"),
        ("mod-en-2026-01-18-inline.html", "as of January 18, 2026", "on January 16, 2026"),
        ("mod-uk-2024-11-05-za-dobu.html", "по 05.11.24", "по 04.11.24"),
    ],
)
def test_a_title_and_a_lead_that_disagree_are_an_error_never_a_guess(name, title, lead):
    page = read_fixture(f"mod/{name}").decode()
    original = {
        "mod-uk-2026-02-05.html": "за 4 лютого 2026 року",
        "mod-en-2026-01-18-inline.html": "on January 17, 2026",
        "mod-uk-2024-11-05-za-dobu.html": "по 05.11.24",
    }[name]
    if name.startswith("mod-uk-2024"):  # the title states no date: change the lead's
        page = page.replace(f"{original} орієнтовно", f"{lead} орієнтовно")
        page = page.replace(
            '<div class="news-date">05.11.2024', '<div class="news-date">04.11.2024'
        )
        (bulletin,) = parse_document(page)
        assert bulletin.date == D(2024, 11, 4)  # the lead alone dates it
        return
    assert title in page and original in page
    (bulletin,) = parse_document(page.replace(original, lead))
    assert bulletin.date is None and bulletin.losses_date is None
    assert "which one is the bulletin's is not told" in bulletin.errors[0]


def test_a_decoy_news_item_is_not_a_bulletin():
    with pytest.raises(NotABulletin, match=r"not a bulletin.*Бахмутському"):
        parse_document(read_fixture("mod/mod-uk-decoy.html"))
    with pytest.raises(NotABulletin):
        parse_document(read_fixture("mod/mod-uk-decoy.html"), format="mod")


def test_another_news_item_is_not_a_bulletin():
    page = (
        "<html><head><title>Новини | Міністерство оборони України</title></head><body>"
        '<div class="news-detail"><h1 class="news-title">Міністр оборони провів зустріч</h1>'
        '<div class="news-date">05.02.2026 15:30</div><div class="news-content"><p>Сторони '
        "обговорили 3 питання.</p></div></div></body></html>"
    )
    with pytest.raises(NotABulletin, match="Міністр оборони провів зустріч"):
        parse_document(page, url="https://mod.gov.ua/news/ministr")
    with pytest.raises(NotABulletin, match="no bulletin article"):
        parse_document("<html><body><p>Hello</p></body></html>", format="mod")


def test_a_bulletin_whose_list_cannot_be_read_is_an_error_not_a_non_bulletin():
    page = read_fixture("mod/mod-uk-2026-02-05.html").decode()
    start = page.index("<ul>", page.index("news-content"))
    end = page.index("</ul>", start) + 5
    with pytest.raises(ParseError, match="holds no figures") as caught:
        parse_document(page[:start] + "<table><tr><td>танки</td></tr></table>" + page[end:])
    assert not isinstance(caught.value, NotABulletin)


def test_unknown_label_and_unreadable_number_are_errors_naming_them():
    page = read_fixture("mod/mod-uk-2026-02-05.html").decode()
    page = page.replace("<li>танки – 11 642 (+5)</li>", "<li>танки – 11 642O (+5)</li>")
    page = page.replace("</ul>\n<p>Дані", "<li>лазерні комплекси – 4 (+1)</li>\n</ul>\n<p>Дані")
    (bulletin,) = parse_document(page)
    assert "tanks" not in bulletin.figures and len(bulletin.figures) == 13
    assert "'танки'" in bulletin.errors[0] and "letters inside the number" in bulletin.errors[0]
    assert "unknown label 'лазерні комплекси'" in bulletin.errors[1]


@pytest.mark.parametrize("item", ["танки – н/д", "танки –", "танки: –"])
def test_a_known_label_without_a_number_is_an_error(item):
    page = read_fixture("mod/mod-uk-2026-02-05.html").decode()
    page = page.replace("<li>танки – 11 642 (+5)</li>", f"<li>{item}</li>")
    (bulletin,) = parse_document(page)
    assert "tanks" not in bulletin.figures
    assert bulletin.errors and "'танки'" in bulletin.errors[0]


def test_an_item_without_a_dash_is_read_only_when_it_is_label_number_increase():
    page = read_fixture("mod/mil-uk-2022-07-20-headline.html").decode()
    assert "літаків - 221 (+1) од," in page
    (bulletin,) = parse_document(page.replace("літаків - 221 (+1) од,", "літаків 221 (+1) од,"))
    assert bulletin.errors == () and bulletin.figures["aircraft"] == Figure(221, 1)
    (bulletin,) = parse_document(page.replace("літаків - 221 (+1) од,", "літаків 221,"))
    assert "aircraft" not in bulletin.figures
    assert "no dash or colon between the label and the number" in bulletin.errors[0]


def test_one_paragraph_after_the_general_staff_lead():
    page = (
        '<div id="article"><div id="article_heading"><h1>Загальні бойові втрати противника</h1>'
        '<span class="aticle-date">01 травня 2022, 09:00</span></div><div id="aticle-content">'
        "<p>Загальні бойові втрати противника з 24.02 по 01.05 орієнтовно склали: особового "
        "складу - близько 23500 (+300) осіб ліквідовано, танків - 1026 (+18) од.</p></div></div>"
    )
    (bulletin,) = parse_document(page, format="mod")
    assert bulletin.date == D(2022, 5, 1) and bulletin.errors == ()
    assert bulletin.figures == {
        "personnel": Figure(23500, 300, "about"),
        "tanks": Figure(1026, 18),
    }


def test_a_page_of_no_known_layout_is_read_by_its_titled_article():
    page = (
        '<html><body><nav><a href="/news/1">Загальні бойові втрати противника з 24.02.22 '
        'по 03.06.24</a></nav><article class="news-card"><h3>Загальні бойові втрати противника '
        'з 24.02.22 по 02.06.24</h3></article><article class="news-full"><h1>Загальні бойові '
        "втрати противника з 24.02.22 по 04.06.24</h1><ul><li>танків — 7794 (+15) од,</li>"
        "<li>особового складу — близько 512420 (+1290) осіб</li></ul></article></body></html>"
    )
    (bulletin,) = parse_document(page)
    assert bulletin.date == D(2024, 6, 4) and bulletin.errors == ()
    assert bulletin.figures["tanks"] == Figure(7794, 15)


def test_truncated_pages():
    body = read_fixture("mod/mod-uk-2026-02-05.html")
    with pytest.raises(ParseError, match="truncated"):
        parse_document(body[: body.index(b"</ul>")])
    content = body.decode()
    start = content.index('<div class="news-detail">')
    fragment = content[start : content.index("</ul>", start)]
    with pytest.raises(ParseError, match="truncated inside the bulletin"):
        parse_mod(fragment)


@pytest.mark.parametrize(
    "content_type", ["text/html; charset=windows-1251", "text/html; charset=iso-8859-1"]
)
def test_a_wrong_declared_charset_is_recovered(reference, content_type):
    body = read_fixture("mod/mod-uk-2026-02-05.html")
    (bulletin,) = parse_document(body, content_type=content_type)
    assert dict(bulletin.figures) == stated(reference, D(2026, 2, 5))


def test_a_cp1251_page_without_declaration(reference):
    page = read_fixture("mod/mil-uk-2022-07-20-headline.html").decode()
    body = page.replace('<meta charset="utf-8">', "").encode("cp1251", "xmlcharrefreplace")
    (bulletin,) = parse_document(body)
    assert dict(bulletin.figures) == stated(reference, D(2022, 7, 20))


def test_mojibake_is_refused_with_a_clear_message():
    page = read_fixture("mod/mod-uk-2026-02-05.html").decode()
    garbled = page.encode("utf-8").decode("cp1251", "replace").encode("utf-8")
    with pytest.raises(ParseError, match="mojibake"):
        parse_document(garbled)
