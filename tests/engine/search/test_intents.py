"""Questions routed by what they ask (the synonyms file's ask: entries): the page an editor
named comes first, whatever the question's other words mean alone; the file's mistakes are named
by line."""

import pytest

from engine.checks import check_content
from engine.search.intents import asks, phrase_stems, query_stems
from tests.conftest import section_text

from .test_synonyms import result_pages

QUESTIONS = """\
- [kids, children]
- ask: [have kids, get pregnant]
  page: /articles/demo/fertility/
- ask: [fever]
  page: /articles/demo/first-weeks/#when-to-get-help
"""


@pytest.fixture
def site(content_dir):
    content_dir.write(
        "articles/demo/03-children.md",
        section_text("children", 3, "What parents of young kids should know.\n", title="Kids"),
    )
    content_dir.write(
        "articles/demo/04-fertility.md",
        section_text("fertility", 4, "Ways to protect fertility.\n", title="Fertility"),
    )
    content_dir.write(
        "articles/demo/05-first-weeks.md",
        section_text(
            "first-weeks",
            5,
            "## What is checked\n\nA fever is checked every day.\n\n"
            "## When to get help\n\nCall your team now, day or night.\n",
            title="The first weeks",
        ),
    )
    content_dir.write("search-synonyms.yaml", QUESTIONS)
    return content_dir


def findings_for(tree):
    return [f for f in check_content(tree.root) if f.path == "search-synonyms.yaml"]


def test_a_question_goes_first_to_the_page_that_answers_it(client, site):
    assert result_pages(client, "can I have kids")[0] == "/articles/demo/fertility/"


def test_the_same_words_without_the_question_keep_their_own_page(client, site):
    assert result_pages(client, "kids")[0] == "/articles/demo/children/"


@pytest.mark.parametrize(
    "query",
    ["can i have more kids", "Having KIDS after this?", "could i get pregnant", "getting pregnant"],
)
def test_a_question_is_asked_in_other_forms_and_with_words_between(client, site, query):
    assert result_pages(client, query)[0] == "/articles/demo/fertility/"


@pytest.mark.parametrize("query", ["kids have fun", "have you read about kids' games and fun"])
def test_a_question_is_not_asked_out_of_order_or_too_far_apart(client, site, query):
    assert result_pages(client, query)[:1] != ["/articles/demo/fertility/"]


def test_a_question_sent_to_a_heading_links_to_that_heading(client, site):
    html = client.get("/search/", {"q": "fever"}).content.decode()
    assert 'href="/articles/demo/first-weeks/#when-to-get-help"' in html
    assert result_pages(client, "fever")[0] == "/articles/demo/first-weeks/"


def test_a_routed_question_gets_no_did_you_mean(client, site):
    html = client.get("/search/", {"q": "can my wyfe and i have kids"}).content.decode()
    assert "search-suggestion" not in html


def test_a_misspelt_question_is_answered_as_the_question_it_is_close_to(client, site):
    html = client.get("/search/", {"q": "can i hav kids"}).content.decode()
    assert "search-suggestion" in html
    assert result_pages(client, "can i hav kids")[0] == "/articles/demo/fertility/"


@pytest.mark.parametrize(
    ("entry", "wording"),
    [
        ("- ask: [have kids]\n  page: /articles/demo/nowhere/\n", "no page that search finds"),
        ("- ask: [fever]\n  page: /articles/demo/first-weeks/#nowhere\n", "no page that search"),
        ("- ask: [have kids]\n", "with page: /its/address/ below"),
        ("- ask: [have kids]\n  page: articles/demo/fertility/\n", "starting with /"),
        ("- ask: have kids\n  page: /articles/demo/fertility/\n", "is not a list"),
        ("- ask: []\n  page: /articles/demo/fertility/\n", "at least one phrase"),
        ("- ask: [have kids]\n  page: /articles/demo/fertility/\n  why: babies\n", "has ask, page"),
    ],
)
def test_a_question_with_a_mistake_is_named_by_its_line(site, entry, wording):
    site.write("search-synonyms.yaml", "- [kids, children]\n" + entry)
    [finding] = findings_for(site)
    assert (finding.line, finding.level) == (2, "error")
    assert wording in finding.message


def test_a_phrase_asked_twice_is_an_error_on_the_second_line(site):
    site.write(
        "search-synonyms.yaml",
        "- ask: [have kids]\n  page: /articles/demo/fertility/\n"
        "- ask: [Have Kids]\n  page: /articles/demo/children/\n",
    )
    [finding] = findings_for(site)
    assert finding.line == 3
    assert "already asked on line 1" in finding.message


def test_the_shipped_questions_all_lead_to_pages_that_exist(settings):
    findings = check_content(settings.CONTENT_DIR, require=("es",))
    assert [f for f in findings if f.path.endswith("search-synonyms.yaml")] == []


@pytest.mark.parametrize(
    ("query", "phrase", "asked"),
    [
        ("can i have kids", "have kids", True),
        ("can i have two more kids", "have kids", True),
        ("can i have three more healthy kids", "have kids", False),
        ("kids have fun", "have kids", False),
        ("fever", "fever", True),
        ("", "fever", False),
        ("puedo tener hijos", "tener hijos", True),
    ],
)
def test_a_phrase_is_asked_in_order_at_most_two_words_apart(query, phrase, asked):
    language = "es" if "hijos" in query else "en"
    assert asks(query_stems(query, language), phrase_stems(phrase, language)) is asked
