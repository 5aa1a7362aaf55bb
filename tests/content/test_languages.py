"""The shipped content in both languages: every page has its counterpart (but the summaries for
clinicians, in English only by design), the switcher on each leads there and back to exactly the
same page, and the hreflang links agree with it."""

import re
from urllib.parse import urlsplit

import pytest

SITE = "http://127.0.0.1:8000"
SWITCH = re.compile(r'<div class="language-switch">\s*<p><a ([^>]*)>(.*?)</a>', re.S)
ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">')
# Pages with no content of their own in another language: files for machines, not readers.
NOT_PAGES = {"/sitemap.xml", "/robots.txt"}

pytestmark = pytest.mark.warmup  # crawls the whole shipped site


def english_only():
    """The pages written in English only, by design: the summaries for clinicians (as NCI's
    health-professional PDQ), each beside a condition page that is in both languages."""
    from engine import get_library

    return {
        condition.clinicians.get_absolute_url()
        for condition in get_library("en").conditions.values()
        if condition.clinicians is not None
    }


@pytest.fixture(scope="module")
def site_pages(crawled_site):
    pages, broken = crawled_site
    assert broken == []
    return {
        path: content.decode()
        for path, content in pages.items()
        if path not in NOT_PAGES and b"<html" in content[:200]
    }


@pytest.fixture(scope="module")
def paired_pages(site_pages):
    """Every page that has, or should have, its counterpart in the other language."""
    return {path: html for path, html in site_pages.items() if path not in english_only()}


def test_an_english_only_page_says_so_and_leads_to_the_spanish_home(site_pages):
    for path in english_only():
        attrs, text = switch_of(site_pages[path])
        assert attrs["href"] == "/es/" and "no está en español" in text


def switch_of(html):
    match = SWITCH.search(html)
    assert match, "no language switch"
    attrs = dict(re.findall(r'(\w+)="([^"]*)"', match.group(1)))
    return attrs, match.group(2)


def test_both_languages_are_reached(paired_pages):
    spanish = [path for path in paired_pages if path.startswith("/es/")]
    english = [path for path in paired_pages if not path.startswith("/es/")]
    assert len(spanish) >= 100 and len(english) >= 100
    assert len(spanish) == len(english)


def test_every_page_switches_to_its_counterpart_and_back_to_the_same_page(site_pages, paired_pages):
    problems = []
    for path, html in paired_pages.items():
        attrs, text = switch_of(html)
        other = attrs["href"]
        if other not in site_pages:
            problems.append(f"{path}: the switch leads to {other}, not a page of the site")
            continue
        if text not in {"English", "Español"}:
            problems.append(f"{path}: no counterpart ({text})")
        back, _ = switch_of(site_pages[other])
        if back["href"] != path:
            problems.append(f"{path} -> {other} -> {back['href']}")
        expected = "en" if other != "/es/" and not other.startswith("/es/") else "es"
        if attrs.get("lang") != expected or attrs.get("hreflang") != expected:
            problems.append(f"{path}: switch marked {attrs}")
    assert problems == []


def test_hreflang_links_are_absolute_reciprocal_and_name_the_page_itself(site_pages, paired_pages):
    from django.conf import settings

    problems = []
    for path, html in paired_pages.items():
        links = dict(ALTERNATE.findall(html))
        own = "es" if path.startswith("/es/") else "en"
        if set(links) != {"en", "es", "x-default"}:
            problems.append(f"{path}: hreflang {sorted(links)}")
            continue
        if links[own] != settings.SITE_URL + path or links["x-default"] != links["en"]:
            problems.append(f"{path}: {links}")
        other = urlsplit(links["es" if own == "en" else "en"]).path
        if dict(ALTERNATE.findall(site_pages.get(other, ""))) != links:
            problems.append(f"{path}: {other} does not name the same pages")
    assert problems == []
