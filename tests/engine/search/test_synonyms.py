"""The editors' synonym files: plain words a patient types find the pages written with the
site's words, each file is checked with its mistakes named by line, and a broken file never
stops the search."""

import re

from engine.checks import check_content
from tests.conftest import section_text

RESULT_LINK = re.compile(r'<h3 class="search-result__title"><a href="([^"]+)">')


def result_pages(client, query, path="/search/"):
    html = client.get(path, {"q": query}).content.decode()
    return [url.split("#")[0] for url in RESULT_LINK.findall(html)]


def write_sections(tree):
    tree.write(
        "articles/demo/03-children.md",
        section_text(
            "children", 3, "What parents of a young child should know.\n", title="Children"
        ),
    )
    tree.write(
        "articles/demo/04-kids-club.md",
        section_text("kids-club", 4, "A place to play, with games.\n", title="Kids"),
    )


def findings_for(tree, name):
    return [f for f in check_content(tree.root) if f.path == name]


def test_a_synonym_finds_the_page_written_with_the_sites_word(client, content_dir):
    write_sections(content_dir)
    content_dir.write("search-synonyms.yaml", "- [kids, children]\n")
    assert "/articles/demo/children/" in result_pages(client, "children")
    assert "/articles/demo/kids-club/" in result_pages(client, "children")


def test_the_word_typed_ranks_above_its_synonym(client, content_dir):
    write_sections(content_dir)
    content_dir.write("search-synonyms.yaml", "- [kids, children]\n")
    assert result_pages(client, "kids")[0] == "/articles/demo/kids-club/"
    assert result_pages(client, "children")[0] == "/articles/demo/children/"


def test_a_phrase_can_be_a_synonym(client, content_dir):
    write_sections(content_dir)
    content_dir.write("search-synonyms.yaml", "- [young ones, children]\n")
    assert result_pages(client, "young ones") == ["/articles/demo/children/"]


def test_without_the_file_a_word_finds_only_itself(client, content_dir):
    write_sections(content_dir)
    assert result_pages(client, "children") == ["/articles/demo/children/"]


def test_each_language_has_its_own_synonyms(client, spanish_content):
    spanish_content.write("search-synonyms.yaml", "- [tool, widget]\n")
    spanish_content.write("es/search-synonyms.yaml", "- [chunche, herramienta]\n")
    assert "/es/articulos/demostracion/primera/" in result_pages(client, "chunche", "/es/buscar/")
    assert result_pages(client, "chunche") == []


def test_mistakes_are_named_by_line_and_the_good_groups_still_work(client, content_dir):
    write_sections(content_dir)
    content_dir.write(
        "search-synonyms.yaml",
        "# a comment\n"
        "- [kids, children]\n"
        "- kids are children\n"
        "- [lonely]\n"
        "- [kids, youngsters]\n"
        "- [a, '', b]\n",
    )
    found = {
        (f.line, f.level): f.message for f in findings_for(content_dir, "search-synonyms.yaml")
    }
    assert "is not a list" in found[(3, "error")]
    assert "at least two" in found[(4, "error")]
    assert "already in the group on line 2" in found[(5, "error")]
    assert "empty entry" in found[(6, "error")]
    assert "/articles/demo/kids-club/" in result_pages(client, "children")


def test_a_file_that_is_not_yaml_is_an_error_and_search_still_answers(client, content_dir):
    write_sections(content_dir)
    content_dir.write("search-synonyms.yaml", "- [kids, children\n- [a, b]\n")
    [finding] = findings_for(content_dir, "search-synonyms.yaml")
    assert finding.level == "error"
    assert "not valid YAML" in finding.message
    assert client.get("/search/", {"q": "children"}).status_code == 200


def test_a_group_the_site_never_uses_is_a_warning(content_dir):
    content_dir.write("search-synonyms.yaml", "- [banana, plantain]\n- [widget, gizmo]\n")
    [finding] = findings_for(content_dir, "search-synonyms.yaml")
    assert (finding.line, finding.level) == (1, "warning")
    assert "finds nothing" in finding.message


def test_an_entry_of_only_common_words_is_a_warning(content_dir):
    content_dir.write("search-synonyms.yaml", "- [widget, what is it]\n")
    [finding] = findings_for(content_dir, "search-synonyms.yaml")
    assert "leaves out" in finding.message


def test_the_synonym_files_are_not_translations_of_each_other(spanish_content):
    spanish_content.write("search-synonyms.yaml", "- [tool, widget]\n")
    findings = check_content(spanish_content.root, require=("es",))
    assert not [f for f in findings if "search-synonyms" in f.path]
