"""The language of a request, from its path alone (/es/... is Spanish)."""

from django.utils import translation

from engine import language_of_path


def language_from_path(get_response):
    """The language of a request is the one its path is in (/es/... is Spanish): never a cookie,
    a session or Accept-Language. So a page is the same for every reader, no response varies on
    the reader's language (no Vary: Accept-Language, unlike Django's LocaleMiddleware) and the
    page cache, keyed by path, keeps every page of both languages.

    Above request_guard, so its 400 and 405 pages are in the path's language too.
    """

    def middleware(request):
        language = language_of_path(request.path_info)
        request.LANGUAGE_CODE = language
        # override, not activate: the language ends with the request, whatever runs next in
        # this thread (a test, the page-cache warm-up) starts from the default again.
        with translation.override(language):
            response = get_response(request)
        if response.get("Content-Type", "").startswith("text/html"):
            response.headers.setdefault("Content-Language", language)
        return response

    return middleware
