"""The constant "chrome" around the mirrored articles, site by site: inline CSS and JS,
navigation menus, sidebars and footers, generated once, deterministically, as bytes.

Weights follow the real pages: mod.gov.ua ~250 KB around a 2 KB article, www.mil.gov.ua
10-40 KB, www.kmu.gov.ua ~70 KB, the aggregator ~100 KB. The text is filler (menu words,
addresses, phone numbers) that never contains a bulletin: parsers must find the article,
not scan the page. Chrome links are root-relative under the mirror's roots (they lead
nowhere, as a menu would for a crawler)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache
from html import escape

_WORDS = {
    "uk": [
        "Міністерство",
        "оборони",
        "новини",
        "закупівлі",
        "документи",
        "кадрова",
        "політика",
        "ветерани",
        "освіта",
        "медицина",
        "соціальний",
        "захист",
        "контакти",
        "звернення",
        "громадян",
        "військова",
        "служба",
        "контракт",
        "резерв",
        "підготовка",
        "навчання",
        "міжнародне",
        "співробітництво",
        "реформи",
        "бюджет",
        "прозорість",
        "антикорупційна",
        "програма",
        "житло",
        "забезпечення",
        "техніка",
        "озброєння",
        "розвиток",
        "стандарти",
        "НАТО",
        "партнери",
        "волонтери",
        "інформація",
        "публічна",
        "гаряча",
        "лінія",
        "структура",
        "керівництво",
        "вакансії",
        "конкурси",
        "тендери",
        "постачання",
        "логістика",
        "харчування",
        "речове",
        "майно",
        "зв'язок",
        "кібербезпека",
        "цифровізація",
        "оборонна",
        "промисловість",
        "сертифікація",
        "кодифікація",
    ],
    "en": [
        "Ministry",
        "defence",
        "news",
        "procurement",
        "documents",
        "personnel",
        "policy",
        "veterans",
        "education",
        "medicine",
        "social",
        "protection",
        "contacts",
        "appeals",
        "citizens",
        "military",
        "service",
        "contract",
        "reserve",
        "training",
        "international",
        "cooperation",
        "reforms",
        "budget",
        "transparency",
        "anti-corruption",
        "programme",
        "housing",
        "supply",
        "equipment",
        "armament",
        "development",
        "standards",
        "NATO",
        "partners",
        "volunteers",
        "information",
        "public",
        "hotline",
        "structure",
        "leadership",
        "vacancies",
        "tenders",
        "logistics",
        "catering",
        "clothing",
        "communications",
        "cybersecurity",
        "digitalisation",
        "defence",
        "industry",
        "certification",
        "codification",
    ],
}

_SITE_NAME = {"uk": "Міністерство оборони України", "en": "Ministry of Defence of Ukraine"}


@dataclass(frozen=True, slots=True)
class PageChrome:
    """A page is head_open + <title>… + head_close + content + tail_open + (sidebar,
    related news) + tail; the parts between are the page's own."""

    head_open: bytes
    head_close: bytes
    tail_open: bytes
    tail: bytes


def _phrase(rng: random.Random, words: list[str], lo: int, hi: int) -> str:
    text = " ".join(rng.choice(words) for _ in range(rng.randint(lo, hi)))
    return text[:1].upper() + text[1:]


def _ident(rng: random.Random) -> str:
    return f"{rng.choice('abcdefghkmnpqrstuvwxyz')}{rng.getrandbits(24):06x}"


def _css(rng: random.Random, rules: int) -> str:
    props = (
        "display:flex",
        "display:block",
        "margin:0 auto",
        "padding:8px 12px",
        "color:#1f3b5c",
        "background:#f4f6f9",
        "font-size:15px",
        "line-height:1.45",
        "border-bottom:1px solid #dde3ea",
        "text-decoration:none",
        "position:relative",
        "transition:color .2s ease-in-out",
        "font-weight:600",
        "max-width:1240px",
        "grid-template-columns:repeat(4,1fr)",
    )
    known = (".news-full h1", ".news-text p", ".news-text li", ".news-date", ".news-item")
    out = [":root{--accent:#0057b8;--gold:#ffd700;--text:#1d2733}"]
    for sel in known:
        out.append(f"{sel}{{{';'.join(rng.sample(props, 3))}}}")
    for _ in range(rules):
        sel = f".c-{_ident(rng)}__{_ident(rng)}"
        if rng.random() < 0.3:
            sel += f":{rng.choice(('hover', 'focus', 'first-child', 'last-child'))}"
        out.append(f"{sel}{{{';'.join(rng.sample(props, rng.randint(2, 5)))}}}")
        if rng.random() < 0.05:
            out.append(f"@media (max-width:{rng.choice((480, 768, 1024))}px){{{out[-1]}}}")
    return "\n".join(out)


