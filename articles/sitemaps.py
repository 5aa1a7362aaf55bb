"""sitemap.xml entries for articles and their sections, in every language, addressed from
SITE_URL, each with the addresses of the same page in the other languages (hreflang)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap

from engine import DEFAULT_LANGUAGE, LANGUAGES, get_library
from web.alternates import Page


class SiteUrlSitemap(Sitemap):
    """A sitemap of Pages whose addresses start with SITE_URL, whatever host the request came
    to, each listing the same page in every language it is in (xhtml:link alternates)."""

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page, site, protocol)
        for url in urls:
            translations = url["item"].translations()
            if len(translations) < 2:
                continue
            alternates = [
                {"lang_code": code, "location": settings.SITE_URL + other.get_absolute_url()}
                for code, other in translations.items()
            ]
            if DEFAULT_LANGUAGE in translations:
                default = settings.SITE_URL + translations[DEFAULT_LANGUAGE].get_absolute_url()
                alternates.append({"lang_code": "x-default", "location": default})
            url["alternates"] = alternates
        return urls

    def lastmod(self, page):
        return getattr(page.item, "last_reviewed", None)


def in_every_language(name, items_of):
    """A Page for each item items_of(library) gives, in each language."""
    return [Page(code, name, item) for code in LANGUAGES for item in items_of(get_library(code))]


class ArticleSitemap(SiteUrlSitemap):
    def items(self):
        return in_every_language("articles:article", lambda library: library.articles.values())


class SectionSitemap(SiteUrlSitemap):
    def items(self):
        return in_every_language(
            "articles:section",
            lambda library: [
                section for article in library.articles.values() for section in article.sections
            ],
        )
