"""Reporting periods of duty items. Plain Python, no database."""

from datetime import date, timedelta

from twoduty_app.common.dates import month_bounds, quarter_bounds, year_bounds
from twoduty_app.common.vocabulary import MONTHLY, ONCE, QUARTERLY, YEARLY


def period_bounds(day: date, frequency: str) -> tuple[date, date]:
	"""First and last day of the period of `frequency` that contains `day` (yearly for Once)."""
	if frequency == QUARTERLY:
		return quarter_bounds(day)
	if frequency == MONTHLY:
		return month_bounds(day.year, day.month)
	return year_bounds(day.year)


def previous_period(day: date, frequency: str) -> tuple[date, date] | None:
	"""The period before the one containing `day`, within the same year; None if there is none."""
	start, _end = period_bounds(day, frequency)
	if frequency in (YEARLY, ONCE) or start.month == 1:
		return None
	return period_bounds(start - timedelta(days=1), frequency)


def is_late_entry(done_on: date, entered_on: date, frequency: str) -> bool:
	"""A record is late when the period it belongs to had already closed when it was entered."""
	return period_bounds(done_on, frequency)[1] < entered_on
