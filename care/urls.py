from django.urls import path

from engine import LANGUAGES

from . import views

app_name = "care"


def url_patterns(language):
    """The help page, with the route word of `language` (carteducation/languages.py)."""
    return [path(f"{LANGUAGES[language].routes['help']}/", views.help_page, name="help")]


urlpatterns = url_patterns("en")
