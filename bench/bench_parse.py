"""Parse throughput per format and layout, on one core (not part of the test run).

    uv run python bench/bench_parse.py [--seconds 1.0] [--page real-page.html]

Builds pages in the real layouts (mirror/SITES.md) from the project's own fixture articles
(tests/fixtures/): a mod.gov.ua day page (~250 KB: its article wrapped in the chrome of
such a page — inline styles and scripts, a menu of ~400 links, related-news cards whose
titles are other days' bulletins, a footer), a www.mil.gov.ua and a www.kmu.gov.ua page in
the same weight, an aggregator page of 45 days and a month fragment (the real markup,
figures from mirror.reference), API responses (PHP's escaping) and press reposts. Each is
parsed repeatedly with `parsers.parse_document` given its format, as the pipeline calls
it (one row with format "auto"); a news listing with `parsers.parse_news_listing`. Also the
naive baseline: BeautifulSoup(html.parser) over the whole mod.gov.ua page.
Target: >= 1,000 mod.gov.ua pages/s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mirror.reference import load_reference  # noqa: E402  (the figures; nothing else of the mirror)
from parsers import parse_document, parse_news_listing  # noqa: E402
from parsers.vocabulary import BY_NAME  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
TARGET_KB = 250
LISTING_URL = "https://mod.gov.ua/news?page=5"
MOD_TARGET = 1000


def fixture(relative: str) -> str:
    return (FIXTURES / relative).read_text(encoding="utf-8")


# ------------------------------------------------------------------ chrome
def _style(kb: int) -> str:
    rules = []
    i = 0
    while sum(map(len, rules)) < kb * 1024:
        rules.append(
            f".c{i}-block__item--state-{i % 7}{{margin:{i % 13}px {i % 5}px;padding:0 {i % 9}px;"
            f"color:#{i * 2654435761 % 0xFFFFFF:06x};font:{12 + i % 6}px/1.4 e-Ukraine,sans-serif}}"
        )
        i += 1
    return "<style>" + "".join(rules) + "</style>"


def _script(kb: int) -> str:
    items = []
    i = 0
    while sum(map(len, items)) < kb * 1024:
        items.append(
            json.dumps(
                {
                    "id": 90000 + i,
                    "slug": f"novyna-{i}-pro-diialnist-ministerstva",
                    "tags": [i % 17],
                },
                ensure_ascii=False,
            )
        )
        i += 1
    return '<script>window.__NUXT__={"news":[' + ",".join(items) + "]};</script>"


def _menu(links: int, lang: str) -> str:
    word = "Розділ" if lang == "uk" else "Section"
    items = "".join(
        f'<li class="menu__item"><a class="menu__link" href="/section-{i}/page-{i % 31}">'
        f"{word} {i}: діяльність, документи, накази</a></li>"
        for i in range(links)
    )
    return f'<nav class="header__nav"><ul class="menu">{items}</ul></nav>'


def _cards(date: dt.date, count: int) -> str:
    cards = []
    for k in range(1, count + 1):
        d = date - dt.timedelta(days=k)
        cards.append(
            f'<a class="news-card" href="/news/bojovi-vtrati-voroga-na-{d.day}-{d.month}-{d.year}'
            f'-roku"><span class="news-card__date">{d:%d.%m.%Y} 07:0{k % 10}</span><span '
            f'class="news-card__title">Бойові втрати ворога на {d:%d.%m.%Y}: {1000 + k} '
            f"окупантів, {k} танків</span></a>"
        )
    return (
        '<section class="related-news"><div class="news-list">'
        + "".join(cards)
        + "</div></section>"
    )


def wrapped(article_page: str, date: dt.date, lang: str) -> bytes:
    """A fixture page padded to ~250 KB with chrome before and after its article, as the
    real mod.gov.ua pages are (the article's place in the page and markup untouched)."""
    head_end = article_page.index("</head>")
    body = article_page.index("<body")
    body = article_page.index(">", body) + 1
    page = (
        article_page[:head_end]
        + _style(60)
        + _script(70)
        + article_page[head_end:body]
        + _menu(420, lang)
        + article_page[body:]
    )
    tail = page.rindex("</body>")
    page = page[:tail] + _cards(date, 24) + _footer() + page[tail:]
    while len(page.encode()) < TARGET_KB * 1024:
        tail = page.rindex("</body>")
        page = page[:tail] + _script(8) + page[tail:]
    return page.encode()


def _footer() -> str:
    links = "".join(f'<li><a href="/footer/{i}">Посилання {i}</a></li>' for i in range(60))
    return f'<footer class="footer"><ul class="footer__links">{links}</ul></footer>'


# ------------------------------------------------------------------ the aggregator
MINFIN_LABELS = {
    "tanks": "Танки",
    "armoured_combat_vehicles": '<abbr class="idx-help" class="idx-help" '
    'title="Бойові броньовані машини (різних типів)">ББМ</abbr>',
    "artillery_systems": "Гармати",
    "mlrs": '<abbr class="idx-help" title="Реактивні системи залпового вогню">РСЗВ</abbr>',
    "air_defense_systems": "Засоби ППО",
    "aircraft": "Літаки",
    "helicopters": "Гелікоптери",
    "uav": '<abbr class="idx-help" title="Безпілотні літальні апарати">БПЛА</abbr>',
    "cruise_missiles": 'Крилаті <span class="idx-help" title="збито">ракети</span>',
    "warships_boats": "Кораблі (катери)",
    "submarines": "Підводні човни",
    "vehicles_fuel_tanks": "Автомобілі та автоцистерни",
    "special_equipment": "Спеціальна техніка",
    "ground_robotic_systems": "Наземні робототехнічні комплекси",
}


def minfin_day(day) -> str:
    items = []
    for name, label in MINFIN_LABELS.items():
        figure = day.figures.get(name)
        if figure is not None:
            small = f" <small>(+{figure.delta})</small>" if figure.delta else ""
            items.append(f"<li>{label}&nbsp;&mdash; {figure.total}{small}</li>")
    people = day.figures["personnel"]
    small = f" <small>(+{people.delta})</small>" if people.delta else ""
    items.append(
        f'<li>Особовий склад&nbsp;&mdash; близько {people.total} <span class="idx-help" '
        f'title="ліквідовано">осіб</span>{small}</li>'
    )
    return (
        f"<li class='gold'><span class='black'>{day.date:%d.%m.%Y}</span>"
        f"<div class='casualties'>\n<div><ul>{''.join(items)}</ul></div>\n"
        "<div><img src='../minfin/img/11.jpg' alt=''></div>\n</div>\n"
    )


def minfin_days(days) -> str:
    """A month.php fragment: the list of days alone."""
    return "<ul class='see-also'>" + "".join(minfin_day(d) for d in days) + "</ul>"


def minfin_page(days) -> bytes:
    lists = minfin_days(days)
    months = "".join(
        f"<div class='ajaxmonth'><h4 class='normal'><a href='russian-invading/casualties/"
        f"2024-{m:02d}/'>{m}</a></h4><div id='ajaxmonth_2024-{m:02d}'></div>\n</div>\n"
        for m in range(1, 13)
    )
    page = (
        '<!DOCTYPE html>\n<html lang="uk">\n<head>\n<meta charset="utf-8">\n'
        "<base href='https://index.minfin.com.ua/ua/' target='_top'>\n<title>Втрати Росії</title>\n"
        + _style(30)
        + _script(30)
        + "</head>\n<body>"
        + _menu(300, "uk")
        + "<article id='idx-content'><h1 class='headline'>Втрати російської армії в Україні</h1>"
        + lists
        + months
        + "<ul class='see-also'><li class='gold'><span class='black'>Інші дані:</span><ul><li>"
        "<a href='russian-invading/refugees/'>Біженці</a></li></ul></li></ul></article>"
        + _footer()
        + "</body>\n</html>\n"
    )
    return page.encode()


def api_day(day) -> bytes:
    stats = {BY_NAME[n].api_key: f.total for n, f in day.figures.items()}
    increase = {BY_NAME[n].api_key: f.delta for n, f in day.figures.items()}
    record = {"date": day.date.isoformat(), "day": 1, "resource": "https://www.facebook.com/x"}
    record |= {
        "war_status": {"code": 1, "alias": "В процесі"},
        "stats": stats,
        "increase": increase,
    }
    return (
        json.dumps({"message": "The data were fetched successfully.", "data": record})
        .replace("/", "\\/")
        .encode()
    )


def api_range(days) -> bytes:
    records = [json.loads(api_day(d))["data"] for d in days]
    paginator = {"total": len(days), "offset": 0, "limit": len(days), "next_page_url": None}
    body = {"message": "ok", "data": {"paginator": paginator, "records": records}}
    return json.dumps(body).replace("/", "\\/").encode()


def press_text(day) -> bytes:
    lines = [
        "Ще понад 1400 окупантів: Генштаб оновив дані про втрати ворога",
        "",
        f"Втрати ворога станом на {day.date:%d.%m.%Y}:",
    ]
    names = {"personnel": "особового складу", "tanks": "танків", "uav": "БПЛА"}
    for name, label in names.items():
        figure = day.figures[name]
        lines.append(f"- {label} — {figure.total:,} (+{figure.delta});".replace(",", " "))
    return "\n".join(lines).encode()


# ------------------------------------------------------------------ measuring
def measure(func: Callable[[], object], seconds: float) -> tuple[float, int]:
    """(calls per second, calls) over at least `seconds` of wall time."""
    func()  # warm caches (regex compilation, label cache, imports)
    calls = 0
    start = time.perf_counter()
    deadline = start + seconds
    while True:
        func()
        calls += 1
        now = time.perf_counter()
        if now >= deadline and calls >= 3:
            return calls / (now - start), calls


def parse(body: bytes, fmt: str) -> list:
    """The bulletins of a document (the entries of a news listing)."""
    if fmt == "listing":
        return parse_news_listing(body, LISTING_URL).entries
    return parse_document(body, format=fmt)


def naive_baseline(page: bytes) -> int:
    """What a straightforward scraper does: parse the whole page, then look for the article."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page, "html.parser")
    article = soup.find("div", class_="news-content") or soup
    return len(article.get_text("\n"))


def cases() -> list[tuple[str, bytes, str]]:
    days = load_reference()
    by_date = {d.date: d for d in days}
    d = dt.date
    mod_uk = wrapped(fixture("mod/mod-uk-2026-02-05.html"), d(2026, 2, 5), "uk")
    listing = fixture("mod/listing-mod-uk-page3.html")
    return [
        ("mod.gov.ua uk, на D", mod_uk, "mod"),
        ("mod.gov.ua uk, на D, auto", mod_uk, "auto"),
        (
            "mod.gov.ua uk, grouped",
            wrapped(fixture("mod/mod-uk-2026-05-12-grouped.html"), d(2026, 5, 12), "uk"),
            "mod",
        ),
        (
            "mod.gov.ua uk, за добу",
            wrapped(fixture("mod/mod-uk-2024-11-05-za-dobu.html"), d(2024, 11, 5), "uk"),
            "mod",
        ),
        (
            "mod.gov.ua en, Personnel:",
            wrapped(fixture("mod/mod-en-2026-05-10-headings.html"), d(2026, 5, 10), "en"),
            "mod",
        ),
        (
            "mil.gov.ua uk",
            wrapped(fixture("mod/mil-uk-2022-07-20-headline.html"), d(2022, 7, 20), "uk"),
            "mod",
        ),
        (
            "mil.gov.ua en, pretty",
            wrapped(fixture("mod/mil-en-2022-07-05-pretty.html"), d(2022, 7, 5), "en"),
            "mod",
        ),
        (
            "kmu.gov.ua en, Facebook",
            wrapped(fixture("mod/kmu-en-2023-08-09-facebook.html"), d(2023, 8, 9), "en"),
            "mod",
        ),
        ("minfin page (45 days)", minfin_page(days[-45:][::-1]), "minfin"),
        (
            "minfin month.php (31 days)",
            minfin_days(days[-31:][::-1]).encode(),
            "minfin",
        ),
        ("api latest (1 day)", api_day(days[-1]), "api"),
        ("api range (50 days)", api_range(days[-50:]), "api"),
        ("text, bilingual", (FIXTURES / "text/bilingual-2024-03-05.txt").read_bytes(), "text"),
        ("text, repost", press_text(by_date[d(2024, 6, 4)]), "text"),
        ("mod.gov.ua news listing", wrapped(listing, d(2026, 2, 5), "uk"), "listing"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=1.0, help="time per measurement")
    parser.add_argument("--page", type=Path, help="a real MoD-era page to measure as well")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    rows = cases()
    if args.page:
        rows.insert(0, (f"--page {args.page.name}"[:30], args.page.read_bytes(), "auto"))
    print(
        f"python {platform.python_version()} on {platform.machine()}, one core, "
        f"{args.seconds:.1f} s per row\n"
    )
    header = f"{'document':<30} {'KB':>5} {'pages/s':>9} {'ms/page':>8} {'bulletins/s':>12}"
    print(header)
    print("-" * len(header))
    mod_rate = None
    for name, body, fmt in rows:
        found = parse(body, fmt)
        assert found and all(not getattr(b, "errors", ()) for b in found), name
        rate, _ = measure(lambda b=body, f=fmt: parse(b, f), args.seconds)
        if name.startswith("mod.gov.ua uk") and mod_rate is None:
            mod_rate = rate
        print(
            f"{name:<30} {len(body) / 1024:>5.0f} {rate:>9.0f} {1000 / rate:>8.2f} "
            f"{rate * len(found):>12.0f}"
        )
    baseline_page = rows[0][1] if not args.page else rows[1][1]
    base_rate, _ = measure(lambda: naive_baseline(baseline_page), args.seconds)
    print(
        f"{'baseline: bs4 html.parser':<30} {len(baseline_page) / 1024:>5.0f} "
        f"{base_rate:>9.0f} {1000 / base_rate:>8.2f} {base_rate:>12.0f}"
    )
    if mod_rate:
        verdict = "meets" if mod_rate >= MOD_TARGET else "MISSES"
        print(
            f"\nmod.gov.ua page: {mod_rate:.0f} pages/s ({verdict} the >= {MOD_TARGET} target), "
            f"{mod_rate / base_rate:.0f}x the naive baseline"
        )


if __name__ == "__main__":
    main()
