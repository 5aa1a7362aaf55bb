"""A condition (patient page and clinicians' summary), its Spanish page and a small code map,
added to the demo content tree of tests/conftest.py."""

import pytest

from tests.conftest import LAST_REVIEWED, NEXT_REVIEW, front_matter, source_hash

CONDITION = front_matter(
    title="Widget disease",
    summary="What CAR-T has shown in widget disease.",
    names=["Widgetosis", "WD"],
    key_points=["A first point.", "A second point."],
    questions=["Is my widget disease the kind studies take?"],
    last_reviewed=LAST_REVIEWED.isoformat(),
    next_review=NEXT_REVIEW.isoformat(),
) + (
    "## What CAR-T has shown\n\nFive people got better [@demo2024].\n\n"
    "## Kidney disease\n\nSome had kidney disease.\n"
)

SUMMARY = front_matter(
    title='"CAR-T in widget disease: summary for clinicians"',
    summary="Very low certainty evidence from one series.",
) + (
    "## Evidence\n\n"
    "| Study | Design | n | Disease | Follow-up | Outcome | Certainty |\n"
    "|---|---|---|---|---|---|---|\n"
    "| Demo 2024 [@demo2024] | Case series | 5 | Widget disease | 8 months | 5/5 remission "
    "| Very low |\n"
    "\n## Main risks and reported rates\n\n"
    "| Risk | Reported rate | Source |\n|---|---|---|\n| Fever | 3 of 5 | [@demo2024] |\n"
)

SPANISH_CONDITION = front_matter(
    title="La enfermedad del artilugio",
    slug="artilugiosis",
    summary="Lo que ha mostrado la CAR-T.",
    last_reviewed=LAST_REVIEWED.isoformat(),
    next_review=NEXT_REVIEW.isoformat(),
) + (
    "## Lo que ha mostrado\n\nCinco personas mejoraron [@demo2024].\n\n"
    "## Enfermedad de los riñones\n\nAlgunas tenían daño en los riñones.\n"
)

CODES = """\
- icd10cm: M32
  page: conditions/widget
  name: Systemic lupus erythematosus
- icd10cm: M32.14
  page: conditions/widget#kidney-disease
- icd10cm: M32.0
  page: none
  note: Not studied.
- snomed: "55464009"
  page: conditions/widget
- icd10cm: D89.83
  page: articles/demo/second
"""


def add_condition(tree, *, spanish=False, codes=CODES):
    tree.write("conditions/widget/condition.md", CONDITION)
    tree.write("conditions/widget/clinicians.md", SUMMARY)
    if codes is not None:
        tree.write("diagnosis-codes.yaml", codes)
    if spanish:
        name = "conditions/widget/condition.md"
        front, body = SPANISH_CONDITION[4:].split("\n---\n", 1)
        text = f"---\n{front}\nsource_hash: {source_hash(tree, name)}\n---\n{body}"
        tree.write(f"es/{name}", text)
    return tree


@pytest.fixture
def condition_content(content_dir):
    return add_condition(content_dir)


@pytest.fixture
def spanish_condition(spanish_content):
    return add_condition(spanish_content, spanish=True)
