from django.urls import path

from engine import DEFAULT_LANGUAGE, LANGUAGES

from . import views

app_name = "conditions"


def url_patterns(language):
    """The condition pages, with the route words of `language` (carteducation/languages.py). The
    summaries for clinicians are in English only, so only English has their address."""
    words = LANGUAGES[language].routes
    base = words["conditions"]
    patterns = [
        path(f"{base}/", views.condition_list, name="list"),
        path(f"{base}/<slug:condition_slug>/", views.condition, name="condition"),
        path(f"{base}/<slug:condition_slug>/{words['handout']}/", views.handout, name="handout"),
        path(f"{base}/<slug:condition_slug>/{words['handout']}/qr.svg", views.qr, name="qr"),
        path(f"{words['for_clinicians']}/", views.for_clinicians, name="for_clinicians"),
    ]
    if language == DEFAULT_LANGUAGE:
        patterns.append(
            path(
                f"{base}/<slug:condition_slug>/{words['clinicians']}/",
                views.clinicians,
                name="clinicians",
            )
        )
    return patterns


urlpatterns = url_patterns("en")
