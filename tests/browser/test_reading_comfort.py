"""Body text that is comfortable to read: large enough, lines not too long, room between lines."""

import pytest

SECTION = "/articles/car-t-autoimmune/what-is-car-t/"
PROSE = ".prose p"

# Characters on each full line of the body text (a paragraph's last line is usually short, and
# citation numbers sit on their own baseline, so both are left out), as the browser laid it out.
LINE_LENGTHS_JS = """(selector) => {
  const lengths = [];
  for (const paragraph of document.querySelectorAll(selector)) {
    const tops = [];
    const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest("sup, .visually-hidden")) continue;
      for (let i = 0; i < node.length; i++) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const box = range.getClientRects()[0];
        if (box) tops.push(box.top);
      }
    }
    const lineHeight = parseFloat(getComputedStyle(paragraph).lineHeight);
    const lines = [];
    for (const top of tops) {
      const line = lines.find((l) => Math.abs(l.top - top) < lineHeight / 2);
      if (line) line.count += 1;
      else lines.push({ top, count: 1 });
    }
    lines.pop();
    lengths.push(...lines.map((l) => l.count));
  }
  return lengths.sort((a, b) => a - b);
}"""


@pytest.fixture
def reader(browser, live_url):
    def open_at(width):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto(live_url + SECTION)
        opened.append(context)
        return page

    opened = []
    yield open_at
    for context in opened:
        context.close()


def px(page, selector, prop):
    return page.locator(selector).first.evaluate(f"(el) => parseFloat(getComputedStyle(el).{prop})")


@pytest.mark.parametrize("width", [320, 390, 1280])
def test_body_text_is_at_least_18px(reader, width):
    page = reader(width)
    assert px(page, PROSE, "fontSize") >= 18


@pytest.mark.parametrize("width", [320, 1280])
def test_lines_are_spaced_at_least_one_and_a_half(reader, width):
    page = reader(width)
    assert px(page, PROSE, "lineHeight") >= 1.5 * px(page, PROSE, "fontSize")


def test_lines_of_body_text_are_about_65_characters_on_a_wide_screen(reader):
    lengths = reader(1280).evaluate(LINE_LENGTHS_JS, PROSE)
    median = lengths[len(lengths) // 2]
    assert 55 <= median <= 75, f"median {median} characters a line: {lengths}"


def test_lines_on_a_phone_are_not_too_short_to_read(reader):
    lengths = reader(390).evaluate(LINE_LENGTHS_JS, PROSE)
    assert lengths[len(lengths) // 2] >= 30, lengths
