"""sitemap.xml entries for the glossary: the index and one page per term, in every language."""

from articles.sitemaps import SiteUrlSitemap, in_every_language
from engine import LANGUAGES
from web.alternates import Page


class GlossarySitemap(SiteUrlSitemap):
    def items(self):
        indexes = [Page(code, "glossary:index") for code in LANGUAGES]
        terms = in_every_language(
            "glossary:term",
            lambda library: sorted(library.terms.values(), key=lambda term: term.sort_key),
        )
        return indexes + terms
