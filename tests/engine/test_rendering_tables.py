from engine.rendering import render_markdown

TABLE = "Before.\n\n| Condition | People |\n|---|---|\n| Lupus | 5 |\n\nAfter.\n"


def test_table_is_wrapped_in_a_box_that_scrolls_by_itself():
    html = str(render_markdown(TABLE).html)
    assert '<div class="table-wrap"><table>' in html.replace("\n", "")
    assert html.index("Before.") < html.index("table-wrap") < html.index("After.")
