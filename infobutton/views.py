"""/infobutton/: the HL7 Infobutton knowledge resource (infobutton/knowledge.py).

Any health record, patient portal or page may call it: CORS is open, nothing about a request is
kept or logged (a diagnosis code is health data: the view writes nothing, Django logs only the
path of a failed request, and the front server's access log leaves out query strings), and no
cookie is ever set. Answers are cached by the page cache under their full query.
"""

from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.cache import cache_control

from engine import get_library
from web.middleware.page_cache import cached_per_query

from . import feeds, knowledge

TYPES = {
    knowledge.JSON: "application/json; charset=utf-8",
    knowledge.XML: "text/xml; charset=utf-8",
    knowledge.JSONP: "application/javascript; charset=utf-8",
}


def _open(response):
    """Any origin may read the answer (CORS), and load it as a script (JSONP): the site's
    same-origin Cross-Origin-Resource-Policy would stop a <script> from another site."""
    response["Access-Control-Allow-Origin"] = "*"
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


# An hour in any cache: answers change only when the content does.
@cache_control(public=True, max_age=3600)
@cached_per_query
def infobutton(request):
    try:
        asked = knowledge.parse_request(request.GET)
    except knowledge.BadRequest as error:
        return _open(HttpResponse(f"{error}\n", status=400, content_type="text/plain"))
    libraries = {language: get_library(language) for language in knowledge.LANGUAGES}
    answer = knowledge.answer(asked, libraries)
    if asked.response_type == knowledge.HTML:
        return _open(_html(request, answer))
    data = feeds.feed_data(answer)
    if asked.response_type == knowledge.XML:
        body = feeds.as_atom(data)
    elif asked.response_type == knowledge.JSONP:
        body = feeds.as_jsonp(data, asked.callback)
    else:
        body = feeds.as_json(data)
    return _open(HttpResponse(body, content_type=TYPES[asked.response_type]))


def _html(request, answer):
    """A plain link from a record: straight to the first page, or a page that says there is none."""
    if answer.entries:
        return HttpResponseRedirect(answer.entries[0].url)
    with translation.override(answer.request.language):
        response = render(request, "infobutton/no_match.html", {})
    response["X-Robots-Tag"] = "noindex"
    return response
