"""What the sanitiser removed (noted while rendering, engine.rendering.sanitiser_losses),
images without alt text or outside static/, and glossary marks where they do not work."""

import re

from .. import site
from ..rendering import Elements
from ..sanitize import is_static_path
from .links import UNPLAIN_STATIC, static_file_exists


def check_markup(document, library, today):
    for attrs in document.rendered.images:
        yield from _image_problems(attrs, document)
    yield from _removed_by_sanitiser(document)
    for mark in re.findall(r"\[\[[^\[\]\n]*\]\]", Elements(document.html).text):
        yield document.error(
            document.line_of(mark),
            f'"{mark}" shows on the page as typed: glossary marks work only in section files',
            "warning",
        )


def _image_problems(attrs, document):
    src = attrs.get("src", "")
    line = document.line_of(src) if src else document.body_line
    if not attrs.get("alt", "").strip():
        yield document.error(
            line,
            "the image has no alt text: describe it inside the square brackets, like "
            "![A nurse taking a blood sample](/static/img/blood-test.png)",
        )
    static_url = site.current().static_url
    if not src.startswith(static_url):
        return  # reported with what the sanitiser removed
    if not is_static_path(src):
        yield document.error(line, UNPLAIN_STATIC.format(what="image", path=src))
    elif not static_file_exists(src.removeprefix(static_url)):
        yield document.error(line, f'the image "{src}" is not in static/')


def _removed_by_sanitiser(document):
    for loss in document.rendered.removed:
        if loss[0] == "tag":
            tag = loss[1]
            if tag == "h1":
                yield document.error(_top_heading_line(document), TOP_HEADING, "warning")
            else:
                message = (
                    f"the HTML tag <{tag}> is not allowed; the site removes it, so it will not show"
                )
                yield document.error(document.line_of(f"<{tag}"), message, "warning")
        else:
            _, tag, name, value = loss
            if tag == "img" and name == "src" and value.startswith(site.current().static_url):
                continue  # reported by _image_problems, which says what is wrong with it
            message = _attribute_message(tag, name, value)
            yield document.error(document.line_of(value or name), message, "warning")


TOP_HEADING = 'a "#" heading: the page title is already the main heading; start headings with "##"'


def _top_heading_line(document):
    for offset, line in enumerate(document.body.split("\n")):
        if re.match(r"#(?!#)", line):
            return document.body_line + offset
    return document.body_line


def _attribute_message(tag, name, value):
    if tag == "a" and name == "href":
        return (
            f'the link address "{value}" is not allowed (only http, https and mailto); '
            "the site removes it"
        )
    if tag == "img" and name == "src":
        return (
            f'the image "{value}" is not on this site; images must be in static/ '
            "(an address starting /static/)"
        )
    return f'the HTML attribute {name}="{value}" on <{tag}> is not allowed; the site removes it'
