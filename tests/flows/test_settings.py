"""Settings: every LOSSES_* variable read in one place, the MoD's sites beneath one
root, default sources, index configuration."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from flows.settings import KMU_HOST, MIL_HOST, Settings
from flows.sources.mod_sites import mod_sites
from parsers import SourceName
from parsers.errors import ConfigError


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


# -- every variable, read in one place with its default written once


def test_the_defaults_are_the_fields_defaults():
    assert Settings.from_env({}) == Settings()
    assert Settings().warehouse_path == Path("warehouse/losses.duckdb")
    assert Settings().daily_source == SourceName.MOD == "mod"


VALUES = {
    "LOSSES_WAREHOUSE": ("/srv/losses.duckdb", "warehouse_path", Path("/srv/losses.duckdb")),
    "LOSSES_BODY_CODEC": ("identity", "body_codec", "identity"),
    "LOSSES_DAILY_SOURCE": ("api", "daily_source", "api"),
    "LOSSES_MOD_LANG": ("en", "mod_lang", "en"),
    "LOSSES_MINFIN_EDITION": ("en", "minfin_edition", "en"),
    "LOSSES_MOD_INDEXES": ("sitemap, tag", "mod_indexes", ("sitemap", "tag")),
    "LOSSES_MOD_FIRST_DATE": ("2022-03-01", "mod_first_date", dt.date(2022, 3, 1)),
    "LOSSES_MAX_CONNECTIONS": ("2", "max_connections_per_host", 2),
    "LOSSES_READ_TIMEOUT": ("7.5", "read_timeout", 7.5),
    "LOSSES_BACKOFF_BASE": ("0.5", "backoff_base", 0.5),
    "LOSSES_BACKOFF_MAX": ("9", "backoff_max", 9.0),
    "LOSSES_LOCK_WAIT_SECONDS": ("0", "lock_wait_seconds", 0.0),
    "LOSSES_PUBLISH_WAIT_ATTEMPTS": ("0", "publish_wait_attempts", 0),
    "LOSSES_DAILY_CRON": ("0 10 * * *", "daily_cron", "0 10 * * *"),
}


@pytest.mark.parametrize("variable", sorted(VALUES))
def test_each_variable_sets_its_field(variable):
    raw, name, expected = VALUES[variable]
    assert getattr(Settings.from_env({variable: raw}), name) == expected
    assert getattr(Settings.from_env({variable: "  "}), name) == getattr(Settings(), name)


def test_every_variable_read_is_listed():
    variables = Settings.variables()
    assert set(VALUES) <= set(variables)
    assert {"LOSSES_MOD_URL", "LOSSES_MINFIN_URL", "LOSSES_API_URL", "LOSSES_MIL_URL"} <= set(
        variables
    )
    # Nothing else in the code reads a LOSSES_* variable.
    import flows
    import parsers
    import warehouse

    reads = re.compile(r"(environ|getenv)\W[^\n]*LOSSES_")
    for package in (flows, parsers, warehouse):
        for path in Path(package.__file__).parent.rglob("*.py"):
            if path.name != "settings.py":
                assert not reads.search(path.read_text()), path


@pytest.mark.parametrize(
    ("variable", "value", "says"),
    [
        ("LOSSES_BODY_CODEC", "lz4", "choose one of identity, zstd, zlib"),
        ("LOSSES_MOD_LANG", "ru", "choose one of uk, en"),
        ("LOSSES_MAX_CONNECTIONS", "0", "at least 1"),
        ("LOSSES_HTTP_ATTEMPTS", "three", "is not a whole number"),
        ("LOSSES_READ_TIMEOUT", "-1", "seconds, 0 or more"),
        ("LOSSES_LOCK_WAIT_SECONDS", "nan", "seconds, 0 or more"),
        ("LOSSES_MOD_URL", "mod.gov.ua", "is not an http(s) URL"),
    ],
)
def test_a_bad_value_is_a_config_error_naming_the_variable(variable, value, says):
    with pytest.raises(ConfigError, match=variable) as raised:
        Settings.from_env({variable: value})
    assert says in str(raised.value)


def test_options_override_the_environment():
    settings = Settings.from_env({"LOSSES_WAREHOUSE": "/a.duckdb"})
    assert settings.with_warehouse("/b.duckdb").warehouse_path == Path("/b.duckdb")
    assert settings.with_warehouse(None) is settings
    assert settings.with_base_url("api", "http://x:1/api/").base_url("api") == "http://x:1/api"
    with pytest.raises(ConfigError, match="unknown source 'telegram'"):
        settings.with_base_url("telegram", "http://x:1")
