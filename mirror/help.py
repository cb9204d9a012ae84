"""Help texts of the mirror (URL layout, fault syntax), importable without the
mirror itself so that `losses --help` stays fast. Lines fit 76 columns."""

URL_LAYOUT = """\
GET /   200 "ok" once the mirror is ready
MoD (source root /mod):
  /mod/news?page=N   /mod/en/news?page=N
      news listing, newest first, 20 items a page, bulletins among other news
  /mod/news/YYYY/MM/DD/ID-slug   /mod/en/news/YYYY/MM/DD/ID-slug
      one day's bulletin (~250 KB); the ID cannot be guessed: use the listing
Aggregator (source root /minfin):
  /minfin/ua/russian-invading/casualties/
      the month of --until, with div.ajaxmonth links to every earlier month
  /minfin/ua/russian-invading/casualties/month.php?month=YYYY-MM
      one month's days (an HTML fragment); /minfin/en/... is the English one
JSON API (source root /api, standing for https://russianwarship.rip):
  /api/api/v2/statistics/latest   /api/api/v2/statistics/YYYY-MM-DD
  /api/api/v2/statistics?date_from=D&date_to=D&offset=0&limit=50
      records oldest first; limit <= 100; follow paginator.next_page_url
      (v1 is an alias of v2)
Dates outside 2022-02-25..--until and unknown paths: 404 with the reason."""

FAULTS_HELP = """\
Faults: --faults 'RULE, RULE; ...'   RULE = PATTERN=KIND[:ARG][@RATE|xCOUNT]
  PATTERN  glob over the path or path?query ("*" also matches "/"):
           /mod/news/2024/06/*  /mod/en/news?page=3  */month.php?month=2023-0*
  @RATE    fire on that share of matching requests (0.25 or 25%); a hash of
           seed, rule, URL and the n-th request of that URL decides, so
           runs repeat exactly whatever the concurrency
  xCOUNT   fire on the first COUNT requests matching the rule, then never
           (neither @ nor x: fire on every matching request)
  seed=N   an item of its own: the seed of the RATE draws (default 0)
KIND[:ARG]  (default ARG in brackets)
  500  502             HTTP error
  503[:S]  429[:S]     HTTP error with Retry-After: S seconds [1]
  timeout[:S]          wait S seconds, then answer normally [30]
  reset                close the connection with a TCP RST, send nothing
  truncate[:F]         full Content-Length, part of the body, then close;
                       F a fraction (< 1) or a byte count [0.5]
  charset[:MODE]       cp1251: body cp1251, header and <meta> say utf-8;
                       utf8: body utf-8, header and <meta> say windows-1251
                       [cp1251]
  layout[:L]           a layout no parser knows: table (a <table>; JSON: a
                       list of name/value), classes (other class names or
                       JSON keys), labels (an unknown category; listings:
                       bulletin titles worded differently) [table]
  absurd[:M[/CAT]]     x100: a total 100x the day before (with the increase
                       to match); negative: a negative increase; letters: a
                       total like "779O"; CAT a category name [x100/tanks]
  future[:N]           the bulletin dated N days later than it is [3650]
  duplicate            the bulletin twice (listing entry, minfin day, API
                       record; a day page shows its article twice)
  shuffle              out of order (listing entries, days, records, lines)
  republish[:N]        from the N-th request of that URL on, corrected
                       figures: the tanks total +1 and its increase +1 [2]
  offsite[:HOST]       links (listing entries, pages, API next_page_url)
                       point to http://HOST:PORT, a host not asked for
                       [localhost: the mirror itself under another name]
Multi-day documents (listing page, minfin month, API range page) apply
absurd, future, republish and duplicate to their newest bulletin.
Every request is logged with the fault applied (MirrorHandle.requests).
Example: --faults '/mod/news/2024/06/0*=503:2x2, /api/*=timeout:3@10%'"""
