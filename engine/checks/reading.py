"""Reading level: long sentences, in the body and in the front matter the site shows as text,
and each section's score on its language's scale; and the house style, the words each language's
editors chose to avoid (engine.house_style)."""

from .. import site
from ..house_style import house_style_problems
from ..languages import get_language
from ..readability import LONG_SENTENCE_WORDS, long_sentences, word_count
from .document import SNIPPET_WORDS

# Front matter the site shows as text: its sentences are checked like the body's.
PROSE_FIELDS = (
    "summary",
    "in_short",
    "audience",
    "short",
    "key_points",
    "main_risks",
    "questions",
    "steps",
    "what_we_know",
    "not_known_yet",
    "main_message",
    "main_action",
    "timeline",
)
# Spanish reading level on the INFLESZ scale (higher is easier): 65 is "bastante fácil", the aim
# for every section; below READING_INFLESZ_FLOOR (55, "normal") the checker warns.
INFLESZ_TARGET = 65


def check_house_style(document, library, today):
    shown = {"title", "term", *PROSE_FIELDS}
    return house_style_problems(
        document.name, document.text, document.body_line, library.style, shown
    )


def check_sentences(document, library, today):
    for sentence in long_sentences(document.prose):
        yield _long_sentence(document, sentence, document.line_of_words(sentence))
    for key in PROSE_FIELDS:
        values = getattr(document.page, key, None) or []
        if key == "steps":
            values = [step["text"] for step in values]
        if key == "timeline":
            values = [step[part] for step in values for part in ("text", "watch")]
        for value in values if isinstance(values, list) else [values]:
            for sentence in long_sentences(value):
                yield _long_sentence(
                    document,
                    sentence,
                    document.line_of_words(sentence, start=document.lines.get(key, 1)),
                )


def _long_sentence(document, sentence, line):
    words = sentence.split()
    start = " ".join(words[:SNIPPET_WORDS])
    return document.error(
        line,
        f'a sentence of {word_count(sentence)} words ("{start} …"); sentences of at most '
        f"{LONG_SENTENCE_WORDS} words are easier to follow",
        "suggestion",
    )


def check_reading_level(document, library, today):
    """The section's main reading score against the limit of its scale."""
    scale = get_language(library.language).score_name
    if scale == "INFLESZ":
        yield from _check_inflesz(document)
        return
    grade = document.page.reading_scores[scale]
    ceiling = site.current().reading_grade_ceiling
    if grade > ceiling:
        yield document.error(
            document.lines.get("title", 1),
            f"the reading grade is {grade:.1f}, above the ceiling of {ceiling:g}: "
            "use shorter sentences and everyday words",
            "warning",
        )


def _check_inflesz(document):
    score = document.page.reading_scores["INFLESZ"]
    floor = site.current().reading_inflesz_floor
    if document.page.text and score < floor:
        yield document.error(
            document.lines.get("title", 1),
            f"the reading level (INFLESZ) is {score:.1f}, below {floor:g} (aim for "
            f"{INFLESZ_TARGET} or more): use shorter sentences and everyday words",
            "warning",
        )
