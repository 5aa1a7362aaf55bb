"""The site's addresses: every page in English at /, and again under each other language's
prefix (/es/) with that language's route words, as the namespace of that language: the English
page "articles:section" is "es:articles:section" in Spanish (engine/languages)."""

from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

import articles.urls
import conditions.urls
import glossary.urls
import infobutton.views
import pages.urls
import printables.urls
from articles.sitemaps import ArticleSitemap, SectionSitemap
from articles.views import robots_txt
from conditions.sitemaps import ConditionSitemap
from engine import DEFAULT_LANGUAGE, LANGUAGES
from glossary.sitemaps import GlossarySitemap
from pages.sitemaps import PagesSitemap
from printables.sitemaps import PrintablesSitemap

sitemaps = {
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "glossary": GlossarySitemap,
    "pages": PagesSitemap,
    "printables": PrintablesSitemap,
    "conditions": ConditionSitemap,
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
        path(
            f"{LANGUAGES[language].routes['tools']}/",
            include((printables.urls.url_patterns(language), "printables")),
        ),
        path("", include((conditions.urls.url_patterns(language), "conditions"))),
    ]


urlpatterns = [
    *site_patterns(DEFAULT_LANGUAGE),
    *(
        path(language.prefix, include((site_patterns(code), code)))
        for code, language in LANGUAGES.items()
        if code != DEFAULT_LANGUAGE
    ),
    # One address for every language: the request names its language (HL7 Infobutton).
    path("infobutton/", infobutton.views.infobutton, name="infobutton"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
]

handler400 = "web.error_pages.bad_request"
handler403 = "web.error_pages.permission_denied"
handler404 = "web.error_pages.page_not_found"
