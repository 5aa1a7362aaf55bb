"""The house style: each language's list of words to avoid (content/style.yaml,
content/es/style.yaml) is content an editor extends, and `make check` names the file, the line
and what to write instead wherever a reader would see one of them."""

import gettext
from pathlib import Path

import pytest
from django.conf import settings

from engine.checks import check_content
from engine.house_style import house_style_problems, parse_style
from tests.conftest import section_text, term_text

ENGLISH_STYLE = """\
- avoid: [muddled]
  use: '"confused"'
  why: '"muddled" is British English'
"""

SPANISH_STYLE = """\
- avoid: [a partir de <month>, a partir de <year>]
  use: '"en", "para" or "desde"'
  why: '"a partir de" means "starting from"'
- avoid: [casi siempre]
  use: '"por lo general"'
- avoid: [males]
  use: '"enfermedades"'
- avoid: [equipo de atención]
  unless: [equipo de atención médica]
  use: '"equipo de atención médica"'
"""


def style_findings(tree, name=None):
    return [
        finding
        for finding in check_content(tree.root)
        if "house style" in finding.message and (name is None or finding.path == name)
    ]


def test_a_phrase_to_avoid_is_named_with_its_line_and_what_to_write(content_dir):
    content_dir.write("style.yaml", ENGLISH_STYLE)
    body = "All is well.\n\nTheir speech may sound muddled at first.\n"
    content_dir.write("articles/demo/01-first.md", section_text("first", 1, body))
    [finding] = style_findings(content_dir)
    assert (finding.path, finding.line, finding.level) == (
        "articles/demo/01-first.md",
        10,
        "warning",
    )
    assert finding.message == (
        'house style: instead of "muddled", write "confused" ("muddled" is British English)'
    )


def test_shipped_style_lists_are_read_and_the_demo_content_keeps_clean(content_dir):
    content_dir.write("style.yaml", ENGLISH_STYLE)
    assert check_content(content_dir.root) == []


def test_each_language_has_its_own_list(spanish_content):
    spanish_content.write("style.yaml", ENGLISH_STYLE)
    spanish_content.write("es/style.yaml", SPANISH_STYLE)
    english = section_text("first", 1, "The drug is muddled with casi siempre.\n")
    spanish_content.write("articles/demo/01-first.md", english)
    spanish = section_text("primera", 1, "Se habla de males y de un texto muddled.\n")
    spanish_content.write("es/articles/demo/01-first.md", spanish)
    found = {(f.path, f.message.split('"')[1]) for f in style_findings(spanish_content)}
    assert found == {
        ("articles/demo/01-first.md", "muddled"),
        ("es/articles/demo/01-first.md", "males"),
    }


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("A partir de noviembre de 2026, no hay ninguna aprobada.", ["A partir de noviembre"]),
        ("Desde a partir de 2025 cambió.", ["a partir de 2025"]),
        ("Se hacen a partir de sus propias células.", []),
        ("Casi siempre ha sido leve.", ["Casi siempre"]),
        ("casi\n siempre", []),  # a phrase is looked for within one line
        ("Estos males duran.", ["males"]),
        ("Los animales comen.", []),  # whole words only
        ("Hable con su equipo de atención médica.", []),
        ("Hable con su equipo de atención hoy.", ["equipo de atención"]),
        ("Casi  siempre, con dos espacios.", ["Casi siempre"]),
    ],
)
def test_phrases_are_found_as_whole_words_in_any_case(text, found):
    rules, problems = parse_style(SPANISH_STYLE, "es/style.yaml")
    assert problems == []
    file_text = f"---\ntitle: T\n---\n{text}\n"
    messages = [f.message for f in house_style_problems("x.md", file_text, 4, rules, {"title"})]
    assert [message.split('"')[1] for message in messages] == found


def test_aliases_slugs_and_link_addresses_are_not_checked(spanish_content):
    spanish_content.write("es/style.yaml", SPANISH_STYLE)
    spanish_content.write(
        "es/glossary/widget.md",
        term_text(
            "artilugio",
            "Un sentido corto.",
            slug="artilugio",
            aliases="[males, casi siempre]",
            related=["gadget"],
        ),
    )
    body = "Lea [la guía](/es/articulos/demostracion/segunda/#males) [@demo2024].\n"
    spanish_content.write("es/articles/demo/01-first.md", section_text("primera", 1, body))
    assert style_findings(spanish_content) == []


