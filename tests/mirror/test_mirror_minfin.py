"""index.minfin.com.ua as SITES.md §5 says: unclosed li.gold days, single quotes, labels in
abbr/span, personnel last, zero increases omitted, none before 2022-05-01, the bare page,
month pages and month.php fragments, the February 2022 wording, the en edition."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from mirror.reference import load_reference
from mirror.site import HTML, Site
from tests.support.pages import minfin_dates, minfin_days

ROOT = "/minfin/ua/russian-invading/casualties"
EN_ROOT = "/minfin/en/russian-invading/casualties"
REAL_DAY = dt.date(2023, 5, 15)  # real 020


@pytest.fixture(scope="module")
def may_2023() -> Site:
    return Site(load_reference(), REAL_DAY)


def get(site: Site, path: str, query: str = "") -> str:
    response = site.resolve(path, query, base_url="http://m:1")
    assert response.status == 200 and response.content_type == HTML, response.body[:200]
    return response.body.decode()


def expected(reference, date, *, increases=True):
    return {
        n: (f.total, (f.delta or 0) if increases else 0) for n, f in reference[date].figures.items()
    }


def test_bare_page_like_the_real_one(may_2023, reference):
    html = get(may_2023, f"{ROOT}/")
    dates = minfin_dates(html)
    assert dates == [REAL_DAY - dt.timedelta(days=i) for i in range(45)]  # 15.05 .. 01.04
    assert "<base href='http://m:1/minfin/ua/' target='_top'>" in html
    days = minfin_days(html)
    for date in dates:
        assert days[date] == expected(reference, date), date
    first = html[
        html.index("<li class='gold'>") : html.index("<li class='gold'><span class='black'>14.05")
    ]
    assert "Втрати військ РФ на 15.05.2023" in first and "втрати: 3759" in first
    assert "<ul class='table-comment'>" in first
    assert html.count("infographics-wrap") == 1
    # One div.ajaxmonth per earlier month, newest first, with the real markup.
    months = re.findall(
        r"<div class='ajaxmonth'><h4 class='normal'><a href='russian-invading/"
        r"casualties/(\d{4}-\d\d)/' id='a_month_\1' style='border-bottom:1px dashed' "
        r"onclick=\"return casualtiesMonthClick\('\1'\)\">([^<]+)</a></h4><div "
        r"id='ajaxmonth_\1'></div>\n</div>",
        html,
    )
    assert [m for m, _ in months][:2] == ["2023-03", "2023-02"] and months[-1] == (
        "2022-02",
        "Лютий 2022",
    )
    assert len(months) == 14
    assert "<span class='black'>Див. також:</span><ul>" in html
    assert html.index("Див. також:") > html.index("ajaxmonth_2022-02")
    assert 100_000 <= len(html.encode()) <= 250_000


def test_day_markup(may_2023):
    html = get(may_2023, f"{ROOT}/month.php", "month=2023-05")
    day = html[html.index("<li class='gold'><span class='black'>15.05.2023</span>") :]
    day = day[: day.index("<li class='gold'>", 10)]
    assert day.startswith(
        "<li class='gold'><span class='black'>15.05.2023</span><div class='casualties'>\n"
        "<div><ul><li>Танки&nbsp;&mdash; 3759 <small>(+3)</small></li>"
    )
    assert day.endswith("</ul></div>\n</div>\n")  # never closed
    assert "</li>\n<li class='gold'>" not in html
    assert (
        '<li><abbr class="idx-help" class="idx-help" title="Бойові броньовані машини (різних '
        'типів)">ББМ</abbr>&nbsp;&mdash; 7336 <small>(+11)</small></li>' in day
    )
    assert (
        '<li>Крилаті <span class="idx-help" title="збито">ракети</span>&nbsp;&mdash; 973 '
        "<small>(+3)</small></li>" in day
    )
    assert "<li>Гармати&nbsp;&mdash; 3137 <small>(+21)</small></li>" in day
    assert "<li>Літаки&nbsp;&mdash; 308</li>" in day  # a zero increase is omitted
    assert day.endswith(
        '<li>Особовий склад&nbsp;&mdash; близько 199460 <span class="idx-help" title="ліквідовано">'
        "осіб</span> <small>(+580)</small></li></ul></div>\n</div>\n"
    )
    assert html.startswith("<ul class='see-also'>") and html.rstrip().endswith("</ul>")
    assert "<html" not in html  # a fragment


def test_month_page_repeats_the_current_day(may_2023, reference):
    html = get(may_2023, f"{ROOT}/2022-02/")
    assert minfin_dates(html) == [REAL_DAY, *[dt.date(2022, 2, d) for d in (28, 27, 26, 25)]]
    assert "</ul><div class='ajaxmonth'><h4>Лютий 2022</h4></div>\n<ul class='see-also'>" in html
    assert html.index("Див. також:") > html.index("25.02.2022")
    assert "<title>Втрати Росії в Україні - лютий 2022</title>" in html
    assert get(may_2023, f"{ROOT}/2022-02") == html


def test_no_increases_before_may_2022(site, reference):
    html = get(site, f"{ROOT}/month.php", "month=2022-04")
    assert "<small>" not in html
    for label in (
        "Автомобілі&nbsp;&mdash;",
        "Цистерни з ПММ&nbsp;&mdash;",
        "Пускові установки ОТРК/ТРК&nbsp;&mdash;",
    ):
        assert label in html
    assert minfin_days(html)[dt.date(2022, 4, 30)] == expected(
        reference, dt.date(2022, 4, 30), increases=False
    )
    assert "<small>" in get(site, f"{ROOT}/month.php", "month=2022-05")


def test_february_2022_wording(site, reference):
    html = get(site, f"{ROOT}/month.php", "month=2022-02")
    assert minfin_dates(html) == [dt.date(2022, 2, d) for d in (28, 27, 26, 25)]
    assert "<li>Танки&nbsp;&mdash; до 80</li>" in html
    assert "<li>Танки&nbsp;&mdash; більше 146</li>" in html
    assert "<li>Танки&nbsp;&mdash; близько 150</li>" in html
    assert "&mdash; более 7</li>" in html
    assert (
        "<li>РСЗВ Град&nbsp;&mdash; 21</li>" in html and "<li>ЗРК БУК&nbsp;&mdash; 5</li>" in html
    )
    assert "<li>Особовий склад&nbsp;&mdash; близько 5300 осіб</li>" in html  # last, plain
    march = get(site, f"{ROOT}/month.php", "month=2022-03")
    pow_ = reference[dt.date(2022, 3, 1)].pow
    assert pow_ and f"осіб, понад {pow_} полоненими</li>" in march


def test_english_edition(may_2023):
    html = get(may_2023, f"{EN_ROOT}/month.php", "month=2023-05")
    assert (
        "<li>Military personnel&nbsp;&mdash; aprx. 199460 people <small>(+580)</small></li>" in html
    )
    for label in (
        "Tanks",
        "Armored fighting vehicle",
        "Artillery systems",
        "Anti-aircraft warfare",
        "Planes",
        "Helicopters",
        "Ships (boats)",
        "Cars and cisterns",
        "Special equipment",
    ):
        assert f"<li>{label}&nbsp;&mdash; " in html, label
    bare = get(may_2023, f"{EN_ROOT}/")
    assert "<base href='http://m:1/minfin/en/' target='_top'>" in bare and "March 2023</a>" in bare
    assert "See also:" in bare


def test_months_outside_the_history(may_2023):
    assert may_2023.resolve(f"{ROOT}/month.php", "month=2023-06").status == 404
    assert may_2023.resolve(f"{ROOT}/month.php", "month=2022-01").status == 404
    assert may_2023.resolve(f"{ROOT}/month.php", "month=x").status == 400
    assert may_2023.resolve(f"{ROOT}/2023-06/").status == 404
    assert b"2022-02-25..2023-05-15" in may_2023.resolve(f"{ROOT}/2023-06/").body


def test_first_day_only(reference):
    first = Site(load_reference(), dt.date(2022, 2, 25))
    html = get(first, f"{ROOT}/")
    assert minfin_dates(html) == [dt.date(2022, 2, 25)] and "ajaxmonth" not in html
