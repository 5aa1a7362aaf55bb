"""Pages of the articles: home, article overview, one section, the whole article on one page."""

from django.shortcuts import render

from .library import get_library


def home(request):
    library = get_library()
    return render(request, "articles/home.html", {"articles": list(library.articles.values())})


def article_list(request):
    library = get_library()
    return render(request, "articles/list.html", {"articles": list(library.articles.values())})


def article(request, article_slug):
    article = get_library().get_article_or_404(article_slug)
    return render(request, "articles/article.html", {"article": article})


def section(request, article_slug, section_slug):
    library = get_library()
    article = library.get_article_or_404(article_slug)
    section = library.get_section_or_404(article_slug, section_slug)
    previous, following = article.neighbours(section)
    context = {
        "article": article,
        "section": section,
        "previous": previous,
        "next": following,
        "position": article.sections.index(section) + 1,
        "terms": [library.terms[slug] for slug in section.terms if slug in library.terms],
    }
    return render(request, "articles/section.html", context)


def full_article(request, article_slug):
    library = get_library()
    article = library.get_article_or_404(article_slug)
    return render(request, "articles/full.html", {"article": article})


def robots_txt(request):
    return render(request, "robots.txt", content_type="text/plain; charset=utf-8")
