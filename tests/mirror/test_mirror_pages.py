"""Every era's MoD-family day page renders the reference figures in the labels and markup
of SITES.md (§1 www.mil.gov.ua, §2 www.kmu.gov.ua, §3-4 mod.gov.ua)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from mirror import rules
from mirror.reference import load_reference
from mirror.site import HTML, Site
from tests.support.pages import (
    MIL_EN,
    MIL_UK,
    MOD_EN,
    MOD_UK_DAILY,
    MOD_UK_NA,
    between,
    kmu_items,
    mil_article,
    mil_items,
    mod_items,
    plain,
)

MIL, KMU, MOD = "www.mil.gov.ua", "www.kmu.gov.ua", "mod.gov.ua"
EARLY = dt.date(2022, 4, 12)  # real 001: no increases, separate vehicles / fuel tanks
JULY = dt.date(2022, 7, 8)  # real 013
HEADLINE_WORDS = {
    "танків": "tanks",
    "бойових": "armoured_combat_vehicles",
    "осіб": "personnel",
    "окупантів": "personnel",
    "кораблів": "warships_boats",
    "артсистем": "artillery_systems",
    "БПЛА": "uav",
    "РСЗВ": "mlrs",
}


def squash(html: str) -> str:
    """Markup with the pretty-printer's line breaks and indents taken out."""
    return re.sub(r"\s*\n\s*", " ", html).replace("> ", ">").replace(" <", "<")


def page(site: Site, date: dt.date, where: str, edition: str = "uk") -> str:
    response = site.resolve(site.bulletin_path(date, where, edition), base_url="http://m:1")
    assert response.status == 200 and response.content_type == HTML
    return response.body.decode()


def expected(reference, date: dt.date, *, increases: bool = True) -> dict:
    return {
        name: (fig.total, fig.delta if increases else None)
        for name, fig in reference[date].figures.items()
    }


# ---------------------------------------------------------------- mil.gov.ua uk


def test_mil_uk_page_markup_and_figures(site, reference):
    html = page(site, JULY, MIL)
    article = mil_article(html)
    headline = plain(re.search(r"<h1>(.*?)</h1>", article, re.S)[1])
    assert "втрат" in headline.lower() and ("окупант" in headline or "ворог" in headline)
    assert not headline.startswith("Загальні бойові втрати противника")
    assert re.search(r'<span class="aticle-date">08 липня 2022, \d\d:\d\d \|<span', article)
    assert re.search(r"<b> ID: \d{5} </b>", article)
    assert '<div id="aticle-content">' in article and '<div class="ms2Gallery">' in article
    assert (
        '<p class="justifyfull">Загальні бойові втрати противника з 24.02 по 08.07 орієнтовно '
        "склали:</p>" in article
    )
    assert mil_items(html, "uk") == expected(reference, JULY)
    labels = set(re.findall(r'<p class="justifyfull">(.+?) [-‒–] (?:близько )?\d', article))
    assert labels == {k for k, v in MIL_UK.items() if v in reference[JULY].figures}
    dashes = set(re.findall(r'<p class="justifyfull">[^<]+? ([-‒–]) \d', article))
    assert len(dashes) >= 2  # mixed in one list
    assert "Найбільших втрат противник зазнав на Краматорському напрямку." in article
    assert re.search(r"особового складу . близько 36900 \(\+250\) осіб ліквідовано,", article)
    assert "спеціальна техніка - 66 (+0)." in article.replace("‒", "-").replace("–", "-")
    assert "<h5>ОСТАННІ НОВИНИ</h5>" in html and html.count('<div class="news-post">') >= 7
    assert 10_000 <= len(html.encode()) <= 40_000


