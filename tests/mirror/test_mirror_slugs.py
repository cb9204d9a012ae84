"""Slugs by era (SITES.md §1-4), with the anomalies: -osib-, -1 suffixes, the agalni-
typo, both 2026 transliterations, -1 duplicates, the wrong-day slug of 2026-04-20."""

from __future__ import annotations

import datetime as dt
import re

from mirror.reference import load_reference
from mirror.site import Site
from mirror.slugs import month_word, slugify

MIL, KMU, MOD = "www.mil.gov.ua", "www.kmu.gov.ua", "mod.gov.ua"
FIRST_MONTHS = (
    "sichnya lyutogo bereznya kvitnya travnya chervnya lipnya serpnya veresnya zhovtnya "
    "listopada grudnya"
)
SECOND_MONTHS = (
    "sichnia liutoho bereznia kvitnia travnia chervnia lypnia serpnia veresnia zhovtnia "
    "lystopada hrudnia"
)


def uk_pages(site, first, last, where=MOD, edition="uk"):
    for date in site.dates:
        if first <= date <= last:
            for page in site.pages(date):
                if page.site == where and page.edition == edition:
                    yield date, page


def _artsistem(n: int) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return "artsistema"
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return "artsistemi"
    return "artsistem"


def test_month_words_of_both_transliterations():
    assert " ".join(month_word(m) for m in range(1, 13)) == FIRST_MONTHS
    assert " ".join(month_word(m, "kmu") for m in range(1, 13)) == SECOND_MONTHS


def test_mil_slug_is_the_cms_transliteration_of_the_headline():
    # The real page of 2022-07-08 [real: 013] and its slug.
    headline = (
        "Втрати російських окупантів становлять понад 1637 танків, знищено майже 3811 бойових "
        "броньованих машин ворога – Генеральний штаб ЗС України"
    )
    assert slugify(headline, keep_dashes=True) == (
        "vtrati-rosijskih-okupantiv-stanovlyat-ponad-1637-tankiv-znishheno-majzhe-3811-bojovih-"
        "bronovanih-mashin-voroga-–-generalnij-shtab-zs-ukraini"
    )


def test_mil_paths(site):
    for date, page in uk_pages(site, dt.date(2022, 2, 27), dt.date(2024, 10, 6), MIL):
        assert page.path.startswith(f"/mod/www.mil.gov.ua/news/{date:%Y/%m/%d}/")
        assert page.path.endswith("/") and page.path.isascii()  # "–" percent-encoded
    english = dict(uk_pages(site, dt.date(2022, 2, 27), dt.date(2024, 10, 6), MIL, "en"))
    assert english[dt.date(2022, 4, 12)].path == (
        "/mod/www.mil.gov.ua/en/news/2022/04/12/the-total-combat-losses-of-the-enemy-from-24-02-to-12-04/"
    )
    assert english[dt.date(2023, 5, 1)].path.endswith(
        "/2023/05/01/the-total-combat-losses-of-the-enemy-from-24-02-2022-to-01-05-2023/"
    )


def test_kmu_paths(site):
    pages = dict(uk_pages(site, dt.date(2023, 5, 1), dt.date(2024, 1, 31), KMU, "en"))
    assert pages[dt.date(2023, 5, 1)].path == (
        "/mod/www.kmu.gov.ua/en/news/zahalni-boiovi-vtraty-protyvnyka-z-24022022-po-01052023"
    )
    assert 0.85 < len(pages) / 276 < 0.97  # most days of the era, not all


def test_mod_daily_slugs_carry_the_increases(site, reference):
    seen = {"osib": 0, "taken": 0, "typo": 0}
    for date, page in uk_pages(site, dt.date(2024, 10, 7), dt.date(2026, 1, 16)):
        slug = page.path.removeprefix("/mod/news/")
        figures = reference[date].figures
        people = f"{figures['personnel'].delta:,}".replace(",", "-")
        uav, art = figures["uav"].delta, figures["artillery_systems"].delta
        match = re.fullmatch(
            rf"(z?)agalni-bojovi-vtrati-rosiyan-za-dobu-{people}-(okupantiv|osib)-{uav}-bpla-ta-"
            rf"{art}-{_artsistem(art)}(-1)?",
            slug,
        )
        assert match, (date, slug)
        seen["typo"] += match[1] == ""
        seen["osib"] += match[2] == "osib"
        seen["taken"] += match[3] is not None
        people_word = "осіб" if match[2] == "osib" else "окупантів"
        assert page.title.startswith("Загальні бойові втрати росіян за добу: ")
        assert f" {people_word}, {uav} БпЛА та {art} артсистем" in page.title
    assert seen["typo"] == 1
    assert 40 < seen["osib"] < 200 and 5 < seen["taken"] < 60


