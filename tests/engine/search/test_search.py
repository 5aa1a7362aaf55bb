"""Search: what it finds, how it marks matches, and how it copes with whatever arrives in ?q=."""

import html as html_lib
import logging
import re
import threading
import time

import pytest

from engine import load_library
from engine.live import get_library
from engine.search import MAX_QUERY_LENGTH, PER_PAGE, get_index, parse_query
from engine.search.index import SearchIndex
from tests.conftest import term_text

ARTICLE = "guide"


def search(client, query):
    return client.get("/search/", {"q": query})


def write_tree(root, in_short):
    article = root / "articles" / "demo"
    article.mkdir(parents=True)
    (article / "article.md").write_text(
        "---\ntitle: Demo\nsummary: A summary.\nkey_points: [One]\npublished: 2025-01-01\n"
        "last_reviewed: 2026-01-01\nnext_review: 2027-01-01\n---\nIntro.\n",
        encoding="utf-8",
    )
    (article / "01-first.md").write_text(
        f"---\ntitle: First part\nslug: first\norder: 1\nin_short: '{in_short}'\n"
        "last_reviewed: 2026-01-01\n---\nSome text about lupus.\n",
        encoding="utf-8",
    )
    return root


def test_finds_a_section_by_a_word_in_its_text(client):
    html = search(client, "fever").content.decode()
    assert f"/articles/{ARTICLE}/risks/" in html


def test_match_in_a_heading_links_to_that_heading(client):
    html = search(client, "infection").content.decode()
    assert f'href="/articles/{ARTICLE}/risks/#infections"' in html


def test_finds_a_glossary_term_by_its_alias(client):
    html = search(client, "CRS").content.decode()
    assert 'href="/glossary/cytokine-release-syndrome/"' in html


def test_exact_term_name_comes_first(client):
    results = get_index(get_library()).search(parse_query("b cell")).results
    assert results[0].document.title == "B cell"


def test_matched_words_are_marked(client):
    html = search(client, "fever").content.decode()
    assert "<mark>fever</mark>" in html


def test_whole_word_is_marked_when_the_query_is_its_start(client):
    html = search(client, "infection").content.decode()
    assert "<mark>Infections</mark>" in html


def test_markup_in_the_query_is_shown_as_text(client):
    html = search(client, "<script>alert(1)</script> fever").content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; fever" in html


def test_markup_in_content_is_escaped_before_marking(client, settings, tmp_path):
    settings.CONTENT_DIR = write_tree(tmp_path, "Lupus <img src=x onerror=alert(1)> and more.")
    html = search(client, "lupus").content.decode()
    assert "<mark>Lupus</mark> &lt;img src=x onerror=alert(1)&gt;" in html
    assert "<img src=x" not in html


def test_empty_query_shows_help(client):
    response = search(client, "")
    assert response.status_code == 200
    assert "What you can search for" in response.content.decode()


def test_no_results_says_so_and_offers_help(client):
    html = search(client, "zzzzqqq").content.decode()
    assert "No results for" in html
    assert 'href="/glossary/"' in html


def test_some_words_missing_says_so(client):
    html = search(client, "fever zzzzqqq").content.decode()
    assert "No page has all of your words" in html


def test_very_long_query_is_cut_and_the_page_says_so(client):
    response = search(client, "fever " * 500)
    assert response.status_code == 200
    assert f"only the first {MAX_QUERY_LENGTH} characters" in response.content.decode()


RESULT_LINK = re.compile(r'<h3 class="search-result__title"><a href="([^"]+)">')
NEXT_PAGE = re.compile(r'<a href="\?([^"]+)" rel="next">')


@pytest.fixture
def many_terms(content_dir):
    for number in range(1, 46):
        content_dir.write(f"glossary/gizmo-{number}.md", term_text(f"Gizmo {number}"))
    return content_dir


def test_every_result_is_on_one_of_the_pages_of_results(client, many_terms):
    seen, query = [], "q=meaning"
    while query is not None:
        html = client.get("/search/?" + html_lib.unescape(query)).content.decode()
        seen += RESULT_LINK.findall(html)
        following = NEXT_PAGE.search(html)
        query = following.group(1) if following else None
    total = int(re.search(r"(\d+) results for", html).group(1))
    assert len(seen) == len(set(seen)) == total > PER_PAGE * 2


def test_a_later_page_says_where_it_is_and_links_back(client, many_terms):
    html = client.get("/search/", {"q": "meaning", "page": "2"}).content.decode()
    assert (
        f'<ol class="search-results" aria-labelledby="results-heading" start="{PER_PAGE + 1}">'
        in html
    )
    assert "Page 2 of 3" in html
    assert 'href="?q=meaning&amp;page=1" rel="prev"' in html
    assert 'href="?q=meaning&amp;page=3" rel="next"' in html


@pytest.mark.parametrize(
    ("page", "shown"),
    [("", 1), ("abc", 1), ("-1", 1), ("0", 1), ("2.5", 1), ("１", 1), ("9" * 40, 1), ("99", 3)],
)
def test_a_strange_page_number_gives_a_page_of_results(client, many_terms, page, shown):
    response = client.get("/search/", {"q": "meaning", "page": page})
    assert response.status_code == 200
    assert f"Page {shown} of 3" in response.content.decode()


