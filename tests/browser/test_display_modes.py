"""The reader's display settings: a dark colour scheme and reduced motion.

One page of each kind (each template, plus the states that add colour: a search with highlighted
matches, an open glossary popover) is enough here; the crawl checks every page in light mode.
"""

import pytest

from .pagecheck import axe_violations, install_checks

SECTION = "/articles/car-t-autoimmune/what-is-car-t/"
PAGES = [
    "/",
    "/articles/",
    "/articles/car-t-autoimmune/",
    SECTION,  # the steps diagram
    "/articles/car-t-autoimmune/what-studies-show/",  # a table
    "/articles/car-t-autoimmune/all/",
    "/articles/car-t-autoimmune/handout/",
    "/questions/",
    "/search/?q=B+cells",
    "/glossary/",
    "/glossary/cd19/",
    "/no-such-page/",
]
CONTRAST_RULES = ["color-contrast", "link-in-text-block"]

# Relative luminance as WCAG defines it, of a computed "rgb(r, g, b)" colour.
LUMINANCE_JS = """(colour) => {
  const [r, g, b] = colour.match(/[\\d.]+/g).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}"""

# Every element's transitions and animations, as they would run now.
MOTION_JS = """() => {
  const moving = [];
  const seconds = (list) =>
    list.split(",").map((v) => parseFloat(v) * (v.includes("ms") ? 1e-3 : 1));
  for (const el of document.querySelectorAll("*")) {
    const style = getComputedStyle(el);
    const transition = seconds(style.transitionDuration).some((s) => s > 0);
    const animated = seconds(style.animationDuration).some((s) => s > 0);
    if (transition || (style.animationName !== "none" && animated)) {
      const name = `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}`;
      const animation = `${style.animationName} ${style.animationDuration}`;
      moving.push(`${name}: transition ${style.transitionDuration}, animation ${animation}`);
    }
  }
  return moving;
}"""


@pytest.fixture(scope="module")
def dark(browser):
    context = browser.new_context(color_scheme="dark", viewport={"width": 1280, "height": 900})
    install_checks(context)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="module")
def calm(browser):
    context = browser.new_context(reduced_motion="reduce", viewport={"width": 390, "height": 844})
    install_checks(context)
    page = context.new_page()
    yield page
    context.close()


def luminance(page, selector, prop):
    colour = page.locator(selector).evaluate(f"(el) => getComputedStyle(el).{prop}")
    return page.evaluate(LUMINANCE_JS, colour)


@pytest.mark.parametrize("path", PAGES)
def test_dark_mode_passes_colour_contrast(dark, live_url, path):
    dark.goto(live_url + path)
    violations = axe_violations(dark, rules=CONTRAST_RULES)
    assert not violations, f"{path} in dark mode:\n" + "\n".join(violations)


def test_dark_mode_glossary_popover_passes_colour_contrast(dark, live_url):
    dark.goto(live_url + SECTION)
    dark.locator(".prose a.term").first.click()
    assert dark.locator("#glossary-popover").is_visible()
    violations = axe_violations(dark, rules=CONTRAST_RULES)
    assert not violations, "\n".join(violations)


@pytest.mark.parametrize("path", ["/", SECTION, "/glossary/"])
def test_dark_mode_background_is_dark_and_text_light(dark, live_url, path):
    dark.goto(live_url + path)
    assert luminance(dark, "body", "backgroundColor") < 0.05
    assert luminance(dark, "main", "color") > 0.6


def test_light_mode_background_is_light(page, live_url):
    page.emulate_media(color_scheme="light")
    page.goto(live_url + "/")
    assert luminance(page, "body", "backgroundColor") > 0.9


@pytest.mark.parametrize("path", ["/", SECTION, "/glossary/", "/questions/"])
def test_reduced_motion_stops_every_transition_and_animation(calm, live_url, path):
    calm.goto(live_url + path)
    assert calm.evaluate("document.getAnimations().length") == 0
    moving = calm.evaluate(MOTION_JS)
    assert not moving, "\n".join(moving)


def test_reduced_motion_keeps_the_popover_and_parts_list_still(calm, live_url):
    calm.goto(live_url + SECTION)
    calm.locator(".prose a.term").first.click()
    summary = calm.locator("details summary").first
    summary.click()
    assert calm.evaluate("document.getAnimations().length") == 0


def test_reduced_motion_turns_smooth_scrolling_off(calm, live_url):
    calm.goto(live_url + SECTION)
    assert calm.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "auto"
    calm.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    # An instant jump has already arrived when the click returns; a smooth one would be on its way.
    calm.locator("a[href='#top']").last.click()
    assert calm.evaluate("window.scrollY") == 0


def test_reduced_motion_also_stops_motion_added_later(calm, live_url):
    # The site has no motion today; this checks the safety net that catches any added tomorrow.
    calm.goto(live_url + "/")
    durations = calm.evaluate(
        """() => {
          const box = document.createElement("div");
          box.style.transition = "opacity 2s";
          box.style.animation = "spin 2s infinite";
          document.body.append(box);
          const style = getComputedStyle(box);
          return [style.transitionDuration, style.animationName];
        }"""
    )
    assert durations == ["0s", "none"]
