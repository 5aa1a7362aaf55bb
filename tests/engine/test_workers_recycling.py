"""A render process that grew on a big or pathological file is replaced after the render, so its
memory goes back to the machine (Python keeps what it once took for itself)."""

import pytest

import engine.workers
from engine.workers import Pool, RenderJob

pytestmark = pytest.mark.slow  # real render processes replaced after they grow


def job(name, body):
    return RenderJob(name, body, "x-", frozenset(), link_terms=False)


def test_a_render_process_that_grew_is_replaced_and_the_page_still_comes(monkeypatch):
    monkeypatch.setattr(engine.workers, "RECYCLE_MIB", 5)  # a 30,000-item list takes far more
    pool = Pool(1)
    try:
        first = pool.render([job("small.md", "A line.\n")], None, 60)
        assert "A line." in first["small.md"]["html"]
        [before] = [worker.process.pid for worker in pool.workers]
        huge = "".join(f"- item {n} with a few words\n" for n in range(30_000))
        results = pool.render([job("huge.md", huge)], None, 120)
        assert "item 29999" in results["huge.md"]["html"]
        assert before not in [worker.process.pid for worker in pool.workers]  # replaced
        again = pool.render([job("after.md", "Still rendering.\n")], None, 60)
        assert "Still rendering." in again["after.md"]["html"]
    finally:
        pool.close()


def test_a_render_process_that_did_not_grow_is_kept(monkeypatch):
    monkeypatch.setattr(engine.workers.Worker, "memory", lambda self: 50.0)
    pool = Pool(1)
    try:
        pool.render([job("a.md", "One.\n")], None, 60)
        [before] = [worker.process.pid for worker in pool.workers]
        pool.render([job("b.md", "Two.\n")], None, 60)
        assert [worker.process.pid for worker in pool.workers] == [before]
    finally:
        pool.close()
