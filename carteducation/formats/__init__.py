"""Date formats per language (settings.FORMAT_MODULE_PATH). Templates name a format
(date:"DATE_FORMAT", date:"YEAR_MONTH_FORMAT") and the active language picks its pattern."""
