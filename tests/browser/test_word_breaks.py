"""No word breaks without a hyphen, on a 320px phone with the reader's text at 200%, in both
languages: the page's title breaks between words, and any word too long for its line breaks only
where the browser hyphenates it by the language it is in (hyphens: auto, under a lang). Debian's
Chromium has no hyphenation dictionaries, so this checks that the page asks for it; browsers on
phones have them for English and Spanish."""

import pytest

from .pagecheck import double_text_size, install_checks

PAGES = [
    "/",
    "/articles/car-t-autoimmune/",
    "/articles/car-t-autoimmune/family-and-caregivers/",
    "/articles/car-t-autoimmune/risks/",
    "/glossary/immunosuppressant/",
    "/questions/",
    "/search/?q=side+effects",
    "/es/",
    "/es/articulos/car-t-enfermedades-autoinmunes/",
    "/es/articulos/car-t-enfermedades-autoinmunes/familia-y-cuidadores/",
    "/es/articulos/car-t-enfermedades-autoinmunes/riesgos/",
    "/es/glosario/inmunosupresor/",
    "/es/preguntas/",
    "/es/buscar/?q=efectos+secundarios",
]

# Each word of the page's text whose letters stand on more than one line: [word, the element's
# tag, its computed hyphens, the language in effect].
BROKEN_WORDS = """() => {
  const broken = [];
  const main = document.querySelector("main");
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (!element.getClientRects().length || element.closest(".visually-hidden")) continue;
    for (const match of node.data.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0)
        .map((r) => Math.round(r.top)));
      if (tops.size > 1) {
        const block = element.closest("h1, h2, h3, h4, p, li, dd, dt, td, th, label, legend, a")
          || element;
        broken.push([match[0], block.tagName.toLowerCase(), getComputedStyle(element).hyphens,
                     element.closest("[lang]").getAttribute("lang")]);
      }
    }
  }
  return broken;
}"""


@pytest.fixture(scope="module")
def small_phone(browser):
    context = browser.new_context(viewport={"width": 320, "height": 640}, is_mobile=True)
    install_checks(context)
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_a_word_too_long_for_its_line_breaks_only_with_a_hyphen(small_phone, live_url, path):
    small_phone.goto(live_url + path)
    double_text_size(small_phone)
    broken = small_phone.evaluate(BROKEN_WORDS)
    language = "es" if path.startswith("/es/") else "en"
    unhyphenated = [w for w in broken if w[2] != "auto" or w[3] not in {language, "en", "es"}]
    assert unhyphenated == [], "words broken where the browser cannot hyphenate them"


# Pages whose headings are made of everyday words: they break between words. (A heading that is one
# long medical word, "Immunosuppressant", is hyphenated like any other long word.)
@pytest.mark.parametrize(
    "path", ["/", "/es/", "/search/?q=side+effects", "/es/buscar/?q=efectos+secundarios"]
)
def test_headings_break_between_words(small_phone, live_url, path):
    small_phone.goto(live_url + path)
    double_text_size(small_phone)
    broken = small_phone.evaluate(BROKEN_WORDS)
    assert [word for word in broken if word[1] in {"h1", "h2", "h3"}] == []
