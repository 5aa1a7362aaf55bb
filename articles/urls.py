from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("articles/", views.article_list, name="list"),
    path("questions/", views.questions, name="questions"),
    path("search/", views.search, name="search"),
    path("articles/<slug:article_slug>/", views.article, name="article"),
    path("articles/<slug:article_slug>/all/", views.full_article, name="full"),
    # Before the section route: "handout" is a reserved section slug (see library.py).
    path("articles/<slug:article_slug>/handout/", views.handout, name="handout"),
    path("articles/<slug:article_slug>/handout/qr.svg", views.handout_qr, name="handout_qr"),
    path("articles/<slug:article_slug>/<slug:section_slug>/", views.section, name="section"),
]