def test_mil_uk_headlines_never_state_a_figure(site, reference):
    for date in site.dates:
        if date > dt.date(2024, 10, 6) or date < dt.date(2022, 2, 27):
            continue
        title = next(p.title for p in site.pages(date) if p.site == MIL and p.edition == "uk")
        assert "втрат" in title.lower() and ("окупант" in title or "ворог" in title), title
        assert re.search(r"понад|майже|перевищили", title), title
        figures = reference[date].figures
        for number, word in re.findall(r"(\d+) (\w+)", title):
            category = HEADLINE_WORDS[word]
            assert int(number) != figures[category].total, (date, title)
            assert int(number) > 0


def test_mil_early_pages_state_no_increases(site, reference):
    for lang in ("uk", "en"):
        html = page(site, EARLY, MIL, lang)
        article = mil_article(html)
        assert "(+" not in article
        assert mil_items(html, lang) == expected(reference, EARLY, increases=False)
    uk = mil_article(page(site, EARLY, MIL))
    for label in ("автомобільної техніки –", "цистерн з ПММ", "пускові установки ОТРК/ТРК"):
        assert label in uk.replace(" - ", " – ").replace(" ‒ ", " – "), label
    assert "автоцистерн" not in uk
    first = mil_article(page(site, dt.date(2022, 5, 1), MIL))
    assert re.search(r"автомобільної техніки та автоцистерн . \d+ \(\+\d+\)", first)


def test_mil_range_has_a_year_from_2023(site):
    article = mil_article(page(site, dt.date(2023, 5, 1), MIL))
    assert "Загальні бойові втрати противника з 24.02.22 по 01.05.23 орієнтовно склали:" in article
    english = squash(mil_article(page(site, dt.date(2023, 5, 1), MIL, "en")))
    assert "<h1>The total combat losses of the enemy from 24.02.22 to 01.05.23</h1>" in english


# ---------------------------------------------------------------- mil.gov.ua en


def test_mil_en_early_page(site, reference):
    html = page(site, EARLY, MIL, "en")
    article = mil_article(html)
    assert "<h1>The total combat losses of the enemy from 24.02 to 12.04</h1>" in article
    assert re.search(r'<span class="aticle-date">2022-04-12 \d\d:\d\d:00 \|', article)
    assert re.search(r"<p>personnel . about 19600 осіб,</p>", article)  # Ukrainian units
    assert re.search(r"<p>tanks . 732 од,</p>", article)
    assert "boats / cutters" in article and "mobile SRBM system" in article
    assert re.search(r"<p>vehicles . 1406 од,</p>", article)
    assert 'class="justifyfull"' not in article
    assert (
        "<title>The total combat losses of the enemy from 24.02 to 12.04 | Міноборони</title>"
        in html
    )


@pytest.mark.parametrize(
    ("date", "label"),
    [(dt.date(2022, 5, 20), "boats / cutters"), (dt.date(2022, 5, 21), "warships / boats")],
)
def test_mil_en_boats_label_changes_after_20_may(site, date, label):
    assert f"<p>{label} " in mil_article(page(site, date, MIL, "en"))


def test_mil_en_items_after_may(site, reference):
    date = dt.date(2022, 6, 1)
    html = page(site, date, MIL, "en")
    assert mil_items(html, "en") == expected(reference, date)
    article = mil_article(html)
    assert re.search(
        r"<p>personnel ‒ ?about 30700 \(\+200\) (?:&nbsp;)?persons",
        article.replace(" - ", " ‒ ")
        .replace(" – ", " ‒ ")
        .replace("-about", "‒about")
        .replace("–about", "‒about"),
    )
    assert "осіб" not in article


def test_mil_en_personnel_styles_vary(site):
    styles = set()
    for date in site.dates[100:400]:
        if site.english_missing(date):
            continue
        article = squash(mil_article(page(site, date, MIL, "en")))
        line = re.search(r"<p>personnel ([^<]+)</p>", article)[1]
        styles.add(
            "nospace" if re.match(r"[-‒–]about", line) else "nbsp" if "&nbsp;" in line else "plain"
        )
    assert styles == {"nospace", "nbsp", "plain"}


