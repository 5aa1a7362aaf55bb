"""A patient's list on "Questions for your care team" survives following a link and coming back,
and a reload, and never leaves the browser: no request carries it, and nothing is stored."""

import re

import pytest

QUESTIONS = "/questions/"
TICKED = "How would you protect me from infections after treatment?"
OWN = "Can my sister Zelda Okonkwo-Marsh come with me?"


@pytest.fixture
def requests_seen(page):
    seen = []
    page.on("request", lambda request: seen.append(request))
    return seen


def choose(page, live_url):
    page.goto(live_url + QUESTIONS)
    page.get_by_label(TICKED).check()
    page.get_by_label("Type a question of your own").fill(OWN)
    page.get_by_role("button", name="Add to my list").click()


def chosen(page):
    own = [text.strip() for text in page.locator(".question__text").all_inner_texts()]
    return page.get_by_label(TICKED).is_checked(), own


def test_list_is_kept_after_following_a_link_and_coming_back(page, live_url):
    choose(page, live_url)
    page.get_by_role("link", name=re.compile("^Read “")).first.click()
    page.wait_for_url(re.compile(r"/articles/"))
    page.go_back()
    page.wait_for_url(re.compile(r"/questions/"))
    assert chosen(page) == (True, [OWN])


def test_list_is_kept_after_a_reload(page, live_url):
    choose(page, live_url)
    page.reload()
    assert chosen(page) == (True, [OWN])


def test_list_is_kept_after_a_link_within_the_page_and_a_reload(page, live_url):
    choose(page, live_url)
    page.get_by_role("link", name="at the end of the page").click()
    page.get_by_role("button", name=re.compile("^Remove")).click()
    page.reload()
    assert chosen(page) == (True, [])
    page.go_back()
    page.reload()
    assert chosen(page) == (True, [])


def test_removed_and_unticked_questions_stay_gone_after_a_reload(page, live_url):
    choose(page, live_url)
    page.get_by_label(TICKED).uncheck()
    page.get_by_role("button", name=re.compile("^Remove")).click()
    page.reload()
    assert chosen(page) == (False, [])


def test_no_request_carries_the_list_and_nothing_is_stored(page, live_url, requests_seen):
    choose(page, live_url)
    page.get_by_role("link", name=re.compile("^Read “")).first.click()
    page.wait_for_url(re.compile(r"/articles/"))  # on a busy machine, back before it left
    page.go_back()
    page.wait_for_url(re.compile(r"/questions/"))
    page.reload()
    assert chosen(page) == (True, [OWN])
    words = ["Zelda", "Okonkwo", "protect me from infections", "protect+me", "protect%20me"]
    for request in requests_seen:
        sent = " ".join([request.url, request.post_data or "", str(request.all_headers())])
        assert not [word for word in words if word.lower() in sent.lower()], request.url
        assert request.method == "GET"
    assert page.context.cookies() == []
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    assert "#" not in page.url
