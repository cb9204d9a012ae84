"""Round trip: every document the mirror serves for a date parses back (parsers.parse_document)
to the reference figures, as the document states them: no increases on MoD pages and
aggregator days before 2022-05-01; the API with its own keys (atgm_srbm_systems carried,
no ground robots); a decoy gives no figures."""

from __future__ import annotations

import datetime as dt

import pytest

from mirror import rules
from parsers import ParseError, parse_document

BASE = "http://127.0.0.1:8765"
SAMPLE = [
    dt.date(2022, 2, 25),  # aggregator and API only
    dt.date(2022, 2, 27),  # the first MoD page
    dt.date(2022, 3, 7),  # personnel "more than"
    dt.date(2022, 4, 12),  # real 001: no increases, separate vehicles and fuel tanks
    dt.date(2022, 4, 30),
    dt.date(2022, 5, 1),  # vehicles and fuel tanks merged, cruise missiles
    dt.date(2022, 5, 20),  # the last "boats / cutters"
    dt.date(2022, 7, 8),  # real 013
    dt.date(2023, 6, 21),  # kmu.gov.ua, a Facebook paste
    dt.date(2023, 9, 14),  # submarines
    dt.date(2024, 1, 17),  # kmu.gov.ua, full years
    dt.date(2024, 10, 6),  # the last mil.gov.ua day
    dt.date(2024, 10, 7),  # the first mod.gov.ua day
    rules.TYPO_DATE,  # the agalni- slug
    dt.date(2026, 1, 17),  # "на D" with figures in the title
    dt.date(2026, 2, 5),
    dt.date(2026, 3, 9),  # a grouped post
    dt.date(2026, 4, 12),  # English under headings
    dt.date(2026, 4, 20),  # the wrong-day slug
    dt.date(2026, 5, 3),  # ground robotic systems
    dt.date(2026, 8, 8),
]


def _documents(site, date: dt.date):
    """(name, path, query, lang) of every document that states `date`."""
    month = f"month={date:%Y-%m}"
    docs = [
        (f"{p.site}/{p.edition}{'/duplicate' if p.duplicate else ''}", p.path, "", p.edition)
        for p in site.pages(date)
    ]
    for edition, lang in (("ua", "uk"), ("en", "en")):
        root = f"/minfin/{edition}/russian-invading/casualties"
        docs.append((f"minfin-month.php-{edition}", f"{root}/month.php", month, lang))
        docs.append((f"minfin-month-page-{edition}", f"{root}/{date:%Y-%m}/", "", lang))
        if date == site.until:
            docs.append((f"minfin-bare-{edition}", f"{root}/", "", lang))
    docs.append(("api-day", f"/api/api/v2/statistics/{date}", "", "en"))
    docs.append(("api-range", "/api/api/v2/statistics", f"date_from={date}&date_to={date}", "en"))
    if date == site.until:
        docs.append(("api-latest", "/api/api/v2/statistics/latest", "", "en"))
    return docs


def _expected(reference, date: dt.date, name: str) -> dict:
    figures = reference[date].figures
    if name.startswith("api"):
        out = {n: (f.total, f.delta) for n, f in figures.items() if n != "ground_robotic_systems"}
        if date > dt.date(2022, 4, 30):
            out["mobile_srbm_systems"] = (4, 0)
        return out
    increases = date >= dt.date(2022, 5, 1)
    return {n: (f.total, f.delta if increases else None) for n, f in figures.items()}


def _parse(site, path: str, query: str = ""):
    response = site.resolve(path, query, base_url=BASE)
    assert response.status == 200, path
    url = f"{BASE}{path}" + (f"?{query}" if query else "")
    return parse_document(response.body, url=url, content_type=response.content_type)


@pytest.mark.parametrize("date", SAMPLE, ids=str)
def test_every_document_parses_back_to_the_reference(site, reference, date):
    problems = []
    for name, path, query, lang in _documents(site, date):
        try:
            bulletins = [b for b in _parse(site, path, query) if b.date == date]
        except ParseError as error:
            problems.append(f"{name}: ParseError {error}")
            continue
        current_month = name.startswith("minfin-month-page") and date == site.until
        if current_month and len(bulletins) == 2 and bulletins[0].figures == bulletins[1].figures:
            bulletins = bulletins[:1]  # the current day shows first and in its month
        if len(bulletins) != 1:
            problems.append(f"{name}: {len(bulletins)} bulletins dated {date}")
            continue
        (bulletin,) = bulletins
        got = {n: (f.total, f.delta) for n, f in bulletin.figures.items()}
        want = _expected(reference, date, name)
        if got != want:
            diff = {
                k: (got.get(k), want.get(k))
                for k in set(got) | set(want)
                if got.get(k) != want.get(k)
            }
            problems.append(f"{name}: figures differ (got, want) {diff}")
        if bulletin.errors:
            problems.append(f"{name}: errors {bulletin.errors}")
        if not name.startswith("api"):
            personnel = bulletin.figures.get("personnel")
            want_qualifier = reference[date].figures["personnel"].qualifier
            if personnel is not None and personnel.qualifier != want_qualifier:
                problems.append(
                    f"{name}: personnel qualifier {personnel.qualifier} != {want_qualifier}"
                )
            if bulletin.lang != lang:
                problems.append(f"{name}: lang {bulletin.lang} != {lang}")
    assert not problems, "\n".join(problems)


def test_decoys_parse_to_no_figures(site):
    problems = []
    for decoy in site.decoys[::40]:
        try:
            bulletins = _parse(site, decoy.path)
        except ParseError:
            continue
        if any(b.figures for b in bulletins):
            problems.append(f"{decoy.path}: {[dict(b.figures) for b in bulletins]}")
    assert not problems, "\n".join(problems)
