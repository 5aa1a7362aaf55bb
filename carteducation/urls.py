from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from articles.sitemaps import ArticleSitemap, SectionSitemap
from articles.views import robots_txt
from glossary.sitemaps import GlossarySitemap
from pages.sitemaps import PagesSitemap

sitemaps = {
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "glossary": GlossarySitemap,
    "pages": PagesSitemap,
}

urlpatterns = [
    path("", include("articles.urls")),
    path("glossary/", include("glossary.urls")),
    path("", include("pages.urls")),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
]
