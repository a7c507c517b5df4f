"""Working days on China's official calendar: weekends off, holidays off, make-up working days (调休) on.

The calendar is `TD Holiday` (seeded from the State Council's schedules that the `chinesecalendar` package
knows, and kept by the county for the years after). A year the calendar does not hold is never guessed:
counting into it raises `CalendarUnknownError`, whose message tells the county to enter the year."""

from datetime import date, timedelta

import frappe
from frappe import _

from twoduty_app.common.settings import get_settings


class CalendarUnknownError(frappe.ValidationError):
	"""A date lies in a year the site's working calendar does not hold."""


HOLIDAY = "Holiday"
MAKEUP_WORKDAY = "Make-up Workday"
KINDS = (HOLIDAY, MAKEUP_WORKDAY)
CACHE_KEY = "twoduty_work_calendar"
# a deadline in working days never lies further than this many calendar days away
MAX_SPAN = 3660


class Calendar:
	"""The holidays and make-up working days of the years the site's calendar holds."""

	def __init__(self, holidays: set[date], workdays: set[date], years: set[int]):
		self.holidays, self.workdays, self.years = holidays, workdays, years

	def check_year(self, year: int) -> None:
		if year not in self.years:
			frappe.throw(
				_(
					"The working calendar of {0} has not been entered yet: the county enters that year's holidays and make-up working days (TD Holiday) once the State Council announces them."
				).format(year),
				CalendarUnknownError,
				title=_("Working Calendar Missing"),
			)

	def is_working_day(self, day: date) -> bool:
		self.check_year(day.year)
		if day in self.workdays:
			return True
		return day.weekday() < 5 and day not in self.holidays

	def add(self, start: date, days: int) -> date:
		"""The `days`-th working day after `start` (before it, for a negative number); `start` itself when 0."""
		step = 1 if days >= 0 else -1
		day, left = start, abs(days)
		for _i in range(MAX_SPAN):
			if not left:
				return day
			day += timedelta(days=step)
			if self.is_working_day(day):
				left -= 1
		frappe.throw(_("{0} working days is too long a period.").format(days))

	def between(self, start: date, end: date) -> int:
		"""Working days after `start` up to and including `end` (negative when `end` is before `start`)."""
		if end < start:
			return -self.between(end, start)
		return sum(self.is_working_day(start + timedelta(days=n)) for n in range(1, (end - start).days + 1))


def get_calendar() -> Calendar:
	"""The site's calendar, cached until a TD Holiday row changes."""
	rows = frappe.cache.get_value(CACHE_KEY, _load_rows)
	holidays = {date.fromisoformat(d) for d, kind in rows if kind == HOLIDAY}
	workdays = {date.fromisoformat(d) for d, kind in rows if kind == MAKEUP_WORKDAY}
	return Calendar(holidays, workdays, {date.fromisoformat(d).year for d, _kind in rows})


def _load_rows() -> list[tuple[str, str]]:
	return [
		(str(d), kind)
		for d, kind in frappe.get_all(
			"TD Holiday", fields=["holiday_date", "kind"], as_list=True, order_by="holiday_date asc"
		)
	]


def clear_calendar_cache() -> None:
	frappe.cache.delete_value(CACHE_KEY)


def add_working_days(start: date, days: int) -> date:
	return get_calendar().add(start, days)


def working_days_between(start: date, end: date) -> int:
	return get_calendar().between(start, end)


def known_years() -> set[int]:
	return get_calendar().years


def _shift(day: date, days: int, in_working_days: bool) -> date:
	"""`day` moved by `days`, in working days when asked and the calendar holds the dates; otherwise in
	calendar days (a window or threshold must still be drawn in December before next year is entered; the
	administrators are reminded of the missing year meanwhile)."""
	if in_working_days:
		try:
			return get_calendar().add(day, days)
		except CalendarUnknownError:
			frappe.clear_last_message()
	return day + timedelta(days=days)


def due_soon_limit(day: date, settings=None) -> date:
	"""A lit task whose deadline is on or before this date (and not past) is due soon."""
	settings = settings or get_settings()
	return _shift(day, settings.due_soon_days, settings.due_soon_in_working_days)


def long_overdue_limit(day: date, settings=None) -> date:
	"""A task whose deadline is before this date has been overdue long enough to propose an interview."""
	settings = settings or get_settings()
	return _shift(day, -settings.interview_after_overdue_days, settings.overdue_in_working_days)


def case_overdue_limit(day: date, settings=None) -> date:
	"""A task whose deadline is before this date has been overdue long enough to propose an accountability
	case (counted like the interview threshold)."""
	settings = settings or get_settings()
	return _shift(day, -settings.case_after_overdue_days, settings.overdue_in_working_days)
