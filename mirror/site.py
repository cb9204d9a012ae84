"""The mirrored sites: which documents exist for a history ending at `until`, and
the routing of a request path to a rendered document.

Everything here is deterministic: the MoD news ids come from a seeded generator run
over the whole reference history (so a bulletin keeps its URL whatever `until` is),
and pages are pure renderings of the reference days. Clean responses are cached
(LRU bounded by bytes); faulted ones are rendered afresh."""

from __future__ import annotations

import bisect
import datetime as dt
import random
import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlencode

from mirror import render
from mirror.help import URL_LAYOUT
from mirror.news import UNRELATED_TITLES, bulletin_title, slugify
from mirror.reference import ReferenceDay
from mirror.render import DayView, NewsEntry
from mirror.tweaks import Tweaks, shuffled, tweak_figures

PAGE_SIZE = 20  # MoD listing items per page
API_DEFAULT_LIMIT = 50
API_MAX_LIMIT = 100
HTML = "text/html; charset=utf-8"
JSON = "application/json; charset=utf-8"
TEXT = "text/plain; charset=utf-8"
MINFIN_ROOT = "/minfin/{edition}/russian-invading/casualties"
_DAY_PAGE = re.compile(
    r"^/mod(?P<en>/en)?/news/(?P<y>\d{4})/(?P<m>\d\d)/(?P<d>\d\d)/(?P<slug>[^/]+)$"
)
_MINFIN = re.compile(r"^/minfin/(?P<edition>ua|en)/russian-invading/casualties(?P<rest>/.*)?$")
_API = re.compile(r"^/api/api/(?P<version>v[12])/statistics(?P<rest>/[^/]*)?$")
_MONTH = re.compile(r"^\d{4}-\d\d$")


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
            return Response(self.status, JSON, render.api_error(str(self)))
        reason = {400: "Bad Request", 404: "Not Found"}.get(self.status, "Error")
        body = f"{self.status} {reason}: {path}\n{self}\n"
        return Response(self.status, TEXT, body.encode())


@dataclass(frozen=True, slots=True)
class _FeedItem:
    entry: NewsEntry
    day_index: int | None  # index into the reference days for a bulletin, None for news


@dataclass
class _Feed:
    items: list[_FeedItem]  # oldest first, over the whole reference history
    by_url: dict[str, int] = field(default_factory=dict)


def _build_feed(days: Sequence[ReferenceDay], lang: str, seed: int) -> _Feed:
    """Bulletins and one unrelated news item per day, with ids that grow like a CMS's."""
    rng = random.Random(f"mod-feed-{seed}-{lang}")
    prefix = "/mod/news" if lang == "uk" else "/mod/en/news"
    next_id = 41000 if lang == "uk" else 17000
    items: list[_FeedItem] = []
    for index, day in enumerate(days):
        date = day.date
        bulletin_id = next_id + rng.randint(3, 40)
        title = bulletin_title(date, lang)
        url = f"{prefix}/{date:%Y/%m/%d}/{bulletin_id}-{slugify(title)}"
        published = render.publication_time(date)
        items.append(_FeedItem(NewsEntry(date, published, url, title, True), index))
        news_id = bulletin_id + rng.randint(1, 25)
        news_title = UNRELATED_TITLES[rng.randrange(len(UNRELATED_TITLES))][lang == "en"]
        news_url = f"{prefix}/{date:%Y/%m/%d}/{news_id}-{slugify(news_title)}"
        news_time = render.publication_time(date, "news")
        items.append(_FeedItem(NewsEntry(date, news_time, news_url, news_title, False), None))
        next_id = news_id
    feed = _Feed(items)
    feed.by_url = {item.entry.url: i for i, item in enumerate(items)}
    return feed


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