def test_mod_na_slugs(site, reference):
    pages = list(uk_pages(site, dt.date(2026, 1, 17), dt.date(2026, 1, 19)))
    assert [d.day for d, _ in pages] == [17, 18, 19]
    for date, page in pages:
        people = f"{reference[date].figures['personnel'].delta:,}".replace(",", "-")
        assert page.path.startswith(
            f"/mod/news/zagalni-bojovi-vtrati-voroga-na-{date.day}-sichnya-2026-roku-{people}-okupantiv-"
        )


def test_mod_short_slugs_both_transliterations_and_duplicates(site, reference):
    first_words = FIRST_MONTHS.split()
    second_words = SECOND_MONTHS.split()
    families = {"first": 0, "second": 0, "duplicate": 0}
    for date, page in uk_pages(site, dt.date(2026, 1, 20), dt.date(2026, 8, 8)):
        slug = page.path.removeprefix("/mod/news/")
        if date == dt.date(2026, 4, 20):
            assert slug == "bojovi-vtrati-voroga-na-19-kvitnya-2026-roku-1"  # names the 19th
            assert page.title == "Бойові втрати ворога на 20 квітня 2026 року"
            continue
        first = f"bojovi-vtrati-voroga-na-{date.day}-{first_words[date.month - 1]}-2026-roku"
        second = f"boiovi-vtraty-voroha-na-{date.day}-{second_words[date.month - 1]}-2026-roku"
        if page.duplicate:
            families["duplicate"] += 1
            assert slug in (f"{first}-1", f"{second}-1")
            original = next(
                p
                for p in site.pages(date)
                if p.site == MOD and p.edition == "uk" and not p.duplicate
            )
            assert slug == original.path.removeprefix("/mod/news/") + "-1"
            assert original.title == page.title
            continue
        assert slug in (first, second), (date, slug)
        families["first" if slug == first else "second"] += 1
        if date < dt.date(2026, 4, 1):
            assert slug == first
    april_on = [
        s
        for d, p in uk_pages(site, dt.date(2026, 4, 1), dt.date(2026, 8, 8))
        if not p.duplicate
        for s in [p.path]
    ]
    second_share = sum("boiovi-vtraty" in s for s in april_on) / len(april_on)
    assert 0.65 < second_share < 0.95  # "mostly"
    assert 5 < families["duplicate"] < 30


def _items_block(html: str) -> str:
    block = html[html.index('<div class="news-content">') : html.index("Дані уточнюються")]
    return block.split("<div>", 1)[1]


def test_duplicate_pages_serve_the_same_bulletin(site):
    duplicates = [p for d in site.dates for p in site.pages(d) if p.duplicate]
    assert duplicates
    for page in duplicates[:3]:
        original = next(
            p
            for p in site.pages(page.date)
            if not p.duplicate and p.site == MOD and p.edition == "uk"
        )
        one = site.resolve(original.path).body.decode()
        two = site.resolve(page.path).body.decode()
        assert _items_block(one) == _items_block(two)


def test_mod_en_slugs(site):
    pages = dict(uk_pages(site, dt.date(2024, 10, 7), dt.date(2026, 8, 7), MOD, "en"))
    daily = pages[dt.date(2024, 10, 7)].path
    assert re.fullmatch(
        r"/mod/en/news/the-estimated-combat-losses-of-russians-over-the-last-day-1-160-persons-\d+-ua-vs-and-\d+-artillery-systems",
        daily,
    )
    assert (
        pages[dt.date(2026, 2, 18)].path
        == "/mod/en/news/combat-losses-of-the-enemy-as-of-february-18-2026"
    )
    assert (
        pages[dt.date(2026, 4, 12)].path
        == "/mod/en/news/total-russian-combat-losses-in-ukraine-as-of-april-12-2026"
    )


def test_paths_do_not_depend_on_until_but_on_the_seed(site):
    shorter = Site(load_reference(), dt.date(2025, 1, 1))
    for date in (dt.date(2022, 7, 8), dt.date(2023, 6, 21), dt.date(2024, 12, 31)):
        assert shorter.pages(date) == site.pages(date)
    other = Site(load_reference(), seed=7)
    mine = [p.path for d in site.dates[-200:] for p in site.pages(d)]
    theirs = [p.path for d in other.dates[-200:] for p in other.pages(d)]
    assert mine != theirs
