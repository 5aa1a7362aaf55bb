"""Glossary linking: each rule from issue 3, one test each, on the real Markdown pipeline."""

from html.parser import HTMLParser

import pytest

from engine.linking import TermMatcher
from engine.rendering import render_markdown
from engine.terms import Term


def term(slug, name, *aliases):
    return Term(slug=slug, term=name, short=f"About {name}.", html="", aliases=list(aliases))


TERMS = {
    term.slug: term
    for term in [
        term("cytokine", "cytokine"),
        term("cytokine-release-syndrome", "cytokine release syndrome", "CRS", "cytokine storm"),
        term("t-cell", "T cell", "T lymphocyte"),
        term("car-t-cell-therapy", "CAR-T cell therapy", "CAR-T"),
        term("antibody", "antibody"),
        term("steroids", "steroid"),
        term("multiple-sclerosis", "multiple sclerosis", "MS"),
        term("leukapheresis", "leukapheresis"),
        term("cd19", "CD19"),
        term("rna", "RNA"),
    ]
}


class TermLinks(HTMLParser):
    """Each glossary link in the HTML: its words, its address and the tags it sits in."""

    def __init__(self):
        super().__init__()
        self.open, self.links, self.current = [], [], None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and attributes.get("class") == "term":
            self.current = {"href": attributes["href"], "text": "", "inside": list(self.open)}
        if tag not in {"img", "br", "hr"}:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag == "a" and self.current is not None:
            self.links.append(self.current)
            self.current = None
        if self.open and self.open[-1] == tag:
            self.open.pop()

    def handle_data(self, data):
        if self.current is not None:
            self.current["text"] += data


def render(markdown, terms=TERMS, **options):
    return render_markdown(markdown, glossary=terms, **options)


def links(markdown, terms=TERMS):
    parser = TermLinks()
    parser.feed(str(render(markdown, terms).html))
    return [(link["text"], link["href"]) for link in parser.links]


def test_a_term_becomes_a_link_to_its_glossary_page():
    assert links("Doctors collect cells by leukapheresis.") == [
        ("leukapheresis", "/glossary/leukapheresis/")
    ]


def test_only_the_first_occurrence_in_a_section_is_linked():
    assert links("An antibody here.\n\nAnother antibody there, and one more antibody.") == [
        ("antibody", "/glossary/antibody/")
    ]


def test_each_section_links_its_own_first_occurrence():
    first = render("An antibody here.")
    second = render("An antibody there.")
    assert first.terms == ["antibody"]
    assert second.terms == ["antibody"]


def test_matching_ignores_case():
    assert links("Leukapheresis comes first.") == [("Leukapheresis", "/glossary/leukapheresis/")]


@pytest.mark.parametrize(
    "text", ["Anti-antibody drugs.", "The antibodyome.", "A superantibody.", "Nonsteroidal drugs."]
)
def test_only_whole_words_are_linked(text):
    assert links(text) == []


def test_an_alias_links_to_its_term():
    assert links("A cytokine storm can follow.") == [
        ("cytokine storm", "/glossary/cytokine-release-syndrome/")
    ]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Two antibodies.", "antibodies"),
        ("Several T cells.", "T cells"),
        ("Oral steroids.", "steroids"),
    ],
)
def test_plural_forms_are_linked(text, words):
    assert [text for text, _ in links(text)] == [words]


def test_the_longest_name_wins():
    assert links("Cytokine release syndrome is common.") == [
        ("Cytokine release syndrome", "/glossary/cytokine-release-syndrome/")
    ]


def test_a_name_split_over_two_lines_still_matches():
    assert links("It is called cytokine release\nsyndrome.") == [
        ("cytokine release\nsyndrome", "/glossary/cytokine-release-syndrome/")
    ]


def test_a_shorter_term_inside_a_longer_one_is_never_linked():
    # The second mention of the syndrome is not linked again, and its "cytokine" stays plain too.
    html = str(
        render("Cytokine release syndrome first.\n\nLater, cytokine release syndrome again.").html
    )
    assert html.count('class="term"') == 1
    assert render(
        "Cytokine release syndrome first.\n\nLater, cytokine release syndrome again."
    ).terms == ["cytokine-release-syndrome"]


def test_a_term_inside_a_heading_is_not_linked():
    rendered = render("## What leukapheresis is\n\nText without the word.")
    assert rendered.terms == []
    assert links("## What leukapheresis is\n\nThen leukapheresis.") == [
        ("leukapheresis", "/glossary/leukapheresis/")
    ]


def test_a_term_inside_a_link_is_not_linked():
    assert links("Read [about leukapheresis](https://example.org/).") == []