def test_some_english_pages_are_pretty_printed(site, reference):
    pretty = [
        d for d in site.dates[80:400] if rules.mil_pretty(0, d) and not site.english_missing(d)
    ]
    assert pretty
    html = page(site, pretty[0], MIL, "en")
    assert re.search(r"<h1>\n +The total combat losses of the enemy from 24\.02 to", html)
    assert re.search(r"were\n +approximately:|\n +were approximately:", html)
    assert mil_items(html, "en") == expected(reference, pretty[0])


def test_mil_sidebar_links_other_bulletins(site):
    metas = set()
    for date in (JULY + dt.timedelta(days=n) for n in range(10)):
        if site.english_missing(date):
            continue
        html = squash(page(site, date, MIL, "en"))
        sidebar = between(html, '<div id="colbase2news">', "<h5></h5>")
        titles = re.findall(r'<a href="([^"]+)">([^<]+)</a>', sidebar)
        others = [t for _, t in titles if "from 24.02 to" in t and f"to {date:%d.%m}" not in t]
        assert others  # other days' bulletins among the latest news
        for meta in re.findall(r'<p class="meta">([^<]+)</p>', sidebar):
            metas.add(re.sub(r"\d", "0", meta))
    assert {"Yesterday at 00:00", "00 july 0000, 00:00"} <= metas


# ---------------------------------------------------------------- kmu.gov.ua


def test_kmu_pages(site, reference):
    styles = set()
    for date in (
        dt.date(2023, 5, 3),
        dt.date(2023, 6, 21),
        dt.date(2023, 10, 18),
        dt.date(2024, 1, 17),
    ):
        html = page(site, date, KMU, "en")
        assert kmu_items(html) == expected(reference, date)
        long_years = date.year == 2024
        range_ = (
            f"from 24.02.2022 to {date:%d.%m.%Y}"
            if long_years
            else f"from 24.02.22 to {date:%d.%m.%y}"
        )
        assert (
            f"<title>Total combat losses of the enemy {range_} | Cabinet of Ministers of Ukraine "
            "</title>" in html
        )
        inner = between(
            html, '<div class="news__item--inner editor-content">', "Data are being updated"
        )
        assert f"The total combat losses of the enemy {range_} were approximately:" in inner
        styles.add("fb" if 'dir="auto"' in inner else "ul")
        assert re.search(rf"posted\n +{date:%d} \w+ {date.year}\n", html)
        sidebar = between(html, '<ul class="sidebar__list">', "</ul>")
        assert "Total combat losses of the enemy from" in sidebar  # other days' bulletins
        assert 60_000 <= len(html.encode()) <= 90_000
    assert styles == {"fb", "ul"}
    styles = {
        rules.kmu_style(0, d)
        for d in site.dates
        if dt.date(2023, 5, 1) <= d <= dt.date(2024, 1, 31)
    }
    assert styles == {"ul", "fb-div", "fb-span"}


def test_kmu_facebook_paste(site, reference):
    date = next(
        d
        for d in site.dates
        if d >= dt.date(2023, 5, 1)
        and rules.kmu_style(0, d) == "fb-div"
        and any(p.site == KMU for p in site.pages(d))
    )
    inner = between(page(site, date, KMU, "en"), "editor-content", "Data are being updated")
    assert re.search(
        r'<li>\n\t+<div dir="auto">personnel ‒ about \d+ \(\+\d+\) persons',
        inner.replace(" – ", " ‒ ").replace(" - ", " ‒ "),
    )


# ---------------------------------------------------------------- mod.gov.ua uk


