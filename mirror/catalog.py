"""Every document the MoD-family sites ever publish in the mirror: bulletin pages, their
duplicates, other news and decoys, with paths, titles and publication times.

Built once over the whole reference history with seeded generators, so a page keeps its
path and time whatever `until` is; a `Site` serves the part published by `until`."""

from __future__ import annotations

import datetime as dt
import functools
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple
from urllib.parse import quote as _quote
from urllib.parse import unquote

from mirror import eras, rules, slugs, titles
from mirror.news import OTHER_NEWS, decoy_title, other_title
from mirror.reference import ReferenceDay

MIL = "www.mil.gov.ua"
KMU = "www.kmu.gov.ua"
MOD = "mod.gov.ua"
ROOTS = {MOD: "/mod", MIL: "/mod/www.mil.gov.ua", KMU: "/mod/www.kmu.gov.ua"}
FEEDS = ((MIL, "uk"), (MIL, "en"), (KMU, "en"), (MOD, "uk"), (MOD, "en"))


class Page(NamedTuple):
    """One news item of a MoD-family site (a tuple: a history has some 17,000)."""

    site: str  # www.mil.gov.ua | www.kmu.gov.ua | mod.gov.ua
    edition: str  # uk | en
    path: str  # the mirror path, percent-encoded: "/mod/news/bojovi-vtrati-…"
    date: dt.date  # the report date of its bulletin (news and decoys: publication date)
    published: dt.datetime  # Kyiv local time
    title: str
    kind: str = "bulletin"  # bulletin | news | decoy
    duplicate: bool = False  # a second page of the same bulletin
    number: int = 0  # mil.gov.ua's "ID: 67881"
    variant: int = 0  # news and decoys: which text

    @property
    def is_bulletin(self) -> bool:
        return self.kind == "bulletin"


@dataclass
class Catalog:
    feeds: dict[tuple[str, str], list[Page]]  # oldest first
    by_path: dict[str, Page] = field(default_factory=dict)  # unquoted path, no trailing /
    by_date: dict[dt.date, list[Page]] = field(default_factory=dict)  # bulletin pages


def quote(slug: str) -> str:
    return slug if slug.isascii() else _quote(slug)


def route_key(path: str) -> str:
    """How the router looks a path up: percent-decoded, without a trailing slash."""
    return unquote(path).rstrip("/") or "/"


@functools.cache
def _minutes(hhmm: str) -> int:
    return int(hhmm[:2]) * 60 + int(hhmm[3:])


