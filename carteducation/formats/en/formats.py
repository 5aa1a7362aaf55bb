"""English dates as the site has always shown them: "23 November 2026", "November 2026"."""

from engine import get_language

DATE_FORMAT = get_language("en").date_format
YEAR_MONTH_FORMAT = get_language("en").month_format
