"""Loading glossary files: the checks an editor sees, by file and line, and where terms appear."""

from engine import load_library

ARTICLE = """\
---
title: Test article
summary: A summary.
key_points: [One]
published: 2025-01-01
last_reviewed: 2026-01-01
next_review: 2027-01-01
---
Intro.
"""


def write(root, name, text):
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def term_file(name, short="A short definition.", **keys):
    lines = [f"term: {name}", f"short: {short}"] + [
        f"{key}: {value}" for key, value in keys.items()
    ]
    return "---\n" + "\n".join(lines) + "\n---\nThe longer explanation.\n"


def section(slug, order, body):
    front = (
        f"title: Part {slug}\nslug: {slug}\norder: {order}\nin_short: In short.\n"
        "last_reviewed: 2026-01-01\n"
    )
    return f"---\n{front}---\n{body}\n"


def messages(root):
    return [str(problem) for problem in load_library(root).problems]


def test_a_valid_glossary_loads_without_problems(tmp_path):
    write(tmp_path, "glossary/cd19.md", term_file("CD19", related="[b-cell]"))
    write(
        tmp_path,
        "glossary/b-cell.md",
        term_file("B cell", aliases="[B lymphocyte]", related="[cd19]"),
    )
    library = load_library(tmp_path)
    assert library.problems == []
    assert library.terms["b-cell"].aliases == ["B lymphocyte"]


def test_a_related_term_that_does_not_exist_is_an_error_on_its_line(tmp_path):
    write(
        tmp_path, "glossary/cd19.md", term_file("CD19", aliases="[anti-CD19]", related="[b-cells]")
    )
    write(tmp_path, "glossary/b-cell.md", term_file("B cell"))
    assert messages(tmp_path) == [
        'glossary/cd19.md:5: error: the related term "b-cells" names no glossary term;'
        ' did you mean "b-cell"?'
    ]


def test_a_related_term_written_as_a_name_suggests_the_file_name(tmp_path):
    write(tmp_path, "glossary/cd19.md", term_file("CD19", related="[B cell]"))
    write(tmp_path, "glossary/b-cell.md", term_file("B cell"))
    assert messages(tmp_path) == [
        'glossary/cd19.md:4: error: the related term "B cell" names no glossary term;'
        ' related terms are written as file names: did you mean "b-cell"?'
    ]


def test_a_term_related_to_itself_is_a_warning(tmp_path):
    write(tmp_path, "glossary/cd19.md", term_file("CD19", related="[cd19]"))
    assert messages(tmp_path) == ['glossary/cd19.md:4: warning: "cd19" lists the term itself']


def test_an_alias_that_is_another_terms_alias_is_an_error(tmp_path):
    write(
        tmp_path,
        "glossary/cytokine-release-syndrome.md",
        term_file("Cytokine release syndrome", aliases="[CRS]"),
    )
    write(tmp_path, "glossary/crs-grade.md", term_file("CRS grade", aliases="[crs]"))
    assert messages(tmp_path) == [
        'glossary/cytokine-release-syndrome.md:4: error: "CRS" is already a name of "CRS grade"'
        " (glossary/crs-grade.md); each name can lead to only one term,"
        " so this one is never linked by it"
    ]


def test_an_alias_that_is_another_terms_name_is_an_error(tmp_path):
    write(tmp_path, "glossary/b-cell.md", term_file("B cell"))
    write(tmp_path, "glossary/lymphocyte.md", term_file("Lymphocyte", aliases="[b  cell]"))
    assert messages(tmp_path) == [
        'glossary/lymphocyte.md:4: error: "b  cell" is already a name of "B cell"'
        " (glossary/b-cell.md); each name can lead to only one term,"
        " so this one is never linked by it"
    ]


def test_an_alias_that_is_the_plural_of_another_terms_name_is_an_error(tmp_path):
    write(tmp_path, "glossary/antibody.md", term_file("antibody"))
    write(
        tmp_path, "glossary/immunoglobulin.md", term_file("Immunoglobulin", aliases="[antibodies]")
    )
    assert messages(tmp_path) == [
        'glossary/immunoglobulin.md:4: error: "antibodies" is also the plural of "antibody",'
        ' a name of "antibody" (glossary/antibody.md); each name can lead to only one term'
    ]


def test_a_short_definition_over_35_words_is_an_error(tmp_path):
    write(tmp_path, "glossary/cd19.md", term_file("CD19", short=" ".join(["word"] * 36)))
    assert messages(tmp_path) == [
        'glossary/cd19.md:3: error: "short" has 36 words; the popup definition may have at most 35'
        " (put the rest in the explanation below the front matter)"
    ]


def test_a_short_definition_of_35_words_is_fine(tmp_path):
    write(tmp_path, "glossary/cd19.md", term_file("CD19", short=" ".join(["word"] * 35)))
    assert messages(tmp_path) == []


def test_a_term_with_problems_still_loads(tmp_path):
    write(tmp_path, "glossary/cd19.md", term_file("CD19", related="[nothing]"))
    assert "cd19" in load_library(tmp_path).terms


def test_a_forced_link_to_an_unknown_term_is_an_error_on_its_line(tmp_path):
    write(tmp_path, "glossary/cd19.md", term_file("CD19"))
    write(tmp_path, "articles/demo/article.md", ARTICLE)
    write(
        tmp_path, "articles/demo/01-a.md", section("a", 1, "First line.\n\nThe [[B cell]] is here.")
    )
    assert messages(tmp_path) == [
        "articles/demo/01-a.md:10: error: [[B cell]] names no glossary term;"
        " the words are shown unlinked"
    ]


def test_where_a_term_appears_is_recorded_with_the_heading_above_it(tmp_path):
    write(tmp_path, "glossary/cd19.md", term_file("CD19"))
    write(tmp_path, "articles/demo/article.md", ARTICLE)
    write(
        tmp_path,
        "articles/demo/01-a.md",
        section("a", 1, "Intro.\n\n## Why CD19?\n\nBecause CD19 is on B cells."),
    )
    write(tmp_path, "articles/demo/02-b.md", section("b", 2, "CD19 again, before any heading."))
    uses = load_library(tmp_path).term_uses["cd19"]
    assert [(use.section.slug, use.anchor, use.heading) for use in uses] == [
        ("a", "why-cd19", "Why CD19?"),
        ("b", "", ""),
    ]
    assert [use.get_absolute_url() for use in uses] == [
        "/articles/demo/a/#why-cd19",
        "/articles/demo/b/",
    ]
