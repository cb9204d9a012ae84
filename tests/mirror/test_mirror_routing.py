"""Routing under the five roots (SITES.md "Roots"), path forms (trailing slash, percent
encoding), and 404s whose message says why."""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import quote, unquote

import pytest

from mirror.reference import load_reference
from mirror.site import HTML, JSON, TEXT, XML, Site

MIL, KMU, MOD = "www.mil.gov.ua", "www.kmu.gov.ua", "mod.gov.ua"


@pytest.mark.parametrize(
    ("path", "query", "content_type"),
    [
        ("/", "", TEXT),
        ("/mod/news", "page=2", HTML),
        ("/mod/news/", "page=2", HTML),
        ("/mod/en/news", "", HTML),
        ("/mod/news/tag-vidsich-agresoru", "page=3", HTML),
        ("/mod/sitemap.xml", "", XML),
        ("/mod/sitemap/news-2025-03.xml", "", XML),
        ("/mod/www.mil.gov.ua/news/", "page=5", HTML),
        ("/mod/www.mil.gov.ua/news", "page=5", HTML),
        ("/mod/www.mil.gov.ua/en/news/", "page=1", HTML),
        ("/mod/www.kmu.gov.ua/en/news", "page=2", HTML),
        ("/minfin/ua/russian-invading/casualties/", "", HTML),
        ("/minfin/ua/russian-invading/casualties", "", HTML),
        ("/minfin/en/russian-invading/casualties/2023-03/", "", HTML),
        ("/minfin/ua/russian-invading/casualties/month.php", "month=2023-03", HTML),
        ("/api/api/v2/statistics/latest", "", JSON),
        ("/api/api/v1/statistics/2023-01-01", "", JSON),
        ("/api/api/v2/statistics", "date_from=2023-01-01&date_to=2023-01-31", JSON),
        ("/api/api/v2/terms/en", "", JSON),
    ],
)
def test_every_root_answers(site, path, query, content_type):
    response = site.resolve(path, query)
    assert response.status == 200, response.body[:300]
    assert response.content_type == content_type


def test_day_pages_answer_with_or_without_slash_and_encoding(site):
    page = next(p for p in site.pages(dt.date(2022, 7, 8)) if p.site == MIL and p.edition == "uk")
    assert "%E2%80%93" in page.path  # the headline's "–", percent-encoded
    body = site.resolve(page.path).body
    assert site.resolve(unquote(page.path)).body == body
    assert site.resolve(page.path.rstrip("/")).body == body
    assert site.resolve(quote(unquote(page.path).rstrip("/"))).body == body


@pytest.mark.parametrize(
    ("path", "query", "status", "says"),
    [
        ("/nowhere", "", 404, "under these paths"),
        ("/mod/about-us", "", 404, "under these paths"),
        ("/mod/news/no-such-slug", "", 404, "slugs cannot be guessed"),
        ("/mod/en/news/no-such-slug", "", 404, "/mod/sitemap.xml"),
        ("/mod/www.mil.gov.ua/news/2022/02/24/x/", "", 404, "2022-02-25..2026-08-08"),
        ("/mod/www.mil.gov.ua/news/2024/06/04/x/", "", 404, "follow the links of the listing"),
        ("/mod/www.mil.gov.ua/news/2024/13/04/x/", "", 404, "no valid date"),
        ("/mod/www.kmu.gov.ua/en/news/zahalni-x", "", 404, "/mod/www.kmu.gov.ua/en/news"),
        ("/mod/news", "page=0", 400, "page must be an integer >= 1"),
        ("/mod/news", "page=x", 400, "page must be an integer >= 1"),
        ("/mod/www.mil.gov.ua/news/", "page=9999", 404, "the listing has"),
        ("/mod/sitemap/news-2023-01.xml", "", 404, "no mod.gov.ua news published in 2023-01"),
        ("/minfin/ua/russian-invading/casualties/month.php", "month=2022-01", 404, "2022-01"),
        ("/minfin/ua/russian-invading/casualties/month.php", "month=x", 400, "YYYY-MM"),
        ("/minfin/ru/russian-invading/casualties/", "", 404, "under these paths"),
        ("/api/api/v2/statistics/2022-02-24", "", 404, "no statistics for 2022-02-24"),
        ("/api/api/v2/statistics/yesterday", "", 404, "latest or YYYY-MM-DD"),
        ("/api/api/v2/terms/ru", "", 404, "terms are"),
        ("/api/v2/statistics/latest", "", 404, "/api/api/v2/statistics/latest"),
        ("/api/api/v2/statistics", "date_from=2024-02-01&date_to=2024-01-01", 400, "after"),
        ("/api/api/v2/statistics", "date_from=junk", 400, "date_from must be a date"),
        ("/api/api/v2/statistics", "limit=0", 400, "limit must be an integer >= 1"),
    ],
)
def test_clear_errors(site, path, query, status, says):
    response = site.resolve(path, query)
    assert response.status == status
    text = response.body.decode()
    assert says in (json.loads(text)["message"] if path.startswith("/api") else text)


