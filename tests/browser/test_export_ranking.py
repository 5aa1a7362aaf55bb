"""The static export's search answers as the server's does. static/js/search-engine.js runs in
Chromium on the index data the export writes (engine.search.portable), and each search of the
patient query table (tests/content/queries.yaml) must put the same page first, with the same "did
you mean", as the server's engine. (bench/search_ranking.py --export runs the table through a real
export's pages.)"""

import json

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage

from engine.live import get_library
from engine.search import get_index, parse_query
from engine.search.portable import index_data
from pages.search import page_documents
from tests.content.ranking import LANGUAGES, load_table

EXPORT_TARGET = 0.85  # the floor for the export; the server's own target is 0.90

SEARCH_ALL = """([data, rows]) => {
  const engine = window.carteducation.searchEngine(data);
  return rows.map(([q, page]) => {
    const found = engine.search(q, page);
    return {first: found.results.length ? found.results[0].url : null, total: found.total,
            suggestion: found.suggestion, corrected: found.corrected,
            urls: found.results.map((r) => r.url)};
  });
}"""


def path_of(url):
    return None if url is None else url.split("#")[0]


@pytest.fixture(scope="module")
def answers(browser, live_url):
    """{language: [(row, the server's Found, the browser's answer)]}"""
    page = browser.new_page()
    page.goto(live_url + "/search/")
    page.add_script_tag(url=staticfiles_storage.url("js/search-engine.js"))
    found = {}
    for language in LANGUAGES:
        index = get_index(get_library(language), pages=page_documents)
        rows = [row for row in load_table() if row.lang == language]
        data = json.loads(json.dumps(index_data(index)))
        browser_answers = page.evaluate(SEARCH_ALL, [data, [[row.q, 1] for row in rows]])
        server = [index.search(parse_query(row.q, language)) for row in rows]
        found[language] = list(zip(rows, server, browser_answers, strict=True))
    page.close()
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_export_puts_the_servers_first_page_first_for_every_search(answers, language):
    different = [
        f"  {row.q!r}: server {path_of(server.results[0].url if server.results else None)}, "
        f"export {path_of(answer['first'])}"
        for row, server, answer in answers[language]
        if path_of(answer["first"]) != path_of(server.results[0].url if server.results else None)
    ]
    assert different == [], "first results differ:\n" + "\n".join(different)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_export_offers_the_servers_did_you_mean(answers, language):
    different = [
        f"  {row.q!r}: server {server.suggestion!r}, export {answer['suggestion']!r}"
        for row, server, answer in answers[language]
        if answer["suggestion"] != server.suggestion
    ]
    assert different == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_export_puts_the_right_page_first_for_the_patient_searches(answers, language):
    rows = answers[language]
    right = sum(path_of(answer["first"]) in row.expect for row, _, answer in rows)
    assert right / len(rows) >= EXPORT_TARGET
    assert all(answer["suggestion"] for row, _, answer in rows if row.typo)


def test_the_export_pages_its_results_as_the_server_does(browser, live_url):
    page = browser.new_page()
    page.goto(live_url + "/search/")
    page.add_script_tag(url=staticfiles_storage.url("js/search-engine.js"))
    index = get_index(get_library("en"), pages=page_documents)
    data = json.loads(json.dumps(index_data(index)))
    rows = [["side effects", 1], ["side effects", 2], ["side effects", 99], ["cell", 3]]
    browser_answers = page.evaluate(SEARCH_ALL, [data, rows])
    for (q, number), answer in zip(rows, browser_answers, strict=True):
        server = index.search(parse_query(q, "en"), page=number)
        assert answer["urls"] == [result.url for result in server.results]
        assert answer["total"] == server.total
    page.close()
