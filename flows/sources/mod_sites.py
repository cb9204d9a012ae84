"""The MoD's sites over time and where each lists its news (mirror/SITES.md):
www.mil.gov.ua until mod.gov.ua took over, each with its indexes in order of trust."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flows.settings import MIL_HOST, Settings
from parsers import SourceName

INDEX_NAMES = {"listing": "news listing", "tag": "tag page", "sitemap": "sitemap"}


@dataclass(frozen=True)
class Index:
    """One place a site lists its news: a paged listing (`url` has {page}) or a sitemap."""

    name: str  # "news listing", "tag page", "sitemap"
    url: str
    paged: bool


@dataclass(frozen=True)
class ModSite:
    host: str
    root: str  # where it is fetched from (the real host, or beneath the MoD root)
    first: dt.date
    last: dt.date | None  # None: still publishing
    indexes: tuple[Index, ...]  # in order of trust
    pages_prefix: str  # URLs of its bulletin pages start with this

    def covers(self, date: dt.date) -> bool:
        return self.first <= date and (self.last is None or date <= self.last)

    def __str__(self) -> str:
        return self.host


def mod_sites(settings: Settings, lang: str) -> tuple[ModSite, ...]:
    """The sites that carried the `lang` edition of the MoD bulletin, oldest first."""
    en = "/en" if lang == "en" else ""
    mil_root = settings.site_url(MIL_HOST)
    mil = ModSite(
        MIL_HOST,
        mil_root,
        settings.mod_first_date,
        settings.mod_switch_date - dt.timedelta(days=1),
        # Its listing is the one index known (mirror/SITES.md §1).
        (Index(INDEX_NAMES["listing"], f"{mil_root}{en}{settings.mil_listing_path}", True),),
        f"{mil_root}{en}/news/",
    )
    mod_root = settings.base_url(SourceName.MOD)
    paths = {
        "listing": (f"{en}{settings.mod_listing_path}", True),
        # The tag page is known for the Ukrainian edition only.
        "tag": (settings.mod_tag_path, True) if not en else None,
        # One sitemap for both editions; its pages are told apart by their prefix.
        "sitemap": (settings.mod_sitemap_path, False),
    }
    indexes = tuple(
        Index(INDEX_NAMES[name], f"{mod_root}{paths[name][0]}", paths[name][1])
        for name in settings.mod_indexes
        if paths[name] is not None
    )
    mod = ModSite(
        "mod.gov.ua", mod_root, settings.mod_switch_date, None, indexes, f"{mod_root}{en}/news/"
    )
    return (mil, mod)
