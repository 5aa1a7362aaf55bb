"""sitemap.xml entries for the printable tools, in every language."""

from articles.sitemaps import SiteUrlSitemap
from engine import LANGUAGES
from web.alternates import Page

from .urls import PAGES


class PrintablesSitemap(SiteUrlSitemap):
    def items(self):
        return [Page(code, f"printables:{name}") for code in LANGUAGES for name in PAGES]
