import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from engine import build_library, load_library
from engine.checks import check_content
from engine.files import read_snapshot
from engine.live import get_library
from engine.translations import STALE
from tests.conftest import SLOW, section_text, term_text, write_spanish_tree

SECOND = "articles/demo/02-second.md"
SPANISH_SECOND = f"es/{SECOND}"
STALE_LINE = 7  # source_hash, the last key of the Spanish section's front matter


def findings_of(root, **options):
    return [str(finding) for finding in check_content(root, **options)]


def run(command, *args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(command, *args, stdout=out, stderr=err)
    except SystemExit as exit:
        return exit.code, out.getvalue() + err.getvalue()
    return 0, out.getvalue() + err.getvalue()


# Pairing


def test_every_spanish_page_is_found_by_the_key_of_its_english_file(spanish_content):
    english = load_library(spanish_content.root)
    spanish = load_library(spanish_content.root, language="es")
    assert set(spanish.by_key) == set(english.by_key)
    for key, page in spanish.by_key.items():
        assert (page.key, page.language) == (key, "es")
        assert (english.by_key[key].key, english.by_key[key].language) == (key, "en")


def test_keys_are_the_english_files_paths(spanish_content):
    spanish = load_library(spanish_content.root, language="es")
    article = spanish.articles["demostracion"]
    assert article.key == "articles/demo/article.md"
    assert [section.key for section in article.sections] == [
        "articles/demo/01-first.md",
        "articles/demo/02-second.md",
    ]
    assert spanish.terms["celula"].key == "glossary/gadget.md"


def test_spanish_pages_have_their_own_slugs_and_spanish_addresses(spanish_content):
    spanish = load_library(spanish_content.root, language="es")
    article = spanish.articles["demostracion"]
    assert article.get_absolute_url() == reverse("es:articles:article", args=["demostracion"])
    assert article.get_full_url() == reverse("es:articles:full", args=["demostracion"])
    assert article.get_handout_url() == reverse("es:articles:handout", args=["demostracion"])
    assert article.section("segunda").get_absolute_url() == reverse(
        "es:articles:section", args=["demostracion", "segunda"]
    )
    assert spanish.terms["celula"].get_absolute_url() == reverse(
        "es:glossary:term", args=["celula"]
    )


def test_get_library_serves_each_language(spanish_content):
    assert list(get_library("es").articles) == ["demostracion"]
    assert list(get_library().articles) == ["demo"]
    assert get_library("es").language == "es"


def test_the_counterpart_of_a_page_is_found_through_by_key(spanish_content):
    section = get_library().articles["demo"].section("second")
    assert get_library("es").by_key[section.key].slug == "segunda"


def test_a_page_with_no_translation_has_no_counterpart(spanish_content):
    spanish_content.remove("es/glossary/gadget.md")
    assert get_library("es").by_key.get("glossary/gadget.md") is None


def test_english_is_the_same_with_a_spanish_folder_beside_it(content_dir, settings):
    before = load_library(content_dir.root)
    settings.ROOT_URLCONF = "tests.spanish_urls"
    write_spanish_tree(content_dir)
    after = load_library(content_dir.root)
    assert after.problems == before.problems == []
    assert (
        after.articles["demo"].section("first").html
        == before.articles["demo"].section("first").html
    )
    assert set(after.by_key) == set(before.by_key)
    assert not any(name.startswith("es/") for name in after.build.files)


def test_a_site_without_spanish_addresses_builds_no_spanish_library(content_dir, settings):
    settings.ROOT_URLCONF = "tests.english_urls"
    write_spanish_tree(content_dir)  # the content is there, but the site has no /es/ pages
    assert get_library("es").articles == {}
    assert check_content(content_dir.root) == []


# Spanish linking and rendering


def test_a_spanish_plural_links_its_term(spanish_content):
    section = load_library(spanish_content.root, language="es").articles["demostracion"].sections[0]
    url = reverse("es:glossary:term", args=["celula"])
    assert f'<a class="term" href="{url}">células</a>' in section.html


def test_spanish_sections_name_terms_by_their_spanish_slugs(spanish_content):
    spanish = load_library(spanish_content.root, language="es")
    section = spanish.articles["demostracion"].sections[0]
    assert section.terms == ["artilugio", "celula"]
    assert [use.section for use in spanish.term_uses["celula"]] == [section]
    assert spanish.terms["artilugio"].related == ["celula"]


def test_a_mark_names_a_term_by_its_english_file_name(spanish_content):
    spanish_content.write(
        SPANISH_SECOND,
        section_text("segunda", 2, "Un [[aparato|widget]] pequeño.\n", title="Lo segundo"),
    )
    section = load_library(spanish_content.root, language="es").articles["demostracion"].sections[1]
    assert section.terms == ["artilugio"]
    assert reverse("es:glossary:term", args=["artilugio"]) in section.html


def test_spanish_care_cards_and_heading_links_speak_spanish(spanish_content):
    body = '## Cuándo llamar\n\n!!! urgent "Llame ahora"\n    Si tiene fiebre.\n'
    spanish_content.write(SPANISH_SECOND, section_text("segunda", 2, body))
    section = load_library(spanish_content.root, language="es").articles["demostracion"].sections[1]
    assert "Urgente:" in section.html and "Copiar enlace" in section.html
    assert "Urgent:" not in section.html and "Copy link" not in section.html


# The checks


def test_an_up_to_date_translation_is_clean(spanish_content):
    assert findings_of(spanish_content.root) == []


def test_a_changed_english_file_makes_its_translation_stale(spanish_content):
    spanish_content.write(SECOND, section_text("second", 2, "New English text.\n"))
    assert findings_of(spanish_content.root) == [f"{SPANISH_SECOND}:{STALE_LINE}: warning: {STALE}"]
    assert STALE == (
        "the English file has changed since this translation; update it, "
        "then run `manage.py mark_translated FILE`"
    )


def test_a_spanish_file_with_no_english_file_is_an_error(spanish_content):
    spanish_content.write("es/articles/demo/03-third.md", section_text("tercera", 3))
    assert findings_of(spanish_content.root) == [
        "es/articles/demo/03-third.md:0: error: there is no English file "
        "articles/demo/03-third.md for this file to translate: a translation has the same folder "
        "and file name as its English file (rename or move it to match, or delete it if the "
        "English file was deleted)"
    ]


def test_two_spanish_terms_with_one_slug_is_an_error(spanish_content):
    text = spanish_content.path("es/glossary/gadget.md").read_text()
    spanish_content.write("es/glossary/gadget.md", text.replace("slug: celula", "slug: artilugio"))
    findings = findings_of(spanish_content.root)
    assert (
        'es/glossary/widget.md:4: error: the slug "artilugio" is already used by '
        "es/glossary/gadget.md; this term is left out"
    ) in findings


def test_two_spanish_sections_with_one_slug_is_an_error(spanish_content):
    spanish_content.write(SPANISH_SECOND, section_text("primera", 2))
    assert (
        f"{SPANISH_SECOND}:3: error: the slug is already used by es/articles/demo/01-first.md; "
        "this section is left out"
    ) in findings_of(spanish_content.root)


# Each language's own words for the article's pages, from its route table.
RESERVED = [
    (SECOND, "all", "the whole article on one page"),
    (SECOND, "handout", "the printable handout"),
    (SPANISH_SECOND, "todo", "the whole article on one page"),
    (SPANISH_SECOND, "hoja-para-imprimir", "the printable handout"),
]


@pytest.mark.parametrize(("name", "slug", "page"), RESERVED)
def test_a_section_slug_that_is_one_of_its_languages_route_words_is_an_error(
    spanish_content, name, slug, page
):
    spanish_content.write(name, section_text(slug, 2))
    assert (
        f'{name}:3: error: the slug "{slug}" is reserved for the site: it is the address of '
        f"{page}; choose another"
    ) in findings_of(spanish_content.root)


@pytest.mark.parametrize(("name", "slug"), [(SECOND, "todo"), (SPANISH_SECOND, "handout")])
def test_the_other_languages_route_word_is_a_fine_section_slug(spanish_content, name, slug):
    spanish_content.write(name, section_text(slug, 2))
    assert not [finding for finding in findings_of(spanish_content.root) if "reserved" in finding]


def test_the_spanish_site_leaves_a_section_slugged_todo_out_and_keeps_the_whole_article(
    client, spanish_content
):
    spanish_content.write(SPANISH_SECOND, section_text("todo", 2))
    spanish = get_library("es")
    assert [(error.path, error.line) for error in spanish.errors] == [(SPANISH_SECOND, 3)]
    assert [section.slug for section in spanish.articles["demostracion"].sections] == ["primera"]
    response = client.get(reverse("es:articles:full", args=["demostracion"]))
    assert response.status_code == 200
    assert response.context["article"].slug == "demostracion"


MISSING = (
    "glossary/gadget.md:0: {level}: this file has no Spanish translation "
    "(es/glossary/gadget.md); until it has one, the Spanish site has no such page"
)


def test_a_missing_translation_is_a_warning(spanish_content):
    spanish_content.remove("es/glossary/gadget.md")
    findings = findings_of(spanish_content.root)
    assert MISSING.format(level="warning") in findings
    assert not [finding for finding in findings if ": error: " in finding]


def test_require_es_makes_a_missing_translation_an_error(spanish_content):
    spanish_content.remove("es/glossary/gadget.md")
    assert MISSING.format(level="error") in findings_of(spanish_content.root, require=("es",))
    status, output = run("check_content", "--root", str(spanish_content.root), "--require", "es")
    assert status == 1
    assert "content/glossary/gadget.md:0: error: this file has no Spanish translation" in output


def test_require_es_on_a_site_with_no_spanish_yet_lists_every_file(content_dir, settings):
    settings.ROOT_URLCONF = "tests.spanish_urls"
    findings = findings_of(content_dir.root, require=("es",))
    assert len([f for f in findings if "has no Spanish translation" in f]) == 5


def test_hard_spanish_is_a_reading_level_warning(spanish_content):
    hard = (
        "La administración concomitante de inmunosupresores convencionales incrementa "
        "considerablemente la probabilidad de complicaciones infecciosas oportunistas "
        "potencialmente irreversibles en determinadas circunstancias individualizadas.\n"
    )
    spanish_content.write(SPANISH_SECOND, section_text("segunda", 2, hard))
    findings = [f for f in findings_of(spanish_content.root) if "INFLESZ" in f]
    assert len(findings) == 1
    assert findings[0].startswith(f"{SPANISH_SECOND}:2: warning: the reading level (INFLESZ) is ")
    assert "below 55 (aim for 65 or more)" in findings[0]


def test_report_shows_inflesz_and_fernandez_huerta_for_spanish_sections(spanish_content):
    _, output = run("check_content", "--report", "--root", str(spanish_content.root))
    lines = output.splitlines()
    header = next(line for line in lines if "INFLESZ" in line)
    assert header.split()[:6] == [
        "Section",
        "Words",
        "Minutes",
        "INFLESZ",
        "Fernández-Huerta",
        "Terms",
    ]
    assert any(line.startswith("es/demostracion/primera ") for line in lines)
    assert any(line.startswith("demo/first ") for line in lines)


# mark_translated


def test_mark_translated_changes_only_the_source_hash_line(spanish_content):
    spanish_content.write(SECOND, section_text("second", 2, "New English text.\n"))
    before = spanish_content.path(SPANISH_SECOND).read_text().splitlines()
    status, output = run("mark_translated", str(spanish_content.path(SPANISH_SECOND)))
    after = spanish_content.path(SPANISH_SECOND).read_text().splitlines()
    assert status == 0
    changed = [(old, new) for old, new in zip(before, after, strict=True) if old != new]
    assert len(changed) == 1
    assert changed[0][1].startswith("source_hash: ") and changed[0][1][13:] in output
    assert findings_of(spanish_content.root) == []


def test_mark_translated_takes_a_path_from_the_content_folder(spanish_content):
    spanish_content.write(SECOND, section_text("second", 2, "New English text.\n"))
    assert run("mark_translated", SPANISH_SECOND)[0] == 0
    assert findings_of(spanish_content.root) == []


def test_mark_translated_adds_a_missing_source_hash(spanish_content):
    spanish_content.write("es/glossary/gadget.md", term_text("célula", slug="celula"))
    assert "no source_hash" in " ".join(findings_of(spanish_content.root))
    assert run("mark_translated", "es/glossary/gadget.md")[0] == 0
    lines = spanish_content.path("es/glossary/gadget.md").read_text().splitlines()
    assert lines[:5] == ["---", "term: célula", "short: A short meaning.", "slug: celula", lines[4]]
    assert lines[4].startswith("source_hash: ") and lines[5] == "---"
    assert findings_of(spanish_content.root) == []


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("glossary/gadget.md", "this is an English file"),
        ("es/glossary/nothing.md", "there is no such file"),
    ],
)
def test_mark_translated_refuses_what_is_not_a_translation(spanish_content, name, message):
    status, output = run("mark_translated", name)
    assert status == 1
    assert f"{name}: {message}" in output


