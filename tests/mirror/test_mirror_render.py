"""The mirror's documents are in the formats of DESIGN.md and state the reference figures."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from bs4 import BeautifulSoup
from mirror_pages import minfin_days, mod_article, mod_figures

from mirror import render
from mirror.labels import MINFIN_LABELS, MOD_LABELS
from mirror.site import HTML, JSON
from parsers.vocabulary import BY_API_KEY, war_day

D = dt.date(2024, 6, 4)
SAMPLE = [
    dt.date(2022, 2, 25),
    dt.date(2022, 3, 7),
    dt.date(2022, 4, 30),
    dt.date(2022, 5, 1),
    dt.date(2023, 9, 14),
    dt.date(2024, 6, 4),
    dt.date(2026, 8, 8),
]
SEED_FIGURES = {  # DESIGN.md / issue 4: the seed figures of 2024-06-04
    "tanks": (7794, 15),
    "armoured_combat_vehicles": (15020, 18),
    "artillery_systems": (13345, 65),
}
SEED_DELTAS = {
    "uav": 27,
    "vehicles_fuel_tanks": 69,
    "air_defense_systems": 3,
    "special_equipment": 12,
    "personnel": 1290,
}
QUALIFIERS = {
    "uk": {"about": "близько", "more": "понад"},
    "en": {"about": "about", "more": "more than"},
}


def day_page(site, date, lang):
    response = site.resolve(site.bulletin_url(date, lang))
    assert response.status == 200
    assert response.content_type == HTML
    return response.body.decode("utf-8")


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_mod_day_page_states_the_seed_figures(site, lang):
    figures = mod_figures(day_page(site, D, lang), lang)
    for name, (total, delta) in SEED_FIGURES.items():
        assert figures[name][:2] == (total, delta), name
    for name, delta in SEED_DELTAS.items():
        assert figures[name][1] == delta, name
    assert figures["personnel"] == (512420, 1290, QUALIFIERS[lang]["about"])
    previous = mod_figures(day_page(site, D - dt.timedelta(days=1), lang), lang)
    assert previous["personnel"][1] == 1270


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_mod_day_page_structure(site, lang):
    html = day_page(site, D, lang)
    article = mod_article(html)
    title = {
        "uk": "Загальні бойові втрати противника з 24.02.22 по 04.06.24",
        "en": "The total combat losses of the enemy from 24.02.2022 to 04.06.2024",
    }[lang]
    assert article.h1.get_text() == title
    assert re.fullmatch(r"04\.06\.2024 \d\d:\d\d", article.select_one("div.news-date").get_text())
    paragraphs = article.select("div.news-text > p")
    assert paragraphs[0].get_text().startswith(title)
    assert paragraphs[-1].get_text() in ("Дані уточнюються.", "The data is being updated.")
    assert html.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in html
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select("head > style") and soup.select("head > script")
    assert soup.select("nav.main-menu li") and soup.select("footer.site-footer")
    assert len(soup.select("section.related-news a")) == 8


@pytest.mark.parametrize("date", SAMPLE)
@pytest.mark.parametrize("lang", ["uk", "en"])
def test_mod_day_page_states_the_reference_day(site, reference, date, lang):
    figures = mod_figures(day_page(site, date, lang), lang)
    expected = {
        name: (fig.total, fig.delta, QUALIFIERS[lang][fig.qualifier] if fig.qualifier else None)
        for name, fig in reference[date].figures.items()
    }
    assert figures == expected


def test_early_categories_and_qualifiers(site):
    early = day_page(site, dt.date(2022, 4, 30), "uk")
    for label in ("автомобільної техніки ", "цистерн з ПММ", "пускових установок ОТРК/ТРК"):
        assert label in early
    assert "автомобільної техніки та автоцистерн" not in early
    merged = day_page(site, dt.date(2022, 5, 1), "uk")
    assert "автомобільної техніки та автоцистерн" in merged
    assert "цистерн з ПММ" not in merged
    english = day_page(site, dt.date(2022, 4, 30), "en")
    for label in ("military vehicles", "fuel tanks", "mobile SRBM systems"):
        assert label in english
    assert "понад 11000" in day_page(site, dt.date(2022, 3, 7), "uk")
    assert "more than 11000" in day_page(site, dt.date(2022, 3, 7), "en")


def test_block_styles_and_dashes_vary_per_date(site, reference):
    styles = {render.mod_style(date) for date in reference}
    assert {block for block, _ in styles} == set(render.BLOCK_STYLES)
    assert {dash for _, dash in styles} == set(render.DASHES)
    seen = set()
    for date in list(reference)[:40]:
        block, dash = render.mod_style(date)
        body = mod_article(day_page(site, date, "uk")).select_one("div.news-text")
        if block == "ul":
            assert len(body.select("ul > li")) == len(reference[date].figures)
        elif block == "p":
            assert len(body.find_all("p", recursive=False)) == len(reference[date].figures) + 2
        else:
            assert len(body.find_all("br")) == len(reference[date].figures) - 1
        assert f"танків {dash} " in body.get_text()
        seen.add(block)
    assert seen == set(render.BLOCK_STYLES)
    assert day_page(site, D, "uk") == day_page(site, D, "uk")  # deterministic


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_page_weight_is_realistic(site, lang):
    assert 230_000 <= len(day_page(site, D, lang).encode()) <= 280_000
    listing = site.resolve("/mod/news" if lang == "uk" else "/mod/en/news")
    assert 200_000 <= len(listing.body) <= 300_000
    edition = "ua" if lang == "uk" else "en"
    full = site.resolve(f"/minfin/{edition}/russian-invading/casualties/")
    assert len(full.body) >= 80_000


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_minfin_month_fragment(site, reference, lang):
    edition = "ua" if lang == "uk" else "en"
    response = site.resolve(
        f"/minfin/{edition}/russian-invading/casualties/month.php", "month=2024-06"
    )
    assert response.status == 200 and response.content_type == HTML
    html = response.body.decode()
    assert not html.lstrip().startswith("<!DOCTYPE")  # a fragment, as loaded by AJAX
    days = minfin_days(html, lang)
    assert list(days) == [dt.date(2024, 6, d) for d in range(30, 0, -1)]  # newest first
    for date, figures in days.items():
        expected = {n: (f.total, f.delta) for n, f in reference[date].figures.items()}
        assert figures == expected
    assert days[D]["tanks"] == (7794, 15)
    assert days[D]["personnel"] == (512420, 1290)
    # Zero increases are omitted: aircraft 357 (+0) has no <small>.
    label = MINFIN_LABELS[lang]["aircraft"]
    assert f"<li>{label}&nbsp;— 357</li>" in html
    assert f"{ {'uk': 'близько', 'en': 'about'}[lang] } 512420" in html
    if lang == "uk":
        assert (
            '<abbr class="idx-help" title="Бойові броньовані машини (різних типів)">ББМ</abbr>'
            "&nbsp;— 15020 <small>(+18)</small>" in html
        )


def test_minfin_full_page_has_current_month_and_links_to_every_earlier_month(site):
    html = site.resolve("/minfin/ua/russian-invading/casualties/").body.decode()
    days = minfin_days(html, "uk")
    assert list(days) == [dt.date(2026, 8, d) for d in range(8, 0, -1)]
    soup = BeautifulSoup(html, "html.parser")
    links = [a["href"] for a in soup.select("div.ajaxmonth a")]
    months = [f"{y}-{m:02d}" for y in range(2022, 2027) for m in range(1, 13)]
    months = [m for m in months if "2022-02" <= m <= "2026-07"][::-1]
    assert links == [f"/minfin/ua/russian-invading/casualties/month.php?month={m}" for m in months]
    english = site.resolve("/minfin/en/russian-invading/casualties/").body.decode()
    assert "/minfin/en/russian-invading/casualties/month.php?month=2022-02" in english
    assert minfin_days(english, "en")[dt.date(2026, 8, 8)]["tanks"] == (12251, 4)


def test_minfin_early_labels(site):
    html = site.resolve("/minfin/ua/russian-invading/casualties/month.php", "month=2022-04").body
    text = html.decode()
    for name in ("military_auto", "fuel_tanks", "mobile_srbm_systems"):
        assert MINFIN_LABELS["uk"][name] + "&nbsp;— " in text
    assert (
        "понад"
        in site.resolve(
            "/minfin/ua/russian-invading/casualties/month.php", "month=2022-03"
        ).body.decode()
    )


def test_api_by_date_and_latest(site, reference):
    response = site.resolve("/api/api/v2/statistics/2024-06-04")
    assert response.status == 200 and response.content_type == JSON
    payload = json.loads(response.body)
    assert payload["message"] == "The data were fetched successfully."
    data = payload["data"]
    assert data["date"] == "2024-06-04" and data["day"] == 832 == war_day(D)
    assert data["resource"].startswith("https://")
    assert data["stats"]["tanks"] == 7794 and data["increase"]["tanks"] == 15
    assert data["stats"]["personnel_units"] == 512420
    assert data["increase"]["personnel_units"] == 1290
    stats = {BY_API_KEY[k].name: v for k, v in data["stats"].items()}
    increase = {BY_API_KEY[k].name: v for k, v in data["increase"].items()}
    assert stats == {n: f.total for n, f in reference[D].figures.items()}
    assert increase == {n: f.delta for n, f in reference[D].figures.items()}
    early = json.loads(site.resolve("/api/api/v2/statistics/2022-04-30").body)["data"]
    assert {"military_auto", "fuel_tanks", "atgm_srbm_systems"} <= set(early["stats"])
    assert "vehicles_fuel_tanks" not in early["stats"]
    latest = json.loads(site.resolve("/api/api/v2/statistics/latest").body)["data"]
    assert latest["date"] == "2026-08-08"
    assert latest["stats"]["ground_robotic_systems"] == 2162


def test_labels_cover_every_category():
    from parsers.vocabulary import CATEGORY_NAMES

    for table in (MOD_LABELS, MINFIN_LABELS):
        for lang in ("uk", "en"):
            assert set(table[lang]) == set(CATEGORY_NAMES)
