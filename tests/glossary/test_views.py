"""The glossary pages: the A–Z index and its filter, a term's page, and the definitions that
section pages carry for their terms."""

import re

import pytest

from tests.conftest import section_text, term_text


@pytest.fixture
def glossary(content_dir):
    content_dir.write(
        "glossary/cytokine-release-syndrome.md",
        term_text(
            "Cytokine release syndrome",
            short="A strong immune reaction with fever.",
            aliases=["CRS", "cytokine storm"],
            related=["cytokine", "widget"],
            pronunciation="SY-toe-kine",
            body="A longer explanation [@demo2024].\n",
        ),
    )
    content_dir.write("glossary/cytokine.md", term_text("Cytokine", short="A chemical message."))
    content_dir.write(
        "glossary/5-aza.md", term_text("5-aza", short="A drug name that starts with a digit.")
    )
    content_dir.write(
        "articles/demo/01-first.md",
        section_text(
            "first",
            1,
            "A widget is here.\n\n## Side effects\n\n"
            "Cytokine release syndrome can follow. So can a gadget.\n",
        ),
    )
    return content_dir


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def listed_terms(page):
    return re.findall(r'<dt><a href="/glossary/([a-z0-9-]+)/">', page)


def test_index_lists_every_term_alphabetically(client, glossary):
    assert listed_terms(html(client, "/glossary/")) == [
        "cytokine",
        "cytokine-release-syndrome",
        "gadget",
        "widget",
        "5-aza",
    ]


def test_index_links_letters_with_terms_and_shows_the_others_unlinked(client, glossary):
    page = html(client, "/glossary/")
    assert '<a href="#letter-c">C</a>' in page
    assert '<a href="#letter-w">W</a>' in page
    assert (
        '<span class="az__empty"><span class="visually-hidden">No terms under </span>B</span>'
        in page
    )
    assert 'href="#letter-b"' not in page
    assert 'id="letter-c"' in page
    assert 'id="letter-b"' not in page


def test_terms_starting_with_a_digit_get_their_own_group(client, glossary):
    page = html(client, "/glossary/")
    assert 'href="#letter-other"' in page
    assert 'id="letter-other"' in page


def test_filter_matches_the_start_of_a_name(client, glossary):
    assert listed_terms(html(client, "/glossary/?q=cyt")) == [
        "cytokine",
        "cytokine-release-syndrome",
    ]


def test_filter_ignores_case(client, glossary):
    assert listed_terms(html(client, "/glossary/?q=CYTOKINE%20R")) == ["cytokine-release-syndrome"]


def test_filter_matches_aliases_and_says_which(client, glossary):
    page = html(client, "/glossary/?q=crs")
    assert listed_terms(page) == ["cytokine-release-syndrome"]
    assert "(also called CRS)" in page


def test_filter_ignores_hyphens_and_spaces(client, glossary):
    assert listed_terms(html(client, "/glossary/?q=5aza")) == ["5-aza"]


def test_filter_says_how_many_terms_match(client, glossary):
    assert "2 terms contain “cyt”." in html(client, "/glossary/?q=cyt")
    assert "1 term contains “crs”." in html(client, "/glossary/?q=crs")


def test_filter_with_no_match_says_so(client, glossary):
    page = html(client, "/glossary/?q=zebra")
    assert listed_terms(page) == []
    assert "No term contains “zebra”." in page
    assert 'href="/glossary/">Show all terms' in page


def test_filter_keeps_the_query_in_the_form(client, glossary):
    assert 'name="q" value="cyt"' in html(client, "/glossary/?q=cyt")


def test_filter_letters_follow_the_filtered_terms(client, glossary):
    page = html(client, "/glossary/?q=cyt")
    assert '<a href="#letter-c">C</a>' in page
    assert 'href="#letter-w"' not in page


def test_empty_filter_shows_every_term(client, glossary):
    assert len(listed_terms(html(client, "/glossary/?q=%20%20"))) == 5


@pytest.mark.parametrize(
    "query",
    [
        "%00",
        "%3Cscript%3Ealert(1)%3C/script%3E",
        "x" * 5000,
        "%E2%80%AE%F0%9F%98%80",
        "%FF%FE",
        "((((",
        "[a-z]*",
        "%",
        "q=1&q=2",
        "\\",
    ],
)
def test_odd_filters_never_fail(client, glossary, query):
    response = client.get(f"/glossary/?q={query}")
    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()


