"""Calendar arithmetic shared by every domain. Plain Python, no database."""

from datetime import date, timedelta

from twoduty_app.common.vocabulary import DUE_SOON, ON_TRACK, OVERDUE


def year_bounds(year: int) -> tuple[date, date]:
	return date(int(year), 1, 1), date(int(year), 12, 31)


def month_bounds(year: int, month: int) -> tuple[date, date]:
	start = date(int(year), int(month), 1)
	following = date(start.year + (start.month == 12), start.month % 12 + 1, 1)
	return start, following - timedelta(days=1)


def quarter_bounds(day: date) -> tuple[date, date]:
	first_month = 3 * ((day.month - 1) // 3) + 1
	return date(day.year, first_month, 1), month_bounds(day.year, first_month + 2)[1]


def previous_month(day: date) -> tuple[int, int]:
	"""(year, month) of the month before `day`'s."""
	return (day.year, day.month - 1) if day.month > 1 else (day.year - 1, 12)


def deadline_light(deadline: date, today: date, soon_limit: date) -> str:
	"""The traffic light of a deadline: overdue (red), due by `soon_limit` (yellow), on track (green)."""
	if deadline < today:
		return OVERDUE
	if deadline <= soon_limit:
		return DUE_SOON
	return ON_TRACK


def written_date(day, lang: str = "zh") -> str:
	"""A date as an office writes it in a sentence: 2026年11月27日 in Chinese, ISO otherwise."""
	if not day:
		return ""
	day = date.fromisoformat(str(day)[:10])
	return f"{day.year}年{day.month}月{day.day}日" if lang.startswith("zh") else day.isoformat()


def written_month(year: int, month: int, lang: str = "zh") -> str:
	"""2026年3月 in Chinese (never 2026年03月), 2026-03 otherwise."""
	return f"{int(year)}年{int(month)}月" if lang.startswith("zh") else f"{int(year)}-{int(month):02d}"
