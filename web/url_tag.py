"""{% url %} in the language of the page: a template builtin that stands in for Django's own tag.

Templates name pages as in English ("articles:home"); on a Spanish page the tag reverses the
Spanish page of that name ("es:articles:home", /es/). That is what {% url %} does under Django's
i18n_patterns, which this site cannot use: they negotiate the language from Accept-Language and
a cookie, and add Vary: Accept-Language. A name that already says its language is left as it is.
"""

from django import template
from django.template import defaulttags
from django.utils import translation

from engine import LANGUAGES, url_name

register = template.Library()


class _InPageLanguage:
    """The view name of a {% url %} tag, resolved in the language active for the page."""

    def __init__(self, view_name):
        self.view_name = view_name

    def resolve(self, context):
        name = self.view_name.resolve(context)
        language = translation.get_language()
        if language not in LANGUAGES or name.split(":", 1)[0] in LANGUAGES:
            return name
        return url_name(language, name)


@register.tag
def url(parser, token):
    node = defaulttags.url(parser, token)
    node.view_name = _InPageLanguage(node.view_name)
    return node
