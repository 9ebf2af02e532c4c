"""Recurrence rules, validation of what editors type, and daylight saving."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from events.models import EventDate
from events.recurrence import Rule
from tests.events.factories import make_event

D = dt.date


@pytest.mark.parametrize(
    ("rule", "first", "expected"),
    [
        # every 2nd Sunday
        (
            Rule("weekly", 2, [6]),
            D(2026, 11, 1),
            [D(2026, 11, 1), D(2026, 11, 15), D(2026, 11, 29)],
        ),
        # Mon and Thu
        (
            Rule("weekly", 1, [0, 3]),
            D(2026, 11, 2),
            [D(2026, 11, 2), D(2026, 11, 5), D(2026, 11, 9), D(2026, 11, 12)],
        ),
        # 1st Wednesday of the month
        (Rule("monthly", 1, [2], setpos=1), D(2026, 11, 4), [D(2026, 11, 4), D(2026, 12, 2)]),
        # last Friday of the month
        (Rule("monthly", 1, [4], setpos=-1), D(2026, 11, 27), [D(2026, 11, 27), D(2026, 12, 25)]),
        # a count ends the series
        (Rule("weekly", 1, [1], count=2), D(2026, 11, 3), [D(2026, 11, 3), D(2026, 11, 10)]),
        # until ends it too
        (
            Rule("daily", 1, until=D(2026, 11, 4)),
            D(2026, 11, 2),
            [D(2026, 11, 2), D(2026, 11, 3), D(2026, 11, 4)],
        ),
    ],
)
def test_rules_give_the_dates_an_editor_means(rule, first, expected):
    assert rule.dates(first, D(2026, 12, 31))[: len(expected)] == expected
    assert len(rule.dates(first, D(2026, 12, 31))) == len(expected) or not (
        rule.count or rule.until
    )


def test_exceptions_are_left_out():
    rule = Rule("weekly", 1, [3])
    assert D(2026, 12, 24) not in rule.dates(D(2026, 12, 3), D(2026, 12, 31), {D(2026, 12, 24)})


def test_open_ended_rules_stop_at_the_horizon():
    dates = Rule("weekly", 1, [0]).dates(D(2026, 11, 2), D(2026, 11, 30))
    assert dates[-1] == D(2026, 11, 30) and len(dates) == 5


def test_sunday_cafe_stays_at_13_oclock_across_the_clock_change(db):
    # Summer time ends on 25 October 2026: 13:00 is 11:00 UTC before and 12:00 UTC after.
    event = make_event(
        dates=[
            {
                "start_date": D(2026, 10, 18),
                "start_time": dt.time(13),
                "end_time": dt.time(16),
                "repeat": "weekly",
                "weekdays": [6],
                "repeat_count": 3,
            }
        ]
    )
    rows = list(event.occurrences.order_by("start"))
    assert [row.local_date for row in rows] == [D(2026, 10, 18), D(2026, 10, 25), D(2026, 11, 1)]
    assert [timezone.localtime(row.start).hour for row in rows] == [13, 13, 13]
    assert [row.start.astimezone(dt.UTC).hour for row in rows] == [11, 12, 12]


def errors_for(**values):
    values.setdefault("start_date", D(2026, 12, 2))
    values.setdefault("start_time", dt.time(10))
    date = EventDate(**values)
    with pytest.raises(ValidationError) as excinfo:
        date.clean()
    return excinfo.value.message_dict


def test_end_before_start_is_refused():
    assert "end_time" in errors_for(end_time=dt.time(9))
    assert "end_date" in errors_for(end_date=D(2026, 12, 1))


def test_all_day_with_times_is_refused():
    assert "all_day" in errors_for(all_day=True)


def test_daily_rule_without_an_end_is_refused():
    assert "repeat_until" in errors_for(repeat="daily")


def test_monthly_rule_needs_a_position_and_one_weekday():
    assert "monthly_position" in errors_for(repeat="monthly", weekdays=[2])


def test_exception_dates_outside_the_rule_are_named():
    message = errors_for(
        repeat="weekly", weekdays=[2], repeat_count=4, exceptions="09.12.2026, 10.12.2026"
    )["exceptions"][0]
    assert "10.12.2026" in message and "09.12.2026" not in message


def test_exception_that_is_not_a_date_is_named():
    assert (
        "gestern"
        in errors_for(repeat="weekly", weekdays=[2], exceptions="gestern")["exceptions"][0]
    )


def test_first_date_must_match_the_rule():
    # 2 December 2026 is a Wednesday, but the rule says Mondays.
    assert "weekdays" in errors_for(repeat="weekly", weekdays=[0])


def test_rules_may_not_run_for_decades():
    assert "repeat_until" in errors_for(repeat="weekly", weekdays=[2], repeat_until=D(2099, 1, 1))


def test_a_sensible_weekly_rule_is_accepted():
    EventDate(
        start_date=D(2026, 12, 2),
        start_time=dt.time(10),
        end_time=dt.time(12),
        repeat="weekly",
        weekdays=[2],
        repeat_until=D(2027, 3, 31),
        exceptions="23.12.2026",
    ).clean()
