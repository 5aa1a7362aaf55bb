"""Spanish dates: "23 de noviembre de 2026", "noviembre de 2026" (Django's catalogue gives the
month names, in lower case as Spanish writes them)."""

DATE_FORMAT = r"j \d\e F \d\e Y"
YEAR_MONTH_FORMAT = r"F \d\e Y"
