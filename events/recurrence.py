"""Recurrence rules in local (Europe/Berlin) wall-clock time.

Rules are expanded on dates, not instants, and each date gets its clock time afterwards,
so "Sundays 13:00" stays 13:00 across daylight-saving changes.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from dateutil import rrule

NONE, DAILY, WEEKLY, MONTHLY = "", "daily", "weekly", "monthly"
RRULE_DAYS = [rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU]
ICAL_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
# No editor means "every day for ever"; longer rules are cut here and the horizon
# command extends open-ended ones as time goes by.
MAX_DATES = 1000


@dataclass
class Rule:
    freq: str = NONE
    interval: int = 1
    weekdays: list = field(default_factory=list)  # 0 = Monday
    setpos: int | None = None  # monthly: 1..4, or -1 for the last
    count: int | None = None
    until: date | None = None

    @property
    def repeats(self):
        return self.freq != NONE

    @property
    def open_ended(self):
        return self.repeats and not self.count and not self.until

    def _rrule(self, first, until):
        kwargs = {"dtstart": datetime.combine(first, time()), "interval": self.interval or 1}
        if self.count:
            kwargs["count"] = min(self.count, MAX_DATES)
        kwargs["until"] = datetime.combine(until, time())
        if self.freq == DAILY:
            return rrule.rrule(rrule.DAILY, **kwargs)
        if self.freq == WEEKLY:
            days = [RRULE_DAYS[d] for d in sorted(self.weekdays)] or [RRULE_DAYS[first.weekday()]]
            return rrule.rrule(rrule.WEEKLY, byweekday=days, **kwargs)
        day = RRULE_DAYS[self.weekdays[0] if self.weekdays else first.weekday()]
        return rrule.rrule(rrule.MONTHLY, byweekday=day(self.setpos or 1), **kwargs)

    def dates(self, first, horizon, exceptions=()):
        """Dates from `first` up to `horizon` (inclusive), without the exceptions."""
        if not self.repeats:
            return [first] if first <= horizon and first not in exceptions else []
        until = min(self.until, horizon) if self.until else horizon
        if until < first:
            return []
        dates = []
        for moment in self._rrule(first, until):
            if moment.date() not in exceptions:
                dates.append(moment.date())
            if len(dates) >= MAX_DATES:
                break
        return dates

    def ical(self):
        """The RRULE value as a dict for the icalendar library."""
        value = {"FREQ": self.freq.upper(), "INTERVAL": self.interval or 1}
        if self.freq == WEEKLY and self.weekdays:
            value["BYDAY"] = [ICAL_DAYS[d] for d in sorted(self.weekdays)]
        if self.freq == MONTHLY:
            day = ICAL_DAYS[self.weekdays[0]] if self.weekdays else None
            if day:
                value["BYDAY"] = [f"{self.setpos or 1}{day}"]
        if self.count:
            value["COUNT"] = self.count
        elif self.until:
            value["UNTIL"] = self.until
        return value


def parse_dates(text):
    """'24.12.2026, 2026-12-31' -> [date, date]; raises ValueError naming a bad entry."""
    result = []
    for part in (text or "").replace(";", ",").replace("\n", ",").split(","):
        part = part.strip()
        if not part:
            continue
        for pattern in ("%d.%m.%Y", "%Y-%m-%d"):
            try:
                result.append(datetime.strptime(part, pattern).date())
                break
            except ValueError:
                continue
        else:
            raise ValueError(part)
    return result


def add_days(day, days):
    return day + timedelta(days=days)
