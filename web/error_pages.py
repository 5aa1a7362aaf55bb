"""The error pages (400, 403, 404, 405) name the site, never the address that was asked for.

Every page's canonical link, og:url and printed "Printed from ..." line come from
`canonical_url`, which the `site` context processor makes from the request's path. On an error
page that path is whatever a stranger typed or linked to (`/articles/<anything>`), so these pages
give the language's home page instead: a shared or printed error page carries no address of
someone else's making, and a search engine is never told that a made-up address is a page.
"""

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.views import defaults

from engine import language_of_path, url_name


def site_address(request):
    """The context that names the site's address (the page's language's home) on an error page."""
    home = reverse(url_name(language_of_path(request.path_info), "articles:home"))
    return {"canonical_url": settings.SITE_URL + home}


def error_page(request, template, status):
    return render(request, template, site_address(request), status=status)


def bad_request(request, exception):
    return error_page(request, defaults.ERROR_400_TEMPLATE_NAME, 400)


def permission_denied(request, exception):
    return error_page(request, defaults.ERROR_403_TEMPLATE_NAME, 403)


def page_not_found(request, exception):
    return error_page(request, defaults.ERROR_404_TEMPLATE_NAME, 404)
