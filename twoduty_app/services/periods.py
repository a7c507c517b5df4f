"""Reporting periods of duty items. Plain Python, no database."""

from datetime import date, timedelta

YEARLY, QUARTERLY, MONTHLY, ONCE = "Yearly", "Quarterly", "Monthly", "Once"


def period_bounds(day: date, frequency: str) -> tuple[date, date]:
	"""First and last day of the period of `frequency` that contains `day`."""
	if frequency == QUARTERLY:
		first_month = 3 * ((day.month - 1) // 3) + 1
		start = date(day.year, first_month, 1)
		return start, _month_end(date(day.year, first_month + 2, 1))
	if frequency == MONTHLY:
		start = date(day.year, day.month, 1)
		return start, _month_end(start)
	return date(day.year, 1, 1), date(day.year, 12, 31)


def previous_period(day: date, frequency: str) -> tuple[date, date] | None:
	"""The period before the one containing `day`, within the same year; None if there is none."""
	start, _end = period_bounds(day, frequency)
	if frequency in (YEARLY, ONCE) or start.month == 1:
		return None
	return period_bounds(start - timedelta(days=1), frequency)


def is_late_entry(done_on: date, entered_on: date, frequency: str) -> bool:
	"""A record is late when the period it belongs to had already closed when it was entered."""
	return period_bounds(done_on, frequency)[1] < entered_on


def _month_end(first_of_month: date) -> date:
	following = date(first_of_month.year + (first_of_month.month == 12), first_of_month.month % 12 + 1, 1)
	return following - timedelta(days=1)


def year_bounds(year: int) -> tuple[date, date]:
	return date(int(year), 1, 1), date(int(year), 12, 31)


def month_bounds(year: int, month: int) -> tuple[date, date]:
	start = date(int(year), int(month), 1)
	return start, _month_end(start)
