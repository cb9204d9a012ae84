"""Help texts of the mirror (URL layout, fault syntax), importable without the
mirror itself so that `losses --help` stays fast. Lines fit 76 columns."""

URL_LAYOUT = """\
GET /   200 "ok" once the mirror is ready. Roots (SITES.md): /mod is
mod.gov.ua, /mod/www.mil.gov.ua and /mod/www.kmu.gov.ua the older MoD
sites, /minfin index.minfin.com.ua, /api russianwarship.rip.
www.mil.gov.ua, bulletins 2022-02-27..2024-10-06 (M = /mod/www.mil.gov.ua):
  M/news/?page=N   M/en/news/?page=N     listings, newest first, 20 a page
  M/news/YYYY/MM/DD/<headline-slug>/     uk day page (a daily headline)
  M/en/news/YYYY/MM/DD/the-total-combat-losses-of-the-enemy-from-.../
www.kmu.gov.ua, English copies 2023-05-01..2024-01-31
  (K = /mod/www.kmu.gov.ua):
  K/en/news?page=N   K/en/news/zahalni-boiovi-vtraty-protyvnyka-z-...
mod.gov.ua, bulletins 2024-10-07.. (English a day later, with gaps):
  /mod/news?page=N   /mod/en/news?page=N  news listings, 20 a page
  /mod/news/tag-vidsich-agresoru?page=N    the tag page: bulletins only
  /mod/sitemap.xml   /mod/sitemap/news-YYYY-MM.xml   every page, uk and en
  /mod/news/<slug>   /mod/en/news/<slug>   day pages (~250 KB); slugs
      change by era and cannot be guessed: discover them from the indexes
  Listings leave out some bulletins (the tag page has most, the sitemap
  all); pages in listings include other news and decoys (no bulletin).
index.minfin.com.ua (E = /minfin/ua/russian-invading/casualties, or /en/):
  E/   the current and previous month, div.ajaxmonth links to the others
  E/YYYY-MM/   a month page (the current day first)
  E/month.php?month=YYYY-MM   one month's days (an HTML fragment)
russianwarship.rip (under /api, so paths start /api/api/):
  /api/api/v2/statistics/latest   /api/api/v2/statistics/YYYY-MM-DD
  /api/api/v2/statistics?date_from=D&date_to=D&offset=0&limit=50
      records oldest first; limit <= 100; follow paginator.next_page_url
  /api/api/v2/terms/en   /api/api/v2/terms/ua     (v1 is an alias of v2)
Datasets (raw.githubusercontent.com; typos seeded, SITES.md):
  /datasets/petroivaniuk/russia_losses_equipment.json   by report date
  /datasets/petroivaniuk/russia_losses_personnel.json
  /datasets/daycsv/losses_by_day.csv   a row per losses day (D-1)
Nothing published after --until is served or listed; unknown paths and
dates outside 2022-02-25..--until: 404 with the reason."""

FAULTS_HELP = """\
Faults: --faults 'RULE, RULE; ...'   RULE = PATTERN=KIND[:ARG][@RATE|xCOUNT]
  PATTERN  glob over the path or path?query ("*" also matches "/"):
           /mod/news/*  /mod/en/news?page=3  */month.php?month=2023-0*
  @RATE    fire on that share of matching requests (0.25 or 25%); a hash of
           seed, rule, URL and the n-th request of that URL decides, so
           runs repeat exactly whatever the concurrency
  xCOUNT   fire on the first COUNT requests matching the rule, then never
           (neither @ nor x: fire on every matching request)
  seed=N   an item of its own: the seed of the RATE draws (default 0)
KIND[:ARG]  (default ARG in brackets)
  500  502             HTTP error
  503[:S]  429[:S]     HTTP error with Retry-After: S seconds [1]
  challenge            HTTP 403, cf-mitigated: challenge, Cloudflare's
                       "Just a moment..." page (no bulletin: a challenge)
  timeout[:S]          wait S seconds, then answer normally [30]
  reset                close the connection with a TCP RST, send nothing
  truncate[:F]         full Content-Length, part of the body, then close;
                       F a fraction (< 1) or a byte count [0.5]
  charset[:MODE]       cp1251: body cp1251, header and <meta> say utf-8;
                       utf8: body utf-8, header and <meta> say windows-1251
                       [cp1251]
  layout[:L]           a layout no parser knows, for every page type: table
                       (a <table>; JSON: a list of name/value), classes
                       (other class names or JSON keys), labels (an unknown
                       category; listings: bulletin titles worded
                       differently); sitemaps: XML of another shape [table]
  absurd[:M[/CAT]]     x100: a total 100x the day before (with the increase
                       to match); negative: a negative increase; letters: a
                       total like "779O"; huge: a total of 10^30; CAT a
                       category name [x100/tanks]
  future[:N]           the bulletin dated N days later than it is [3650]
  duplicate            the bulletin twice (listing entry, minfin day, API
                       record, sitemap URL; a day page shows it twice)
  shuffle              out of order (listing entries, days, records, lines)
  republish[:N]        from the N-th request of that URL on, corrected
                       figures: the tanks total +1 and its increase +1 [2]
  offsite[:HOST]       links (pages, listings, <base href>, API paging)
                       point to http://HOST:PORT, a host not asked for
                       [localhost: the mirror itself under another name]
Multi-day documents (listing pages, minfin pages, API range pages) apply
absurd, future, republish and duplicate to their newest bulletin.
Every request is logged with the fault applied (MirrorHandle.requests).
Example: --faults '/mod/news/*=503:2x2, /api/*=timeout:3@10%'"""
