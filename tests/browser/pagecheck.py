"""What the browser tests measure inside a page: axe-core, layout overflow, clipped text, focus.

Every check returns plain sentences that name the element and the problem, so a failing test can
print them next to the page's address. The in-page half lives in pagecheck.js.
"""

from pathlib import Path

from axe_playwright_python.base import AXE_FILE_PATH

# WCAG 2.0, 2.1 and 2.2 at levels A and AA, plus Deque's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
PAGECHECK_JS = Path(__file__).with_name("pagecheck.js")


def install_checks(context):
    """Load axe-core (shipped in the axe-playwright-python wheel) and pagecheck.js into every page.

    As init scripts Chromium compiles them once and caches them; handing axe's 500 KB source to
    page.evaluate on every page, as the wrapper's Axe.run does, made the crawl several times slower.
    Init scripts also run whatever the page's Content-Security-Policy says.
    """
    context.add_init_script(path=str(AXE_FILE_PATH))
    context.add_init_script(path=str(PAGECHECK_JS))


def settle(page):
    """Wait until every part of the page is laid out. The one-page view lays out its later parts
    a frame at a time after the first paint (site.js, [data-later]); until then they have a
    stand-in size, and what axe or a layout check measures there is not what a reader sees
    (axe-core #2768). A page that never settles fails here, by name."""
    page.wait_for_function("() => !document.querySelector('[data-later]')", timeout=15_000)


def start_axe(page, rules=None, skip=()):
    """Start axe-core on the page and return at once, so another page can be driven meanwhile.
    skip: rules left out (by id)."""
    settle(page)
    if rules:
        options = {"runOnly": {"type": "rule", "values": rules}}
    else:
        options = {"runOnly": {"type": "tag", "values": AXE_TAGS}}
    if skip:
        options["rules"] = {rule: {"enabled": False} for rule in skip}
    options["resultTypes"] = ["violations"]
    # axe does most of its work synchronously: started from a timer, it runs after evaluate has
    # returned, in the page's own renderer process, while Python drives another page.
    page.evaluate(
        """(o) => {
          window.__axeRun = new Promise((resolve, reject) => {
            setTimeout(() => axe.run(document, o).then(resolve, reject), 0);
          });
        }""",
        options,
    )


def axe_results(page):
    """The violations of the run start_axe began, as lines: rule (impact): help at where. Fix."""
    violations = page.evaluate("async () => (await window.__axeRun).violations")
    lines = []
    for violation in violations:
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:3]]
        more = len(violation["nodes"]) - len(targets)
        where = "; ".join(targets) + (f" and {more} more" if more > 0 else "")
        summary = violation["nodes"][0].get("failureSummary", "").replace("\n", " ")
        impact = violation["impact"]
        lines.append(f"{violation['id']} ({impact}): {violation['help']} at {where}. {summary}")
    return lines


def axe_violations(page, rules=None):
    start_axe(page, rules)
    return axe_results(page)


def overflow(page):
    settle(page)
    return page.evaluate("() => __pagecheck.overflow()")


def clipped_text(page):
    settle(page)
    return page.evaluate("() => __pagecheck.clippedText()")


def double_text_size(page):
    page.evaluate("() => __pagecheck.doubleTextSize()")


def reset_text_size(page):
    page.evaluate("() => __pagecheck.resetTextSize()")


def describe(element):
    return element.evaluate("(el) => __pagecheck.describe(el)")


def focus_ring_problem(page):
    """None when the focused element shows a focus ring; otherwise what is wrong.

    A ring must be an outline of at least 2px or a box-shadow, and must differ from the element's
    look when not focused (so an outline it always has does not count).
    """
    element = page.evaluate_handle("() => document.activeElement")
    focused = element.evaluate("(el) => __pagecheck.focusStyle(el)")
    if not focused["outlineVisible"] and focused["boxShadow"] == "none":
        return f"no visible outline or box-shadow when focused ({focused})"
    # Blur, measure, focus again: Tab carries on from the same element afterwards.
    resting = element.evaluate("(el) => { el.blur(); return __pagecheck.focusStyle(el); }")
    element.evaluate("(el) => el.focus()")
    if (focused["outline"], focused["boxShadow"]) == (resting["outline"], resting["boxShadow"]):
        return f"looks the same focused and not focused ({focused})"
    return None