def test_front_matter_a_reader_sees_is_checked(spanish_content):
    spanish_content.write("es/style.yaml", SPANISH_STYLE)
    text = section_text(
        "primera", 1, "Bien.\n", in_short="Casi siempre es leve.", questions=["¿Qué males?"]
    )
    spanish_content.write("es/articles/demo/01-first.md", text)
    found = [(f.line, f.message.split('"')[1]) for f in style_findings(spanish_content)]
    assert found == [(5, "Casi siempre"), (8, "males")]


@pytest.mark.parametrize(
    ("style", "line", "message"),
    [
        ("- [males]\n", 1, "each entry must be a set of `key: value` lines"),
        ("- avoid: males\n", 1, 'the required key "use" is missing'),
        ("- use: x\n", 1, 'the required key "avoid" is missing'),
        ("- avoid: a <mes>\n  use: x\n", 1, '"<mes>" in "a <mes>" is not a placeholder'),
        ("- avoid: <year>\n  use: x\n", 1, "needs at least one word besides placeholders"),
        ("- avoid: males\n  use: x\n  level: error\n", 3, '"level" must be "warning" or'),
        ("- avoid: males\n  use: x\n  unless: [animales]\n", 3, "does not contain a phrase"),
        ("- avoid: males\n  use: x\n- avoid: [Males]\n  use: y\n", 3, "already in the entry on"),
        ("- avoid: males\n  use: x\n  usar: y\n", 3, 'unknown key "usar" is ignored'),
        ("avoid: males\n", 1, "the style file must be a list of entries"),
        # The line the list opens on, where the ] is missing (engine/files.py, yaml_advice).
        ("- avoid: [males\n", 1, "this file is not valid YAML: a list in square brackets"),
    ],
)
def test_a_broken_style_file_is_explained_by_line(spanish_content, style, line, message):
    spanish_content.write("es/style.yaml", style)
    findings = [f for f in check_content(spanish_content.root) if f.path == "es/style.yaml"]
    assert any(f.line == line and message in f.message for f in findings), findings


def test_a_broken_entry_is_left_out_and_the_others_are_used(spanish_content):
    spanish_content.write("es/style.yaml", "- avoid: [males]\n" + SPANISH_STYLE)
    body = "Estos males duran, casi siempre.\n"
    spanish_content.write("es/articles/demo/01-first.md", section_text("primera", 1, body))
    found = [f.message.split('"')[1] for f in style_findings(spanish_content)]
    assert found == ["casi siempre", "males"]


def test_a_suggestion_level_entry_is_a_suggestion(content_dir):
    content_dir.write("style.yaml", ENGLISH_STYLE + "  level: suggestion\n")
    content_dir.write("articles/demo/01-first.md", section_text("first", 1, "So muddled.\n"))
    [finding] = style_findings(content_dir)
    assert finding.level == "suggestion"


def test_the_site_serves_pages_whatever_the_style_file_says(client, spanish_content):
    spanish_content.write("es/style.yaml", "- avoid: [males\n")
    assert client.get("/es/articulos/demostracion/primera/").status_code == 200


def test_a_long_line_full_of_near_misses_is_checked_quickly():
    # No regular expressions from editors: a rule is words, so no line can make it backtrack.
    rules, _ = parse_style("- avoid: [a partir de <month> de <year>]\n  use: x\n", "s.yaml")
    line = "a partir de " * 20_000
    assert list(house_style_problems("x.md", f"---\nt: x\n---\n{line}\n", 4, rules, set())) == []


def test_the_spanish_interface_keeps_the_spanish_house_style():
    # One word for each thing across the pages and the interface: the catalogue's Spanish is
    # held to the same list as content/es/style.yaml (docs/editing.md, "Preferred Spanish terms").
    base = Path(settings.BASE_DIR)
    rules, problems = parse_style(
        (base / "content" / "es" / "style.yaml").read_text("utf-8"), "es/style.yaml"
    )
    assert problems == []
    with (base / "locale" / "es" / "LC_MESSAGES" / "django.mo").open("rb") as file:
        catalogue = gettext.GNUTranslations(file)._catalog
    text = "\n".join(f"---\n---\n{value}" for key, value in catalogue.items() if key)
    found = [f.message for f in house_style_problems("django.po", text, 1, rules, set())]
    assert found == []
