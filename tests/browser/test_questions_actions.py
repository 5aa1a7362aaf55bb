"""On "Questions for your care team", the count of chosen questions and the buttons to print or
copy them are there before the long list, on a phone at 200% text too: no scrolling past every
question to reach them, and one link back to them from the end."""

import re

import pytest

from .pagecheck import double_text_size, install_checks

QUESTIONS = {"en": "/questions/", "es": "/es/preguntas/"}
COUNT = {
    "en": ("No questions chosen yet.", "1 question chosen.", "2 questions chosen."),
    "es": ("Todavía no eligió ninguna pregunta.", "1 pregunta elegida.", "2 preguntas elegidas."),
}


@pytest.fixture(params=[(390, 1), (320, 2)], ids=["phone", "small-phone-200%"])
def phone(browser, request):
    width, scale = request.param
    context = browser.new_context(viewport={"width": width, "height": 700}, is_mobile=True)
    install_checks(context)
    page = context.new_page()
    page.scale = scale
    yield page
    context.close()


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_count_and_the_buttons_come_before_the_first_question(phone, live_url, language):
    phone.goto(live_url + QUESTIONS[language])
    if phone.scale == 2:
        double_text_size(phone)
    count = phone.locator("#questions-count")
    assert count.inner_text() == COUNT[language][0]
    first_question = phone.locator(".question-group").first.bounding_box()["y"]
    for button in ("#print-my-list", "#copy-my-list"):
        box = phone.locator(button).bounding_box()
        assert box["y"] + box["height"] <= first_question
    boxes = phone.locator(".question input[type=checkbox]")
    boxes.nth(0).check()
    assert count.inner_text() == COUNT[language][1]
    boxes.nth(5).check()
    assert count.inner_text() == COUNT[language][2]


def test_the_end_of_the_list_links_back_to_the_buttons(phone, live_url):
    phone.goto(live_url + QUESTIONS["en"])
    phone.get_by_label("Type a question of your own").fill("Can my sister come with me?")
    phone.get_by_role("button", name="Add to my list").click()
    assert phone.locator("#questions-count").inner_text() == "1 question chosen."
    phone.get_by_role("link", name="Print or copy your list").click()
    assert re.search(r"#question-actions$", phone.url)
    box = phone.locator("#print-my-list").bounding_box()
    assert 0 <= box["y"] < phone.viewport_size["height"]
