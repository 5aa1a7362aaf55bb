"""A test-only URLconf: the site's own addresses, plus one view that fails."""

from django.urls import path

from carteducation.urls import urlpatterns as site_urlpatterns


def failing_view(request):
    raise RuntimeError("a view failed on purpose, for a test")


urlpatterns = [path("test-only/fail/", failing_view), *site_urlpatterns]

handler400 = "web.error_pages.bad_request"
handler403 = "web.error_pages.permission_denied"
handler404 = "web.error_pages.page_not_found"
