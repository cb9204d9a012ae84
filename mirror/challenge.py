"""The `challenge` fault: what a Cloudflare-fronted site answers a client it does not
trust (HTTP 403, `cf-mitigated: challenge`, the "Just a moment..." interstitial). Written
for the mirror in the interstitial's shape; it holds no bulletin and must be stored and
reported as a challenge."""

from __future__ import annotations

from mirror.dates import mix

HEADERS = (
    ("cf-mitigated", "challenge"),
    ("Cache-Control", "private, max-age=0, no-store, no-cache, must-revalidate"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
)


def ray_id(path: str) -> str:
    return f"{mix('cf-ray', path):08x}{mix('cf-ray-2', path):08x}"


def page(path: str, host: str) -> bytes:
    ray = ray_id(path)
    token = f"{mix('cf-token', path):08x}{mix('cf-token-2', path):08x}"
    return f"""<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<meta http-equiv="X-UA-Compatible" content="IE=Edge">
<meta name="robots" content="noindex,nofollow">
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>*{{box-sizing:border-box;margin:0;padding:0}}html{{line-height:1.15}}body{{display:flex;
flex-direction:column;height:100vh;min-height:100vh}}.main-content{{margin:8rem auto;
max-width:60rem;padding-left:1.5rem}}</style></head><body><div class="main-wrapper" role="main">
<div class="main-content"><noscript><div class="h2"><span id="challenge-error-text">Enable
JavaScript and cookies to continue</span></div></noscript></div></div><script>(function(){{
window._cf_chl_opt={{cvId: '3',cZone: '{host}',cType: 'managed',cRay: '{ray}',cH: '{token}',
cUPMDTk: "{path}?__cf_chl_tk={token}",cFPWv: 'b',cITimeS: '1700000000'}};
var cpo=document.createElement('script');
cpo.src='/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1?ray={ray}';
window._cf_chl_opt.cOgUHash=location.hash===''&&location.href.indexOf('#')!==-1?'#':location.hash;
document.getElementsByTagName('head')[0].appendChild(cpo);}}());</script></body></html>
""".encode()
