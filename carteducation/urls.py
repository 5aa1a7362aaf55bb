"""The site's addresses: every page in English at /, and again under each other language's
prefix (/es/) with that language's route words, as the namespace of that language: the English
page "articles:section" is "es:articles:section" in Spanish (engine/languages)."""

from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

import articles.urls
import glossary.urls
import pages.urls
from articles.sitemaps import ArticleSitemap, SectionSitemap
from articles.views import robots_txt
from engine import DEFAULT_LANGUAGE, LANGUAGES
from glossary.sitemaps import GlossarySitemap
from pages.sitemaps import PagesSitemap

sitemaps = {
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "glossary": GlossarySitemap,
    "pages": PagesSitemap,
}


def site_patterns(language):
    """Every page of the site in one language, each app in its own namespace."""
    return [
        path("", include((articles.urls.url_patterns(language), "articles"))),
        path(
            f"{LANGUAGES[language].routes['glossary']}/",
            include((glossary.urls.url_patterns(language), "glossary")),
        ),
        path("", include((pages.urls.url_patterns(language), "pages"))),
    ]


urlpatterns = [
    *site_patterns(DEFAULT_LANGUAGE),
    *(
        path(language.prefix, include((site_patterns(code), code)))
        for code, language in LANGUAGES.items()
        if code != DEFAULT_LANGUAGE
    ),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
]
