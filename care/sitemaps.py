"""sitemap.xml entries for the help page, in every language that has care advice."""

from articles.sitemaps import SiteUrlSitemap
from carteducation.alternates import Page
from carteducation.languages import LANGUAGES
from engine.live import get_library


class HelpSitemap(SiteUrlSitemap):
    def items(self):
        return [Page(code, "care:help") for code in LANGUAGES if get_library(code).care]