def test_a_term_inside_code_is_not_linked():
    assert links("Type `leukapheresis` to search.\n\n    leukapheresis in a code block") == []


def test_a_term_in_image_alt_text_or_title_is_not_linked():
    rendered = render('![A leukapheresis machine](/static/img/x.svg "leukapheresis")')
    assert rendered.terms == []
    assert 'alt="A leukapheresis machine"' in str(rendered.html)


def test_a_term_in_a_link_title_is_left_alone():
    rendered = render('[Read more](https://example.org/ "About leukapheresis")')
    assert rendered.terms == []
    assert 'title="About leukapheresis"' in str(rendered.html)


def test_a_term_in_a_citation_number_is_not_linked():
    assert links("A fact [@missing].") == []


def test_a_term_inside_emphasis_is_linked():
    assert links("It is *leukapheresis*.") == [("leukapheresis", "/glossary/leukapheresis/")]


def test_terms_in_a_table_cell_and_list_item_are_linked():
    assert len(links("- One antibody\n\n| a |\n|---|\n| leukapheresis |")) == 2


@pytest.mark.parametrize(
    "text", ["Some ms of delay.", "Ms Jones.", "The mRNA vaccine.", "A cd19 typo."]
)
def test_abbreviations_match_only_in_capitals(text):
    assert links(text) == []


def test_an_abbreviation_in_capitals_is_linked():
    assert links("People with MS joined.") == [("MS", "/glossary/multiple-sclerosis/")]


def test_editor_can_force_a_link():
    assert links("The [[Leukapheresis]] step.") == [("Leukapheresis", "/glossary/leukapheresis/")]


def test_editor_can_force_a_link_to_a_named_term():
    assert links("The [[blood collection|leukapheresis]] step.") == [
        ("blood collection", "/glossary/leukapheresis/")
    ]


def test_editor_can_force_a_link_inside_a_heading():
    assert links("## The [[leukapheresis]] step") == [("leukapheresis", "/glossary/leukapheresis/")]


def test_a_forced_link_counts_as_the_sections_link():
    assert links("The [[leukapheresis]] step. Then leukapheresis again.") == [
        ("leukapheresis", "/glossary/leukapheresis/")
    ]


def test_editor_can_stop_a_link():
    rendered = render("No link for [[!leukapheresis]] here, but this leukapheresis is linked.")
    html = str(rendered.html)
    assert "[[" not in html
    assert "data-no-glossary" not in html
    assert links("No link for [[!leukapheresis]] here, but this leukapheresis is linked.") == [
        ("leukapheresis", "/glossary/leukapheresis/")
    ]
    assert "No link for <span>leukapheresis</span>" in html


def test_a_forced_link_to_an_unknown_term_is_reported_and_shown_as_words():
    rendered = render("The [[phlebotomy]] step and [[this|no-such-term]].")
    assert rendered.unknown_terms == ["[[phlebotomy]]", "[[this|no-such-term]]"]
    assert "[[" not in str(rendered.html)
    assert "phlebotomy" in str(rendered.html)


def test_linked_terms_are_listed_in_order_of_first_link():
    assert render("CD19, then an antibody, then CD19 and RNA.").terms == ["cd19", "antibody", "rna"]


def test_the_heading_above_each_first_link_is_recorded():
    rendered = render(
        "An antibody.\n\n## First part\n\nLeukapheresis.\n\n### Detail\n\nCD19 and an antibody."
    )
    assert rendered.term_anchors == {
        "antibody": "",
        "leukapheresis": "first-part",
        "cd19": "detail",
    }


def test_the_heading_above_a_forced_link_is_recorded():
    rendered = render("## Steps\n\nThe [[blood collection|leukapheresis]] step.")
    assert rendered.term_anchors == {"leukapheresis": "steps"}


def test_a_shared_matcher_gives_the_same_links():
    matcher = TermMatcher(TERMS)
    text = "Cytokine release syndrome, T cells and CD19."
    assert render(text, term_matcher=matcher).html == render(text).html


def test_a_capital_that_lowers_to_two_letters_does_not_break_linking():
    # "İ" matches "i" when case is ignored, but lowers to two characters.
    assert render("LEUKAPHERESİS is long.").terms == ["leukapheresis"]


def test_no_terms_means_no_links():
    assert render("Leukapheresis.", terms={}).terms == []


def test_text_around_links_is_kept_in_order():
    html = str(render("Before CD19 middle antibody after.").html)
    assert html == (
        '<p>Before <a class="term" href="/glossary/cd19/">CD19</a> middle '
        '<a class="term" href="/glossary/antibody/">antibody</a> after.</p>'
    )
