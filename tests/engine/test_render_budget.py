"""Files too much for the renderer: each is rendered within CONTENT_RENDER_SECONDS or reported by
file and line, and every other file's edit is still built (the checker and the site alike).

Renders are made slow on purpose with a render-fault marker (engine/workers.py), so the budget is
tested whatever the installed Markdown's speed; PATHOLOGICAL keeps real cases, and one of them
(REALLY_SLOW) is slow in every Markdown release seen so far."""

import pytest

from engine import build_library, workers
from engine.checks import load_and_check
from engine.files import read_snapshot
from tests.conftest import CRASH, SLOW, section_text

pytestmark = pytest.mark.slow  # real render processes running out of time

FIRST = "articles/demo/01-first.md"
SECOND = "articles/demo/02-second.md"
BODY_LINE = 8


def nested_list(depth):
    # "- - - Text" is a list in a list in a list: deep nesting that stays under the size limit.
    return "- " * depth + "Deep.\n"


# Python-Markdown 3.11 reads each "[a](" as the start of a link again and again: over a minute.
REALLY_SLOW = "[a](" * 20_000 + "\n"

PATHOLOGICAL = [
    pytest.param(REALLY_SLOW, id="20000-unclosed-links"),
    pytest.param(nested_list(600), id="list-nested-600-deep"),
    pytest.param(nested_list(2_000), id="list-nested-2000-deep"),
    pytest.param("Text " + "[" * 20_000 + "\n", id="20000-brackets"),
    pytest.param("Text " + "[" * 100_000 + "\n", id="100000-brackets"),
    pytest.param(" ".join(f"[[word {n}]]" for n in range(1_000)) + "\n", id="1000-editor-marks"),
    pytest.param("Cited " + " ".join(["[@demo2024]"] * 10_000) + "\n", id="10000-citations"),
]


@pytest.mark.parametrize("body", PATHOLOGICAL)
def test_too_much_for_the_renderer_is_reported_and_other_edits_are_built(
    content_dir, settings, body
):
    settings.CONTENT_RENDER_SECONDS = 2
    content_dir.write(SECOND, section_text("second", 2, body))
    content_dir.write(FIRST, section_text("first", 1, "The first part, edited.\n"))
    library, findings = load_and_check(content_dir.root)
    assert "edited" in library.articles["demo"].section("first").html
    failed = [f for f in findings if f.path == SECOND and "into a page" in f.message]
    if library.articles["demo"].section("second") is None:
        [finding] = failed
        assert finding.line >= BODY_LINE
        assert finding.level == "error"
    else:
        assert failed == []


def test_a_really_slow_file_times_out(content_dir, settings):
    settings.CONTENT_RENDER_SECONDS = 2
    content_dir.write(SECOND, section_text("second", 2, REALLY_SLOW))
    _, findings = load_and_check(content_dir.root)
    [finding] = [f for f in findings if f.path == SECOND]
    assert "gave up turning this file into a page after 2 seconds" in finding.message


def test_render_that_runs_over_budget_names_the_budget_and_line(content_dir, settings):
    settings.CONTENT_RENDER_SECONDS = 2
    body = SLOW + "Fine.\n\nText " + "[" * 100_000 + "\n"
    content_dir.write(SECOND, section_text("second", 2, body))
    _, findings = load_and_check(content_dir.root)
    [finding] = [f for f in findings if f.path == SECOND]
    assert finding.line == BODY_LINE + 3
    assert finding.message.startswith(
        "the site gave up turning this file into a page after 2 seconds: this line has "
        '100,000 "[" characters'
    )


def test_a_file_too_slow_to_render_is_not_tried_again_until_it_changes(content_dir, settings):
    settings.CONTENT_RENDER_SECONDS = 2
    content_dir.write(SECOND, section_text("second", 2, SLOW))
    first = build_library(read_snapshot(content_dir.root))
    content_dir.write(FIRST, section_text("first", 1, "The first part, edited.\n"))
    second = build_library(read_snapshot(content_dir.root), first)
    assert second.build.rendered == {FIRST}
    assert [problem.path for problem in second.errors] == [SECOND]


def test_the_site_keeps_serving_a_page_whose_new_version_is_too_slow(client, content_dir, settings):
    settings.CONTENT_RENDER_SECONDS = 2
    assert client.get("/articles/demo/second/").status_code == 200
    content_dir.write(SECOND, section_text("second", 2, SLOW))
    content_dir.write(FIRST, section_text("first", 1, "The first part, edited.\n"))
    assert "the second thing" in client.get("/articles/demo/second/").content.decode()
    assert "edited" in client.get("/articles/demo/first/").content.decode()


def test_fault_markers_act_only_in_a_test_run(monkeypatch):
    with pytest.raises(RecursionError):
        workers._act_on_fault_marker(CRASH)
    monkeypatch.delenv(workers.FAULTS_VARIABLE)
    workers._act_on_fault_marker(CRASH + SLOW)  # returns at once: a site never acts on them
