"""sitemap.xml entries for the pages about the site itself."""

from django.urls import reverse

from articles.sitemaps import SiteUrlSitemap

from .urls import urlpatterns


class PagesSitemap(SiteUrlSitemap):
    def items(self):
        return [f"pages:{pattern.name}" for pattern in urlpatterns]

    def location(self, item):
        return reverse(item)
