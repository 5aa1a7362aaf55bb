"""The search benchmark's own helpers (bench/search_latency.py): the pages it asks for are the
search pages of both languages, and it times every query through the engine's public calls.
Nothing here asserts a time: `make bench` measures speed."""

from pathlib import Path

import pytest

from engine import load_library

BENCH = Path(__file__).resolve().parent.parent / "bench"


@pytest.fixture
def search_latency(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCH))
    import search_latency

    return search_latency


def test_every_benchmark_query_is_a_search_page_that_is_never_stored(
    client, spanish_content, search_latency
):
    for language, query, path in search_latency.search_paths():
        response = client.get(path)
        assert response.status_code == 200, path
        assert "no-store" in response["Cache-Control"], path
        assert f'<html lang="{language}">' in response.content.decode(), path
        assert response.wsgi_request.GET["q"] == query, path


def test_the_engine_timing_runs_every_query_of_each_language(spanish_content, search_latency):
    libraries = {
        language: load_library(spanish_content.root, language=language)
        for language in search_latency.PATHS
    }
    measured = search_latency.time_engine(libraries, rounds=2)
    for language, queries in search_latency.QUERIES.items():
        assert set(measured[language]["times"]) == set(queries)
        assert all(len(times) == 2 for times in measured[language]["times"].values())
        assert measured[language]["articles"] == 1
        assert measured[language]["terms"] == 2


def test_latency_figures_are_percentiles_of_the_requests(search_latency):
    figures = search_latency.figures([float(ms) for ms in range(1, 101)])
    assert figures["p50"] == pytest.approx(50.5)
    assert figures["p95"] == pytest.approx(95.05)
    assert figures["p99"] == pytest.approx(99.01)
    assert figures["max"] == 100.0
    assert search_latency.figures([7.0]) == {"p50": 7.0, "p95": 7.0, "p99": 7.0, "max": 7.0}
    assert search_latency.figures([]) == {}
