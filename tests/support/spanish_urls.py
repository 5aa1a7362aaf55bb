"""The site's URLs with a Spanish namespace ("es:articles:section", "es:glossary:term"), for tests
of the engine's Spanish pages that must not depend on the Spanish site's route words. When the
site already has its "es" namespace, it is used as it is."""

from django.urls import include, path

from carteducation.urls import urlpatterns as site_patterns

spanish = [path("", include("articles.urls")), path("glosario/", include("glossary.urls"))]

if any(getattr(pattern, "namespace", None) == "es" for pattern in site_patterns):
    urlpatterns = site_patterns
else:
    urlpatterns = [path("es/", include((spanish, "es"))), *site_patterns]
