"""MoD day pages (uk/en): fixtures written from the reference figures parse back to them."""

from __future__ import annotations

import datetime as dt

import pytest
from parse_fixtures import read_fixture

from parsers import ParseError, parse_document
from parsers.mod import find_bulletin, parse_mod

D = dt.date


@pytest.mark.parametrize(
    ("name", "date", "lang"),
    [
        ("uk-2024-06-04-list.html", D(2024, 6, 4), "uk"),  # <ul><li>, "—"
        ("en-2024-06-04-list.html", D(2024, 6, 4), "en"),  # "‒", "about ... persons"
        ("uk-2022-03-12-paragraphs.html", D(2022, 3, 12), "uk"),  # <p>, "–", "понад"
        ("uk-2022-03-26-br.html", D(2022, 3, 26), "uk"),  # <br>, ОТРК/ТРК, ПММ
        ("en-2022-04-30-paragraphs.html", D(2022, 4, 30), "en"),  # military vehicles
        ("uk-2022-05-01-one-paragraph.html", D(2022, 5, 1), "uk"),  # one <p>, "-", cp1251
        ("uk-2026-05-03-list.html", D(2026, 5, 3), "uk"),  # &nbsp;–&nbsp;, robotic systems
        ("uk-2024-06-03-no-article.html", D(2024, 6, 3), "uk"),  # no <article>: fallback
    ],
)
def test_mod_pages_parse_to_the_reference(reference, name, date, lang):
    (bulletin,) = parse_document(read_fixture(f"mod/{name}"))
    assert bulletin.errors == ()
    assert (bulletin.date, bulletin.source, bulletin.lang) == (date, "mod", lang)
    assert dict(bulletin.figures) == reference[date]


def test_the_2024_06_04_bulletin():
    (bulletin,) = parse_document(read_fixture("mod/uk-2024-06-04-list.html"), format="mod")
    assert bulletin.figures["tanks"].total == 7794
    assert bulletin.figures["tanks"].delta == 15
    personnel = bulletin.figures["personnel"]
    assert (personnel.total, personnel.delta, personnel.qualifier) == (512420, 1290, "about")
    assert personnel.approximate
    assert list(bulletin.figures)[:2] == ["personnel", "tanks"]  # canonical order


def test_early_categories_and_more_than(reference):
    (bulletin,) = parse_document(read_fixture("mod/uk-2022-03-12-paragraphs.html"))
    assert bulletin.figures["personnel"].qualifier == "more"
    assert bulletin.figures["military_auto"].total == 585
    assert bulletin.figures["fuel_tanks"].total == 60
    assert "vehicles_fuel_tanks" not in bulletin.figures


def test_the_article_is_found_before_any_parsing():
    page = read_fixture("mod/uk-2024-06-04-list.html").decode()
    article = find_bulletin(page)
    assert article.startswith('<article class="news-full">')
    assert article.endswith("</article>")
    assert "03.06.24" not in article  # the related news stay outside


def test_links_to_other_bulletins_are_not_the_bulletin():
    # The fallback (no <article>) must skip the sidebar link to the day before.
    (bulletin,) = parse_document(read_fixture("mod/uk-2024-06-03-no-article.html"))
    assert bulletin.date == D(2024, 6, 3)


def test_unknown_label_and_unreadable_number_are_errors_naming_them():
    (bulletin,) = parse_document(read_fixture("mod/uk-2024-06-04-unknown-label.html"))
    assert set(bulletin.figures) == {"personnel", "tanks", "artillery_systems"}
    assert len(bulletin.errors) == 2
    assert "бойових броньованих машин" in bulletin.errors[0] and "15O20" in bulletin.errors[0]
    assert "unknown label 'лазерних комплексів'" in bulletin.errors[1]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("uk-no-bulletin.html", "without a bulletin"),
        ("uk-2024-06-04-truncated.html", "truncated"),
    ],
)
def test_bad_pages(name, message):
    with pytest.raises(ParseError, match=message):
        parse_document(read_fixture(f"mod/{name}"))


def test_no_bulletin_when_the_format_is_forced():
    with pytest.raises(ParseError, match="no bulletin in the MoD page"):
        parse_document(read_fixture("mod/uk-no-bulletin.html"), format="mod")


def test_truncated_inside_the_article():
    page = read_fixture("mod/uk-2024-06-04-list.html").decode()
    cut = page[: page.index("</article>")]  # no closing tags at all
    with pytest.raises(ParseError, match="truncated"):
        parse_mod(cut)
    fragment = cut[cut.index("<article") :]  # an article fragment, cut off
    with pytest.raises(ParseError, match="truncated inside the bulletin article"):
        parse_mod(fragment)


