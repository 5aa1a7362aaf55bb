"""sitemap.xml entries for the pages about the site itself, in every language."""

from articles.sitemaps import SiteUrlSitemap
from engine import LANGUAGES
from web.alternates import Page

from .urls import PAGES


class PagesSitemap(SiteUrlSitemap):
    def items(self):
        return [Page(code, f"pages:{name}") for code in LANGUAGES for name in PAGES]
