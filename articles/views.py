"""Pages of the articles: home, article overview, one section, the whole article on one page,
the printable handout, the questions list and search."""

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control

from conditions import sharing
from conditions.views import section_handout_url, section_qr_url
from engine import MAX_QUERY_LENGTH, get_index, get_library, json_ld, parse_query
from pages.search import page_documents
from web import structured_data
from web.middleware.page_cache import reads_query_string
from web.shortcuts import get_article_or_404, get_section_or_404

from . import handout as handouts


def home(request):
    library = get_library(request.LANGUAGE_CODE)
    articles = list(library.articles.values())
    several = len(articles) > 1  # each article then has a heading of its own, its parts below it
    context = {
        "articles": articles,
        "several": several,
        "part_heading": "h3" if several else "h2",
        "conditions": list(library.conditions.values()),
    }
    return render(request, "articles/home.html", context)


def article_list(request):
    library = get_library(request.LANGUAGE_CODE)
    return render(request, "articles/list.html", {"articles": list(library.articles.values())})


def article(request, article_slug):
    article = get_article_or_404(get_library(request.LANGUAGE_CODE), article_slug)
    review = article.review
    context = {
        "article": article,
        "review": review,
        "structured_data": json_ld(structured_data.for_article(article, review)),
    }
    return render(request, "articles/article.html", context)


def section(request, article_slug, section_slug):
    library = get_library(request.LANGUAGE_CODE)
    article = get_article_or_404(library, article_slug)
    section = get_section_or_404(library, article_slug, section_slug)
    previous, following = article.neighbours(section)
    review = article.review_of(section)
    context = {
        "article": article,
        "section": section,
        "previous": previous,
        "next": following,
        "position": article.sections.index(section) + 1,
        "terms": library.terms_named(section.terms),
        "review": review,
        "structured_data": json_ld(structured_data.for_section(article, section, review)),
        **sharing.share_context(
            section,
            title=section.title,
            handout_url=section_handout_url(section),
            qr_url=section_qr_url(section),
            review_date=section.last_reviewed,
            language=section.language,
        ),
    }
    return render(request, "articles/section.html", context)


def full_article(request, article_slug):
    library = get_library(request.LANGUAGE_CODE)
    article = get_article_or_404(library, article_slug)
    # Every term the sections link, once each, in the order a reader meets them.
    terms = library.terms_named(slug for section in article.sections for slug in section.terms)
    review = article.whole_review
    context = {
        "article": article,
        "terms": terms,
        "review": review,
        "structured_data": json_ld(
            structured_data.for_article(article, review, url=article.get_full_url())
        ),
    }
    return render(request, "articles/full.html", context)


def handout(request, article_slug):
    library = get_library(request.LANGUAGE_CODE)
    article = get_article_or_404(library, article_slug)
    cards = handouts.handout_cards(library)
    context = {
        "article": article,
        "questions": handouts.handout_questions(article, cards=bool(cards)),
        "care_cards": cards,
        "steps": handouts.handout_steps(article, cards=bool(cards)),
        "online_address": handouts.online_address(article),
    }
    return render(request, "articles/handout.html", context)


def handout_qr(request, article_slug):
    article = get_article_or_404(get_library(request.LANGUAGE_CODE), article_slug)
    svg = handouts.qr_svg(handouts.online_address(article))
    return HttpResponse(svg, content_type="image/svg+xml")


def questions(request):
    articles = list(get_library(request.LANGUAGE_CODE).articles.values())
    return render(request, "articles/questions.html", {"articles": articles})


# Private: results pages name a reader's health worries, so no shared cache may keep them.
@cache_control(private=True, no_store=True)
@reads_query_string
def search(request):
    # Queries are never logged: nothing here writes the query anywhere, and django.request logs
    # only the path. (A server's access log is outside Django: keep it off or without the query.)
    # The page's language: its stop words, and (in Spanish) accents folded and words stemmed.
    query = parse_query(request.GET.get("q", ""), request.LANGUAGE_CODE)
    index = get_index(get_library(request.LANGUAGE_CODE), pages=page_documents)
    found = index.search(query, page=page_number(request.GET.get("page", "")))
    context = {
        "query": query,
        "found": found,
        # What the results are for: the query, or the suggestion when the query found nothing.
        "shown_query": found.suggestion if found.corrected else query.text,
        "max_length": MAX_QUERY_LENGTH,
        "hide_header_search": True,  # the page has its own search form
    }
    return render(request, "articles/search.html", context)


def page_number(raw):
    """The results page asked for: a whole number from 1, anything else is the first page."""
    raw = raw.strip()
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 6 else 1


def robots_txt(request):
    return render(request, "robots.txt", content_type="text/plain; charset=utf-8")
