"""What the engine needs from the site that shows it, handed over once at startup.

The engine never imports the web framework. The site (web/engine_site.py) installs a Site: where
the content is, the limits it is built under, and how the site names its pages. Content models
ask it for their addresses (Article.get_absolute_url), the checker asks it where a link leads,
and the words the site adds go through its translator. Until a site is installed, the engine
works on its own (a content folder given outright, English words, no addresses), which is how
the engine's own tests and tools can run without Django.
"""

import contextlib
import datetime
from dataclasses import dataclass, field, replace
from pathlib import Path


@dataclass(frozen=True)
class Address:
    """Where a site path leads: the page's language, its view name without the language
    ("articles:section"), and the values the path names (article_slug, section_slug, slug)."""

    language: str
    view: str
    kwargs: dict = field(default_factory=dict)


class NoAddresses:
    """The addresses of a site that has installed none: every question is an error saying so."""

    def reverse(self, language, name, *args):
        raise LookupError(f'no site is installed to give the address of "{name}"')

    def resolve(self, path):
        raise LookupError(f'no site is installed to say where "{path}" leads')


@dataclass(frozen=True)
class Site:
    content_dir: Path | None = None
    render_cache_path: str | None = None  # the SQLite render cache shared by every process
    # What the cache's rows are signed with (engine/cache.py): the site's secret key, never
    # stored in the cache. None: the cache is not used (its rows could not be checked).
    render_cache_secret: str | None = None
    render_seconds: float = 10.0  # the time budget of one file's render
    reload_seconds: float = 0.0  # how often a running site looks for changed files
    drafts: bool = False  # show draft files (development)
    # The languages the site shows: content in another is not built (it would have no addresses).
    languages: tuple = ("en", "es")
    # addresses.reverse(language, view name, *args) -> path; addresses.resolve(path) -> Address
    # or None (no page there).
    addresses: object = NoAddresses()
    static_url: str = "/static/"
    find_static: object = None  # function(path under static/) -> whether the file exists
    # The checker's reading limits: the English grade must stay at most the ceiling, the
    # Spanish INFLESZ at least the floor.
    reading_grade_ceiling: float = 8.0
    reading_inflesz_floor: float = 55.0
    today: object = datetime.date.today  # function() -> the site's date today
    # function(text) -> text in the active language, and function(language) -> a context in
    # which that language is active: the site's translations of the words it adds to content.
    gettext: object = str
    language_override: object = contextlib.nullcontext


_site = Site()


def install(site):
    """Make `site` the one the engine works for (the site calls this at startup)."""
    global _site
    _site = site


def current():
    return _site


def with_changes(**changes):
    """The installed site with some values changed (for a command or a test)."""
    return replace(_site, **changes)


def reverse(language, name, *args):
    """The path of the page `name` ("articles:section") in a language, with its arguments."""
    return _site.addresses.reverse(language, name, *args)


def resolve(path):
    """The Address a site path leads to, or None when no page is there."""
    return _site.addresses.resolve(path)


def gettext(text):
    """The site's words in the active language (marked for makemessages as a gettext call)."""
    return _site.gettext(text)


def in_language(language):
    """A context in which the site's words are in `language`."""
    return _site.language_override(language)


def shows(language):
    """Whether the site shows pages in this language (and so builds its content)."""
    return language in _site.languages
