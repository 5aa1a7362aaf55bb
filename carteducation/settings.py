"""Settings for carteducation, read from the environment.

The defaults are safe for development on your own machine. For production set at least
DJANGO_DEBUG=0, DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and SITE_URL (see docs/deploying.md).
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import validate_email

from engine import DEFAULT_LANGUAGE
from engine import LANGUAGES as SITE_LANGUAGES

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY when DJANGO_DEBUG is off.")
    SECRET_KEY = "development-only-key-not-for-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")

# Absolute address of the site, used for canonical and share links, the sitemap and QR codes.
# `make run` and `make serve` set it from PORT unless it is given; export_site insists on it.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = "CAR-T for autoimmune disease"

# Where editors keep the Markdown. Everything the site shows is loaded from here.
CONTENT_DIR = Path(os.environ.get("CONTENT_DIR", BASE_DIR / "content")).resolve()
# How often, in seconds, the site looks for changed content files (always, in development).
CONTENT_RELOAD_SECONDS = float(os.environ.get("CONTENT_RELOAD_SECONDS", "0" if DEBUG else "5"))
# The longest, in seconds, one content file may take to render; a file that takes longer is
# reported by file and line and keeps its last good version (engine.workers).
CONTENT_RENDER_SECONDS = float(os.environ.get("CONTENT_RENDER_SECONDS", "3"))
# The render cache shared by every process that builds the content (engine.cache); empty: none.
RENDER_CACHE_PATH = os.environ.get("RENDER_CACHE_PATH", str(BASE_DIR / ".cache" / "render.sqlite3"))
# The Flesch-Kincaid grade above which check_content warns about a section.
READING_GRADE_CEILING = float(os.environ.get("READING_GRADE_CEILING", "8"))
# The INFLESZ score (Spanish reading ease, higher is easier) below which check_content warns.
READING_INFLESZ_FLOOR = float(os.environ.get("READING_INFLESZ_FLOOR", "55"))

# Who stands behind the site, shown on the About page (docs/deploying.md, "Settings"). Each is
# blank by default and never made up: a blank publisher or funding is said plainly, and without a
# contact address no page offers one.
SITE_PUBLISHER = os.environ.get("SITE_PUBLISHER", "").strip()
SITE_FUNDING = os.environ.get("SITE_FUNDING", "").strip()
CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL", "").strip()
if CONTACT_EMAIL:
    try:
        validate_email(CONTACT_EMAIL)
    except ValidationError:
        raise ImproperlyConfigured(
            f"CONTACT_EMAIL must be an email address, not {CONTACT_EMAIL!r}."
        ) from None

INSTALLED_APPS = [
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # The site-wide code: middleware, the engine's adapter (installed when the apps are ready).
    "web",
    "articles",
    "glossary",
    "pages",
    "care",
    "printables",
    "conditions",
    "infobutton",
]

MIDDLEWARE = [
    # These two add headers to every response; above WhiteNoise, so static files get them too.
    "web.middleware.security.security_headers",
    "web.middleware.security.ContentSecurityPolicyMiddleware",
    # The language from the path (/es/...), for everything below, error pages included.
    "web.middleware.language.language_from_path",
    # A foreign Host is a 400 and a method other than GET or HEAD a 405, before static files or
    # the page cache can answer.
    "web.middleware.guard.request_guard",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Above the page cache, so a cached page still answers 304 to a matching If-None-Match.
    "django.middleware.http.ConditionalGetMiddleware",
    # Above the page cache, which loads the content too: a content problem is a 503, never a 500.
    "web.middleware.content_errors.ContentErrorMiddleware",
    "web.middleware.page_cache.PageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Nothing posts today; this guards any form that ever does (it sets no cookie until then).
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "carteducation.urls"
WSGI_APPLICATION = "carteducation.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "web.context_processors.site",
                "web.context_processors.languages",
                "web.context_processors.ui_strings",
                "care.context_processors.help_page",
                "web.context_processors.content_problems",
            ],
            "libraries": {"sri": "web.sri"},
            # {% url %} gives the address in the page's language, as with i18n_patterns: on a
            # Spanish page {% url 'articles:home' %} is /es/ (web/url_tag.py).
            "builtins": ["web.url_tag", "web.text_filters", "web.search_marks"],
        },
    },
]

# Content lives in files; the site needs no database.
DATABASES = {}

# Interface strings go through gettext (locale/es/LC_MESSAGES/django.po; `make messages`
# refreshes it). There is no LocaleMiddleware on purpose: it negotiates from Accept-Language and
# adds "Vary: Accept-Language" to every page, which would stop the page cache. The language of
# a request comes from its path only (English unless a view or middleware activates another).
# The languages are rows of engine.languages, the one table every language-specific thing reads.
LANGUAGE_CODE = DEFAULT_LANGUAGE
LANGUAGES = [(code, language.name) for code, language in SITE_LANGUAGES.items()]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Date formats per language (carteducation/formats/es: "23 de noviembre de 2026").
FORMAT_MODULE_PATH = ["carteducation.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Static files are for this site's pages only (WhiteNoise would otherwise allow every origin).
WHITENOISE_ALLOW_ALL_ORIGINS = False

# Security headers. See docs/deploying.md for the environment of a real deployment.
# The site sets no cookies; should a form ever need the CSRF cookie, it goes over https only.
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
if env_bool("DJANGO_TRUST_X_FORWARDED_PROTO", False):
    # Only behind a proxy that sets this header itself: otherwise any client could claim https.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Two years, unless DJANGO_HSTS_SECONDS says otherwise. Development on plain http sends none, but
# the static export (export_site) writes the production value into its _headers file.
PRODUCTION_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "63072000"))
SECURE_HSTS_SECONDS = (
    0 if DEBUG and "DJANGO_HSTS_SECONDS" not in os.environ else PRODUCTION_HSTS_SECONDS
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
# Another site learns nothing of which page a reader came from, not even that it was this site:
# for a health site, the origin alone tells what the reader is reading about.
SECURE_REFERRER_POLICY = "no-referrer"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # for browsers older than CSP frame-ancestors
# Set by `make serve` (web/frontserver.py) for the gunicorn behind its nginx, which adds the same
# security headers to every answer itself: gunicorn then leaves them out (docs/deploying.md). Never
# set it where readers can reach gunicorn without that nginx in between.
SECURITY_HEADERS_FROM_FRONT = env_bool("SECURITY_HEADERS_FROM_FRONT", False)

# Everything the pages load comes from this site; there is no inline script or style, so no
# 'unsafe-inline' and no nonce (a nonce would make every response unique and uncacheable).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        # The pages fetch nothing today; 'self' lets tools that read robots.txt from inside the page
        # (Lighthouse's SEO audit) do so, and still lets nothing talk to another host.
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "carteducation.content": {"handlers": ["console"], "level": "WARNING"},
        # A view that fails writes one record, its traceback, to the server's error log (Django
        # writes it nowhere with debug off). 404s and 405s are warnings, and stay out of the log.
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}
