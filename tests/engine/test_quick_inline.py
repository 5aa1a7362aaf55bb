"""The quick inline pass (engine/quickinline.py) makes the same HTML as Python-Markdown's own:
every file of the fixture site and of the shipped content, both languages, and a table of
Markdown that works the inline patterns hard, each rendered both ways."""

from functools import partial
from pathlib import Path

import markdown
import pytest

import engine.rendering
import engine.renders
from engine import LANGUAGES, load_library, workers
from engine.documents import Reference
from engine.quickinline import QUICK, QuickInlineProcessor
from engine.rendering import SiteExtension, render_markdown
from tests.engine.test_linking import TERMS

SHIPPED = Path(__file__).resolve().parents[2] / "content"


def test_the_quick_pass_is_used_with_the_pinned_markdown_release():
    # Python-Markdown still has the loop it replaces; if a release drops it, the site falls back
    # to Python-Markdown's own pass (slower, the same HTML) and this says so.
    assert QUICK
    md = markdown.Markdown(extensions=[SiteExtension()])
    assert isinstance(md.treeprocessors["inline"], QuickInlineProcessor)


def both_ways(monkeypatch, render):
    """(render() with the quick pass, render() with Python-Markdown's own), each on Markdown
    instances made for it (engine.rendering keeps them)."""
    kept = vars(engine.rendering._renderers)
    kept.clear()
    quick = render()
    kept.clear()
    with monkeypatch.context() as stock:
        stock.setattr(engine.rendering, "QUICK", False)
        stock_html = render()
        assert not any(
            isinstance(r.md.treeprocessors["inline"], QuickInlineProcessor) for r in kept.values()
        )
    kept.clear()
    return quick, stock_html


def render_jobs(monkeypatch, root):
    """Every render job of both languages' builds of the folder, with its glossary."""
    jobs = []

    def record(batch, glossary, budget, patience=None, patient=None):
        targets = {target.slug: target for target in glossary[1]} if glossary else {}
        jobs.extend((job, targets) for job in batch)
        return {job.name: workers._render(job, targets)[1] for job in batch}

    monkeypatch.setattr(engine.renders, "render_in_workers", record)
    for language in LANGUAGES:
        load_library(root, language=language)
    return jobs


@pytest.mark.parametrize(
    "where",
    [
        pytest.param(None, id="fixture-site"),
        pytest.param(SHIPPED, id="shipped-content", marks=pytest.mark.content),
    ],
)
def test_every_file_renders_the_same_as_with_python_markdowns_own_pass(
    monkeypatch, settings, where
):
    jobs = render_jobs(monkeypatch, where or settings.CONTENT_DIR)
    assert len({job.language for job, _ in jobs}) == len(LANGUAGES)
    assert any(job.link_terms for job, _ in jobs)
    for job, glossary in jobs:
        quick, stock = both_ways(monkeypatch, partial(workers._render, job, glossary))
        assert quick[0] == "ok", job.name
        assert quick == stock, job.name


REFERENCES = {
    "smith2024": Reference(key="smith2024", title="A study", year=2024, url="https://example.org")
}
HARD = [
    "Plain words only, nothing for any pattern.",
    "*one* **two** ***three*** _four_ __five__ ___six___ snake_case_word 2*3*4",
    "**bold *inside* bold** and *em **strong** em* and **unclosed *mixed**",
    "`code with *stars* and [brackets]` then ``double `tick` code`` and \\`escaped\\`",
    r"\*not em\* \[not a link\] \\ backslash \_ \# \!",
    "[a link](https://example.org) [with *em*](https://example.org/a_b_c) [nested [brackets]](/x)",
    '[titled](https://example.org "Title *not em*") ![an image](/static/x.png "t")',
    "[ref link][r1] [r1] ![ref image][r1]\n\n[r1]: https://example.org/r1",
    "No ids defined: [text][nope] [nope] ![alt][nope] ![nope] [x][] then [a link](/a) [b](/b)",
    "[one][r2] and [r2]\n\n[r2]: https://example.org/r2 'Title'\n\nA second paragraph [r2].",
    "<https://example.org/auto> <someone@example.org> <b>inline html</b> <!-- comment -->",
    "&amp; &copy; &#169; &#xA9; & AT&T < > 1 < 2",
    "line one  \nline two with a hard break",
    "A claim [@smith2024] and two [@smith2024; @smith2024] and a missing one [@nobody2023].",
    "[@smith2024](https://example.org) and [link [@smith2024]](https://example.org)",
    "[[cytokine release syndrome]] [[CRS|the storm]] [[unknown term]] [[]] [[ [[x]] ]]",
    "T cells and CAR-T cell therapy; a cytokine storm (CRS) after leukapheresis.",
    "- *list* item with [a link](/a)\n- `code` item\n  - nested **strong** [@smith2024]",
    "| a | *b* |\n|---|---|\n| `c` | [d](/d) |\n| [[CRS]] | e [@smith2024] |",
    "## A *heading* with `code` and [@smith2024]\n\nText under it.",
    "[" * 60 + "deep" + "]" * 60,
    "*" * 50 + "stars" + "_" * 50,
    "<span>*em in html*</span> <a href='javascript:alert(1)'>x</a> [x](javascript:alert(1))",
    "\x02klzzwxh:0000\x03 a stash marker typed by hand",
]


@pytest.mark.parametrize("markdown", HARD, ids=range(len(HARD)))
def test_hard_markdown_renders_the_same_as_with_python_markdowns_own_pass(monkeypatch, markdown):
    def render():
        return render_markdown(markdown, references=REFERENCES, glossary=TERMS).as_dict()

    quick, stock = both_ways(monkeypatch, render)
    assert quick == stock
