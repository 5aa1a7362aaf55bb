"""The checker's look at the summaries for clinicians: an evidence table a clinician can trust.

Each summary has an evidence table with the columns Study, Design, n, Disease, Follow-up, Outcome
and Certainty, each row citing its source and giving its certainty in GRADE's words; and a table of
the main risks (Risk, Reported rate, Source), each row citing its source. Read from the rendered
page, as a reader sees it.
"""

from html.parser import HTMLParser

from .errors import ContentError

EVIDENCE_COLUMNS = ("Study", "Design", "n", "Disease", "Follow-up", "Outcome", "Certainty")
RISK_COLUMNS = ("Risk", "Reported rate", "Source")
CERTAINTY = ("High", "Moderate", "Low", "Very low", "Not applicable")


class _Tables(HTMLParser):
    """Every table of a page: rows of (cell text, whether the cell cites a source)."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.tables, self._cell = [], None
        self.feed(str(html))
        self.close()

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in {"td", "th"} and self.tables and self.tables[-1]:
            self._cell = ["", False]
        elif tag == "a" and self._cell is not None and "cite-link" in dict(attrs).get("class", ""):
            self._cell[1] = True

    def handle_endtag(self, tag):
        if tag in {"td", "th"} and self._cell is not None:
            self.tables[-1][-1].append((" ".join(self._cell[0].split()), self._cell[1]))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[0] += data


def check_summary(document):
    """ContentErrors for one clinicians.md (a checks.Document)."""
    tables = _Tables(document.html).tables
    headers = {tuple(text for text, _ in table[0]): table for table in tables if table}
    evidence, risks = headers.get(EVIDENCE_COLUMNS), headers.get(RISK_COLUMNS)
    if evidence is None:
        yield document.error(
            document.body_line,
            "a summary for clinicians needs an evidence table with the columns "
            + " | ".join(EVIDENCE_COLUMNS),
        )
    else:
        for row in evidence[1:]:
            yield from _evidence_row(document, row)
    if risks is None:
        yield document.error(
            document.body_line,
            "a summary for clinicians needs a table of the main risks with the columns "
            + " | ".join(RISK_COLUMNS),
        )
    else:
        for row in risks[1:]:
            if not any(cites for _, cites in row):
                yield _row_error(document, row, "this risk cites no source: add [@key]")


def _evidence_row(document, row):
    if len(row) != len(EVIDENCE_COLUMNS):
        yield _row_error(
            document, row, f"this row has {len(row)} cells, not {len(EVIDENCE_COLUMNS)}"
        )
        return
    if not any(cites for _, cites in row):
        yield _row_error(document, row, "this study cites no source: add [@key]")
    certainty = row[-1][0]
    if certainty not in CERTAINTY:
        words = ", ".join(CERTAINTY)
        yield _row_error(document, row, f'the certainty "{certainty}" is not one of: {words}')


def _row_error(document, row, message):
    first = row[0][0] if row else ""
    return ContentError(document.name, document.line_of(first[:20]), message)
