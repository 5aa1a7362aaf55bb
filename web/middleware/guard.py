"""The requests the site answers at all: its own hosts, and GET and HEAD."""

from django.http import HttpResponse

from web.error_pages import error_page

SAFE_METHODS = ("GET", "HEAD")
ALLOW = "GET, HEAD, OPTIONS"


def request_guard(get_response):
    """Answer only this site's hosts, and only GET and HEAD (OPTIONS says so).

    request.get_host() raises DisallowedHost for a Host outside ALLOWED_HOSTS, which Django turns
    into its 400 page; doing it here, above WhiteNoise and the page cache, covers static files and
    cached pages too, which would otherwise answer before anything looked at the host. Every page
    of the site only reads, and nothing posts to it, so one rule covers every address.
    """

    def middleware(request):
        request.get_host()
        if request.method == "GET":
            return get_response(request)
        if request.method == "HEAD":
            response = get_response(request)
            if not response.streaming:
                # The same headers as GET, without the body (gunicorn would drop it, and log that).
                response.headers.setdefault("Content-Length", str(len(response.content)))
                response.content = b""
            return response
        if request.method == "OPTIONS":
            response = HttpResponse(headers={"Content-Length": "0"})
        else:
            response = error_page(request, "405.html", 405)
        response["Allow"] = ALLOW
        return response

    return middleware
