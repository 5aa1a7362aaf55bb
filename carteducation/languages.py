"""The site's languages, as data: each one's address prefix, route words, name and locale.

English lives at /, Spanish under /es/, each with its own words in the addresses (/articles/ and
/es/articulos/). The URL patterns are built from ROUTES (carteducation/urls.py), the language of
a request comes from its path alone (language_of_path; no cookie, no Accept-Language), and the
language switcher reads its names and its "not in this language yet" line from here. A third
language is one more entry in each table.

The content's own language rules (plurals, stemming, stop words) are in the engine; this is only
what the site around the content needs.
"""

from dataclasses import dataclass

DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True)
class SiteLanguage:
    code: str  # as in settings.LANGUAGES, <html lang>, hreflang and Content-Language
    name: str  # in its own language: what the switcher shows a reader of that language
    locale: str  # Open Graph's og:locale
    prefix: str  # where its pages live: "" for the default language, else "es/"
    # How many questions the printed handout has room for next to the key points, steps and
    # risks (articles/handout.py): a language that takes more words to say the same fits fewer.
    handout_questions: int
    # What a link into this language says on a page that has no counterpart in it: in this
    # language, since it speaks to a reader of this language.
    missing: str


LANGUAGES = {
    "en": SiteLanguage(
        code="en",
        name="English",
        locale="en_US",
        prefix="",
        handout_questions=8,
        missing="This page is not in English. Go to the English home page",
    ),
    "es": SiteLanguage(
        code="es",
        name="Español",
        locale="es_US",
        prefix="es/",
        # Spanish runs about a fifth longer than English: two questions fewer keep one sheet.
        handout_questions=6,
        missing="Esta página no está en español. Vaya a la página principal en español",
    ),
}

# The words in each language's addresses, by the English word. Slugs of articles, sections and
# terms come from the content files; these are the site's own words around them. A section slug
# may not be one of an article's words (ARTICLE_PAGES): those addresses belong to the article.
ROUTES = {
    "en": {
        "articles": "articles",
        "all": "all",
        "handout": "handout",
        "glossary": "glossary",
        "search": "search",
        "questions": "questions",
        "about": "about",
        "privacy": "privacy",
        "accessibility": "accessibility",
        "conditions": "conditions",
        "clinicians": "clinicians",
        "for_clinicians": "for-clinicians",
    },
    "es": {
        "articles": "articulos",
        "all": "todo",
        "handout": "hoja-para-imprimir",
        "glossary": "glosario",
        "search": "buscar",
        "questions": "preguntas",
        "about": "acerca-de",
        "privacy": "privacidad",
        "accessibility": "accesibilidad",
        "conditions": "enfermedades",
        "clinicians": "profesionales",
        "for_clinicians": "para-profesionales",
    },
}


# The article's own pages, whose addresses sit where a section's would
# (/articles/<article>/all/ beside /articles/<article>/<section>/), by their English route word,
# with what an editor is told when a section takes one of their words as its slug.
ARTICLE_PAGES = {
    "all": "the whole article on one page",
    "handout": "the printable handout",
}


def reserved_section_slugs(language):
    """{slug: the page that has it} for the section slugs `language`'s addresses already use.

    The content engine asks this for each section file (engine/parsing.py): plain data, no
    Django, so the engine can import it anywhere. A language with no route words reserves none.
    """
    words = ROUTES.get(language, {})
    return {words[word]: page for word, page in ARTICLE_PAGES.items() if word in words}


def language_of_path(path):
    """The language a site path is in: the one whose prefix it starts with, else the default."""
    for code, language in LANGUAGES.items():
        if language.prefix and (path + "/").startswith("/" + language.prefix):
            return code
    return DEFAULT_LANGUAGE


def other_languages(language):
    return [code for code in LANGUAGES if code != language]
