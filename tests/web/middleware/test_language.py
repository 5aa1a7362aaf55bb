"""language_from_path on its own, with RequestFactory and a stand-in view: the language of a
request is the one its path is in, for the view and for nothing after it."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import translation

from web.middleware.language import language_from_path


def seen_by_the_view(path, content_type="text/html; charset=utf-8"):
    seen = {}

    def view(request):
        seen["request"], seen["active"] = request.LANGUAGE_CODE, translation.get_language()
        return HttpResponse("page", content_type=content_type)

    response = language_from_path(view)(RequestFactory().get(path))
    return seen, response


@pytest.mark.parametrize(
    ("path", "language"),
    [("/", "en"), ("/articles/x/", "en"), ("/es/", "es"), ("/es/articulos/x/", "es"),
     ("/espanol/", "en"), ("/es", "es")],
)  # fmt: skip
def test_the_view_sees_the_language_of_the_path(path, language):
    seen, _ = seen_by_the_view(path)
    assert seen == {"request": language, "active": language}


def test_an_accept_language_header_changes_nothing():
    request = RequestFactory().get("/", headers={"Accept-Language": "es"})
    view = language_from_path(lambda request: HttpResponse(translation.get_language()))
    assert view(request).content == b"en"


def test_a_page_says_its_language_and_does_not_vary_on_the_reader():
    _, response = seen_by_the_view("/es/")
    assert response["Content-Language"] == "es"
    assert not response.has_header("Vary")


def test_a_response_that_is_not_a_page_has_no_content_language():
    _, response = seen_by_the_view("/es/robots.txt", content_type="text/plain")
    assert not response.has_header("Content-Language")


def test_the_language_ends_with_the_request():
    with translation.override("en"):
        seen_by_the_view("/es/")
        assert translation.get_language() == "en"
