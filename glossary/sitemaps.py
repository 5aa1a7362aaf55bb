"""sitemap.xml entries for the glossary: the index and one page per term."""

from django.urls import reverse

from articles.sitemaps import SiteUrlSitemap
from engine.live import get_library


class GlossarySitemap(SiteUrlSitemap):
    def items(self):
        return ["index", *sorted(get_library().terms.values(), key=lambda term: term.sort_key)]

    def location(self, item):
        return reverse("glossary:index") if item == "index" else item.get_absolute_url()
