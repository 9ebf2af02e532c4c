# Date formats per interface language (FORMAT_MODULE_PATH). Django's own names are used by
# the `date` filter; the *_WEEKDAY_* names, DAY_FORMAT and TIME_SUFFIX by portal_tags.date_as
# and time_suffix, because Django only resolves its own format names.
DATE_FORMAT = "j. F Y"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j. F"
TIME_FORMAT = "H:i"
WEEKDAY_DATE_FORMAT = "l, j. F Y"
SHORT_WEEKDAY_DATE_FORMAT = "D, j. F Y"
SHORT_WEEKDAY_MONTH_DAY_FORMAT = "D, j. F"
DAY_FORMAT = "j."
TIME_SUFFIX = "Uhr"
