"""sitemap.xml entries for articles and their sections, addressed from SITE_URL."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap

from engine.live import get_library


class SiteUrlSitemap(Sitemap):
    """A sitemap whose addresses start with SITE_URL, whatever host the request came to."""

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class ArticleSitemap(SiteUrlSitemap):
    def items(self):
        return list(get_library().articles.values())

    def lastmod(self, article):
        return article.last_reviewed


class SectionSitemap(SiteUrlSitemap):
    def items(self):
        return [
            section for article in get_library().articles.values() for section in article.sections
        ]

    def lastmod(self, section):
        return section.last_reviewed