def test_a_related_term_not_translated_yet_is_left_out(spanish_content):
    spanish_content.remove("es/glossary/gadget.md")
    assert load_library(spanish_content.root, language="es").terms["artilugio"].related == []


def test_a_related_term_naming_no_english_file_is_an_error(spanish_content):
    text = spanish_content.path("es/glossary/widget.md").read_text()
    spanish_content.write("es/glossary/widget.md", text.replace("- gadget", "- celula"))
    assert (
        'es/glossary/widget.md:5: error: the related term "celula" names no glossary term; '
        "related terms are written as the English file names"
    ) in findings_of(spanish_content.root)


# Building: incremental, per language, under the time budget, off the request path


def build(tree, previous=None, **options):
    return build_library(read_snapshot(tree.root), previous, **options)


def test_an_edited_spanish_section_renders_only_that_section(spanish_content):
    before = build(spanish_content, language="es")
    spanish_content.write(SPANISH_SECOND, section_text("segunda", 2, "Otras palabras.\n"))
    after = build(spanish_content, before, language="es")
    assert after.build.rendered == {SPANISH_SECOND}
    assert "Otras palabras" in after.articles["demostracion"].section("segunda").html


def test_a_spanish_edit_renders_nothing_in_english(spanish_content):
    before = build(spanish_content)
    spanish_content.write(SPANISH_SECOND, section_text("segunda", 2, "Otras palabras.\n"))
    assert build(spanish_content, before).build.rendered == set()


