"""The shipped article's printed handout."""

import html as html_lib

from articles.handout import handout_question_limit, handout_questions
from engine.live import get_library


def article():
    return get_library().articles["car-t-autoimmune"]


def test_shipped_handout_questions_stop_at_the_limit():
    assert len(handout_questions(article())) <= handout_question_limit(article())


def test_shipped_handout_asks_the_practical_questions():
    # The questions a patient has about leaving the center, having children and paying come
    # first, so they stay on the page however many questions the care card leaves room for.
    questions = handout_questions(article())
    for slug in (
        "cost-insurance-and-travel",
        "fertility-and-pregnancy",
        "first-weeks-after-treatment",
    ):
        assert article().section(slug).questions[0] in questions


def test_shipped_handout_shows_the_journey_step_by_step_beside_the_care_cards(client):
    # The timeline holds the five steps and says what to watch for when; the care cards keep the
    # room the steps would take (tests/articles/test_handout.py).
    assert article().timeline
    html = html_lib.unescape(client.get(article().get_handout_url()).content.decode())
    assert 'class="handout__cards"' in html and "handout-steps" not in html
    for step in article().timeline:
        assert f"<li>{step['name']}</li>" in html
