"""A site with no Spanish addresses (as before the Spanish edition), for the tests of what the
engine does with Spanish content such a site cannot show."""

from django.urls import include, path

urlpatterns = [
    path("", include("articles.urls")),
    path("glossary/", include("glossary.urls")),
    path("", include("pages.urls")),
    path("", include("conditions.urls")),
]
