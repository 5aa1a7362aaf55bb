"""Parsed and rendered files -> the pages: Article, Section, Term and Reference, with the checks
that need them all at once (duplicate slugs and orders, citations that name no reference, glossary
marks that name no term, care card problems). engine.build calls these once per build."""

from .documents import Article, Section
from .errors import ContentError, did_you_mean
from .kinds import REFERENCES_FILE
from .languages import SOURCE_LANGUAGE
from .terms import Term, check_terms


def build_references(parsed, problems, language=SOURCE_LANGUAGE):
    """{key: Reference} from references.yaml, each as the language's pages show it."""
    references = {}
    for item in parsed:
        if item.kind != "references":
            continue
        for reference in item.meta["entries"]:
            if reference.key in references:
                problems.append(
                    ContentError(
                        item.name, reference.line, f'the key "{reference.key}" is used twice'
                    )
                )
                continue
            references[reference.key] = reference.in_language(language)
    return references


def stem_of(key):
    """The file name of a term's key without .md: how marks and related: lists name it."""
    return key.rsplit("/", 1)[-1].removesuffix(".md")


def build_terms(items, references, problems, renders, language=SOURCE_LANGUAGE):
    terms, lines = {}, {}
    for item in items:
        if item.slug in terms:  # only a translation writes its terms' slugs
            problems.append(slug_clash(item, terms[item.slug].source_name, "term"))
            continue
        rendered = renders[item.name]
        report_missing_citations(item, rendered, problems, references)
        report_card_problems(item, rendered, problems)
        lines[item.slug] = item.lines
        meta = {key: value for key, value in item.meta.items() if key != "slug"}
        terms[item.slug] = Term(
            slug=item.slug,
            **meta,
            html=rendered.html,
            source_name=item.name,
            sources=[references[key] for key in rendered.cited if key in references],
            language=item.language,
            key=item.key,
        )
    if language != SOURCE_LANGUAGE:
        # related: names terms by their English file names; the pages need their own slugs.
        # One not translated yet is left out (engine.translations reports one that names no
        # English term either).
        slugs = {stem_of(term.key): slug for slug, term in terms.items()}
        for term in terms.values():
            term.related = [slugs[stem] for stem in term.related if stem in slugs]
    problems.extend(check_terms(terms, lines, language))
    return terms


def slug_clash(item, other, what):
    line = item.lines.get("slug", 1)
    return ContentError(
        item.name,
        line,
        f'the slug "{item.slug}" is already used by {other}; this {what} is left out',
    )


def index_by_key(articles, terms, conditions=None):
    """{key: Article, Section, Term, Condition or ClinicianSummary}: the page each English file
    path names in this library."""
    found = {term.key: term for term in terms.values()}
    for condition in (conditions or {}).values():
        found[condition.key] = condition
        if condition.clinicians is not None:
            found[condition.clinicians.key] = condition.clinicians
    for article in articles.values():
        found[article.key] = article
        found.update((section.key, section) for section in article.sections)
    return found


def report_missing_citations(item, rendered, problems, references):
    for key in rendered.missing_citations:
        hint = did_you_mean(key, references, prefix="[@", suffix="]")
        problems.append(
            ContentError(
                item.name,
                item.line_of(f"@{key}"),
                f'the citation "{key}" names no entry in {REFERENCES_FILE}{hint}',
            )
        )


def report_unknown_terms(item, rendered, problems, terms):
    """terms: {English file name: Term}, as a mark names a term after its "|"."""
    if not rendered.unknown_terms:
        return  # the usual case: no list of every name to make (1,100 terms: 2 ms a section)
    names = [name for term in terms.values() for name in (term.term, *term.aliases)]
    for mark in rendered.unknown_terms:
        words, bar, stem = mark.removeprefix("[[").removesuffix("]]").partition("|")
        if bar:
            hint = did_you_mean(stem.strip(), terms, prefix=f"[[{words}|", suffix="]]")
        else:
            hint = did_you_mean(words.strip(), names, prefix="[[", suffix="]]")
        problems.append(
            ContentError(
                item.name,
                item.line_of(mark),
                f"{mark} names no glossary term; the words are shown unlinked{hint}",
            )
        )


def report_card_problems(item, rendered, problems):
    """The mistakes in the site's own blocks: care cards and icon arrays."""
    for problem in rendered.card_problems:
        problems.append(ContentError(item.name, item.body_line + problem.line - 1, problem.message))
    for problem in rendered.icon_problems:
        line = item.body_line + problem.line - 1
        problems.append(ContentError(item.name, line, problem.message, problem.level))


def build_articles(items, references, terms, problems, renders):
    """{slug: Article}. terms: {English file name: Term}, as marks name them."""
    folders = {}
    for item in items:
        folders.setdefault(item.folder, []).append(item)
    articles = {}
    for _, items in sorted(folders.items()):
        heads = [item for item in items if item.kind == "article"]
        if not heads:
            where = items[0].name.rsplit("/", 1)[0]
            problems.append(
                ContentError(f"{where}/article.md", 0, "this article folder has no article.md")
            )
            continue
        head = heads[0]
        slug = head.slug
        if slug in articles:  # only a translation writes its articles' slugs
            problems.append(slug_clash(head, articles[slug].source_name, "article"))
            continue
        section_items = [i for i in items if i.kind == "section"]
        sections = build_sections(section_items, slug, references, terms, problems, renders)
        intro = renders[head.name]
        report_missing_citations(head, intro, problems, references)
        report_card_problems(head, intro, problems)
        articles[slug] = Article(
            slug=slug,
            **{key: value for key, value in head.meta.items() if key != "slug"},
            intro_html=intro.html,
            sections=sections,
            source_name=head.name,
            language=head.language,
            key=head.key,
        )
    return articles


def build_sections(items, article_slug, references, terms, problems, renders):
    sections, slugs, orders = [], {}, {}
    # Links were made by the terms' English file names (as marks write them); the pages name
    # terms by their slugs, which in a translation are the terms' own.
    term_slugs = {stem: term.slug for stem, term in terms.items()}
    for item in sorted(items, key=lambda i: (i.meta["order"], i.name)):
        meta = item.meta
        clash = slugs.get(meta["slug"]) or orders.get(meta["order"])
        if clash:
            what = "slug" if meta["slug"] in slugs else "order"
            problems.append(
                ContentError(
                    item.name,
                    item.lines.get(what, 1),
                    f"the {what} is already used by {clash}; this section is left out",
                )
            )
            continue
        slugs[meta["slug"]], orders[meta["order"]] = item.name, item.name
        rendered = renders[item.name]
        report_missing_citations(item, rendered, problems, references)
        report_unknown_terms(item, rendered, problems, terms)
        report_card_problems(item, rendered, problems)
        sections.append(
            Section(
                article_slug=article_slug,
                **meta,
                html=rendered.html,
                text=rendered.text,
                toc=rendered.toc,
                sources=[references[key] for key in rendered.cited if key in references],
                terms=[term_slugs.get(stem, stem) for stem in rendered.terms],
                term_anchors={term_slugs.get(s, s): a for s, a in rendered.term_anchors.items()},
                source_name=item.name,
                cards=rendered.cards,
                language=item.language,
                key=item.key,
            )
        )
    return sections