def test_wrong_declared_charset_is_recovered(reference):
    body = read_fixture("mod/uk-2024-06-04-list.html")
    for content_type in ("text/html; charset=windows-1251", "text/html; charset=iso-8859-1"):
        (bulletin,) = parse_document(body, content_type=content_type)
        assert dict(bulletin.figures) == reference[D(2024, 6, 4)]


def test_cp1251_page_without_declaration(reference):
    body = (
        read_fixture("mod/uk-2024-06-04-list.html").decode().replace('<meta charset="utf-8">', "")
    )
    (bulletin,) = parse_document(body.encode("cp1251"))
    assert dict(bulletin.figures) == reference[D(2024, 6, 4)]


def test_mojibake_is_refused_with_a_clear_message():
    page = read_fixture("mod/uk-2024-06-04-list.html").decode()
    garbled = page.encode("utf-8").decode("cp1251").encode("utf-8")  # double-encoded
    with pytest.raises(ParseError, match="mojibake"):
        parse_document(garbled)


def test_title_and_text_dates_must_agree():
    page = read_fixture("mod/uk-2024-06-04-list.html").decode()
    page = page.replace("з 24.02.22 по 04.06.24 орієнтовно", "з 24.02.22 по 05.06.24 орієнтовно")
    (bulletin,) = parse_document(page)
    assert bulletin.date == D(2024, 6, 4)
    assert any("differs" in error for error in bulletin.errors)


def test_missing_date_is_an_error_unless_given():
    page = (
        '<article class="news-full"><h1>Загальні бойові втрати противника</h1>'
        "<ul><li>танків — 7794 (+15) од,</li></ul></article>"
    )
    (bulletin,) = parse_document(page, format="mod")
    assert bulletin.date is None and "no report date" in bulletin.errors[0]
    (bulletin,) = parse_document(page, format="mod", date=D(2024, 6, 4))
    assert bulletin.date == D(2024, 6, 4) and bulletin.errors == ()


def test_related_news_articles_are_not_the_bulletin(reference):
    page = read_fixture("mod/uk-2024-06-04-list.html").decode()
    card = (
        '<article class="news-card"><a href="/news/2024/06/03/81230">'
        "<h3>Загальні бойові втрати противника з 24.02.22 по 03.06.24</h3></a></article>"
    )
    page = page.replace('<main class="content">', '<main class="content">' + card)
    (bulletin,) = parse_document(page)
    assert bulletin.date == D(2024, 6, 4)
    assert dict(bulletin.figures) == reference[D(2024, 6, 4)]


def test_fallback_prefers_the_heading_over_earlier_mentions(reference):
    page = read_fixture("mod/uk-2024-06-03-no-article.html").decode()
    teaser = "<p>Читайте також: Загальні бойові втрати противника з 24.02.22 по 02.06.24</p>"
    page = page.replace('<div class="post">', teaser + '<div class="post">')
    page = page.replace('<h2 class="post-title">', "<h1>").replace("03.06.24</h2>", "03.06.24</h1>")
    (bulletin,) = parse_document(page)
    assert bulletin.date == D(2024, 6, 3)
    assert dict(bulletin.figures) == reference[D(2024, 6, 3)]


@pytest.mark.parametrize("item", ["танків — н/д", "танків —", "танків: —"])
def test_a_known_label_without_a_number_is_an_error(item):
    page = read_fixture("mod/uk-2024-06-04-list.html").decode()
    page = page.replace("<li>танків — 7794 (+15) од,</li>", f"<li>{item}</li>")
    (bulletin,) = parse_document(page)
    assert "tanks" not in bulletin.figures
    assert bulletin.errors and "'танків'" in bulletin.errors[0]


def test_an_item_without_a_dash_is_read_when_it_is_label_number_increase():
    page = read_fixture("mod/uk-2024-06-04-list.html").decode()
    assert "<li>літаків — 357 (+0) од,</li>" in page
    page = page.replace("<li>літаків — 357 (+0) од,</li>", "<li>літаків 357 (+0) од,</li>")
    (bulletin,) = parse_document(page)
    assert bulletin.errors == ()
    assert (bulletin.figures["aircraft"].total, bulletin.figures["aircraft"].delta) == (357, 0)


@pytest.mark.parametrize("item", ["літаків 357", "літаків 357 (+0) і ще 5", "літаків 35O (+0)"])
def test_any_other_item_without_a_dash_is_an_error_naming_it(item):
    page = read_fixture("mod/uk-2024-06-04-list.html").decode()
    page = page.replace("<li>літаків — 357 (+0) од,</li>", f"<li>{item}</li>")
    (bulletin,) = parse_document(page)
    assert "aircraft" not in bulletin.figures
    assert bulletin.errors == (
        f"cannot read the figure for 'літаків': no dash or colon between the label and the "
        f"number: {item!r}",
    )
