"""The registrable domain of a URL (``news.bbc.co.uk`` -> ``bbc.co.uk``), to group pages by site.

An approximation of the Public Suffix List without a dependency: the last two
labels of the host name, or the last three when the last two are a known
multi-part public suffix (``co.uk``, ``com.au``, ...; see
:data:`MULTI_PART_SUFFIXES`) or a hosting platform that gives each customer a
sub-domain (``github.io``, ``blogspot.com``, ...). A multi-part suffix missing
from the list groups too coarsely: were ``ac.uk`` not listed, ``ox.ac.uk`` and
``cam.ac.uk`` would both become ``ac.uk``. IP addresses and single-label hosts
are returned as they are.

>>> registrable_domain("https://www.theguardian.com/world/2024/jan/01/story")
'theguardian.com'
>>> registrable_domain("http://news.bbc.co.uk:80/1/hi/world.stm")
'bbc.co.uk'
>>> registrable_domain("WWW.ABC.NET.AU/news")
'abc.net.au'
>>> registrable_domain("https://someone.github.io/blog/")
'someone.github.io'
>>> registrable_domain("http://127.0.0.1:8000/x"), registrable_domain("not a url")
('127.0.0.1', None)
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

_SPACE_RE = re.compile(r"\s")
_SCHEME_RE = re.compile(r"\A[a-zA-Z][a-zA-Z0-9+.-]{0,30}://")
# "scheme:" not followed by "//" or by a port number ("example.com:8080/" is a host and port).
_OPAQUE_RE = re.compile(r"\A[a-zA-Z][a-zA-Z0-9+.-]{0,30}:(?!//|\d)")

#: Two-label public suffixes under which sites register (second-level country domains).
_COUNTRY_SECOND_LEVEL = {
    "uk": "co org me ltd plc net sch ac gov nhs police",
    "au": "com net org edu gov asn id",
    "nz": "co org net govt ac school geek gen",
    "jp": "co ne or ac go ad ed gr lg",
    "kr": "co or ne go ac re",
    "cn": "com net org gov edu ac",
    "tw": "com net org gov edu idv",
    "hk": "com net org gov edu idv",
    "in": "co net org gov ac firm gen ind res",
    "za": "co org gov ac net web",
    "br": "com net org gov edu art blog",
    "mx": "com org gob edu net",
    "ar": "com org gob net edu",
    "co": "com org gov net edu",
    "pe": "com org gob net edu",
    "tr": "com org gov edu net gen bel",
    "ua": "com org net gov in kiev edu",
    "ru": "com org net msk spb",
    "pl": "com net org gov waw",
    "il": "co org ac gov net muni",
    "sg": "com org gov edu net",
    "my": "com org gov edu net",
    "id": "co or ac go web net",
    "th": "co or ac go in net",
    "vn": "com org gov edu net",
    "ph": "com org gov edu net",
    "pk": "com org gov edu net",
    "eg": "com org gov edu net",
    "sa": "com org gov edu net",
    "ng": "com org gov edu net",
    "ke": "co or go ac ne",
    "at": "co or gv ac",
    "es": "com org gob nom edu",
    "pt": "com org gov edu",
    "gr": "com org gov edu net",
    "cy": "com org gov ac net",
}

#: Hosting platforms that give each customer a sub-domain: that sub-domain is the site.
_PLATFORMS = (
    "blogspot.com wordpress.com tumblr.com substack.com medium.com github.io gitlab.io "
    "netlify.app vercel.app herokuapp.com pages.dev web.app firebaseapp.com"
)

#: Every multi-part suffix known to :func:`registrable_domain`.
MULTI_PART_SUFFIXES: frozenset[str] = frozenset(
    [f"{second}.{tld}" for tld, seconds in _COUNTRY_SECOND_LEVEL.items() for second in seconds.split()]
    + _PLATFORMS.split()
)


def registrable_domain(url: str) -> str | None:
    """The site a URL belongs to (see the module docstring), or ``None`` when it has no host."""
    host = host_of(url)
    if host is None:
        return None
    if _is_ip(host):
        return host
    labels = host.split(".")
    if len(labels) <= 2:
        return host
    keep = 3 if ".".join(labels[-2:]) in MULTI_PART_SUFFIXES else 2
    return ".".join(labels[-keep:])


def host_of(url: str) -> str | None:
    """The lower-cased host name of ``url`` (a scheme is optional), or ``None``.

    >>> host_of("Example.COM./path"), host_of("//[::1]:80/"), host_of("mailto:me@example.com")
    ('example.com', '::1', None)
    """
    url = url.strip()
    if not url or _OPAQUE_RE.match(url):  # mailto:, javascript:, urn: ... have no host
        return None
    if not _SCHEME_RE.match(url):
        url = "//" + url.lstrip("/")
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.rstrip(".")
    if not host or _SPACE_RE.search(host):
        return None
    return host


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True