def test_mod_daily_era(site, reference):
    date = dt.date(2024, 10, 7)
    html = page(site, date, MOD)
    figures = reference[date].figures
    title = (
        f"Загальні бойові втрати росіян за добу: 1 160 окупантів, {figures['uav'].delta} БпЛА та "
        f"{figures['artillery_systems'].delta} артсистеми"
    )
    assert figures["personnel"].delta == 1160
    assert f'<h1 class="news-title">{title}</h1>' in html
    assert f"<title>{title} | Міністерство оборони України</title>" in html
    assert re.search(r'<div class="news-date">07\.10\.2024 \d\d:\d\d</div>', html)
    assert (
        "<p>Загальні бойові втрати противника з 24.02.22 по 07.10.24 орієнтовно склали:</p>" in html
    )
    assert "<li>особового складу ‒ близько 661 630 (+1 160) осіб,</li>" in html
    assert re.search(r'<figure><img src="[^"]+\.webp" alt="[^"]*"><figcaption>', html)
    assert mod_items(html, "uk", "daily") == expected(reference, date)
    items = between(html, "news-content", "Дані уточнюються")
    labels = set(re.findall(r"<li>(.+?) ‒ (?:близько )?\d", items))
    assert labels == set(MOD_UK_DAILY)


def test_mod_na_era(site, reference):
    date = dt.date(2026, 1, 17)
    html = page(site, date, MOD)
    assert re.search(
        r'<h1 class="news-title">Загальні бойові втрати ворога на 17 січня 2026 року: 1 130 '
        r"окупантів, \d+ БпЛА та \d+ артсистем[аи]?</h1>",
        html,
    )
    assert "<p><strong>Втрати ворога за 16 січня 2026 року: знищено 1 130 окупантів" in html
    assert "<li>військовослужбовці – близько 1 225 590 (+1 130)</li>" in html
    assert mod_items(html, "uk") == expected(reference, date)


def test_mod_short_era_and_grouped_posts(site, reference):
    date = dt.date(2026, 2, 5)
    html = page(site, date, MOD)
    assert '<h1 class="news-title">Бойові втрати ворога на 5 лютого 2026 року</h1>' in html
    assert "<figcaption>Бойові втрати ворога на 5 лютого 2026 року</figcaption>" in html
    assert "<p><strong>Втрати ворога за 4 лютого 2026 року: знищено" in html
    assert mod_items(html, "uk") == expected(reference, date)
    grouped = [d for d in site.dates if rules.mod_grouped(0, d)]
    assert 1 / 10 < len(grouped) / len([d for d in site.dates if d >= dt.date(2026, 1, 20)]) < 1 / 4
    html = page(site, grouped[0], MOD)
    headings = re.findall(r"<p><strong>([^<]+):</strong></p>\n<ul>", html)
    assert headings == [
        "Особовий склад",
        "Бронетехніка і автомобілі",
        "Артилерія і ППО",
        "Повітряні цілі",
        "Флот",
    ]
    assert mod_items(html, "uk") == expected(reference, grouped[0])
    assert all(not rules.mod_grouped(0, d) for d in site.dates if d < dt.date(2026, 1, 20))


def test_mod_ground_robots_and_grouped_increases(site, reference):
    html = page(site, dt.date(2026, 5, 3), MOD)
    assert re.search(r"<li>наземні робототехнічні комплекси – 1 306 \(\+1 306\)</li>", html)
    assert re.search(r"\(\+\d \d{3}\)", html)  # "(+1 070)": grouped inside the increase
    assert "наземні" not in page(site, dt.date(2026, 5, 2), MOD)
    items = between(html, "news-content", "Дані уточнюються")
    labels = set(re.findall(r"<li>(.+?) – (?:близько )?\d", items))
    assert labels == set(MOD_UK_NA)


def test_mod_related_cards_are_other_bulletins(site):
    html = page(site, dt.date(2026, 2, 5), MOD)
    related = between(html, '<section class="related-news">', "</section>")
    titles = re.findall(r'<span class="related-card__title">([^<]+)</span>', related)
    assert len(titles) == 6
    assert sum(t.startswith("Бойові втрати ворога на") for t in titles) >= 2
    assert "на 5 лютого" not in related
    assert 230_000 <= len(html.encode()) <= 280_000