def test_a_spanish_term_name_renders_the_spanish_sections_that_mention_it(spanish_content):
    before = build(spanish_content, language="es")
    spanish_content.write(
        "es/glossary/widget.md", term_text("herramienta", slug="artilugio", related=["gadget"])
    )
    after = build(spanish_content, before, language="es")
    assert after.build.rendered == {"es/articles/demo/01-first.md"}


def test_the_render_cache_keeps_the_languages_apart(spanish_content):
    build(spanish_content)
    # Same body in both languages: each is rendered in its own language, never shared.
    body = '!!! urgent "Llame"\n    Ahora.\n'
    spanish_content.write(SECOND, section_text("second", 2, body))
    spanish_content.write(SPANISH_SECOND, section_text("segunda", 2, body))
    english = build(spanish_content).articles["demo"].section("second")
    spanish = build(spanish_content, language="es").articles["demostracion"].section("segunda")
    assert "Urgent:" in english.html and "Urgente:" in spanish.html


def test_a_spanish_file_too_deep_to_render_is_named(spanish_content, settings):
    settings.CONTENT_RENDER_SECONDS = 2
    deep = "".join(" " * (4 * level) + "- x\n" for level in range(2000))
    spanish_content.write(SPANISH_SECOND, section_text("segunda", 2, SLOW + deep))
    library = build(spanish_content, language="es")
    assert [problem.path for problem in library.errors] == [SPANISH_SECOND]
    assert library.articles["demostracion"].section("primera") is not None


