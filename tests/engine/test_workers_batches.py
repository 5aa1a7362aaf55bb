"""Small files go to a render process several at a time (a glossary term renders in about the
time its messages take), and nothing about a failure changes: a file that runs out of time, stops
its process or raises is reported on its own, and every other file in its batch is rendered."""

import pytest

import engine.workers
from engine.workers import Failure, Pool, RenderJob

pytestmark = pytest.mark.slow  # real render processes, some stopped on purpose


def job(number, body=None):
    body = body if body is not None else f"Term {number} is a *short* definition.\n"
    return RenderJob(f"glossary/term-{number}.md", body, f"t{number}-", frozenset(), False)


@pytest.fixture
def pool():
    pool = Pool(2)
    yield pool
    pool.close()


@pytest.fixture
def sent(monkeypatch):
    """The messages the pool sends its render processes, by kind."""
    kinds = []
    send = engine.workers.Worker.send

    def counting_send(self, message):
        kinds.append(message[0])
        return send(self, message)

    monkeypatch.setattr(engine.workers.Worker, "send", counting_send)
    return kinds


def test_many_small_files_go_in_batches_and_each_gets_its_own_render(pool, sent):
    jobs = [job(n) for n in range(100)]
    results = pool.render(jobs, None, 30)
    assert sorted(results) == sorted(j.name for j in jobs)
    for number in range(100):
        assert (
            f"Term {number} is a <em>short</em> definition." in results[jobs[number].name]["html"]
        )
    assert sent.count("batch") >= 5 and len(sent) < 40


def test_a_few_files_are_sent_one_by_one(pool, sent):
    pool.render([job(n) for n in range(3)], None, 30)
    assert sent == ["render", "render", "render"]


def test_nothing_is_batched_where_a_render_may_be_left_going(pool, sent):
    pool.render([job(n) for n in range(40)], None, 30, patience=10)
    assert "batch" not in sent


@pytest.mark.parametrize(
    ("marker", "reason"),
    [
        ("<!-- render-fault: sleep -->", "timeout"),
        ("<!-- render-fault: exit -->", "stopped"),
        ("<!-- render-fault: raise ValueError -->", "ValueError"),
    ],
)
def test_a_failing_small_file_is_reported_alone_and_its_batch_is_rendered(pool, marker, reason):
    jobs = [job(n) for n in range(60)]
    jobs[21] = job(21, f"Term 21.\n\n{marker}\n")
    results = pool.render(jobs, None, 2)
    assert isinstance(results[jobs[21].name], Failure)
    assert results[jobs[21].name].reason == reason
    others = [jobs[n].name for n in range(60) if n != 21]
    assert all(isinstance(results[name], dict) for name in others)


def test_an_answer_that_does_not_match_its_batch_is_not_believed(pool, monkeypatch):
    # Each file of the batch is sent again on its own; the build never sees an error.
    receive = engine.workers.Worker.receive

    def short_answer(self):
        message = receive(self)
        return ("batch", message[1][:-1]) if message[0] == "batch" else message

    monkeypatch.setattr(engine.workers.Worker, "receive", short_answer)
    jobs = [job(n) for n in range(40)]
    results = pool.render(jobs, None, 30)
    assert all(f"Term {n} is" in results[jobs[n].name]["html"] for n in range(40))
