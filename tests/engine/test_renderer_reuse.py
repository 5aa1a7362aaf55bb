"""A Markdown instance is kept and reused from one document to the next (engine.rendering): no
document's render ever depends on the one before it, in any order, after a render that failed
half-way, or with another thread rendering at the same time."""

import threading

import pytest

import engine.rendering
from engine import workers
from engine.rendering import render_markdown
from tests.engine.test_linking import TERMS
from tests.engine.test_quick_inline import REFERENCES, SHIPPED, render_jobs

CARDS = (("call-911", "urgent", "Call 911", "Call 911 if you have a seizure.\n"),)
# Each leaves something behind that the next document must not see: citation numbers, a
# reference-style link, a care card, an icon array, glossary links, headings with ids.
DOCUMENTS = [
    "## Risks\n\nA claim [@smith2024] and a [link][r1].\n\n[r1]: https://example.org/r1\n",
    "A second claim [@smith2024], a missing one [@nobody2023] and [r1] alone.\n",
    "!!! care call-911\n\n## Risks\n\nCytokine release syndrome (CRS) and T cells.\n",
    "::: icons 3 of 10\nThree people in ten.\n\n## Risks\n\nNo card here.\n",
    "[[CRS]] then [[unknown thing]] and *emphasis* over\ntwo lines.\n",
    "Some words.\n\n!!! care no-such-card\n\n::: icons 11 of 10\nToo many.\n",
]


def fresh(render):
    """render() with no Markdown instance kept from before."""
    vars(engine.rendering._renderers).clear()
    return render()


def render(text):
    return render_markdown(text, references=REFERENCES, glossary=TERMS, care=CARDS).as_dict()


@pytest.mark.parametrize("order", ["forwards", "backwards"])
@pytest.mark.parametrize(
    "where",
    [
        pytest.param(None, id="fixture-site"),
        pytest.param(SHIPPED, id="shipped-content", marks=pytest.mark.content),
    ],
)
def test_every_file_renders_the_same_after_any_other(monkeypatch, settings, where, order):
    jobs = render_jobs(monkeypatch, where or settings.CONTENT_DIR)
    if order == "backwards":
        jobs.reverse()
    expected = [fresh(lambda job=job, g=g: workers._render(job, g)) for job, g in jobs]
    assert [workers._render(job, g) for job, g in jobs] == expected


def test_a_document_renders_the_same_whatever_came_before():
    expected = [fresh(lambda text=text: render(text)) for text in DOCUMENTS]
    for _ in range(2):
        assert [render(text) for text in DOCUMENTS] == expected
        assert [render(text) for text in reversed(DOCUMENTS)] == expected[::-1]


def test_a_render_that_fails_half_way_leaves_nothing_to_the_next(monkeypatch):
    expected = fresh(lambda: render(DOCUMENTS[0]))
    broken = engine.rendering._renderer("en", linked=True)
    toc = broken.md.treeprocessors["toc"]

    def fail(root):
        raise RecursionError("too deep")

    monkeypatch.setattr(toc, "run", fail)
    with pytest.raises(RecursionError):
        render(DOCUMENTS[2])
    assert render(DOCUMENTS[0]) == expected
    assert engine.rendering._renderer("en", linked=True) is not broken


def test_threads_rendering_at_once_each_get_their_own_document():
    expected = [fresh(lambda text=text: render(text)) for text in DOCUMENTS]
    wrong = []

    def read(text, want):
        for _ in range(30):
            if render(text) != want:
                wrong.append(text)

    threads = [
        threading.Thread(target=read, args=pair) for pair in zip(DOCUMENTS, expected, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert wrong == []
