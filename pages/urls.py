from django.urls import path

from engine import LANGUAGES

from . import views

app_name = "pages"

PAGES = {"about": views.about, "privacy": views.privacy, "accessibility": views.accessibility}


def url_patterns(language):
    """The pages about the site, with the route words of `language`."""
    words = LANGUAGES[language].routes
    return [path(f"{words[name]}/", view, name=name) for name, view in PAGES.items()]


urlpatterns = url_patterns("en")
