"""Links and #anchors that lead nowhere, relative links, links to drafts.

A site path is looked up through the site's addresses (engine.site.resolve), and the page it
names in the library of its language; an #anchor against the ids that page will have.
"""

from urllib.parse import urljoin, urlsplit

from .. import site
from ..errors import did_you_mean
from ..rendering import Elements
from ..sanitize import is_static_path

GENERATED_LINK_CLASSES = {"term", "heading-link", "cite-link"}  # made by the site, not the editor


def _ids(page_html):
    return {attrs["id"] for _, attrs in Elements(page_html).elements if attrs.get("id")}


# Ids the templates give a page besides those in its content (see templates/): a link may jump
# to these too. Kept short on purpose: editors link to headings.
PAGE_IDS = {"main-content"}
OVERVIEW_IDS = PAGE_IDS | {"contents-heading"}
TERM_PAGE_IDS = PAGE_IDS | {"term-title", "related-terms", "where-it-appears"}


def _section_ids(section):
    ids = _ids(section.html) | PAGE_IDS
    ids |= {section.source_anchor(number) for number in range(1, len(section.sources) + 1)}
    return ids | {f"{section.slug}-sources-heading", f"{section.slug}-questions-heading"}


def _ids_on_page(view_name, page):
    """The ids a link can jump to on a page, or None when that page is not checked."""
    if view_name == "articles:section":
        return _section_ids(page)
    if view_name == "articles:full":
        ids = set(OVERVIEW_IDS)
        for section in page.sections:
            ids |= _section_ids(section) | {section.slug, f"{section.slug}-title"}
        return ids
    if view_name == "articles:article":
        return _ids(page.intro_html) | OVERVIEW_IDS
    if view_name == "glossary:term":
        return _ids(page.html) | TERM_PAGE_IDS
    if view_name in {"conditions:condition", "conditions:clinicians"}:
        if view_name == "conditions:clinicians":
            page = getattr(page, "clinicians", None) or page
        return _ids(page.html) | PAGE_IDS
    return None


def _view_of(document):
    return {
        "article": "articles:article",
        "section": "articles:section",
        "term": "glossary:term",
        "condition": "conditions:condition",
        "clinicians": "conditions:clinicians",
    }[document.kind]


def _target(address, library):
    """The Article, Section or Term a resolved site address shows, None if it names none, or
    True for a page that does not come from one content file (home, glossary index...)."""
    if library is None:
        return True  # a language this check did not build
    view_name, kwargs = address.view, address.kwargs
    article = library.articles.get(kwargs.get("article_slug", ""))
    if view_name == "articles:section":
        return article.section(kwargs["section_slug"]) if article else None
    if "article_slug" in kwargs:
        return article
    if view_name == "glossary:term":
        return library.terms.get(kwargs.get("slug", ""))
    if "condition_slug" in kwargs:
        condition = library.conditions.get(kwargs["condition_slug"])
        if view_name == "conditions:clinicians" and condition is not None:
            return condition if condition.clinicians is not None else None
        return condition
    return True


def _known_paths(library):
    paths = []
    for article in library.articles.values():
        paths += [article.get_absolute_url(), article.get_full_url()]
        paths += [section.get_absolute_url() for section in article.sections]
    paths += [term.get_absolute_url() for term in library.terms.values()]
    paths += [condition.get_absolute_url() for condition in library.conditions.values()]
    return paths


# An address under /static/ that is not a plain file path (engine.sanitize.is_static_path).
UNPLAIN_STATIC = (
    'the {what} "{path}" is not a plain file path in static/ (no "..", "//", "\\", "%" codes'
    ' or "?"): write the file\'s own path, like /static/img/blood-test.png'
)


def static_file_exists(path):
    """Whether a file under static/ exists, as the site finds its static files."""
    find = site.current().find_static
    return find is None or bool(find(path))


def check_links(document, library, today):
    for tag, attrs in Elements(document.html).elements:
        if tag != "a" or "href" not in attrs:
            continue
        if GENERATED_LINK_CLASSES & set(attrs.get("class", "").split()):
            continue
        href = attrs["href"]
        problem = link_problem(href, document, library)
        if problem:
            message, level = problem
            yield document.error(document.line_of(href), message, level)


def link_problem(href, document, library):
    """(message, level) for a link that will not work as meant, or None."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None  # another site, or mailto: checking it would need the network
    if not parts.path:
        return _anchor_problem(
            href, parts.fragment, _ids_on_page(_view_of(document), document.page)
        )
    if not parts.path.startswith("/"):
        meant = urljoin(document.page.get_absolute_url(), href)
        return (
            f'the link "{href}" is relative, so it breaks when the page moves or is printed; '
            f'write the whole path from the site root, like "{meant}"',
            "error",
        )
    static_url = site.current().static_url
    if parts.path.startswith(static_url):
        if not is_static_path(parts.path):
            return UNPLAIN_STATIC.format(what="link", path=href), "error"
        if static_file_exists(parts.path.removeprefix(static_url)):
            return None
        return f'the link "{href}" leads to a file that is not in static/', "error"
    address = site.resolve(parts.path)
    if address is None:
        if site.resolve(parts.path + "/") is None:
            hint = did_you_mean(parts.path, _known_paths(library))
            return f'the link "{href}" leads to no page on this site{hint}', "error"
        return f'the link "{href}" needs a / at the end: "{parts.path}/"', "warning"
    target_library = document.libraries.get(address.language)
    target = _target(address, target_library)
    if target is None:
        hint = did_you_mean(parts.path, _known_paths(target_library))
        return f'the link "{href}" leads to no page on this site{hint}', "error"
    if target is True:
        return None
    if _is_draft(target, target_library) and not _is_draft(document.page, library):
        return f'the link "{href}" leads to a draft, which the live site does not show', "warning"
    return _anchor_problem(href, parts.fragment, _ids_on_page(address.view, target))


def _is_draft(page, library):
    article = library.articles.get(getattr(page, "article_slug", ""))
    return page.draft or bool(article and article.draft)


def _anchor_problem(href, fragment, ids):
    if not fragment or ids is None or fragment in ids:
        return None
    hint = did_you_mean(fragment, sorted(ids), prefix="#")
    return (
        f'the link "{href}" goes to "#{fragment}", but no heading on that page has that id{hint}',
        "error",
    )