def _at(date: dt.date, rng: random.Random, first: str, last: str) -> dt.datetime:
    """A time of day between `first` and `last` (HH:MM)."""
    minutes = _minutes(first) + int(rng.random() * (_minutes(last) - _minutes(first) + 1))
    return dt.datetime(date.year, date.month, date.day, minutes // 60, minutes % 60)


def _increases(day: ReferenceDay) -> tuple[int, int, int]:
    def delta(name: str) -> int:
        fig = day.figures.get(name)
        return fig.delta or 0 if fig is not None else 0

    return delta("personnel"), delta("uav"), delta("artillery_systems")


class _Builder:
    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.feeds: dict[tuple[str, str], list[Page]] = {feed: [] for feed in FEEDS}
        self.taken: set[str] = set()
        self.suffixes: dict[str, int] = {}

        # One generator over the whole history, consumed in date order: a page's path and
        # time depend on the reference and the seed only.
        self.rng = random.Random(f"mirror-catalog-{seed}")

    def unique(self, path: str) -> str:
        """The CMS's answer to a taken slug: append -1, -2, …"""
        n = self.suffixes.get(path, 0)
        candidate = path if n == 0 else f"{path}-{n}"
        while candidate in self.taken:
            n += 1
            candidate = f"{path}-{n}"
        self.suffixes[path] = n + 1
        self.taken.add(candidate)
        return candidate

    def add(self, page: Page) -> None:
        self.feeds[(page.site, page.edition)].append(page)

    # ------------------------------------------------------------------ news

    def other_news(self, site: str, edition: str, date: dt.date, count: int) -> None:
        rng = self.rng
        picks = rng.sample(range(len(OTHER_NEWS)), count)
        for i, index in enumerate(picks):
            title = other_title(index, date, edition)
            when = _at(date, rng, "06:10", "07:00") if i == 0 else _at(date, rng, "12:00", "22:50")
            path = self.news_path(site, edition, date, title, index)
            self.add(Page(site, edition, path, date, when, title, "news", variant=index))

    def news_path(self, site: str, edition: str, date: dt.date, title: str, index: int) -> str:
        root = ROOTS[site]
        if site == MIL:
            slug = quote(slugs.slugify(title, keep_dashes=True))
            prefix = "/news" if edition == "uk" else "/en/news"
            return self.unique(f"{root}{prefix}/{date:%Y/%m/%d}/{slug}") + "/"
        if site == KMU:
            slug = slugs.slugify(other_title(index, date, "uk"), "kmu")
            return self.unique(f"{root}/en/news/{slug}")
        prefix = "/news" if edition == "uk" else "/en/news"
        return self.unique(f"{root}{prefix}/{slugs.slugify(title)}")

    def decoy(self, site: str, edition: str, date: dt.date) -> None:
        if not rules.decoy(self.seed, site, edition, date):
            return
        rng = self.rng
        index = rng.randrange(64)
        title = decoy_title(index, edition)
        when = _at(date, rng, "11:00", "17:30")
        root = ROOTS[site]
        if site == MIL:
            prefix = "/news" if edition == "uk" else "/en/news"
            slug = quote(slugs.slugify(title, keep_dashes=True))
            path = self.unique(f"{root}{prefix}/{date:%Y/%m/%d}/{slug}") + "/"
        else:
            prefix = "/news" if edition == "uk" else "/en/news"
            path = self.unique(f"{root}{prefix}/{slugs.slugify(title)}")
        self.add(Page(site, edition, path, date, when, title, "decoy", variant=index))

    # -------------------------------------------------------------- bulletins

    def mil(self, day: ReferenceDay) -> None:
        date = day.date
        rng = self.rng
        totals = {name: fig.total for name, fig in day.figures.items()}
        headline = titles.mil_uk_headline(self.seed, date, totals)
        slug = quote(slugs.slugify(headline, keep_dashes=True))
        path = self.unique(f"{ROOTS[MIL]}/news/{date:%Y/%m/%d}/{slug}")
        self.add(Page(MIL, "uk", path + "/", date, _at(date, rng, "07:30", "10:00"), headline))
        if not rules.english_gap(self.seed, date):
            path = self.unique(f"{ROOTS[MIL]}/en/news/{date:%Y/%m/%d}/{slugs.mil_en(date)}")
            when = _at(date, rng, "06:00", "09:45")
            self.add(Page(MIL, "en", path + "/", date, when, titles.mil_en_title(date)))
        for edition in ("uk", "en"):
            self.other_news(MIL, edition, date, 2)
            self.decoy(MIL, edition, date)

    def kmu(self, day: ReferenceDay) -> None:
        date = day.date
        if not rules.kmu_missing(self.seed, date):
            rng = self.rng
            path = self.unique(f"{ROOTS[KMU]}/en/news/{slugs.kmu(date)}")
            self.add(
                Page(
                    KMU, "en", path, date, _at(date, rng, "07:40", "08:30"), titles.kmu_title(date)
                )
            )
        self.other_news(KMU, "en", date, 2)

    def mod(self, day: ReferenceDay) -> None:
        date = day.date
        rng = self.rng
        increases = _increases(day)
        era = eras.mod_era(date)
        osib = era == "daily" and rules.mod_osib(self.seed, date)
        if era == "daily":
            slug = slugs.mod_daily(*increases, osib=osib)
            if date == rules.TYPO_DATE:
                slug = slug[1:]  # "agalni-…"
        elif era == "na":
            slug = slugs.mod_na(date, *increases)
        elif date == eras.WRONG_DAY:
            slug = slugs.mod_short(date - dt.timedelta(days=1)) + "-1"
        else:
            slug = slugs.mod_short(date, second=rules.mod_second_translit(self.seed, date))
        if era != "short" and rules.mod_taken(self.seed, date):
            slug += "-1"
        title = titles.mod_uk_title(date, date, increases, osib=osib)
        path = self.unique(f"/mod/news/{slug}")
        when = _at(date, rng, "07:00", "08:30")
        self.add(Page(MOD, "uk", path, date, when, title))
        if rules.mod_duplicate(self.seed, date):
            again = when + dt.timedelta(minutes=rng.randint(12, 50))
            self.add(Page(MOD, "uk", self.unique(f"{path}-1"), date, again, title, duplicate=True))
        if not rules.english_gap(self.seed, date):
            if date < eras.MOD_NA_FROM:
                en_slug = slugs.mod_en_daily(*increases)
            else:
                en_slug = slugs.mod_en_as_of(date, total=date >= eras.MOD_EN_TOTAL_FROM)
            # The English edition lags a day: published the next morning.
            when = _at(date + dt.timedelta(days=1), rng, "09:00", "12:00")
            title = titles.mod_en_title(date, date, increases)
            self.add(Page(MOD, "en", self.unique(f"/mod/en/news/{en_slug}"), date, when, title))
        self.other_news(MOD, "uk", date, 1 + rng.randrange(2))
        self.other_news(MOD, "en", date, 1)
        for edition in ("uk", "en"):
            self.decoy(MOD, edition, date)

    def finish(self) -> Catalog:
        for pages in self.feeds.values():
            pages.sort(key=lambda p: (p.published, p.path))
        self._number_mil()
        catalog = Catalog(self.feeds)
        for pages in self.feeds.values():
            for page in pages:
                catalog.by_path[route_key(page.path)] = page
                if page.is_bulletin:
                    catalog.by_date.setdefault(page.date, []).append(page)
        return catalog

    def _number_mil(self) -> None:
        """mil.gov.ua's IDs: one counter for both editions, in publication order."""
        merged = sorted(
            ((p, edition) for edition in ("uk", "en") for p in self.feeds[(MIL, edition)]),
            key=lambda pe: (pe[0].published, pe[0].path),
        )
        rng = self.rng
        number = 66400
        renumbered: dict[str, list[Page]] = {"uk": [], "en": []}
        for p, edition in merged:
            number += rng.randint(1, 3)
            renumbered[edition].append(p._replace(number=number))
        for edition, pages in renumbered.items():
            self.feeds[(MIL, edition)] = pages


_CACHE: dict[tuple[int, int, int], tuple[Sequence[ReferenceDay], Catalog]] = {}


def build(days: Sequence[ReferenceDay], seed: int = 0) -> Catalog:
    """The catalog of the whole history `days` (cached: the same days give the same one)."""
    key = (id(days[0]), len(days), seed)
    cached = _CACHE.get(key)
    if cached is not None and cached[0][0] is days[0]:
        return cached[1]
    builder = _Builder(seed)
    for day in days:
        site = eras.mod_site(day.date)
        if site == MIL:
            builder.mil(day)
        elif site == MOD:
            builder.mod(day)
        if eras.on_kmu(day.date):
            builder.kmu(day)
    catalog = builder.finish()
    _CACHE[key] = (days, catalog)
    return catalog
