"""The ladder's last step (proposing an accountability case) starts with the release that brought it.

Without this, the first daily run after the upgrade would propose a draft case for every task already past
a case threshold, however long ago it crossed it (hundreds at once on a large county). The step is marked
as taken in the tasks' current round, nothing is created and nobody is told: those tasks stay in the
Overdue and Escalations report, where the county opens a case by hand if it wants one, and a task whose
round starts again (a failed recheck) climbs the whole ladder. New sites never run it (Frappe marks an app's
patches as done on install)."""

import frappe
from frappe.utils import getdate, nowdate

from twoduty_app.common.settings import get_settings
from twoduty_app.supervision import escalation


def execute():
	task = escalation.Task
	step = escalation.CASE
	pending = step.pending(getdate(nowdate()), get_settings())
	marked = frappe.qb.from_(task).select(task.name).where(pending).run(pluck=True)
	if marked:
		frappe.qb.update(task).set(task[step.marker], task.round).where(task.name.isin(marked)).run()
	print(f"twoduty: {len(marked)} tasks already past a case threshold; no case proposed for them")
