"""The engine's one adapter to Django: what the engine needs from the site, from the settings.

The engine (engine/) never imports Django. At startup (web/apps.py) this installs an
engine.site.Site made from the settings: the content folder and its limits, the languages the
site has addresses for, its translator, and its addresses, which are Django's URL patterns
(carteducation/urls.py) asked through reverse() and resolve(). A changed setting (a test's
`settings` fixture, override_settings) installs a new one at once.
"""

import re

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.signals import setting_changed
from django.urls import (
    NoReverseMatch,
    Resolver404,
    get_resolver,
    get_script_prefix,
    get_urlconf,
    resolve,
    reverse,
)
from django.utils import timezone, translation

from engine import DEFAULT_LANGUAGE, LANGUAGES, site, url_name

PLAIN = re.compile(r"[A-Za-z0-9_-]+")  # a slug reverse() writes unchanged
SLOT = "slot{}x7q"  # a stand-in argument, a plain slug no page is named
SLOTS = re.compile(r"slot(\d+)x7q")


class DjangoAddresses:
    """The site's addresses, as carteducation/urls.py lays them out: each language but the
    default in its own namespace ("es:articles:section").

    Each address is worked out once: a page names 80 or more (its links to every part of its
    article, in two lists), and Django's reverse() takes about 0.1 ms each, a third of the time
    of a section page. Remembered by URL patterns and script prefix, which tests change."""

    KEEP = 50_000  # addresses remembered at most (a library-sized site has about 3,500)

    def __init__(self):
        self.known = {}
        # (patterns, prefix, language, name, number of arguments) -> the path with a SLOT for
        # each: a build names every glossary term's address (1,100 at library scale), so a
        # page kind is reversed once and filled in, not reversed for each slug.
        self.shapes = {}

    def reverse(self, language, name, *args):
        place = (get_urlconf(settings.ROOT_URLCONF), get_script_prefix(), language, name)
        key = (*place, args)
        path = self.known.get(key)
        if path is None:
            path = self._fill(place, args)
            if len(self.known) >= self.KEEP:
                self.known.clear()
            self.known[key] = path
        return path

    def _fill(self, place, args):
        """reverse()'s answer, from the page kind's shape when every argument is a plain slug
        (letters, digits, - and _: what reverse() would write as it is)."""
        language, name = place[2], place[3]
        if not args or not all(isinstance(a, str) and PLAIN.fullmatch(a) for a in args):
            return reverse(url_name(language, name), args=args or None)
        shape = self.shapes.get((*place, len(args)))
        if shape is None:
            shape = self.shapes[(*place, len(args))] = _shape(url_name(language, name), len(args))
        if not shape:
            return reverse(url_name(language, name), args=args)
        # One pass, so a slug that looks like a stand-in is never filled in again.
        return SLOTS.sub(lambda found: args[int(found.group(1))], shape)

    def resolve(self, path):
        try:
            match = resolve(path)
        except Resolver404:
            return None
        language = match.namespaces[0] if match.namespaces else DEFAULT_LANGUAGE
        if language not in LANGUAGES:
            language = DEFAULT_LANGUAGE
        view = match.view_name.removeprefix(f"{language}:")
        return site.Address(language, view, dict(match.kwargs))


def _shape(view_name, count):
    """The view's path with a stand-in for each of its count arguments, or "" where that cannot
    be had (arguments that are not slugs, or a stand-in that is not there exactly once)."""
    try:
        shape = reverse(view_name, args=[SLOT.format(n) for n in range(count)])
    except NoReverseMatch:
        return ""
    return shape if all(shape.count(SLOT.format(n)) == 1 for n in range(count)) else ""


def shown_languages():
    """The languages the URL patterns give pages: the default one, and each other one whose
    namespace is there (a site without /es/ addresses builds no Spanish library)."""
    shown = [DEFAULT_LANGUAGE]
    for code in LANGUAGES:
        if code == DEFAULT_LANGUAGE:
            continue
        try:
            reverse(url_name(code, "glossary:index"))
        except NoReverseMatch:
            continue
        shown.append(code)
    return tuple(shown)


def from_settings():
    return site.Site(
        content_dir=settings.CONTENT_DIR,
        render_cache_path=settings.RENDER_CACHE_PATH,
        render_cache_secret=settings.SECRET_KEY,
        render_seconds=settings.CONTENT_RENDER_SECONDS,
        reload_seconds=settings.CONTENT_RELOAD_SECONDS,
        drafts=settings.DEBUG,  # drafts show in development only
        languages=_LanguagesOfUrls(),
        addresses=DjangoAddresses(),
        static_url=settings.STATIC_URL,
        find_static=finders.find,
        reading_grade_ceiling=settings.READING_GRADE_CEILING,
        reading_inflesz_floor=settings.READING_INFLESZ_FLOOR,
        today=timezone.localdate,
        gettext=translation.gettext,
        language_override=translation.override,
    )


class _LanguagesOfUrls:
    """The shown languages, asked of the URL patterns when needed (they load after settings)."""

    def __contains__(self, code):
        return code in _shown()

    def __iter__(self):
        return iter(_shown())


_cache = {}


def _shown():
    # The URL patterns can change with settings.ROOT_URLCONF (tests), so cached per resolver.
    resolver = get_resolver()
    if resolver not in _cache:
        _cache.clear()
        _cache[resolver] = shown_languages()
    return _cache[resolver]


def install(**kwargs):
    site.install(from_settings())


setting_changed.connect(install)
