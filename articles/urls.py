from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("articles/", views.article_list, name="list"),
    path("articles/<slug:article_slug>/", views.article, name="article"),
    path("articles/<slug:article_slug>/all/", views.full_article, name="full"),
    path("articles/<slug:article_slug>/<slug:section_slug>/", views.section, name="section"),
]
