"""A search result's pieces become HTML in one step (engine.sanitize.marked, the template filter
`marked` of web/search_marks.py): every piece escaped, the matches marked, as the template's loop
over them did."""

from django.template import Context, Template

from engine.sanitize import Html, marked


def test_matches_are_marked_and_the_rest_is_left_as_it_is():
    pieces = [("Cytokine ", False), ("release", True), (" syndrome", False)]
    assert marked(pieces) == "Cytokine <mark>release</mark> syndrome"


def test_every_piece_is_escaped_matched_or_not():
    pieces = [("<script>alert(1)</script> & ", False), ('"lupus" <b>', True)]
    assert marked(pieces) == (
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp; <mark>&quot;lupus&quot; &lt;b&gt;</mark>"
    )


def test_the_filter_gives_what_the_template_loop_gave():
    pieces = [("T cells & B cells ", False), ("<CAR-T>", True), ("", False), ("'s", True)]
    loop = Template(
        "{% for text, hit in pieces %}{% if hit %}<mark>{{ text }}</mark>"
        "{% else %}{{ text }}{% endif %}{% endfor %}"
    )
    assert Template("{{ pieces|marked }}").render(Context({"pieces": pieces})) == loop.render(
        Context({"pieces": pieces})
    )


def test_no_pieces_is_nothing():
    assert marked([]) == ""


def test_the_marked_words_are_declared_safe_by_the_sanitiser_s_own_type():
    assert isinstance(marked([("a", True)]), Html)
