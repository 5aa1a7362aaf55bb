"""What the Privacy statement promises, seen from the browser, and the footer route to the pages
about the site. (Every page's footer links, review dates and structured data are checked by the
crawl in test_crawl.py.)"""

QUESTION = "Will my insurance pay for zebra-striped CAR-T cells?"


def test_typed_question_is_never_sent(page, live_url):
    sent = []
    page.on("request", lambda request: sent.append((request.url, request.post_data or "")))
    page.goto(f"{live_url}/questions/")
    page.locator(".question input[type=checkbox]").first.check()
    page.fill("#own-question", QUESTION)
    page.click("#add-own-question")
    page.locator("#own-question-list .question__text").get_by_text(QUESTION).wait_for()
    # Follow a link and come back, as a reader would, then reload.
    page.locator(".question-group__read a").first.click()
    page.wait_for_load_state()
    page.go_back()
    page.reload()
    assert len(sent) >= 3
    words = ("zebra", "insurance", "zebra-striped")
    leaks = [url for url, body in sent if any(word in url + body for word in words)]
    assert leaks == []


def test_keyboard_reaches_the_about_page_from_the_footer(page, live_url):
    page.goto(f"{live_url}/articles/car-t-autoimmune/risks/")
    link = page.locator("footer").get_by_role("link", name="About this site")
    link.focus()
    assert page.evaluate("document.activeElement.textContent") == "About this site"
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_url}/about/")
    assert page.locator("h1").inner_text() == "About this site"


def test_privacy_and_accessibility_are_one_tab_after_about(page, live_url):
    page.goto(f"{live_url}/glossary/cd19/")
    page.locator("footer").get_by_role("link", name="About this site").focus()
    names = []
    for _ in range(2):
        page.keyboard.press("Tab")
        names.append(page.evaluate("document.activeElement.textContent"))
    assert names == ["Privacy", "Accessibility"]