def _js(rng: random.Random, functions: int) -> str:
    out = ["window.dataLayer=window.dataLayer||[];(function(){'use strict';"]
    for _ in range(functions):
        name = f"w{_ident(rng)}"
        out.append(
            f"function {name}(el){{var n=el.querySelectorAll('.c-{_ident(rng)}');"
            f"for(var i=0;i<n.length;i++){{n[i].addEventListener('click',function(e)"
            f"{{e.preventDefault();this.classList.toggle('is-open');}});}}"
            f"return n.length>{rng.randint(1, 9)};}}"
        )
    out.append("})();")
    return "\n".join(out)


def _menu(rng: random.Random, lang: str, prefix: str, top: int, cols: int, links: int) -> str:
    words = _WORDS[lang]
    out = ['<nav class="main-menu" aria-label="menu"><ul class="menu menu--level-1">']
    for _ in range(top):
        out.append(
            f'<li class="menu__item menu__item--has-children">'
            f'<a class="menu__link" href="{prefix}/page/{_ident(rng)}">'
            f"{escape(_phrase(rng, words, 1, 2))}</a>"
            f'<div class="mega-menu"><div class="mega-menu__inner">'
        )
        for _ in range(cols):
            out.append(
                f'<div class="mega-menu__col"><h3 class="mega-menu__title">'
                f"{escape(_phrase(rng, words, 1, 3))}</h3><ul>"
            )
            for _ in range(links):
                out.append(
                    f'<li><a href="{prefix}/page/{_ident(rng)}" title="'
                    f'{escape(_phrase(rng, words, 3, 6))}">{escape(_phrase(rng, words, 1, 4))}'
                    "</a></li>"
                )
            out.append("</ul></div>")
        out.append("</div></div></li>")
    out.append("</ul></nav>")
    return "\n".join(out)


def _footer(rng: random.Random, lang: str, prefix: str, cols: int, links: int) -> str:
    words = _WORDS[lang]
    address = {
        "uk": "03168, м. Київ, Повітрофлотський проспект, 6",
        "en": "6 Povitroflotskyi Avenue, Kyiv, 03168, Ukraine",
    }[lang]
    out = ['<footer class="site-footer"><div class="site-footer__cols">']
    for _ in range(cols):
        out.append(
            f'<div class="site-footer__col"><h4>{escape(_phrase(rng, words, 1, 2))}</h4><ul>'
        )
        for _ in range(links):
            out.append(
                f'<li><a href="{prefix}/page/{_ident(rng)}">{escape(_phrase(rng, words, 2, 5))}'
                "</a></li>"
            )
        out.append("</ul></div>")
    out.append(
        f'</div><div class="site-footer__contacts"><p>{escape(address)}</p>'
        "<p>+38 (044) 226-20-15 — 24/7</p><p>pressmou@mil.gov.ua</p></div>"
        f'<div class="site-footer__copy">© 2014–2026 {escape(_SITE_NAME[lang])}</div></footer>'
    )
    return "\n".join(out)


def _sidebar(rng: random.Random, lang: str, prefix: str, items: int) -> str:
    words = _WORDS[lang]
    heading = {"uk": "Популярне", "en": "Popular"}[lang]
    out = [f'<aside class="sidebar"><h2 class="sidebar__title">{heading}</h2><ul>']
    for _ in range(items):
        out.append(
            f'<li class="sidebar__item"><a href="{prefix}/page/{_ident(rng)}">'
            f'<img src="/static/img/{_ident(rng)}.jpg" alt="" loading="lazy" width="320" '
            f'height="180"><span>{escape(_phrase(rng, words, 4, 9))}</span></a></li>'
        )
    out.append('</ul><div class="tags">')
    for _ in range(items * 2):
        out.append(f'<a class="tag" href="{prefix}/tag/{_ident(rng)}">#{rng.choice(words)}</a>')
    out.append("</div></aside>")
    return "\n".join(out)


