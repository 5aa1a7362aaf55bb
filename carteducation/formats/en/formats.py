"""English dates as the site has always shown them: "23 November 2026", "November 2026"."""

DATE_FORMAT = "j F Y"
YEAR_MONTH_FORMAT = "F Y"
