"""Python-Markdown's inline pass, the same HTML in less time.

The inline pass finds emphasis, links, citations, code and the like in every run of text. Python-
Markdown tries each of its inline patterns (16 on this site) on each run in turn, through a few
Python calls per pattern, even where a run holds nothing that pattern looks for: most runs are
plain words. That was 40% of a render, and a library's first start is mostly renders.

This pass asks each pattern's own regular expression first, in C, whether it finds anything at
all from where the pattern would start; only if it does is the pattern applied, exactly as
Python-Markdown applies it. Where the expression finds nothing, Python-Markdown's own step would
have found nothing either and moved on to the next pattern from the start of the text, which is
what this does. So the HTML is the same, byte for byte: tests/engine/test_quick_inline.py renders
every content file both ways.

One more skip, as exact: the four reference-style patterns ([text][id], [id] and their images)
make something only for an id defined in the document ("[id]: address" on a line of its own).
In a document with none, Python-Markdown reads each bracket's text (a scan of the whole run, in
Python, twice per link), finds no such id and leaves the text as it was; here they are not tried.

It replaces one private method of Python-Markdown's InlineProcessor (the loop over the patterns),
so it is used only where that method is there to replace (QUICK); the Markdown release is pinned
in requirements.lock and part of every render cache key (engine.rendering.RENDER_VERSION).
"""

import re

from markdown import util
from markdown.inlinepatterns import InlineProcessor as InlinePattern
from markdown.inlinepatterns import ReferenceInlineProcessor
from markdown.treeprocessors import InlineProcessor

NEVER = re.compile("(?!)")  # finds nothing anywhere

QUICK = all(
    hasattr(InlineProcessor, name)
    for name in ("_InlineProcessor__handleInline", "_InlineProcessor__applyPattern")
)


class QuickInlineProcessor(InlineProcessor):
    def run(self, tree, ancestors=None):
        # The patterns, with the expression to ask first (None: an old-style pattern, always
        # applied). Read here, when every extension has registered its own, and the document's
        # reference-style ids are known.
        self.quick_patterns = [
            (pattern, self._ask_first(pattern)) for pattern in self.inlinePatterns
        ]
        return super().run(tree, ancestors)

    def _ask_first(self, pattern):
        if not isinstance(pattern, InlinePattern):
            return None
        if isinstance(pattern, ReferenceInlineProcessor) and not self.md.references:
            return NEVER
        return pattern.getCompiledRegExp()

    def _InlineProcessor__handleInline(self, data, patternIndex=0):  # noqa: N802, N803
        """Python-Markdown's loop over the patterns, for one run of text (see the module's
        docstring): the same steps, less the patterns that cannot match."""
        if isinstance(data, util.AtomicString):
            return data
        patterns = self.quick_patterns
        apply = self._InlineProcessor__applyPattern
        start = 0
        while patternIndex < len(patterns):
            pattern, expression = patterns[patternIndex]
            if expression is not None and expression.search(data, start) is None:
                patternIndex, start = patternIndex + 1, 0
                continue
            data, matched, start = apply(pattern, data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data