def _sprite(rng: random.Random, icons: int) -> str:
    out = ['<svg xmlns="http://www.w3.org/2000/svg" style="display:none">']
    for _ in range(icons):
        points = " ".join(f"{rng.randint(0, 24)}.{rng.randint(0, 99)}" for _ in range(24))
        out.append(
            f'<symbol id="i-{_ident(rng)}" viewBox="0 0 24 24"><path d="M{points}z"/></symbol>'
        )
    out.append("</svg>")
    return "\n".join(out)


def _bytes(*parts: str) -> PageChrome:
    return PageChrome(*(part.encode() for part in parts))


@cache
def mod_gov(lang: str) -> PageChrome:
    """mod.gov.ua (~245 KB without the article)."""
    rng = random.Random(f"mod-chrome-{lang}")
    prefix = "/mod" if lang == "uk" else "/mod/en"
    head_open = (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
    )
    head_close = (
        f"<style>\n{_css(rng, 660)}\n</style>\n<script>\n{_js(rng, 250)}\n</script>\n"
        f'</head>\n<body class="page page-news">\n<header class="site-header">'
        f'<a class="site-header__logo" href="{prefix}/">{escape(_SITE_NAME[lang])}</a>'
        f'<form class="search" action="{prefix}/search"><input name="q"></form>'
        '<div class="lang-switch"><a href="/mod/news">UA</a> <a href="/mod/en/news">EN</a></div>'
        f"</header>\n{_menu(rng, lang, prefix, 10, 5, 7 if lang == 'uk' else 11)}\n"
        '<main class="content"><div class="container">\n'
    )
    tail_open = '\n<div class="share"><a href="#" class="share__fb">f</a></div>\n'
    tail = (
        f"\n</div></main>\n{_sidebar(rng, lang, prefix, 40)}\n{_footer(rng, lang, prefix, 6, 40)}\n"
        f"{_sprite(rng, 70)}\n<script>window.dataLayer.push({{event:'page'}});</script>\n"
        "</body>\n</html>\n"
    )
    return _bytes(head_open, head_close, tail_open, tail)


_MIL_MENU = {
    "uk": ("ГОЛОВНА", "НОВИНИ", "КЕРІВНИЦТВО", "ГАРЯЧІ ЛІНІЇ", "ДЛЯ ЗМІ", "ЗВЕРНЕННЯ", "КОНТАКТИ"),
    "en": ("HOME", "NEWS", "LEADERS", "HOTLINES", "FOR MEDIA", "PUBLIC APPEALS", "CONTACTS"),
}


@cache
def mil_gov(lang: str) -> PageChrome:
    """www.mil.gov.ua (uk ~25 KB, en ~9 KB without the article): an old table-less CMS
    page, #article in #colbase1, the news sidebar in #colbase2news."""
    rng = random.Random(f"mil-chrome-{lang}")
    root = "/mod/www.mil.gov.ua" + ("/en" if lang == "en" else "")
    assets = "\n".join(
        f'<link rel="stylesheet" href="/mod/www.mil.gov.ua/{name}.css?{rng.randint(10**7, 10**8)}">'
        for name in ("nanoscroller", "jquery.fancybox", "ui-style", "menu", "royalslider")
    )
    scripts = "\n".join(
        f'<script type="text/javascript" src="/mod/www.mil.gov.ua/{name}.js"></script>'
        for name in ("jquery.fancybox", "jquery.nanoscroller.min", "scripts", "accordion")
    )
    inline = _js(rng, 16 if lang == "en" else 40)
    head_close = (
        f"{assets}\n{scripts}\n"
        '<meta name="theme-color" content="#f5fb00">\n'
        '<meta http-equiv="Content-Type" content="application/xhtml+xml; charset=utf-8">\n'
        f'<script type="text/javascript">\n{inline}\n</script>\n</head>\n\n<body>\n'
        '<div id="main-wrapper" style="background-color: #323232;">\n<div id="header">'
        f'<div id="headerwr">\n<div id="logo"><a href="{root}/" title="{_SITE_NAME["uk"]}">'
        '<img src="/mod/www.mil.gov.ua/img/sign.png"></a></div>\n'
        '<div id="menu"><div id="navigation">'
        '<div id="cssmenu">\n<ul>\n'
        + "\n".join(
            f'<li><a href="{root}/page/{_ident(rng)}/">{w}</a></li>' for w in _MIL_MENU[lang]
        )
        + "\n</ul>\n</div></div></div>\n</div></div>\n</div>\n"
        '<div id="main-wrapper">\n<div id="wrapper">\n<div id="container">\n<div id="colbase1">\n'
    )
    words = _WORDS[lang]
    columns = "\n".join(
        f'<div id="fcol{i}"><div id="fc{i}"><span class="headlist">'
        f'{escape(_phrase(rng, words, 1, 2))}</span>\n<ul class="f_list">\n'
        + "\n".join(
            f'<li><a href="{root}/page/{_ident(rng)}/">{escape(_phrase(rng, words, 2, 4))}</a></li>'
            for _ in range(10 if lang == "en" else 30)
        )
        + "\n</ul>\n</div></div>"
        for i in range(2, 5)
    )
    copyright_ = {"uk": "Міністерство оборони України", "en": "MoD of Ukraine"}[lang]
    tail = (
        '</div>\n</div>\n</div>\n<div id="footer">\n<div id="footerwr">\n<div id="fcol1">'
        f'<div id="fc1">\n© 2001—2024 {copyright_} <br><br>\n</div></div>\n{columns}\n'
        '</div>\n<p id="back-top" style="display: none;"><a href="#top"><span></span></a></p>\n'
        "</div>\n</div>\n</body></html>\n"
    )
    return PageChrome(b"", head_close.encode(), b"</div>\n", tail.encode())