def test_one_look_swaps_in_both_languages_together(spanish_content):
    english, spanish = get_library(), get_library("es")
    spanish_content.write(SPANISH_SECOND, section_text("segunda", 2, "Otras palabras.\n"))
    assert "Otras palabras" in get_library("es").articles["demostracion"].sections[1].html
    # Every build makes both: a page cache keyed on the English library sees the change.
    assert get_library() is not english and get_library("es") is not spanish


def test_spanish_sections_have_spanish_reading_scores(spanish_content):
    section = load_library(spanish_content.root, language="es").articles["demostracion"].sections[0]
    assert list(section.reading_scores) == ["INFLESZ", "Fernández-Huerta"]


def test_links_between_spanish_pages_are_checked(spanish_content):
    first = reverse("es:articles:section", args=["demostracion", "primera"])
    body = f"Lea [los detalles]({first}#detalles) y [nada]({first}#nada).\n"
    spanish_content.write(SPANISH_SECOND, section_text("segunda", 2, body))
    findings = [f for f in findings_of(spanish_content.root) if "link" in f]
    assert findings == [
        f'{SPANISH_SECOND}:8: error: the link "{first}#nada" goes to "#nada", but no heading on '
        "that page has that id"
    ]


def test_mark_translated_marks_several_files_and_names_each(spanish_content):
    spanish_content.write(SECOND, section_text("second", 2, "New English text.\n"))
    spanish_content.write("glossary/gadget.md", term_text("gadget", "A new meaning."))
    status, output = run("mark_translated", SPANISH_SECOND, "es/glossary/gadget.md")
    assert status == 0
    assert [line.split(":")[0] for line in output.splitlines()] == [
        SPANISH_SECOND,
        "es/glossary/gadget.md",
    ]
    assert findings_of(spanish_content.root) == []