def test_a_very_long_filter_is_cut_short(client, glossary):
    page = html(client, "/glossary/?q=" + "a" * 500)
    assert 'value="' + "a" * 60 + '"' in page


def test_filter_form_works_without_javascript(client, glossary):
    page = html(client, "/glossary/")
    assert '<form class="glossary-filter" role="search" aria-label="Glossary"' in page
    assert 'action="/glossary/" method="get">' in page
    assert '<label class="glossary-filter__label" for="glossary-q">' in page


def test_term_page_shows_the_definition_explanation_and_pronunciation(client, glossary):
    page = html(client, "/glossary/cytokine-release-syndrome/")
    assert '<h1 id="term-title">Cytokine release syndrome</h1>' in page
    assert "A strong immune reaction with fever." in page
    assert "A longer explanation" in page
    assert "SY-toe-kine" in page


def test_term_page_lists_aliases_as_also_called(client, glossary):
    assert "Also called:</span> CRS, cytokine storm" in html(
        client, "/glossary/cytokine-release-syndrome/"
    )


def test_term_page_links_related_terms(client, glossary):
    page = html(client, "/glossary/cytokine-release-syndrome/")
    related = page[page.index('id="related-terms"') :]
    assert '<a href="/glossary/cytokine/">Cytokine</a>' in related
    assert '<a href="/glossary/widget/">widget</a>' in related


def test_term_page_lists_its_sources(client, glossary):
    page = html(client, "/glossary/cytokine-release-syndrome/")
    assert 'id="cytokine-release-syndrome-source-1"' in page
    assert "A demo study" in page


def test_term_page_links_to_the_heading_where_the_term_first_appears(client, glossary):
    page = html(client, "/glossary/cytokine-release-syndrome/")
    assert 'href="/articles/demo/first/#side-effects"' in page
    assert "“Side effects”" in page


def test_term_page_links_to_the_top_of_a_section_when_the_term_comes_before_any_heading(
    client, glossary
):
    page = html(client, "/glossary/widget/")
    assert '<a href="/articles/demo/first/">Section first' in page


def test_term_page_says_when_no_article_uses_the_term(client, glossary):
    assert "No article uses this term yet." in html(client, "/glossary/5-aza/")


def test_unknown_term_is_404(client, glossary):
    assert client.get("/glossary/no-such-term/").status_code == 404


def test_section_links_terms_to_their_glossary_pages(client, glossary):
    page = html(client, "/articles/demo/first/")
    assert '<a class="term" href="/glossary/widget/">widget</a>' in page
    assert (
        '<a class="term" href="/glossary/cytokine-release-syndrome/">Cytokine release syndrome</a>'
        in page
    )


def test_section_ends_with_the_definitions_of_its_terms(client, glossary):
    page = html(client, "/articles/demo/first/")
    words = page[page.index('<details class="terms-used"') :]
    assert re.findall(r'id="glossary-def-([a-z0-9-]+)"', words) == [
        "widget",
        "cytokine-release-syndrome",
        "gadget",
    ]
    assert "A strong immune reaction with fever." in words
    assert '<a class="terms-used__more" href="/glossary/widget/">More about widget</a>' in words


def test_section_without_terms_has_no_definitions_block(client, glossary):
    assert "terms-used" not in html(client, "/articles/demo/second/")


def test_whole_article_page_has_one_definitions_block_for_all_sections(client, glossary):
    glossary.write(
        "articles/demo/02-second.md", section_text("second", 2, "A widget and a cytokine.\n")
    )
    page = html(client, "/articles/demo/all/")
    assert page.count('<details class="terms-used"') == 1
    assert re.findall(r'id="glossary-def-([a-z0-9-]+)"', page) == [
        "widget",
        "cytokine-release-syndrome",
        "gadget",
        "cytokine",
    ]


def test_pages_load_the_glossary_script_and_styles(client, glossary):
    page = html(client, "/articles/demo/first/")
    assert re.search(r'<script src="/static/js/glossary(\.[0-9a-f]+)?\.js"', page)
    assert re.search(r'<link rel="stylesheet" href="/static/css/glossary(\.[0-9a-f]+)?\.css"', page)


def test_sitemap_lists_the_glossary_and_every_term(client, glossary):
    sitemap = client.get("/sitemap.xml").content.decode()
    for path in ["/glossary/", "/glossary/cytokine/", "/glossary/5-aza/", "/glossary/widget/"]:
        assert f"{path}</loc>" in sitemap
