"""Yearly duty assignments (责任分解) and their progress.

An assignment is built from the catalogue for the unit's type: the collective items for the leadership
team, the first-duty items for the unit head, the supervisory items for the discipline secretary, and
for each team member the 一岗双责 items naming the sub-units he or she oversees.
"""

from datetime import date

import frappe
from frappe.utils import getdate, nowdate

from twoduty_app.common import vocabulary as v
from twoduty_app.common.dates import deadline_light, year_bounds
from twoduty_app.common.workdays import due_soon_limit
from twoduty_app.responsibility import periods

COMMIT_EVERY = 100


def catalogue_by_unit_type() -> dict[str, list[dict]]:
	Item = frappe.qb.DocType("TD Duty Item")
	Applies = frappe.qb.DocType("TD Duty Item Unit Type")
	rows = (
		frappe.qb.from_(Item)
		.join(Applies)
		.on((Applies.parent == Item.name) & (Applies.parenttype == "TD Duty Item"))
		.select(Item.name, Item.duty_layer, Applies.unit_type)
		.where(Item.disabled == 0)
		.orderby(Item.name)
		.run(as_dict=True)
	)
	by_type: dict[str, list[dict]] = {}
	for row in rows:
		by_type.setdefault(row.unit_type, []).append(row)
	return by_type


def build_items(unit, catalogue: list[dict]) -> list[dict]:
	"""Rows of an assignment for one unit document (with its members and oversight)."""
	current = [m for m in unit.members if m.is_current]
	holders: dict[str, list[str]] = {}
	for m in current:
		holders.setdefault(m.position, []).append(m.user)
	team = [m.user for m in current if m.position == v.TEAM_MEMBER]
	names = _unit_names({o.overseen_unit for o in unit.oversight})
	oversees = {}
	for row in unit.oversight:
		oversees.setdefault(row.user, []).append(names.get(row.overseen_unit, row.overseen_unit))
	items = []
	for duty in catalogue:
		if duty.duty_layer == v.LAYER_TEAM:
			for user in team:
				items.append(
					{
						"duty_item": duty.name,
						"responsible_user": user,
						"overseen_units": "、".join(oversees.get(user, [])),
					}
				)
		else:
			# 党政同责: the first responsible person's duties go to both heads, the Party secretary first
			people = [u for p in v.LAYER_POSITIONS.get(duty.duty_layer, ()) for u in holders.get(p, [])]
			for user in people or [None]:
				items.append({"duty_item": duty.name, "responsible_user": user})
	return items


def _unit_names(units: set[str]) -> dict[str, str]:
	if not units:
		return {}
	return dict(
		frappe.get_all(
			"TD Unit", filters={"name": ("in", list(units))}, fields=["name", "unit_name"], as_list=True
		)
	)


def generate_assignments(year: int, county: str | None = None, publish_progress: bool = True) -> dict:
	"""Create the year's assignment for every unit whose type has duties. Re-running creates no duplicates."""
	year = int(year)
	catalogue = catalogue_by_unit_type()
	Unit = frappe.qb.DocType("TD Unit")
	query = frappe.qb.from_(Unit).select(Unit.name).where(Unit.unit_type.isin(list(catalogue) or [""]))
	if county:
		lft, rgt = frappe.db.get_value("TD Unit", county, ["lft", "rgt"])
		query = query.where(Unit.lft[lft:rgt])
	units = query.orderby(Unit.lft).run(pluck=True)
	existing = set(
		frappe.get_all(
			"TD Duty Assignment", filters={"year": year, "unit": ("in", units or [""])}, pluck="unit"
		)
	)
	todo = [u for u in units if u not in existing]
	for i, unit_name in enumerate(todo, start=1):
		unit = frappe.get_doc("TD Unit", unit_name)
		frappe.get_doc(
			{
				"doctype": "TD Duty Assignment",
				"unit": unit.name,
				"year": year,
				"items": build_items(unit, catalogue.get(unit.unit_type, [])),
			}
		).insert(ignore_permissions=True)
		if i % COMMIT_EVERY == 0:
			frappe.db.commit()  # long background loop: keep progress if the job is interrupted
			if publish_progress:
				frappe.publish_progress(i * 100 / len(todo), title=frappe._("Generating duty assignments"))
	return {"created": len(todo), "skipped": len(existing)}


def refresh_progress(assignment, today: date | None = None) -> None:
	"""Recompute each row's period, record and traffic light, and the assignment's progress."""
	today = today or getdate(nowdate())
	soon_limit = due_soon_limit(today)
	year_start, year_end = year_bounds(assignment.year)
	Record = frappe.qb.DocType("TD Duty Record")
	RecordItem = frappe.qb.DocType("TD Duty Record Item")
	rows = (
		frappe.qb.from_(Record)
		.join(RecordItem)
		.on((RecordItem.parent == Record.name) & (RecordItem.parenttype == "TD Duty Record"))
		.select(RecordItem.duty_item, Record.record_date)
		.where((Record.unit == assignment.unit) & (Record.counts == 1))
		.where(Record.record_date[year_start:year_end])
		.run()
	)
	dates_by_item: dict[str, list[date]] = {}
	for duty_item, done_on in rows:
		dates_by_item.setdefault(duty_item, []).append(getdate(done_on))
	reference = min(today, year_end)
	done = 0
	for item in assignment.items:
		frequency = item.frequency or v.YEARLY
		start, end = periods.period_bounds(reference, frequency)
		dates = dates_by_item.get(item.duty_item, [])
		item.period_due = end
		item.recorded_in_period = 1 if any(start <= d <= end for d in dates) else 0
		previous = periods.previous_period(reference, frequency)
		missed_previous = previous and not any(previous[0] <= d <= previous[1] for d in dates)
		if item.recorded_in_period:
			item.traffic_light = v.ON_TRACK
		elif missed_previous or end < today:
			item.traffic_light = v.OVERDUE
		else:
			item.traffic_light = deadline_light(end, today, soon_limit)
		done += item.recorded_in_period
	assignment.progress = round(100 * done / len(assignment.items), 1) if assignment.items else 0


def save_progress(name: str) -> None:
	"""Refresh and store progress without touching the signature lock (system fields only)."""
	assignment = frappe.get_doc("TD Duty Assignment", name)
	refresh_progress(assignment)
	for item in assignment.items:
		item.db_update()
	assignment.db_set("progress", assignment.progress, update_modified=False)


def refresh_current_year() -> int:
	"""Daily: every assignment of the current year gets its progress and lights recomputed."""
	names = frappe.get_all("TD Duty Assignment", filters={"year": v.current_year()}, pluck="name")
	for i, name in enumerate(names, start=1):
		save_progress(name)
		if i % COMMIT_EVERY == 0:
			frappe.db.commit()  # long scheduler loop
	return len(names)
