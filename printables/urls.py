from django.urls import path

from engine import LANGUAGES

from . import views

app_name = "printables"

PAGES = {"team_card": views.team_card, "temperature_log": views.temperature_log}


def url_patterns(language):
    """The printable tools, with the route words of `language`, under its word for "tools"."""
    words = LANGUAGES[language].routes
    return [path(f"{words[name]}/", view, name=name) for name, view in PAGES.items()]


urlpatterns = url_patterns("en")
