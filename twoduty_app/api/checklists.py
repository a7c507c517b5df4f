"""County actions on a unit's checklist that reach into the rectification cycle."""

import frappe
from frappe import _
from frappe.utils import getdate, today

from twoduty_app.common import vocabulary as v
from twoduty_app.common.inputs import parse_date
from twoduty_app.permissions.roles import is_county_staff
from twoduty_app.supervision.cycle import issue_task


@frappe.whitelist(methods=["POST"])
def create_rectification_tasks(
	checklist: str, deadline: str, rectification_kind: str = v.DEADLINE
) -> list[str]:
	"""Every line the county found not met becomes an issued rectification task of the unit, in one action;
	lines that already have their task are left alone."""
	doc = frappe.get_doc("TD Unit Checklist", checklist)
	doc.check_permission("read")
	if not is_county_staff():
		frappe.throw(
			_("Only the county's discipline commission can issue rectification tasks."),
			frappe.PermissionError,
		)
	frappe.has_permission("TD Rectification Task", "create", throw=True)
	if rectification_kind not in v.RECTIFICATION_KINDS:
		frappe.throw(_("Choose how the problem is to be rectified."))
	if parse_date(deadline, "Rectification Deadline") <= getdate(today()):
		frappe.throw(_("The deadline must be later than today."))
	created = []
	for line in doc.lines_found_not_met():
		if line.rectification_task:
			continue
		problem = f"{line.section}：{line.item_text}" if line.section else line.item_text
		task = issue_task(
			doc.unit, problem, line.verdict_reason or line.note, rectification_kind, deadline, doc
		)
		line.db_set("rectification_task", task)
		created.append(task)
	if not created:
		frappe.msgprint(_("Every line found not met already has its rectification task."))
	return created
