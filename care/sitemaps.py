"""sitemap.xml entries for the help page, in every language that has care advice."""

from articles.sitemaps import SiteUrlSitemap
from engine import LANGUAGES, get_library
from web.alternates import Page


class HelpSitemap(SiteUrlSitemap):
    def items(self):
        return [Page(code, "care:help") for code in LANGUAGES if get_library(code).care]
