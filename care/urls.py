from django.urls import path

from carteducation.languages import ROUTES

from . import views

app_name = "care"


def url_patterns(language):
    """The help page, with the route word of `language` (carteducation/languages.py)."""
    return [path(f"{ROUTES[language]['help']}/", views.help_page, name="help")]


urlpatterns = url_patterns("en")