@pytest.mark.parametrize(
    "raw_query",
    [
        "q=%00",
        "q=lu%00pus",
        "q=%E2%80%8F%E2%80%AElupus",  # RTL mark and right-to-left override
        "q=%F0%9F%98%80",  # emoji
        "q=e%CC%81%CC%81%CC%81%CC%81",  # a letter under a pile of combining accents
        "q=%ED%A0%80",  # a lone surrogate, which is not valid UTF-8
        "q=%FF%FE",  # bytes that are not UTF-8 at all
        "q=%EF%BF%BF",  # a noncharacter
        "q=%25%25%25",
        "q=lupus&q=lupus&q=",
        "q[]=lupus",
        "q=" + "%F0%9F%98%80" * 2000,
    ],
)
def test_odd_queries_are_answered_not_crashed_on(client, raw_query):
    response = client.get(f"/search/?{raw_query}")
    assert response.status_code == 200
    assert "Search" in response.content.decode()


def test_invisible_marks_and_controls_are_dropped_from_the_query():
    assert parse_query("\u202elu\u200fpus\x00").words == ("lupus",)


def test_combining_accents_are_composed():
    assert parse_query("cafe\u0301").text == "caf\u00e9"


def test_results_are_not_kept_by_shared_caches(client):
    cache_control = search(client, "fever")["Cache-Control"]
    assert "private" in cache_control
    assert "no-store" in cache_control


def test_query_is_not_logged(client, caplog):
    caplog.set_level(logging.DEBUG)
    search(client, "unmistakable-query-words")
    search(client, "\x00unmistakable-query-words")
    assert "unmistakable" not in caplog.text


def test_results_page_asks_not_to_be_indexed(client):
    assert '<meta name="robots" content="noindex">' in search(client, "fever").content.decode()


def test_search_page_has_one_h1(client):
    assert search(client, "fever").content.decode().count("<h1") == 1


def test_header_has_a_get_search_form_with_a_label(client):
    html = client.get("/").content.decode()
    assert '<form class="search-form" role="search" action="/search/" method="get">' in html
    assert '<label for="site-search-q"' in html
    assert 'id="site-search-q" type="search" name="q"' in html


def test_index_is_built_once_per_library():
    library = get_library()
    assert get_index(library) is get_index(library)


def test_a_new_library_gets_a_new_index(tmp_path):
    first = load_library(write_tree(tmp_path, "About lupus."))
    second = load_library(tmp_path)
    assert get_index(first) is not get_index(second)


def test_a_new_library_is_swapped_in_before_its_search_index_is_built(content_dir, settings):
    # Production looks at the files every few seconds: an edit goes live as soon as its library
    # is built; the worker's page warmer (or the first search) builds the index after the swap.
    settings.CONTENT_RELOAD_SECONDS = 0.05
    get_library()
    content_dir.write("glossary/gizmo.md", "---\nterm: gizmo\nshort: A thing.\n---\nA thing.\n")
    time.sleep(0.1)  # past the look interval: the next request looks and builds
    library = get_library()
    assert "gizmo" in library.terms
    assert "_search_index" not in vars(library)
    assert get_index(library).search(parse_query("gizmo")).results[0].url == "/glossary/gizmo/"


def test_searches_at_the_same_moment_build_one_index(monkeypatch, tmp_path):
    library = load_library(write_tree(tmp_path, "About lupus."))
    built, started = [], threading.Barrier(2)
    real_init = SearchIndex.__init__

    def slow_init(self, *args, **kwargs):
        built.append(self)
        time.sleep(0.2)  # long enough for the other search to arrive meanwhile
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(SearchIndex, "__init__", slow_init)
    found = []

    def search_now():
        started.wait(timeout=10)
        found.append(get_index(library))

    threads = [threading.Thread(target=search_now) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(built) == 1
    assert found[0] is found[1]


def test_looking_on_every_request_leaves_the_index_to_the_first_search(content_dir):
    # Development (and a test that edits content) builds after every save: the index waits.
    content_dir.write("glossary/gizmo.md", "---\nterm: gizmo\nshort: A thing.\n---\nA thing.\n")
    library = get_library()
    assert "_search_index" not in vars(library)
    assert get_index(library).search(parse_query("gizmo")).results[0].url == "/glossary/gizmo/"


@pytest.mark.parametrize("query", ["don't", "dont", "don’t"])
def test_a_word_with_an_apostrophe_is_found_however_it_is_typed(content_dir, query):
    content_dir.write(
        "articles/demo/01-first.md",
        "---\ntitle: First part\nslug: first\norder: 1\nin_short: Short.\n"
        "last_reviewed: 2026-01-01\n---\nYou don't need to fast.\n",
    )
    found = get_index(get_library()).search(parse_query(query))
    assert [r.url for r in found.results] == ["/articles/demo/first/"]
    assert not found.suggestion


@pytest.mark.parametrize("query", ["CAR-T", "car t", "cart", "CAR‐T"])
def test_a_hyphenated_name_is_found_with_or_without_its_hyphen(content_dir, query):
    content_dir.write("glossary/car-t.md", "---\nterm: CAR-T\nshort: A cell therapy.\n---\nText.\n")
    found = get_index(get_library()).search(parse_query(query))
    assert found.results[0].url == "/glossary/car-t/"


@pytest.mark.parametrize("query", ["side effect", "Side Effects", "side-effects"])
def test_english_words_are_found_in_their_other_forms(content_dir, query):
    content_dir.write(
        "articles/demo/01-first.md",
        "---\ntitle: First part\nslug: first\norder: 1\nin_short: Short.\n"
        "last_reviewed: 2026-01-01\n---\nMost side effects are mild.\n",
    )
    found = get_index(get_library()).search(parse_query(query))
    assert found.results[0].url == "/articles/demo/first/"
    assert [text for text, hit in found.results[0].summary if hit] == ["side effects"]
