"""Template filters for how words sit on a line (a builtin in settings.TEMPLATES).

whole_words: a hyphenated word ("CAR-T") never breaks at its hyphen. A short heading on a 320px
phone with the reader's text at 200% would otherwise end a line with "CAR-" and start the next
with "T"; U+2011 NON-BREAKING HYPHEN looks and reads the same.
"""

import re

from django import template

register = template.Library()

HYPHEN_IN_WORD = re.compile(r"(?<=\w)-(?=\w)")


@register.filter
def whole_words(text):
    """The text with each hyphen inside a word made non-breaking (it stays safe to show)."""
    return HYPHEN_IN_WORD.sub("\u2011", str(text))
