"""The local mirror of the sources (a test double for the internet), rendering the real
sites era by era as SITES.md specifies: www.mil.gov.ua, www.kmu.gov.ua and mod.gov.ua under
/mod, index.minfin.com.ua under /minfin, russianwarship.rip under /api.

    from mirror import start_mirror
    with start_mirror(port=0, until="2024-06-04", faults="/mod/*=503x1") as m:
        m.url("mod")  # "http://127.0.0.1:PORT/mod"
        m.url("mil")  # "http://127.0.0.1:PORT/mod/www.mil.gov.ua"
        m.site.pages(date)  # the day pages that carry a bulletin

Modules: site (routing, the LRU), catalog (every page, its path and time), rules (the
deterministic gaps and anomalies), eras (date boundaries), one renderer module per site
family (mil_gov, kmu_gov, mod_gov, sitemap, minfin, api), chrome, slugs, titles, labels,
news, views, challenge; faults and tweaks (the fault language); server; help; speed.
Attributes are imported lazily so that `mirror.reference` stays light."""

from __future__ import annotations

from typing import TYPE_CHECKING

from parsers.lazy import lazy_attributes as _lazy_attributes

if TYPE_CHECKING:
    from mirror.faults import FaultPlan, FaultSpecError, parse_faults
    from mirror.server import MirrorHandle, MirrorRequest, start_mirror

__all__ = [
    "FaultPlan",
    "FaultSpecError",
    "MirrorHandle",
    "MirrorRequest",
    "parse_faults",
    "start_mirror",
]

_HOMES = {
    "FaultPlan": "mirror.faults",
    "FaultSpecError": "mirror.faults",
    "parse_faults": "mirror.faults",
    "MirrorHandle": "mirror.server",
    "MirrorRequest": "mirror.server",
    "start_mirror": "mirror.server",
}


__getattr__ = _lazy_attributes(__name__, _HOMES, globals())
