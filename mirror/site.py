"""The mirrored sites for a history ending at `until`: what exists, and the routing of a
request path to a rendered document.

Six roots (SITES.md): /mod (mod.gov.ua), /mod/www.mil.gov.ua, /mod/www.kmu.gov.ua,
/minfin (index.minfin.com.ua), /api (russianwarship.rip), /datasets (the datasets
others keep, mirror/datasets.py). Everything is deterministic
from (reference, until, seed): the catalog of pages is built over the whole history, so
a bulletin keeps its URL whatever `until` is, and nothing published after `until` is
served or listed. Clean responses are cached (an LRU bounded by bytes, one a root, as
separate servers keep their own: a backfill of the MoD's 443 MB of pages no longer
evicts the aggregator's month pages); faulted ones are rendered afresh."""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlencode

from mirror import (
    api,
    datasets,
    eras,
    kmu_gov,
    labels,
    mil_gov,
    minfin,
    mod_gov,
    rules,
    sitemap,
    titles,
)
from mirror.catalog import KMU, MIL, MOD, ROOTS, Page, route_key
from mirror.catalog import build as build_catalog
from mirror.dates import mix
from mirror.help import URL_LAYOUT
from mirror.reference import ReferenceDay
from mirror.tweaks import Tweaks, shuffled, tweak_figures
from mirror.views import DayView, Link, day_view, in_order

PAGE_SIZE = 20  # listing items per page, every site
API_DEFAULT_LIMIT = 50
API_MAX_LIMIT = 100
HTML = "text/html; charset=utf-8"
XML = "application/xml; charset=utf-8"
JSON = "application/json; charset=utf-8"
TEXT = "text/plain; charset=utf-8"
MINFIN_SITE = "index.minfin.com.ua"
API_SITE = "russianwarship.rip"
TAG = "tag-vidsich-agresoru"
INDEXES = ("news", "tag", "sitemap")
_MINFIN = re.compile(r"^/minfin/(?P<edition>ua|en)/russian-invading/casualties(?P<rest>/.*)?$")
_MONTH = re.compile(r"^\d{4}-\d\d$")
_API = re.compile(r"^/api/api/(?P<version>v[12])/(?P<what>statistics|terms)(?P<rest>/[^/]*)?$")
_SITEMAP_MONTH = re.compile(r"^/mod/sitemap/news-(?P<month>\d{4}-\d\d)\.xml$")
_DATED = re.compile(r"/news/(?P<y>\d{4})/(?P<m>\d\d)/(?P<d>\d\d)/")
_SIDEBAR = 7  # mil.gov.ua's latest news
_KMU_SIDEBAR = 8
_RELATED = 6  # mod.gov.ua's related cards


@dataclass(frozen=True, slots=True)
class Response:
    status: int
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


class _Problem(Exception):
    """A 4xx answer with a message for the client."""

    def __init__(self, status: int, message: str, json: bool = False) -> None:
        super().__init__(message)
        self.status = status
        self.json = json

    def response(self, path: str) -> Response:
        if self.json:
            return Response(self.status, JSON, api.error(str(self)))
        reason = {400: "Bad Request", 404: "Not Found"}.get(self.status, "Error")
        body = f"{self.status} {reason}: {path}\n{self}\n"
        return Response(self.status, TEXT, body.encode())


_CACHED_ROOTS = frozenset({"mod", "minfin", "api", "datasets"})


