"""The working calendar's rows: seeded from the State Council's schedules the `chinesecalendar` package
knows (2004 to its last year), kept by the county after that, who is reminded from 1 December when the
next year is still missing."""

from datetime import date

import frappe
from frappe import _
from frappe.utils import getdate, now, nowdate

from twoduty_app.common import vocabulary as v
from twoduty_app.common.notify import notify
from twoduty_app.common.workdays import HOLIDAY, MAKEUP_WORKDAY, clear_calendar_cache, known_years
from twoduty_app.permissions.roles import users_with_role

STATE_COUNCIL = "State Council Schedule"
# the package names holidays in English; the calendar shows their Chinese names
HOLIDAY_NAMES = {
	"New Year's Day": "元旦",
	"Spring Festival": "春节",
	"Tomb-sweeping Day": "清明节",
	"Labour Day": "劳动节",
	"Dragon Boat Festival": "端午节",
	"Mid-autumn Festival": "中秋节",
	"National Day": "国庆节",
	"Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


def official_days() -> dict[date, tuple[str, str]]:
	"""date -> (kind, Chinese name) of every day the package's schedules name."""
	from chinese_calendar import constants

	days = {d: (HOLIDAY, HOLIDAY_NAMES.get(name, name)) for d, name in constants.holidays.items()}
	days.update(
		{d: (MAKEUP_WORKDAY, HOLIDAY_NAMES.get(name, name)) for d, name in constants.workdays.items()}
	)
	return days


def seed_holidays() -> int:
	"""Adds the official days the site lacks (a date the county entered or changed is left alone)."""
	existing = {getdate(d) for d in frappe.get_all("TD Holiday", pluck="holiday_date")}
	stamp, user = now(), "Administrator"
	rows = [
		(str(day), str(day), kind, name, STATE_COUNCIL, stamp, stamp, user, user)
		for day, (kind, name) in sorted(official_days().items())
		if day not in existing
	]
	if rows:
		fields = (
			"name",
			"holiday_date",
			"kind",
			"holiday_name",
			"source",
			"creation",
			"modified",
			"owner",
			"modified_by",
		)
		frappe.db.bulk_insert("TD Holiday", fields, rows)
		clear_calendar_cache()
	return len(rows)


def remind_missing_next_year(today=None) -> bool:
	"""Daily: from 1 December, on the 1st and every Monday, the county's administrators are reminded while
	next year's calendar is missing. Returns whether a reminder went out."""
	today = getdate(today or nowdate())
	if today.month != 12 or not (today.day == 1 or today.weekday() == 0):
		return False
	year = today.year + 1
	if year in known_years():
		return False
	notify(
		users_with_role(v.ROLE_ADMIN, unscoped_only=True),
		"TD Holiday",
		"",
		lambda lang: _("The working calendar of {0} is missing", lang=lang).format(year),
		lambda lang: _(
			"Deadlines in working days cannot be counted into {0} until its holidays and make-up working days are entered (TD Holiday).",
			lang=lang,
		).format(year),
	)
	return True
