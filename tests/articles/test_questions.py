"""Questions for your care team: drawn from the content, printable without JavaScript, private."""

import re

from django.conf import settings

from engine.live import get_library

ARTICLE = "guide"
QUESTIONS_JS = settings.BASE_DIR / "static" / "js" / "questions.js"


def page(client):
    return client.get("/questions/").content.decode()


def main_part(html):
    return html[html.index("<main") : html.index("</main>")]


def unescape(html):
    return html.replace("&#x27;", "'").replace("&quot;", '"').replace("&amp;", "&")


def test_every_suggested_question_is_listed(client):
    html = unescape(page(client))
    for question in get_library().articles[ARTICLE].questions:
        assert question in html


def test_each_question_has_a_checkbox_with_its_own_label(client):
    html = page(client)
    boxes = re.findall(r'<input type="checkbox" id="([^"]+)"', html)
    assert len(boxes) == sum(len(a.questions) for a in get_library().articles.values())
    assert len(set(boxes)) == len(boxes)
    for box in boxes:
        assert f'<label for="{box}">' in html


def test_questions_are_grouped_under_their_part(client):
    html = page(client)
    assert '<fieldset class="question-group" id="questions-risks">' in html
    assert '<legend><h2 class="question-group__title">Risks</h2></legend>' in html


def test_nothing_on_the_page_can_submit_what_is_typed(client):
    main = main_part(page(client))
    assert "<form" not in main
    assert 'method="post"' not in page(client).lower()


def test_page_sets_no_cookie(client):
    assert not client.get("/questions/").cookies


def test_printout_without_javascript_has_lines_to_write_on(client):
    assert '<div class="write-lines" aria-hidden="true"><span></span>' in page(client)


def test_controls_that_need_javascript_start_hidden(client):
    html = page(client)
    assert '<div class="own-questions__add js-only" hidden>' in html
    assert '<div class="question-actions js-only" id="question-actions" hidden>' in html


def test_the_buttons_and_the_count_come_before_the_questions(client):
    html = page(client)
    first_question = html.index('<fieldset class="question-group"')
    assert html.index('id="print-my-list"') < first_question
    assert html.index('id="questions-count"') < first_question
    assert html.index('<a href="#question-actions">') > html.index("own-questions-heading")


def test_page_says_what_is_typed_stays_in_the_tab(client):
    html = page(client)
    assert "What you tick or type stays in this browser tab. It is not sent to us" in html
    assert "Closing the tab clears it." in html


def test_script_keeps_nothing_and_sends_nothing():
    script = QUESTIONS_JS.read_text(encoding="utf-8")
    for forbidden in ("localStorage", "sessionStorage", "indexedDB", "document.cookie", "fetch(",
                      "XMLHttpRequest", "sendBeacon", "innerHTML", ".submit("):  # fmt: skip
        assert forbidden not in script, forbidden


def test_section_links_to_its_questions_on_the_questions_page(client):
    html = client.get(f"/articles/{ARTICLE}/risks/").content.decode()
    assert 'href="/questions/#questions-risks"' in html


def test_header_links_to_the_questions_page(client):
    assert 'href="/questions/"' in client.get("/").content.decode()


def test_questions_page_marks_itself_current_in_the_menu(client):
    assert '<a href="/questions/" aria-current="page">' in page(client)


def test_questions_page_has_one_h1(client):
    assert page(client).count("<h1") == 1