# ---------------------------------------------------------------- mod.gov.ua en


def test_mod_en_eras(site, reference):
    daily = page(site, dt.date(2024, 10, 7), MOD, "en")
    assert re.search(
        r'<h1 class="news-title">The estimated combat losses of russians over the last day: '
        r"1,160 persons, \d+ UAVs and \d+ artillery systems</h1>",
        daily,
    )
    assert re.search(
        r'<div class="news-date">8 October, 2024, \d{1,2}:\d\d [AP]M EEST</div>', daily
    )
    assert (
        "<p>The total combat losses of the enemy from 24.02.22 to 07.10.24 were approximately:</p>"
        in daily
    )
    assert "<li>personnel: about 661 630 (+1 160) persons;</li>" in daily
    assert mod_items(daily, "en") == expected(reference, dt.date(2024, 10, 7))

    as_of = page(site, dt.date(2026, 2, 5), MOD, "en")
    assert (
        '<h1 class="news-title">The estimated combat losses of the enemy as of February 5, 2026'
        "</h1>" in as_of
    )
    assert re.search(
        r"<p><strong>Total russian military losses on February 4, 2026: [\d,]+ personnel, "
        r"[\d,]+ UAVs\.</strong></p>",
        as_of,
    )
    assert mod_items(as_of, "en") == expected(reference, dt.date(2026, 2, 5))

    total = page(site, dt.date(2026, 4, 12), MOD, "en")
    assert (
        '<h1 class="news-title">Total russian combat losses in Ukraine as of April 12, 2026</h1>'
        in total
    )
    assert (
        "<p><strong>Total russian military losses on April 11, 2026: 1,070 personnel, 2,081 UAVs."
        "</strong></p>" in total
    )
    assert (
        "<p><strong>Personnel:</strong></p><ul>\n<li>approximately 1 311 180 (+1 070) persons.</li>"
        in total
    )
    for heading in ("Armour and vehicles", "Artillery and air defence", "Air targets", "Navy"):
        assert f"<p><strong>{heading}:</strong></p>" in total
    assert mod_items(total, "en") == expected(reference, dt.date(2026, 4, 12))
    labels = set(
        re.findall(r"<li>([a-zA-Z /-]+): \d", between(total, "news-content", "The data are"))
    )
    assert labels <= set(MOD_EN)


# ------------------------------------------------------------------ all sites


def test_pages_are_deterministic():
    one, two = Site(load_reference()), Site(load_reference())
    for date in (JULY, dt.date(2023, 6, 21), dt.date(2026, 2, 5)):
        for p in one.pages(date):
            assert (
                one.resolve(p.path, base_url="http://x").body
                == two.resolve(p.path, base_url="http://x").body
            )


def test_decoys_hold_no_bulletin(site):
    decoys = site.decoys
    assert {d.site for d in decoys} == {MIL, MOD}
    for decoy in decoys[:: max(1, len(decoys) // 12)]:
        html = site.resolve(decoy.path).body.decode()
        assert decoy.title.startswith(("Втрати ворога на", "The enemy's losses near"))
        assert "(+" not in html and not re.search(r"\d+ \(\+", html)
        end = '<hr size="1"' if decoy.site == MIL else '<div class="share">'
        article = between(html, "<h1", end)
        paragraphs = re.findall(r"<p(?: class=\"justifyfull\")?>([^<]*)</p>", article)
        assert paragraphs and not any(re.search(r"\d", p) for p in paragraphs), paragraphs


def test_labels_of_the_sites_tables_are_complete():
    from parsers.vocabulary import CATEGORY_NAMES

    for table in (MIL_UK, MIL_EN, MOD_UK_DAILY, MOD_UK_NA, MOD_EN):
        assert set(table.values()) <= set(CATEGORY_NAMES)
