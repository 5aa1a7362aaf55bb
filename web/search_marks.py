"""The search page's marked words, as a template filter (a builtin in settings.TEMPLATES):
{{ result.summary|marked }}.

engine.search.highlight splits a title, heading or summary into (text, is_match) pieces, and
engine.sanitize.marked() writes them as HTML, every piece escaped and the matches in <mark>, in
one step rather than a template loop over the pieces (twenty results with their pieces were a
fifth of a long question's page).
"""

from django import template

from engine.sanitize import marked

register = template.Library()
register.filter("marked", marked)