class _ByteLRU:
    """A thread-safe LRU of responses bounded by the total size of their bodies."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._data: OrderedDict[tuple, Response] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: tuple) -> Response | None:
        with self._lock:
            value = self._data.get(key)
            if value is not None:
                self._data.move_to_end(key)
            return value

    def put(self, key: tuple, value: Response) -> None:
        if len(value.body) > self.max_bytes:
            return
        with self._lock:
            old = self._data.pop(key, None)
            if old is not None:
                self._size -= len(old.body)
            self._data[key] = value
            self._size += len(value.body)
            while self._size > self.max_bytes:
                _, evicted = self._data.popitem(last=False)
                self._size -= len(evicted.body)


_VIEWS: dict[tuple[int, int], tuple[Sequence[ReferenceDay], list[DayView], list[DayView]]] = {}


def _views_of(days: Sequence[ReferenceDay]) -> tuple[list[DayView], list[DayView]]:
    """Every day as the MoD-family pages state it (lines in the bulletins' order; the
    aggregator sorts its own way) and as the API does (cached per history)."""
    key = (id(days[0]), len(days))
    cached = _VIEWS.get(key)
    if cached is not None and cached[0][0] is days[0]:
        return cached[1], cached[2]
    views = [in_order(day_view(d), labels.bulletin_order(d.date)) for d in days]
    api_views, last = [], None
    for view in views:
        api_views.append(api.carried(view, last))
        line = view.line("mobile_srbm_systems")
        if line is not None and isinstance(line.total, int):
            last = line.total
    _VIEWS[key] = (days, views, api_views)
    return views, api_views


def _listing_title(page: Page) -> str:
    """A bulletin title worded in a way no listing parser knows (layout:labels): no word
    of losses, no date."""
    if page.edition == "uk":
        return f"Зведення Генерального штабу № {page.number or page.date.toordinal() % 1000}"
    return f"General Staff summary No. {page.number or page.date.toordinal() % 1000}"


class Site:
    """All documents of the mirrored sources for the days up to `until`."""

    def __init__(
        self,
        days: Sequence[ReferenceDay],
        until: dt.date | None = None,
        *,
        seed: int = 0,
        cache_bytes: int = 32 * 1024 * 1024,
    ) -> None:
        if not days:
            raise ValueError("the reference history is empty")
        self.first = days[0].date
        last = days[-1].date
        self.until = until or last
        if not self.first <= self.until <= last:
            raise ValueError(
                f"until {self.until} is outside the reference history {self.first}..{last}"
            )
        self.seed = seed
        self.days = [d for d in days if d.date <= self.until]
        self._dates = [d.date for d in self.days]
        self._index = {date: i for i, date in enumerate(self._dates)}
        views, api_views = _views_of(days)
        self._views = views[: len(self.days)]
        self._api_views = api_views[: len(self.days)]
        self._catalog = build_catalog(days, seed)
        self._feeds = {
            feed: [p for p in pages if p.published.date() <= self.until]
            for feed, pages in self._catalog.feeds.items()
        }
        self._position = {
            feed: {p.path: i for i, p in enumerate(pages)} for feed, pages in self._feeds.items()
        }
        self._lists = self._build_lists()
        self._cache_bytes = cache_bytes
        self._caches: dict[str, _ByteLRU] = {}
        self._caches_lock = threading.Lock()

    def _build_lists(self) -> dict[tuple[str, str, str], list[Page]]:
        """Every listing, newest first, with the coverage gaps of SITES.md §3."""
        lists: dict[tuple[str, str, str], list[Page]] = {}
        for (site, edition), pages in self._feeds.items():
            newest = pages[::-1]
            if site == MOD:
                newest = [
                    p
                    for p in newest
                    if not (p.is_bulletin and rules.listing_omits(self.seed, p.date, edition))
                ]
            lists[(site, edition, "news")] = newest
        lists[(MOD, "uk", "tag")] = [
            p
            for p in self._feeds[(MOD, "uk")][::-1]
            if p.kind == "decoy" or (p.is_bulletin and not rules.tag_omits(self.seed, p.date))
        ]
        return lists

    # ------------------------------------------------------------------ public

    @property
    def span(self) -> str:
        return f"{self.first}..{self.until}"

    @property
    def dates(self) -> list[dt.date]:
        """The report dates served, oldest first."""
        return list(self._dates)

    def pages(self, date: dt.date) -> list[Page]:
        """Every served day page carrying the bulletin of `date` (MoD-family sites: site,
        edition, path, whether a duplicate), oldest publication first."""
        return [p for p in self._catalog.by_date.get(date, ()) if self._served(p)]

    def bulletin_path(self, date: dt.date, site: str | None = None, edition: str = "uk") -> str:
        """The path of `date`'s (first) day page on `site` (default: the MoD site of its era)."""
        site = site or eras.mod_site(date)
        for page in self.pages(date):
            if page.site == site and page.edition == edition and not page.duplicate:
                return page.path
        raise ValueError(f"no {edition} page on {site} for {date} (the mirror serves {self.span})")

    def english_missing(self, date: dt.date) -> bool:
        """Whether the MoD site of `date`'s era has no English page for it (a gap, or on
        mod.gov.ua the newest day, whose English page is not out yet). kmu.gov.ua copies
        do not count: see pages()."""
        site = eras.mod_site(date)
        return not any(p.site == site and p.edition == "en" for p in self.pages(date))

    def listed_in(self, date: dt.date, site: str | None = None, edition: str = "uk") -> frozenset:
        """The indexes of `site` (default: the era's MoD site) that link a page of `date`'s
        bulletin: "news" (the news listing), "tag" (the tag page), "sitemap"."""
        site = site or eras.mod_site(date)
        found = set()
        for index in ("news", "tag"):
            pages = self._lists.get((site, edition, index), ())
            if any(p.is_bulletin and p.date == date for p in pages):
                found.add(index)
        if site == MOD and any(p.site == MOD and p.edition == edition for p in self.pages(date)):
            found.add("sitemap")
        return frozenset(found)

    @property
    def decoys(self) -> list[Page]:
        """The served news items that speak of losses but hold no bulletin."""
        return [p for pages in self._feeds.values() for p in pages if p.kind == "decoy"]

    def feed(self, site: str, edition: str = "uk") -> list[Page]:
        """Every served news item of a site edition (bulletins, news, decoys), oldest first."""
        return list(self._feeds[(site, edition)])

    def listing(self, site: str, edition: str = "uk", index: str = "news") -> list[Page]:
        """The items of a listing (or the tag page), newest first, as its pages list them."""
        return list(self._lists[(site, edition, index)])

    def listing_pages(self, site: str, edition: str = "uk", index: str = "news") -> int:
        return max(1, -(-len(self._lists[(site, edition, index)]) // PAGE_SIZE))

    def listing_path(
        self, site: str, edition: str = "uk", index: str = "news", page: int = 1
    ) -> str:
        """'/mod/news?page=2', '/mod/www.mil.gov.ua/en/news/?page=1', …"""
        en = "/en" if edition == "en" else ""
        if site == MIL:
            return f"{ROOTS[MIL]}{en}/news/?page={page}"
        if site == KMU:
            return f"{ROOTS[KMU]}/en/news?page={page}"
        if index == "tag":
            return f"/mod/news/{TAG}?page={page}"
        return f"/mod{en}/news?page={page}"

    def resolve(
        self, path: str, query: str = "", *, base_url: str = "", tweaks: Tweaks | None = None
    ) -> Response:
        """The response for GET `path?query` (`base_url`: scheme and host the request came
        to; links in pages are absolute on it)."""
        key = (path, query, base_url)
        cache = self._cache_of(path)
        if tweaks is None:
            cached = cache.get(key)
            if cached is not None:
                return cached
        try:
            response = self._route(unquote(path), parse_qs(query), base_url, tweaks or Tweaks())
        except _Problem as problem:
            return problem.response(path + (f"?{query}" if query else ""))
        if tweaks is None:
            cache.put(key, response)
        return response

    def _cache_of(self, path: str) -> _ByteLRU:
        """The cache of the root `path` is under ("/mod", "/minfin", ...)."""
        root = path.split("/", 2)[1] if path.startswith("/") else ""
        if root not in _CACHED_ROOTS:
            root = ""  # one more for the rest: no path makes a cache of its own
        cache = self._caches.get(root)
        if cache is None:
            with self._caches_lock:
                cache = self._caches.setdefault(root, _ByteLRU(self._cache_bytes))
        return cache

    # ----------------------------------------------------------------- routing

    def _route(self, path: str, params: dict, base: str, tweaks: Tweaks) -> Response:
        if path == "/":
            return Response(200, TEXT, b"ok\n")
        if path == ROOTS[MIL] or path.startswith(ROOTS[MIL] + "/"):
            return self._mil(path, params, base, tweaks)
        if path == ROOTS[KMU] or path.startswith(ROOTS[KMU] + "/"):
            return self._kmu(path, params, base, tweaks)
        if path == "/mod" or path.startswith("/mod/"):
            return self._mod(path, params, base, tweaks)
        if path.startswith("/minfin"):
            return self._minfin(path, params, base, tweaks)
        if path.startswith("/api"):
            return self._api(path.rstrip("/"), params, base, tweaks)
        if path == "/datasets" or path.startswith("/datasets/"):
            return self._dataset(path)
        raise _Problem(404, self._unknown(path))

    def _unknown(self, path: str) -> str:
        hint = ""
        if path.startswith("/api/v"):
            hint = f"(the API root is /api, so its paths start /api/api/...: /api{path})\n"
        return f"{hint}this mirror serves {self.span} under these paths:\n{URL_LAYOUT}"

    def _served(self, page: Page) -> bool:
        return page.published.date() <= self.until

    def _page_at(self, path: str, site: str, hint: str) -> Page:
        """The catalog page at `path`, or a 404 that says why there is none."""
        page = self._catalog.by_path.get(route_key(path))
        if page is not None and page.site == site:
            if self._served(page):
                return page
            raise _Problem(
                404,
                f"this page is published on {page.published:%Y-%m-%d}, after the mirror's "
                f"last date: it serves {self.span}",
            )
        dated = _DATED.search(path)
        if dated:
            try:
                date = dt.date(int(dated["y"]), int(dated["m"]), int(dated["d"]))
            except ValueError:
                raise _Problem(404, f"{path} names no valid date") from None
            if not self.first <= date <= self.until:
                raise _Problem(404, f"no news for {date}: the mirror serves {self.span}")
        raise _Problem(404, f"no news item at this address (slugs cannot be guessed: {hint})")

    def _page_number(self, params: dict, site: str, edition: str, index: str) -> int:
        page = _int_param(params, "page", 1, minimum=1)
        last = self.listing_pages(site, edition, index)
        if page > last:
            raise _Problem(404, f"there is no page {page}: the listing has {last} pages")
        return page

    def _listing_items(
        self, site: str, edition: str, index: str, page: int, tweaks: Tweaks
    ) -> list[Page]:
        items = self._lists[(site, edition, index)]
        entries = list(items[(page - 1) * PAGE_SIZE : page * PAGE_SIZE])
        bulletins = [i for i, p in enumerate(entries) if p.is_bulletin]
        if bulletins and tweaks.changes_figures:
            first = bulletins[0]
            entries[first] = self._tweaked_entry(entries[first], tweaks)
        if bulletins and tweaks.duplicate:
            entries.insert(bulletins[0] + 1, entries[bulletins[0]])
        if tweaks.shuffle:
            entries = shuffled(entries, f"{site}{edition}{index}{page}")
        if tweaks.layout == "labels":
            entries = [p._replace(title=_listing_title(p)) if p.is_bulletin else p for p in entries]
        return entries

    def _tweaked_entry(self, page: Page, tweaks: Tweaks) -> Page:
        """A listing entry as a faulted document states it (its title from the faulted figures,
        moved by `future`)."""
        view = self._view(self._index[page.date], tweaks)
        shift = dt.timedelta(days=tweaks.future_days)
        return page._replace(title=self._title(page, view), published=page.published + shift)

    def _title(self, page: Page, view: DayView) -> str:
        """A bulletin page's title for what `view` states (faults change it)."""
        if view.date == page.date and view.lines == self._views[self._index[page.date]].lines:
            return page.title
        increases = (view.delta("personnel"), view.delta("uav"), view.delta("artillery_systems"))
        if page.site == MOD:
            if page.edition == "uk":
                osib = "-osib-" in page.path
                return titles.mod_uk_title(view.date, view.era, increases, osib=osib)
            return titles.mod_en_title(view.date, view.era, increases)
        if page.site == KMU:
            return titles.kmu_title(view.date)
        if page.edition == "en":
            return titles.mil_en_title(view.date)
        return page.title  # the uk headline is no figure to read

    def _view(self, index: int, tweaks: Tweaks, *, api_view: bool = False) -> DayView:
        """The day as a faulted document states it (absurd, future, republish)."""
        views = self._api_views if api_view else self._views
        view = views[index]
        if tweaks.changes_figures:
            previous = views[index - 1] if index > 0 else None
            view = tweak_figures(view, tweaks, previous)
        return view

    def _day_view(self, index: int, tweaks: Tweaks, *, api_view: bool = False) -> DayView:
        """A one-bulletin document's day: also its lines out of order (shuffle)."""
        view = self._view(index, tweaks, api_view=api_view)
        if tweaks.shuffle:
            view = dataclasses.replace(view, lines=tuple(shuffled(view.lines, str(view.era))))
        return view

    # ------------------------------------------------------------- mil.gov.ua

    def _mil(self, path: str, params: dict, base: str, tweaks: Tweaks) -> Response:
        root = ROOTS[MIL]
        rest = path[len(root) :].rstrip("/")
        for edition, listing in (("uk", "/news"), ("en", "/en/news")):
            if rest == listing:
                return self._mil_listing(edition, params, base, tweaks)
        page = self._page_at(path, MIL, f"follow the links of the listing {root}/news/")
        feed = self._feeds[(MIL, page.edition)]
        position = self._position[(MIL, page.edition)][page.path]
        latest = feed[max(0, position - _SIDEBAR + 1) : position + 1][::-1]
        relative = mix(self.seed, "mil-base", page.path) % 2 == 0
        lang_root = f"{base}{root}" + ("/en/" if page.edition == "en" else "/")
        if relative:  # <base href> and links relative to it, as the real pages had
            prefix = root + ("/en/" if page.edition == "en" else "/")
            links = [
                Link(
                    p.path[len(prefix) :],
                    p.title,
                    mil_gov.sidebar_time(p.published, page.published, page.edition),
                )
                for p in latest
            ]
        else:
            links = [
                Link(
                    f"{base}{p.path}",
                    p.title,
                    mil_gov.sidebar_time(p.published, page.published, page.edition),
                )
                for p in latest
            ]
        page_base = lang_root if relative else None
        if not page.is_bulletin:
            body = mil_gov.news_page(
                page.title,
                page.edition,
                published=page.published,
                number=page.number,
                links=links,
                decoy=page.variant if page.kind == "decoy" else None,
                base=page_base,
            )
            return Response(200, HTML, body)
        view = self._day_view(self._index[page.date], tweaks)
        pretty = page.edition == "en" and rules.mil_pretty(self.seed, page.date)
        body = mil_gov.day_page(
            view,
            page.edition,
            title=self._title(page, view),
            published=page.published,
            number=page.number,
            links=links,
            base=page_base,
            seed=self.seed,
            layout=tweaks.layout,
            pretty=pretty,
            repeat=2 if tweaks.duplicate else 1,
        )
        return Response(200, HTML, body)

    def _mil_listing(self, edition: str, params: dict, base: str, tweaks: Tweaks) -> Response:
        number = self._page_number(params, MIL, edition, "news")
        entries = self._listing_items(MIL, edition, "news", number, tweaks)
        links = [
            Link(f"{base}{p.path}", p.title, mil_gov.listing_time(p.published, edition))
            for p in entries
        ]
        listing_base = f"{base}{ROOTS[MIL]}{'/en' if edition == 'en' else ''}/news/"
        layout = None if tweaks.layout == "labels" else tweaks.layout
        body = mil_gov.listing_page(
            links,
            edition,
            base=listing_base,
            page=number,
            last_page=self.listing_pages(MIL, edition),
            layout=layout,
        )
        return Response(200, HTML, body)

    # ------------------------------------------------------------- kmu.gov.ua

    def _kmu(self, path: str, params: dict, base: str, tweaks: Tweaks) -> Response:
        root = ROOTS[KMU]
        if path.rstrip("/") == f"{root}/en/news":
            number = self._page_number(params, KMU, "en", "news")
            entries = self._listing_items(KMU, "en", "news", number, tweaks)
            links = [
                Link(f"{base}{p.path}", p.title, f"{p.published:%d.%m.%Y %H:%M}") for p in entries
            ]
            layout = None if tweaks.layout == "labels" else tweaks.layout
            body = kmu_gov.listing_page(
                links,
                base=f"{base}{root}/en/news",
                page=number,
                last_page=self.listing_pages(KMU, "en"),
                layout=layout,
            )
            return Response(200, HTML, body)
        page = self._page_at(path, KMU, f"follow the links of the listing {root}/en/news")
        feed = self._feeds[(KMU, "en")]
        position = self._position[(KMU, "en")][page.path]
        # The sidebar: other days' bulletins among the latest news.
        earlier = feed[max(0, position - 40) : position][::-1]
        half = _KMU_SIDEBAR // 2
        before = [p for p in earlier if p.is_bulletin][:half] + [
            p for p in earlier if not p.is_bulletin
        ][:half]
        before.sort(key=lambda p: p.published, reverse=True)
        links = [
            Link(f"{base}{p.path}", p.title, kmu_gov.sidebar_time(p.published)) for p in before
        ]
        if not page.is_bulletin:
            return Response(
                200, HTML, kmu_gov.news_page(page.title, published=page.published, links=links)
            )
        view = self._day_view(self._index[page.date], tweaks)
        body = kmu_gov.day_page(
            view,
            title=self._title(page, view),
            published=page.published,
            links=links,
            style=rules.kmu_style(self.seed, page.date),
            layout=tweaks.layout,
            repeat=2 if tweaks.duplicate else 1,
        )
        return Response(200, HTML, body)

    # ------------------------------------------------------------- mod.gov.ua

    def _mod(self, path: str, params: dict, base: str, tweaks: Tweaks) -> Response:
        trimmed = path.rstrip("/")
        if trimmed in ("/mod/news", "/mod/en/news"):
            return self._mod_listing(
                "en" if trimmed.startswith("/mod/en") else "uk", "news", params, base, tweaks
            )
        if trimmed == f"/mod/news/{TAG}":
            return self._mod_listing("uk", "tag", params, base, tweaks)
        if trimmed == "/mod/sitemap.xml":
            return self._sitemap_index(base, tweaks)
        month = _SITEMAP_MONTH.match(trimmed)
        if month:
            return self._sitemap_month(month["month"], base, tweaks)
        if not trimmed.startswith(("/mod/news/", "/mod/en/news/")):
            raise _Problem(404, self._unknown(path))
        page = self._page_at(
            path,
            MOD,
            "follow /mod/news, the tag page /mod/news/tag-vidsich-agresoru or /mod/sitemap.xml",
        )
        feed = self._feeds[(MOD, page.edition)]
        position = self._position[(MOD, page.edition)][page.path]
        earlier = feed[:position][::-1]
        cards = [p for p in earlier[:60] if p.is_bulletin and p.date != page.date][: _RELATED // 2]
        cards += [p for p in earlier[:20] if not p.is_bulletin][: _RELATED - len(cards)]
        cards.sort(key=lambda p: p.published, reverse=True)
        links = [Link(f"{base}{p.path}", p.title, f"{p.published:%d.%m.%Y}") for p in cards]
        if not page.is_bulletin:
            body = mod_gov.news_page(
                page.title,
                page.edition,
                published=page.published,
                links=links,
                decoy=page.variant if page.kind == "decoy" else None,
            )
            return Response(200, HTML, body)
        view = self._day_view(self._index[page.date], tweaks)
        image = f"{base}/mod/storage/news/{page.date:%Y/%m}/{mix(self.seed, page.path):08x}.webp"
        grouped_post = page.edition == "uk" and rules.mod_grouped(self.seed, page.date)
        body = mod_gov.day_page(
            view,
            page.edition,
            title=self._title(page, view),
            published=page.published,
            image=image,
            links=links,
            grouped_post=grouped_post,
            layout=tweaks.layout,
            repeat=2 if tweaks.duplicate else 1,
        )
        return Response(200, HTML, body)

    def _mod_listing(
        self, edition: str, index: str, params: dict, base: str, tweaks: Tweaks
    ) -> Response:
        number = self._page_number(params, MOD, edition, index)
        entries = self._listing_items(MOD, edition, index, number, tweaks)
        links = [Link(f"{base}{p.path}", p.title, f"{p.published:%d.%m.%Y %H:%M}") for p in entries]
        if index == "tag":
            listing_base, heading = f"{base}/mod/news/{TAG}", "Відсіч агресору"
        else:
            listing_base = f"{base}/mod{'/en' if edition == 'en' else ''}/news"
            heading = "Новини" if edition == "uk" else "News"
        layout = None if tweaks.layout == "labels" else tweaks.layout
        body = mod_gov.listing_page(
            links,
            edition,
            base=listing_base,
            page=number,
            last_page=self.listing_pages(MOD, edition, index),
            heading=heading,
            layout=layout,
        )
        return Response(200, HTML, body)

    def _sitemap_pages(self) -> dict[str, list[Page]]:
        """mod.gov.ua's served items (uk and en) by month, newest first."""
        by_month: dict[str, list[Page]] = {}
        pages = self._feeds[(MOD, "uk")] + self._feeds[(MOD, "en")]
        for page in sorted(pages, key=lambda p: (p.published, p.path), reverse=True):
            by_month.setdefault(f"{page.published:%Y-%m}", []).append(page)
        return by_month

    def _sitemap_index(self, base: str, tweaks: Tweaks) -> Response:
        months = [
            (month, f"{base}/mod/sitemap/news-{month}.xml", pages[0].published)
            for month, pages in self._sitemap_pages().items()
        ]
        if tweaks.shuffle:
            months = shuffled(months, "sitemap")
        return Response(200, XML, sitemap.index(months, layout=tweaks.layout))

    def _sitemap_month(self, month: str, base: str, tweaks: Tweaks) -> Response:
        pages = self._sitemap_pages().get(month)
        if not pages:
            raise _Problem(
                404, f"no mod.gov.ua news published in {month}: the mirror serves {self.span}"
            )
        urls = [(f"{base}{p.path}", p.published) for p in pages]
        if tweaks.duplicate:
            urls.insert(1, urls[0])
        if tweaks.shuffle:
            urls = shuffled(urls, month)
        return Response(200, XML, sitemap.urlset(urls, layout=tweaks.layout))

    # ----------------------------------------------------------------- minfin

    def _minfin(self, path: str, params: dict, base: str, tweaks: Tweaks) -> Response:
        match = _MINFIN.match(path)
        if not match:
            raise _Problem(404, self._unknown(path))
        lang = "uk" if match["edition"] == "ua" else "en"
        rest = (match["rest"] or "").strip("/")
        root = f"{base}/minfin"
        if rest == "":  # the current and the previous month, then links to the others
            months = self._months()
            views = [
                v
                for i, m in enumerate(months[:2])
                for v in self._month_views(m, tweaks, newest=i == 0)
            ]
            body = minfin.bare_page(views, months[2:], lang, base=root, layout=tweaks.layout)
            return Response(200, HTML, body)
        if rest == "month.php":
            values = params.get("month")
            if not values or not _MONTH.match(values[0]):
                raise _Problem(400, "month.php needs ?month=YYYY-MM")
            month = self._check_month(values[0])
            body = minfin.month_fragment(
                self._month_views(month, tweaks), lang, layout=tweaks.layout
            )
            return Response(200, HTML, body)
        if _MONTH.match(rest):
            month = self._check_month(rest)
            current = self._view(len(self._views) - 1, tweaks)
            views = self._month_views(month, tweaks, newest=month == self._months()[0])
            body = minfin.month_page(current, month, views, lang, base=root, layout=tweaks.layout)
            return Response(200, HTML, body)
        raise _Problem(404, self._unknown(path))

    def _check_month(self, month: str) -> str:
        if month not in self._months():
            raise _Problem(404, f"no figures for month {month}: the mirror serves {self.span}")
        return month

    def _months(self) -> list[str]:
        """Months with at least one served day, newest first."""
        return sorted({f"{d:%Y-%m}" for d in self._dates}, reverse=True)

    def _month_views(self, month: str, tweaks: Tweaks, *, newest: bool = True) -> list[DayView]:
        """The served days of `month`, newest first; figure faults change the month's newest
        day when `newest` (the document's newest bulletin)."""
        year, mon = int(month[:4]), int(month[5:7])
        start = bisect.bisect_left(self._dates, dt.date(year, mon, 1))
        end = bisect.bisect_left(self._dates, dt.date(year + (mon == 12), mon % 12 + 1, 1))
        views = [self._views[i] for i in range(end - 1, start - 1, -1)]
        if views and newest and tweaks.changes_figures:
            views[0] = self._view(end - 1, tweaks)
        if views and tweaks.duplicate:
            views.insert(1, views[0])
        if tweaks.shuffle:
            views = shuffled(views, month)
        return views

    # --------------------------------------------------------------- datasets

    def _dataset(self, path: str) -> Response:
        """A dataset file (typos seeded), as raw.githubusercontent.com serves files."""
        found = datasets.FILES.get(path)
        if found is None:
            raise _Problem(
                404, f"no such dataset file: the mirror serves {', '.join(datasets.FILES)}"
            )
        return Response(200, TEXT, datasets.render(found[0], self.days))

    # -------------------------------------------------------------------- API

    def _api(self, path: str, params: dict, base: str, tweaks: Tweaks) -> Response:
        match = _API.match(path)
        if not match:
            raise _Problem(404, self._unknown(path), json=True)
        rest = (match["rest"] or "").lstrip("/")
        if match["what"] == "terms":
            if rest not in ("en", "ua"):
                raise _Problem(404, "terms are /terms/en or /terms/ua", json=True)
            return Response(200, JSON, api.terms(rest))
        if rest == "latest":
            return self._api_day(len(self._views) - 1, tweaks)
        if rest:
            try:
                date = dt.date.fromisoformat(rest)
            except ValueError:
                raise _Problem(
                    404, f"unknown statistics path {path!r}: use latest or YYYY-MM-DD", json=True
                ) from None
            index = self._index.get(date)
            if index is None:
                raise _Problem(
                    404, f"no statistics for {date}: the mirror serves {self.span}", json=True
                )
            return self._api_day(index, tweaks)
        return self._api_range(match["version"], params, base, tweaks)

    def _api_day(self, index: int, tweaks: Tweaks) -> Response:
        view = self._day_view(index, tweaks, api_view=True)
        return Response(200, JSON, api.day(view, layout=tweaks.layout))

    def _api_range(self, version: str, params: dict, base: str, tweaks: Tweaks) -> Response:
        date_from = _date_param(params, "date_from", self.first)
        date_to = _date_param(params, "date_to", self.until)
        if date_from > date_to:
            raise _Problem(400, f"date_from {date_from} is after date_to {date_to}", json=True)
        offset = _int_param(params, "offset", 0, minimum=0, json=True)
        limit = min(
            _int_param(params, "limit", API_DEFAULT_LIMIT, minimum=1, json=True), API_MAX_LIMIT
        )
        first = bisect.bisect_left(self._dates, date_from)
        end = bisect.bisect_left(self._dates, date_to + dt.timedelta(days=1))
        total = max(0, end - first)
        indices = list(range(first + offset, min(end, first + offset + limit)))
        views = [self._api_views[i] for i in indices]
        if views and tweaks.changes_figures:
            views[-1] = self._view(indices[-1], tweaks, api_view=True)
        if views and tweaks.duplicate:
            views.append(views[-1])
        if tweaks.shuffle:
            views = shuffled(views, f"{date_from}{offset}")
        next_url = None
        if offset + limit < total:
            query = urlencode(
                {
                    "date_from": date_from.isoformat(),
                    "date_to": date_to.isoformat(),
                    "offset": offset + limit,
                    "limit": limit,
                }
            )
            next_url = f"{base}/api/api/{version}/statistics?{query}"
        body = api.range_page(
            views,
            total=total,
            offset=offset,
            limit=limit,
            next_page_url=next_url,
            layout=tweaks.layout,
        )
        return Response(200, JSON, body)


def _int_param(params: dict, name: str, default: int, *, minimum: int, json: bool = False) -> int:
    values = params.get(name)
    if not values:
        return default
    try:
        value = int(values[0])
    except ValueError:
        value = minimum - 1
    if value < minimum:
        raise _Problem(400, f"{name} must be an integer >= {minimum}, not {values[0]!r}", json=json)
    return value


def _date_param(params: dict, name: str, default: dt.date) -> dt.date:
    values = params.get(name)
    if not values:
        return default
    try:
        return dt.date.fromisoformat(values[0])
    except ValueError:
        raise _Problem(
            400, f"{name} must be a date YYYY-MM-DD, not {values[0]!r}", json=True
        ) from None