# Source notes, one per language

NOTED_REFERENCES = """\
- key: demo2024
  title: A demo study
  doi: 10.1000/demo
  note: Company data, not yet checked in a journal.
  note_es: Datos de la compañía, aún sin revisar en una revista.
"""


def test_each_language_shows_the_source_note_written_for_it(client, spanish_content):
    spanish_content.write("references.yaml", NOTED_REFERENCES)
    english = client.get(reverse("articles:section", args=["demo", "first"])).content.decode()
    spanish = client.get(
        reverse("es:articles:section", args=["demostracion", "primera"])
    ).content.decode()
    assert "Company data, not yet checked in a journal." in english
    assert "Datos de la compañía" not in english
    assert "Datos de la compañía, aún sin revisar en una revista." in spanish
    assert "Company data" not in spanish


def test_a_note_not_written_in_spanish_yet_is_left_off_spanish_pages_and_warned(
    client, spanish_content
):
    noted = NOTED_REFERENCES.replace(
        "  note_es: Datos de la compañía, aún sin revisar en una revista.\n", ""
    )
    spanish_content.write("references.yaml", noted)
    spanish = client.get(
        reverse("es:articles:section", args=["demostracion", "primera"])
    ).content.decode()
    assert "A demo study" in spanish
    assert "Company data" not in spanish
    assert findings_of(spanish_content.root, require=("es",)) == [
        'references.yaml:1: warning: the source "demo2024" has a note but no Spanish one '
        "(note_es:); until it has, Spanish pages show this source without its note"
    ]


def test_a_source_without_a_note_needs_no_spanish_note(spanish_content):
    assert findings_of(spanish_content.root, require=("es",)) == []