@cache
def kmu_gov() -> PageChrome:
    """www.kmu.gov.ua, the Government Portal (~62 KB without the article)."""
    rng = random.Random("kmu-chrome")
    root = "/mod/www.kmu.gov.ua"
    head_open = '\n<!DOCTYPE html>\n<html lang="en">\n    <head>\n        <meta charset="utf-8"/>\n'
    icons = "\n".join(
        f'<link rel="apple-touch-icon" sizes="{n}x{n}" '
        f'href="{root}/themes/kmu/assets/images/favicon/apple-icon-{n}x{n}.png"/>'
        for n in (57, 60, 72, 76, 114, 120, 144, 152, 180)
    )
    head_close = (
        f'        <meta name="author" content="Kitsoft"/>\n{icons}\n'
        f"<style>\n{_css(rng, 170)}\n</style>\n<script>\n{_js(rng, 60)}\n</script>\n"
        '    </head>\n<body>\n        <div class="wrapper">\n'
        '            <header id="layout-header">\n'
        f"{_menu(rng, 'en', root + '/en', 6, 3, 9)}\n"
        "            </header>\n"
        '<div class="container" id="mainContent">\n'
    )
    tail = (
        f'\n</div>\n<footer id="layout-footer">\n{_footer(rng, "en", root + "/en", 4, 25)}\n'
        f"</footer>\n</div>\n{_sprite(rng, 12)}\n</body>\n</html>\n"
    )
    return _bytes(head_open, head_close, "\n", tail)


@cache
def minfin(lang: str) -> PageChrome:
    """index.minfin.com.ua (~75 KB without the days)."""
    rng = random.Random(f"minfin-chrome-{lang}")
    edition = "ua" if lang == "uk" else "en"
    prefix = f"/minfin/{edition}"
    head_open = (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="X-UA-Compatible" content="IE=edge">\n'
        '<meta name="viewport" content="width=device-width,initial-scale=1,shrink-to-fit=no">\n'
    )
    head_close = (
        f"<style>\n{_css(rng, 250)}\n</style>\n<script>\n{_js(rng, 80)}\n</script>\n"
        f"</head>\n<body>\n<div id='idx-wrapper'>\n<div id='idx-header'><a href='{prefix}/'>"
        f"Мінфін</a></div>\n{_menu(rng, lang, prefix, 6, 3, 9)}\n<div id='idx-main'>\n"
    )
    tail = (
        "\n<div id='idx-media'>\n<div id='idx-rightbanner'>"
        '<div style="width: 300px;" data-bn-slot="bn-slot-premium"></div></div>\n</div>\n'
        f"</div>\n{_footer(rng, lang, prefix, 4, 14)}\n</div>\n</body>\n</html>\n"
    )
    return _bytes(head_open, head_close, "\n", tail)
