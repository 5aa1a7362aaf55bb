from django.urls import path

from conditions import views as sharing_views
from engine import LANGUAGES

from . import views

app_name = "articles"


def url_patterns(language):
    """The article pages, with the route words of `language` (engine/languages)."""
    words = LANGUAGES[language].routes
    articles, handout = words["articles"], words["handout"]
    return [
        path("", views.home, name="home"),
        path(f"{articles}/", views.article_list, name="list"),
        path(f"{words['questions']}/", views.questions, name="questions"),
        path(f"{words['search']}/", views.search, name="search"),
        path(f"{articles}/<slug:article_slug>/", views.article, name="article"),
        path(f"{articles}/<slug:article_slug>/{words['all']}/", views.full_article, name="full"),
        # Before the section route: the handout's word is a reserved section slug.
        path(f"{articles}/<slug:article_slug>/{handout}/", views.handout, name="handout"),
        path(
            f"{articles}/<slug:article_slug>/{handout}/qr.svg", views.handout_qr, name="handout_qr"
        ),
        path(f"{articles}/<slug:article_slug>/<slug:section_slug>/", views.section, name="section"),
        # Each section's own one-page handout and QR code (conditions/sharing.py).
        path(
            f"{articles}/<slug:article_slug>/<slug:section_slug>/{handout}/",
            sharing_views.section_handout,
            name="section_handout",
        ),
        path(
            f"{articles}/<slug:article_slug>/<slug:section_slug>/{handout}/qr.svg",
            sharing_views.section_qr,
            name="section_qr",
        ),
    ]


urlpatterns = url_patterns("en")
