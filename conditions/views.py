"""Condition pages: the list by condition, a page per condition for patients, the summary for
clinicians beside it, one-page handouts (of a condition or of any section) and their QR codes,
and the page for clinicians and health-record teams."""

from django.http import Http404, HttpResponse
from django.shortcuts import render

from articles.handout import online_address, qr_svg
from engine import CODE_SYSTEMS as SYSTEMS
from engine import get_library, json_ld, url_name
from web import structured_data
from web.shortcuts import get_condition_or_404, get_section_or_404

from . import sharing


def condition_list(request):
    conditions = list(get_library(request.LANGUAGE_CODE).conditions.values())
    return render(request, "conditions/list.html", {"conditions": conditions})


def _english_summary(condition):
    """The clinicians' summary of a condition in any language: it is written in English only."""
    if condition.clinicians is not None:
        return condition.clinicians
    english = get_library("en").by_key.get(condition.key)
    return getattr(english, "clinicians", None)


def condition(request, condition_slug):
    library = get_library(request.LANGUAGE_CODE)
    page = get_condition_or_404(library, condition_slug)
    codes = get_library("en").codes.codes_for(_english_slug(page))
    context = {
        "condition": page,
        "review": page.review,
        "terms": library.terms_named(page.terms),
        "summary_for_clinicians": _english_summary(page),
        "codes": codes,
        "care": sharing.care_cards(page.language),
        "structured_data": json_ld(structured_data.for_condition(page, codes)),
        **sharing.share_context(
            page,
            title=page.title,
            handout_url=page.get_handout_url(),
            qr_url=page.get_qr_url(),
            review_date=page.last_reviewed,
            language=page.language,
        ),
    }
    return render(request, "conditions/condition.html", context)


def _english_slug(page):
    return page.key.split("/")[1]


def clinicians(request, condition_slug):
    page = get_condition_or_404(get_library("en"), condition_slug)
    summary = page.clinicians
    if summary is None:
        raise Http404("No summary for clinicians")
    codes = get_library("en").codes.codes_for(page.slug)
    context = {
        "condition": page,
        "summary": summary,
        "review": page.review,
        "codes": codes,
        "systems": SYSTEMS,
        "structured_data": json_ld(structured_data.for_clinicians(summary, codes)),
    }
    return render(request, "conditions/clinicians.html", context)


def handout(request, condition_slug):
    page = get_condition_or_404(get_library(request.LANGUAGE_CODE), condition_slug)
    context = {
        "sheet_title": page.title,
        "sheet_summary": page.summary,
        "sheet_points": page.key_points,
        "sheet_questions": page.questions,
        "back_url": page.get_absolute_url(),
        "qr_url": page.get_qr_url(),
        "online_address": online_address(page),
        "review_date": page.last_reviewed,
        "care": sharing.care_cards(page.language, pages=[page]),
    }
    return render(request, "conditions/handout.html", context)


def qr(request, condition_slug):
    page = get_condition_or_404(get_library(request.LANGUAGE_CODE), condition_slug)
    svg = qr_svg(online_address(page))
    return HttpResponse(svg, content_type="image/svg+xml")


def section_handout(request, article_slug, section_slug):
    library = get_library(request.LANGUAGE_CODE)
    section = get_section_or_404(library, article_slug, section_slug)
    context = {
        "sheet_title": section.title,
        "sheet_summary": section.in_short,
        "sheet_points": [],
        "sheet_headings": [entry["name"] for entry in section.toc],
        "sheet_questions": section.questions,
        "back_url": section.get_absolute_url(),
        "qr_url": section_qr_url(section),
        "online_address": online_address(section),
        "review_date": section.last_reviewed,
        "care": sharing.care_cards(section.language, pages=[section]),
    }
    return render(request, "conditions/handout.html", context)


def section_qr(request, article_slug, section_slug):
    section = get_section_or_404(get_library(request.LANGUAGE_CODE), article_slug, section_slug)
    return HttpResponse(qr_svg(online_address(section)), content_type="image/svg+xml")


def section_handout_url(section):
    from django.urls import reverse

    return reverse(
        url_name(section.language, "articles:section_handout"),
        args=[section.article_slug, section.slug],
    )


def section_qr_url(section):
    from django.urls import reverse

    return reverse(
        url_name(section.language, "articles:section_qr"), args=[section.article_slug, section.slug]
    )


def for_clinicians(request):
    from infobutton.examples import examples

    english = get_library("en")
    context = {
        "conditions": list(get_library(request.LANGUAGE_CODE).conditions.values()),
        "rules": english.codes.rules,
        "systems": SYSTEMS,
        "examples": examples(english),
    }
    return render(request, "conditions/for_clinicians.html", context)
