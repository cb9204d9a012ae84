"""Settings: the MoD's sites beneath one root, default sources, index configuration."""

from __future__ import annotations

import datetime as dt

import pytest

from flows.settings import KMU_HOST, MIL_HOST, Settings
from flows.sources.mod_sites import mod_sites


def test_the_real_hosts_are_the_defaults():
    settings = Settings.from_env()
    assert settings.base_url("mod") == "https://mod.gov.ua"
    assert settings.site_url(MIL_HOST) == "https://www.mil.gov.ua"
    assert settings.site_url(KMU_HOST) == "https://www.kmu.gov.ua"
    assert {"mod.gov.ua", "www.mil.gov.ua", "www.kmu.gov.ua"} <= settings.allowed_hosts


def test_a_mod_root_elsewhere_names_every_mod_era_site_beneath_it():
    settings = Settings.from_env().with_base_url("mod", "http://127.0.0.1:8765/mod/")
    assert settings.site_url(MIL_HOST) == "http://127.0.0.1:8765/mod/www.mil.gov.ua"
    assert settings.site_url(KMU_HOST) == "http://127.0.0.1:8765/mod/www.kmu.gov.ua"
    assert "127.0.0.1:8765" in settings.allowed_hosts
    assert "www.mil.gov.ua" not in settings.allowed_hosts  # nothing real is fetched then


def test_each_site_can_be_set_on_its_own(monkeypatch):
    monkeypatch.setenv("LOSSES_MOD_URL", "http://proxy:1/mod")
    monkeypatch.setenv("LOSSES_MIL_URL", "http://archive:2/mil/")
    settings = Settings.from_env()
    assert settings.site_url(MIL_HOST) == "http://archive:2/mil"
    assert settings.site_url(KMU_HOST) == "http://proxy:1/mod/www.kmu.gov.ua"
    assert {"proxy:1", "archive:2"} <= settings.allowed_hosts


def test_default_sources_per_flow(monkeypatch):
    settings = Settings.from_env()
    assert (settings.daily_source, settings.backfill_source) == ("mod", "minfin")
    monkeypatch.setenv("LOSSES_BACKFILL_SOURCE", "api")
    assert Settings.from_env().backfill_source == "api"


@pytest.mark.parametrize(
    ("variable", "value", "says"),
    [
        ("LOSSES_BACKFILL_SOURCE", "telegram", "is not a source"),
        ("LOSSES_MOD_INDEXES", "listing,rss", "give some of listing, tag, sitemap"),
        ("LOSSES_MOD_INDEXES", "tag,tag", "each once"),
        ("LOSSES_MOD_LISTING_PATH", "/news", "with {page}"),
        ("LOSSES_MOD_SITEMAP_PATH", "sitemap.xml", "starting with /"),
        ("LOSSES_MOD_SWITCH_DATE", "2024-13-01", "is not a date"),
    ],
)
def test_a_bad_variable_is_named_with_the_reason(monkeypatch, variable, value, says):
    monkeypatch.setenv(variable, value)
    with pytest.raises(ValueError, match=variable) as raised:
        Settings.from_env()
    assert says in str(raised.value)


def test_the_mod_sites_by_era_and_their_indexes_in_order_of_trust(monkeypatch):
    root = "http://127.0.0.1:1/mod"
    settings = Settings.from_env().with_base_url("mod", root)
    mil, mod = mod_sites(settings, "uk")
    assert (mil.host, mil.first, mil.last) == (MIL_HOST, dt.date(2022, 2, 27), dt.date(2024, 10, 6))
    assert (mod.host, mod.first, mod.last) == ("mod.gov.ua", dt.date(2024, 10, 7), None)
    assert [i.url for i in mil.indexes] == [f"{root}/www.mil.gov.ua/news/?page={{page}}"]
    assert [(i.name, i.url) for i in mod.indexes] == [
        ("news listing", f"{root}/news?page={{page}}"),
        ("tag page", f"{root}/news/tag-vidsich-agresoru?page={{page}}"),
        ("sitemap", f"{root}/sitemap.xml"),
    ]
    _, mod_en = mod_sites(settings, "en")
    assert [i.name for i in mod_en.indexes] == ["news listing", "sitemap"]  # no English tag page
    assert mod_en.pages_prefix == f"{root}/en/news/"

    monkeypatch.setenv("LOSSES_MOD_INDEXES", "sitemap,listing")
    _, mod = mod_sites(Settings.from_env().with_base_url("mod", root), "uk")
    assert [i.name for i in mod.indexes] == ["sitemap", "news listing"]
