"""Spanish dates: "23 de noviembre de 2026", "noviembre de 2026" (Django's catalogue gives the
month names, in lower case as Spanish writes them)."""

from engine import get_language

DATE_FORMAT = get_language("es").date_format
YEAR_MONTH_FORMAT = get_language("es").month_format