def test_a_page_published_after_until_says_so():
    site = Site(load_reference(), dt.date(2026, 2, 4))
    full = Site(load_reference())
    path = full.bulletin_path(dt.date(2026, 2, 5))
    response = site.resolve(path)
    assert response.status == 404
    assert "published on 2026-02-05, after the mirror's last date" in response.body.decode()
    assert site.resolve(full.bulletin_path(dt.date(2026, 2, 4))).status == 200


def test_bulletin_path_names_the_site(site):
    assert site.bulletin_path(dt.date(2022, 7, 8)).startswith(
        "/mod/www.mil.gov.ua/news/2022/07/08/"
    )
    assert site.bulletin_path(dt.date(2023, 6, 21), KMU, "en").startswith(
        "/mod/www.kmu.gov.ua/en/news/"
    )
    assert (
        site.bulletin_path(dt.date(2026, 2, 5))
        == "/mod/news/bojovi-vtrati-voroga-na-5-lyutogo-2026-roku"
    )
    with pytest.raises(ValueError, match=r"no uk page on None"):
        site.bulletin_path(dt.date(2022, 2, 25))
    with pytest.raises(ValueError, match=r"no en page on mod\.gov\.ua"):
        site.bulletin_path(site.until, edition="en")
    assert site.listing_path(MIL, "en", page=3) == "/mod/www.mil.gov.ua/en/news/?page=3"
    assert site.listing_path(MOD, index="tag") == "/mod/news/tag-vidsich-agresoru?page=1"


def test_each_root_keeps_its_own_cache():
    # A month page is ~130 KB: the MoD's pages fill the 512 KB cache of their root many
    # times over and the aggregator's stays (separate hosts: a MoD backfill before an
    # aggregator one must not make the mirror render its pages again).
    site = Site(load_reference(), cache_bytes=512 * 1024)
    month = "/minfin/ua/russian-invading/casualties/2023-03/"
    first = site.resolve(month)
    mod_pages = [site.bulletin_path(dt.date(2023, 3, 1) + dt.timedelta(days=i)) for i in range(40)]
    kept = site.resolve(mod_pages[0])
    assert len(kept.body) * len(mod_pages) > 512 * 1024
    for path in mod_pages:
        site.resolve(path)
    assert site.resolve(month) is first
    assert site.resolve(mod_pages[0]) is not kept  # evicted within its own root
    assert site.resolve("/nothing/here").status == 404


def test_until_outside_the_history_is_refused():
    with pytest.raises(ValueError, match="outside the reference history"):
        Site(load_reference(), dt.date(2030, 1, 1))
    with pytest.raises(ValueError, match="outside the reference history"):
        Site(load_reference(), dt.date(2022, 2, 24))


def test_building_a_site_is_fast():
    import time

    days = load_reference()
    started = time.perf_counter()
    Site(days, seed=12345)  # a catalog not built before
    assert time.perf_counter() - started < 1.5
