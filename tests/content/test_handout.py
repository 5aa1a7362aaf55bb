"""The shipped article's printed handout."""

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
