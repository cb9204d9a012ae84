"""Parse throughput per format, on one core (not part of the test run).

    uv run python bench/bench_parse.py [--seconds 1.0] [--page real-mod-page.html]

Builds realistic documents (a ~250 KB MoD day page with heavy chrome around the article,
an ~80 KB aggregator page and a month fragment, API responses, a press repost), parses
each repeatedly with `parsers.parse_document`, and prints pages/s. Also measures the naive
baseline: BeautifulSoup(html.parser) over the whole MoD page. Target: >= 300 MoD pages/s.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flows.mirror.reference import load_reference
from parsers import parse_document

UK_MOD_LABELS = {
    "personnel": "особового складу",
    "tanks": "танків",
    "armoured_combat_vehicles": "бойових броньованих машин",
    "artillery_systems": "артилерійських систем",
    "mlrs": "РСЗВ",
    "air_defense_systems": "засобів ППО",
    "aircraft": "літаків",
    "helicopters": "гелікоптерів",
    "uav": "БПЛА оперативно-тактичного рівня",
    "cruise_missiles": "крилатих ракет",
    "warships_boats": "кораблів / катерів",
    "submarines": "підводних човнів",
    "vehicles_fuel_tanks": "автомобільної техніки та автоцистерн",
    "special_equipment": "спеціальної техніки",
    "ground_robotic_systems": "наземних робототехнічних комплексів",
}
EN_MOD_LABELS = {
    "personnel": "personnel",
    "tanks": "tanks",
    "armoured_combat_vehicles": "armoured combat vehicles",
    "artillery_systems": "artillery systems",
    "mlrs": "MLRS",
    "air_defense_systems": "Anti-aircraft warfare systems",
    "aircraft": "aircraft",
    "helicopters": "helicopters",
    "uav": "UAV operational-tactical level",
    "cruise_missiles": "cruise missiles",
    "warships_boats": "warships / boats",
    "submarines": "submarines",
    "vehicles_fuel_tanks": "vehicles and fuel tanks",
    "special_equipment": "special equipment",
    "ground_robotic_systems": "ground robotic systems",
}
MINFIN_LABELS = {
    "personnel": "Особовий склад",
    "tanks": "Танки",
    "armoured_combat_vehicles": '<abbr class="idx-help" title="Бойові машини">ББМ</abbr>',
    "artillery_systems": "Гармати",
    "mlrs": '<abbr class="idx-help" title="Реактивні системи залпового вогню">РСЗВ</abbr>',
    "air_defense_systems": 'Засоби <abbr class="idx-help" title="ППО">ППО</abbr>',
    "aircraft": "Літаки",
    "helicopters": "Гелікоптери",
    "uav": '<abbr class="idx-help" title="Безпілотні літальні апарати">БПЛА</abbr>',
    "cruise_missiles": "Крилаті ракети",
    "warships_boats": "Кораблі (катери)",
    "submarines": "Підводні човни",
    "vehicles_fuel_tanks": "Автомобілі та автоцистерни",
    "special_equipment": "Спеціальна техніка",
    "ground_robotic_systems": "Наземні робототехнічні комплекси",
}
API_KEYS = {
    "personnel": "personnel_units",
    "tanks": "tanks",
    "armoured_combat_vehicles": "armoured_fighting_vehicles",
    "artillery_systems": "artillery_systems",
    "mlrs": "mlrs",
    "air_defense_systems": "aa_warfare_systems",
    "aircraft": "planes",
    "helicopters": "helicopters",
    "uav": "uav_systems",
    "cruise_missiles": "cruise_missiles",
    "warships_boats": "warships_cutters",
    "submarines": "submarines",
    "vehicles_fuel_tanks": "vehicles_fuel_tanks",
    "special_equipment": "special_military_equip",
    "ground_robotic_systems": "ground_robotic_systems",
}
MENU_WORDS = (
    *("Новини", "Діяльність", "Документи", "Закупівлі", "Міністр", "Заступники"),
    *("Структура", "Контакти", "Оборонна", "реформа", "Військова", "освіта", "Соціальний"),
    *("захист", "Пресслужба", "Анонси", "Фото", "Відео", "Інфографіка", "Ветерани"),
    *("Мобілізація", "Контракт", "Рекрутинг", "Медицина", "Логістика", "Цифровізація"),
)


def _words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(MENU_WORDS) for _ in range(count))


def _chrome(rng: random.Random, target_bytes: int) -> tuple[str, str]:
    """Head and navigation before the article, related news and footer after it, about
    `target_bytes` in all (proportions of a real news page: CSS, JS, menus, related news)."""
    scale = target_bytes / (250 * 1024)
    css = "".join(
        f".c{i}{{margin:{i % 7}px {i % 5}px;padding:{i % 3}px;"
        f"color:#{i * 2654435761 % 0xFFFFFF:06x}}}\n"
        for i in range(int(1400 * scale))
    )
    menu_js = json.dumps(
        [{"title": _words(rng, 3), "url": f"/section/{i}"} for i in range(int(500 * scale))],
        ensure_ascii=False,
    )
    nav = "".join(
        f'<li class="menu-item"><a href="/section/{i}/{rng.randrange(10**6)}">'
        f"{_words(rng, 4)}</a></li>\n"
        for i in range(int(700 * scale))
    )
    head = (
        '<!DOCTYPE html>\n<html lang="uk">\n<head>\n<meta charset="utf-8">\n'
        "<title>Загальні бойові втрати противника | Міністерство оборони України</title>\n"
        f"<style>\n{css}</style>\n<script>\nwindow.__MENU__ = {menu_js};\n</script>\n</head>\n"
        f'<body>\n<header><nav class="mega-menu"><ul>\n{nav}</ul></nav></header>\n<main>\n'
    )
    related = "".join(
        f'<div class="news-item"><span class="news-date">{(i % 28) + 1:02d}.05.2024 09:30</span>'
        f'<a class="news-title" href="/news/2024/05/{(i % 28) + 1:02d}/{80000 + i}-zagalni">'
        f"Загальні бойові втрати противника з 24.02.22 по {(i % 28) + 1:02d}.05.24</a>"
        f"<p>{_words(rng, 25)}</p></div>\n"
        for i in range(int(40 * scale))
    )
    footer_links = "".join(
        f'<a href="/f/{i}">{_words(rng, 2)}</a> ' for i in range(int(300 * scale))
    )
    tail = (
        f'<section class="related"><h2>Схожі новини</h2>\n{related}</section>\n</main>\n'
        f'<footer class="footer"><p>{footer_links}</p></footer>\n'
    )
    size = len(head.encode()) + len(tail.encode())
    filler = ""
    if size < target_bytes:  # trailing analytics script up to the target size
        filler = (
            "<script>var analytics=" + json.dumps("x" * (target_bytes - size - 60)) + ";</script>"
        )
    return head, tail + filler + "\n</body>\n</html>\n"


def build_mod_page(day, lang: str = "uk", target_kb: int = 250, variant: str = "ul") -> bytes:
    rng = random.Random(day.date.toordinal())
    labels = UK_MOD_LABELS if lang == "uk" else EN_MOD_LABELS
    d = day.date
    if lang == "uk":
        title = f"Загальні бойові втрати противника з 24.02.22 по {d:%d.%m.%y}"
        lead = f"<p>{title} орієнтовно склали:</p>"
    else:
        title = f"The total combat losses of the enemy from 24.02.2022 to {d:%d.%m.%Y}"
        lead = f"<p>{title} were approximately:</p>"
    items = []
    for name, figure in day.figures.items():
        qualifier = ""
        if figure.qualifier:
            qualifier = {
                "uk": {"about": "близько ", "more": "понад "},
                "en": {"about": "about ", "more": "more than "},
            }[lang][figure.qualifier]
        items.append(f"{labels[name]} — {qualifier}{figure.total} (+{figure.delta}) од")
    if variant == "ul":
        body = "<ul>\n" + "".join(f"<li>{item},</li>\n" for item in items) + "</ul>"
    elif variant == "p":
        body = "".join(f"<p>{item},</p>\n" for item in items)
    else:
        body = "<p>" + ",<br>\n".join(items) + ".</p>"
    article = (
        f'<article class="news-full">\n<h1>{title}</h1>\n'
        f'<div class="news-date">{d:%d.%m.%Y} 09:30</div>\n'
        f'<div class="news-text">\n{lead}\n{body}\n<p>Дані уточнюються.</p>\n</div></article>\n'
    )
    head, tail = _chrome(rng, target_kb * 1024 - len(article.encode()))
    return (head + article + tail).encode()


def _minfin_day(day) -> str:
    items = []
    for name, figure in day.figures.items():
        if name not in MINFIN_LABELS:
            continue
        small = f" <small>(+{figure.delta})</small>" if figure.delta else ""
        if name == "personnel":
            items.append(
                f"<li>{MINFIN_LABELS[name]}&nbsp;— близько {figure.total} "
                f'<span class="idx-help" title="ліквідовано">осіб</span>{small}</li>'
            )
        else:
            items.append(f"<li>{MINFIN_LABELS[name]}&nbsp;— {figure.total}{small}</li>")
    return (
        f'<li class="gold"><span class="black">{day.date:%d.%m.%Y}</span>\n'
        '<div class="casualties"><div><ul>\n' + "\n".join(items) + "\n</ul></div></div></li>\n"
    )


def build_minfin(days, full_page: bool) -> bytes:
    days_html = '<ul class="see-also">\n' + "".join(_minfin_day(d) for d in days) + "</ul>\n"
    if not full_page:
        return days_html.encode()
    rng = random.Random(7)
    head, tail = _chrome(rng, 80 * 1024 - len(days_html.encode()))
    return (head + days_html + tail).encode()


def build_api(days) -> bytes:
    records = [
        {
            "date": d.date.isoformat(),
            "day": 0,
            "stats": {API_KEYS[n]: f.total for n, f in d.figures.items()},
            "increase": {API_KEYS[n]: f.delta for n, f in d.figures.items()},
        }
        for d in days
    ]
    if len(records) == 1:
        return json.dumps({"message": "ok", "data": records[0]}).encode()
    paginator = {"total": len(records), "offset": 0, "limit": 50, "next_page_url": None}
    return json.dumps(
        {"message": "ok", "data": {"paginator": paginator, "records": records}}
    ).encode()


def build_text(day) -> bytes:
    lines = [
        "Ще понад 1400 окупантів: Генштаб оновив дані про втрати ворога",
        "",
        f"За минулу добу, {day.date.day - 1} червня, армія рф втратила ще 1290 військових.",
        "",
        "Втрати в техніці та озброєнні також зросли:",
    ]
    for name, figure in day.figures.items():
        label = UK_MOD_LABELS[name]
        inc = f" (+{figure.delta} за минулу добу)" if figure.delta else ""
        lines.append(f"- {label} — {figure.total:,}{inc};".replace(",", " "))
    lines += ["", "Дані уточнюються."]
    return "\n".join(lines).encode()


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


def naive_baseline(page: bytes) -> int:
    """What a straightforward scraper does: parse the whole page, then look for the article."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page, "html.parser")
    article = soup.find("article") or soup
    return len(article.get_text("\n"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=1.0, help="time per measurement")
    parser.add_argument("--page", type=Path, help="a real MoD day page to measure as well")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core

    days = load_reference()
    by_date = {d.date.isoformat(): d for d in days}
    june4 = by_date["2024-06-04"]
    may = [d for d in days if d.date.isoformat().startswith("2024-05")][::-1]
    cases: list[tuple[str, bytes, str]] = [
        ("mod uk <ul>", build_mod_page(june4, "uk", variant="ul"), "mod"),
        ("mod uk <br>", build_mod_page(by_date["2026-05-03"], "uk", variant="br"), "mod"),
        ("mod en <p>", build_mod_page(june4, "en", variant="p"), "mod"),
        ("minfin full page (4 days)", build_minfin(may[:4], full_page=True), "minfin"),
        ("minfin month (31 days)", build_minfin(may, full_page=False), "minfin"),
        ("api latest (1 day)", build_api([june4]), "api"),
        ("api range (50 days)", build_api(days[-50:]), "api"),
        ("text repost", build_text(june4), "text"),
    ]
    if args.page:
        cases.insert(0, (f"mod --page {args.page.name}"[:32], args.page.read_bytes(), "mod"))

    print(
        f"python {platform.python_version()} on {platform.machine()}, one core, "
        f"{args.seconds:.1f} s per row\n"
    )
    header = f"{'document':<32} {'KB':>6} {'pages/s':>9} {'ms/page':>8} {'bulletins/s':>12}"
    print(header)
    print("-" * len(header))
    mod_rate = None
    for name, body, _format in cases:
        bulletins = parse_document(body)
        assert all(not b.errors for b in bulletins), (name, bulletins[0].errors)
        rate, _ = measure(lambda body=body: parse_document(body), args.seconds)
        if name.startswith("mod uk <ul>"):
            mod_rate = rate
        print(
            f"{name:<32} {len(body) / 1024:>6.0f} {rate:>9.0f} {1000 / rate:>8.2f} "
            f"{rate * len(bulletins):>12.0f}"
        )
    baseline_page = cases[0][1] if not args.page else cases[1][1]
    base_rate, _ = measure(lambda: naive_baseline(baseline_page), args.seconds)
    print(
        f"{'baseline: bs4 html.parser, whole':<32} {len(baseline_page) / 1024:>6.0f} "
        f"{base_rate:>9.0f} {1000 / base_rate:>8.2f} {base_rate:>12.0f}"
    )
    if mod_rate:
        verdict = "meets" if mod_rate >= 300 else "MISSES"
        print(
            f"\nMoD page: {mod_rate:.0f} pages/s ({verdict} the >= 300 target), "
            f"{mod_rate / base_rate:.0f}x the naive baseline"
        )


if __name__ == "__main__":
    main()
