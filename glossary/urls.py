from django.urls import path

from . import views

app_name = "glossary"


def url_patterns(language):
    """The glossary pages; carteducation/urls.py puts them under the language's own word."""
    return [
        path("", views.index, name="index"),
        path("<slug:slug>/", views.term, name="term"),
    ]


urlpatterns = url_patterns("en")