class Site:
    """All documents of the three mirrored sources for the days up to `until`."""

    def __init__(
        self,
        days: Sequence[ReferenceDay],
        until: dt.date | None = None,
        *,
        seed: int = 0,
        cache_bytes: int = 16 * 1024 * 1024,
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
        self.all_days = list(days)
        self.days = [d for d in days if d.date <= self.until]
        self._dates = [d.date for d in self.days]
        self._index = {date: i for i, date in enumerate(self._dates)}
        self._views = [render.day_view(d, render.publication_time(d.date)) for d in self.days]
        self._feeds = {lang: _build_feed(self.all_days, lang, seed) for lang in ("uk", "en")}
        # Feed items up to `until`: the number of items of each feed that are served.
        self._served = {lang: 2 * len(self.days) for lang in self._feeds}
        self._cache = _ByteLRU(cache_bytes)

    # ------------------------------------------------------------------ public

    @property
    def span(self) -> str:
        return f"{self.first}..{self.until}"

    @property
    def dates(self) -> list[dt.date]:
        """The report dates served, oldest first."""
        return list(self._dates)

    def bulletin_url(self, date: dt.date, lang: str = "uk") -> str:
        """The MoD day page path of `date` (as the listing links it)."""
        if date not in self._index:
            raise ValueError(f"no bulletin for {date}: the mirror serves {self.span}")
        return self._feeds[lang].items[2 * self._index[date]].entry.url

    def listing_pages(self, lang: str = "uk") -> int:
        return max(1, -(-self._served[lang] // PAGE_SIZE))

    def resolve(
        self, path: str, query: str = "", *, base_url: str = "", tweaks: Tweaks | None = None
    ) -> Response:
        """The response for GET `path?query`. `base_url` makes absolute URLs (API paging)."""
        key = (path, query, base_url)
        if tweaks is None:
            cached = self._cache.get(key)
            if cached is not None:
                return cached
        try:
            response = self._route(path, parse_qs(query), base_url, tweaks or Tweaks())
        except _Problem as problem:
            return problem.response(path + (f"?{query}" if query else ""))
        if tweaks is None:
            self._cache.put(key, response)
        return response

    # ----------------------------------------------------------------- routing

    def _route(self, path: str, params: dict, base_url: str, tweaks: Tweaks) -> Response:
        if path == "/":
            return Response(200, TEXT, b"ok\n")
        if path.startswith("/mod"):
            return self._mod(path.rstrip("/") or "/", params, tweaks)
        if path.startswith("/minfin"):
            return self._minfin(path, params, tweaks)
        if path.startswith("/api"):
            return self._api(path.rstrip("/"), params, base_url, tweaks)
        raise _Problem(404, self._unknown_path_message(path))

    def _unknown_path_message(self, path: str) -> str:
        hint = ""
        if path.startswith("/api/v"):
            hint = f"(the API root is /api, so its paths start /api/api/...: /api{path})\n"
        return f"{hint}this mirror serves {self.span} under these paths:\n{URL_LAYOUT}"

    def _check_date(self, date: dt.date, what: str, json: bool = False) -> int:
        index = self._index.get(date)
        if index is None:
            raise _Problem(404, f"no {what} for {date}: the mirror serves {self.span}", json=json)
        return index

    # --------------------------------------------------------------------- MoD

    def _mod(self, path: str, params: dict, tweaks: Tweaks) -> Response:
        if path in ("/mod/news", "/mod/en/news"):
            return self._mod_listing("en" if path.startswith("/mod/en") else "uk", params, tweaks)
        match = _DAY_PAGE.match(path)
        if not match:
            raise _Problem(404, self._unknown_path_message(path))
        lang = "en" if match["en"] else "uk"
        try:
            date = dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError:
            raise _Problem(404, f"{path} names no valid date") from None
        self._check_date(date, "news")
        feed = self._feeds[lang]
        position = feed.by_url.get(path)
        if position is None:
            raise _Problem(
                404,
                f"no news item at this address for {date} (ids cannot be guessed: follow the "
                f"links of the listing {'/mod/en/news' if lang == 'en' else '/mod/news'})",
            )
        item = feed.items[position]
        related = self._related(feed, position)
        if item.day_index is None:
            return Response(200, HTML, render.mod_news_page(item.entry, lang, related))
        view = self._view(item.day_index, tweaks)
        if tweaks.shuffle:
            view = DayView(view.date, tuple(shuffled(view.lines, path)), view.published)
        body = render.mod_day_page(
            view,
            lang,
            related=related,
            layout=tweaks.layout,
            style_date=self.days[item.day_index].date,
            repeat=2 if tweaks.duplicate else 1,
        )
        return Response(200, HTML, body)

    def _related(self, feed: _Feed, position: int) -> list[NewsEntry]:
        # The eight items published before this one ("read also").
        return [feed.items[i].entry for i in range(position - 1, max(position - 9, -1), -1)]

    def _mod_listing(self, lang: str, params: dict, tweaks: Tweaks) -> Response:
        base = "/mod/en/news" if lang == "en" else "/mod/news"
        page = _int_param(params, "page", 1, minimum=1)
        last_page = self.listing_pages(lang)
        if page > last_page:
            raise _Problem(404, f"there is no page {page}: the listing has {last_page} pages")
        served = self._served[lang]
        items = self._feeds[lang].items
        # Newest first: page 1 ends at the newest served item.
        stop = served - (page - 1) * PAGE_SIZE
        start = max(0, stop - PAGE_SIZE)
        entries = [items[i].entry for i in range(stop - 1, start - 1, -1)]
        bulletins = [i for i, e in enumerate(entries) if e.is_bulletin]
        if bulletins and tweaks.changes_figures:
            first = bulletins[0]
            date = entries[first].date + dt.timedelta(days=tweaks.future_days)
            title = bulletin_title(date, lang)
            entries[first] = NewsEntry(
                date, entries[first].published, entries[first].url, title, True
            )
        if bulletins and tweaks.duplicate:
            entries.insert(bulletins[0] + 1, entries[bulletins[0]])
        if tweaks.shuffle:
            entries = shuffled(entries, f"{base}?page={page}")
        if tweaks.layout == "labels":
            entries = [_unknown_title(e, lang) for e in entries]
        listing_layout = None if tweaks.layout == "labels" else tweaks.layout
        body = render.mod_listing_page(
            entries, lang, page=page, last_page=last_page, layout=listing_layout
        )
        return Response(200, HTML, body)

    # ----------------------------------------------------------------- minfin

    def _minfin(self, path: str, params: dict, tweaks: Tweaks) -> Response:
        match = _MINFIN.match(path)
        if not match:
            raise _Problem(404, self._unknown_path_message(path))
        lang = "uk" if match["edition"] == "ua" else "en"
        rest = match["rest"] or "/"
        if rest == "/":
            month = f"{self.until:%Y-%m}"
            views = self._month_views(month, tweaks)
            earlier = self._months()[1:]
            body = render.minfin_full_page(views, earlier, lang, layout=tweaks.layout)
            return Response(200, HTML, body)
        if rest == "/month.php":
            values = params.get("month")
            if not values or not _MONTH.match(values[0]):
                raise _Problem(400, "month.php needs ?month=YYYY-MM")
            month = values[0]
            if month not in self._months():
                raise _Problem(
                    404,
                    f"no figures for month {month}: the mirror serves {self.span}",
                )
            views = self._month_views(month, tweaks)
            body = render.minfin_month_fragment(views, lang, layout=tweaks.layout)
            return Response(200, HTML, body)
        raise _Problem(404, self._unknown_path_message(path))

    def _months(self) -> list[str]:
        """Months with at least one day, newest first."""
        return sorted({f"{d.date:%Y-%m}" for d in self.days}, reverse=True)

    def _month_views(self, month: str, tweaks: Tweaks) -> list[DayView]:
        indices = list(reversed(self._month_indices(month)))  # newest first
        views = [self._views[i] for i in indices]
        if views and tweaks.changes_figures:
            views[0] = self._view(indices[0], tweaks)
        if views and tweaks.duplicate:
            views.insert(1, views[0])
        if tweaks.shuffle:
            views = shuffled(views, month)
        return views

    def _month_indices(self, month: str) -> range:
        year, mon = int(month[:4]), int(month[5:7])
        start = dt.date(year, mon, 1)
        end = dt.date(year + (mon == 12), mon % 12 + 1, 1)
        return range(self._position(start), self._position(end))

    def _position(self, date: dt.date) -> int:
        """Index of the first served day on or after `date`."""
        return bisect.bisect_left(self._dates, date)

    # ---------------------------------------------------------------------- API

    def _api(self, path: str, params: dict, base_url: str, tweaks: Tweaks) -> Response:
        match = _API.match(path)
        if not match:
            raise _Problem(404, self._unknown_path_message(path), json=True)
        rest = (match["rest"] or "").lstrip("/")
        if rest == "latest":
            return self._api_day(len(self.days) - 1, tweaks)
        if rest:
            try:
                date = dt.date.fromisoformat(rest)
            except ValueError:
                raise _Problem(
                    404, f"unknown statistics path {path!r}: use latest or YYYY-MM-DD", json=True
                ) from None
            return self._api_day(self._check_date(date, "statistics", json=True), tweaks)
        return self._api_range(match["version"], params, base_url, tweaks)

    def _api_day(self, index: int, tweaks: Tweaks) -> Response:
        view = self._view(index, tweaks)
        if tweaks.shuffle:
            view = DayView(view.date, tuple(shuffled(view.lines, str(view.date))), view.published)
        return Response(200, JSON, render.api_day(view, layout=tweaks.layout))

    def _api_range(self, version: str, params: dict, base_url: str, tweaks: Tweaks) -> Response:
        date_from = _date_param(params, "date_from", self.first)
        date_to = _date_param(params, "date_to", self.until)
        if date_from > date_to:
            raise _Problem(400, f"date_from {date_from} is after date_to {date_to}", json=True)
        offset = _int_param(params, "offset", 0, minimum=0, json=True)
        limit = min(
            _int_param(params, "limit", API_DEFAULT_LIMIT, minimum=1, json=True), API_MAX_LIMIT
        )
        first = self._position(date_from)
        end = self._position(date_to + dt.timedelta(days=1))
        total = max(0, end - first)
        indices = list(range(first + offset, min(end, first + offset + limit)))
        views = [self._views[i] for i in indices]
        if views and tweaks.changes_figures:
            views[-1] = self._view(indices[-1], tweaks)
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
            next_url = f"{base_url}/api/api/{version}/statistics?{query}"
        body = render.api_range(
            views,
            total=total,
            offset=offset,
            limit=limit,
            next_page_url=next_url,
            layout=tweaks.layout,
        )
        return Response(200, JSON, body)

    # ------------------------------------------------------------------- views

    def _view(self, index: int, tweaks: Tweaks) -> DayView:
        view = self._views[index]
        if not tweaks.changes_figures:
            return view
        previous = self._views[index - 1] if index > 0 else None
        return tweak_figures(view, tweaks, previous)


def _unknown_title(entry: NewsEntry, lang: str) -> NewsEntry:
    """A bulletin title worded in a way no listing parser knows (layout:labels)."""
    if not entry.is_bulletin:
        return entry
    title = (
        f"Втрати ворога станом на {entry.date:%d.%m.%Y}"
        if lang == "uk"
        else f"Enemy losses as of {entry.date:%d.%m.%Y}"
    )
    return NewsEntry(entry.date, entry.published, entry.url, title, True)


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
