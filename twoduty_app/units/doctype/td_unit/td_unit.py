# Copyright (c) 2026, twoduty_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils import getdate, nowdate
from frappe.utils.nestedset import NestedSet

from twoduty_app.common.vocabulary import HEADS, TEAM_MEMBER
from twoduty_app.exceptions import (
	DepartmentCategoryError,
	DuplicateMemberError,
	DuplicateUnitError,
	InvalidMembershipDatesError,
	InvalidOversightError,
	InvalidUnitParentError,
)
from twoduty_app.units import membership, tally
from twoduty_app.units import rules as unit_rules


class TDUnit(NestedSet):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from twoduty_app.units.doctype.td_unit_member.td_unit_member import TDUnitMember
		from twoduty_app.units.doctype.td_unit_oversight.td_unit_oversight import TDUnitOversight

		department_category: DF.Literal[
			"", "Government Department", "Party and Mass Organization", "Stationed Unit"
		]
		is_group: DF.Check
		lft: DF.Int
		members: DF.Table[TDUnitMember]
		old_parent: DF.Link | None
		oversight: DF.Table[TDUnitOversight]
		parent_td_unit: DF.Link | None
		rgt: DF.Int
		unit_name: DF.Data
		unit_type: DF.Literal[
			"County",
			"Township",
			"County Department",
			"Village",
			"Community",
			"Grassroots Station",
			"Internal Section",
		]
	# end: auto-generated types

	nsm_parent_field = "parent_td_unit"

	def validate(self):
		self.validate_parent()
		self.validate_department_category()
		self.validate_unique_name_under_parent()
		self.validate_members()
		self.validate_oversight()
		self.is_group = 1 if unit_rules.is_group_type(self.unit_type) else 0

	def on_update(self):
		super().on_update()
		self.sync_member_access()
		if self.is_new_or_moved():
			membership.clear_tree_caches()
		before = self.get_doc_before_save()
		if before and (before.parent_td_unit, before.unit_type) != (self.parent_td_unit, self.unit_type):
			tally.reassign(
				self.name, unit_rules.first_level_of(self.name, self.unit_type, self.parent_td_unit)
			)

	def on_trash(self):
		users = [m.user for m in self.members]
		super().on_trash(allow_root_deletion=True)
		# the unit's rows go with it; reconcile after they are gone
		frappe.db.delete("TD Unit Member", {"parenttype": "TD Unit", "parent": self.name})
		frappe.db.delete("TD Unit Tally", {"unit": self.name})
		membership.sync_user_access(users)
		membership.clear_tree_caches()

	def validate_parent(self):
		parent_type = None
		if self.parent_td_unit:
			if self.parent_td_unit == self.name:
				frappe.throw(_("A unit cannot be its own parent."), InvalidUnitParentError)
			parent_type = frappe.db.get_value("TD Unit", self.parent_td_unit, "unit_type")
		if unit_rules.is_valid_parent(self.unit_type, parent_type):
			return
		allowed = unit_rules.allowed_parent_types(self.unit_type)
		if allowed is None:
			frappe.throw(
				_("A {0} is the top of the tree and cannot have a parent unit.").format(
					frappe.bold(_(self.unit_type))
				),
				InvalidUnitParentError,
				title=_("Invalid Parent Unit"),
			)
		frappe.throw(
			_("A {0} must sit under a {1}, not under {2}.").format(
				frappe.bold(_(self.unit_type)),
				_(" or ").join(_(t) for t in allowed),
				frappe.bold(_(parent_type)) if parent_type else _("the top of the tree"),
			),
			InvalidUnitParentError,
			title=_("Invalid Parent Unit"),
		)

	def validate_department_category(self):
		if unit_rules.needs_department_category(self.unit_type):
			if not self.department_category:
				frappe.throw(
					_("Please choose the department category of {0}.").format(frappe.bold(self.unit_name)),
					DepartmentCategoryError,
					title=_("Missing Department Category"),
				)
		elif self.department_category:
			frappe.throw(
				_("Only a county department has a department category; {0} is a {1}.").format(
					frappe.bold(self.unit_name), _(self.unit_type)
				),
				DepartmentCategoryError,
			)

	def validate_unique_name_under_parent(self):
		clash = frappe.db.get_value(
			"TD Unit",
			{
				"unit_name": self.unit_name,
				"parent_td_unit": self.parent_td_unit or "",
				"name": ("!=", self.name),
			},
		)
		if clash:
			frappe.throw(
				_("A unit named {0} already exists at this level of the tree.").format(
					frappe.bold(self.unit_name)
				),
				DuplicateUnitError,
			)

	def validate_members(self):
		"""A person holds one post in the unit at a time, and each head's post has one holder at a time; the
		same person may come back, or move from one post to another, in periods that do not overlap."""
		today = getdate(nowdate())
		for row in self.members:
			if row.from_date and row.to_date and getdate(row.from_date) > getdate(row.to_date):
				frappe.throw(
					_("Row {0}: the membership of {1} ends before it begins.").format(
						row.idx, frappe.bold(row.user)
					),
					InvalidMembershipDatesError,
					title=_("Invalid Membership Dates"),
				)
			row.is_current = 1 if membership.holds_on(row, today) else 0
		rows = list(self.members)
		for i, row in enumerate(rows):
			for other in rows[:i]:
				if not membership.periods_overlap(row, other):
					continue
				if other.user == row.user:
					frappe.throw(
						_("Row {0}: {1} is already a member of this unit.").format(
							row.idx, frappe.bold(row.user)
						),
						DuplicateMemberError,
						title=_("Duplicate Member"),
					)
				if row.position == other.position and row.position in HEADS:
					frappe.throw(
						_("Row {0}: a unit has one {1} at a time.").format(row.idx, _(row.position)),
						DuplicateMemberError,
					)

	def validate_oversight(self):
		team = {m.user for m in self.members if m.position == TEAM_MEMBER and m.is_current}
		seen: set[tuple[str, str]] = set()
		for row in self.oversight:
			if row.user not in team:
				frappe.throw(
					_("Row {0}: {1} must be a team member of this unit to oversee a sub-unit.").format(
						row.idx, frappe.bold(row.user)
					),
					InvalidOversightError,
				)
			if (row.user, row.overseen_unit) in seen:
				frappe.throw(
					_("Row {0}: this oversight is listed twice.").format(row.idx), InvalidOversightError
				)
			seen.add((row.user, row.overseen_unit))
			if self.is_new() or not self.is_ancestor_of(row.overseen_unit):
				frappe.throw(
					_("Row {0}: {1} is not a sub-unit of {2}.").format(
						row.idx, frappe.bold(row.overseen_unit), frappe.bold(self.unit_name)
					),
					InvalidOversightError,
				)

	def is_ancestor_of(self, unit: str) -> bool:
		bounds = frappe.db.get_value("TD Unit", unit, ["lft", "rgt"])
		return bool(bounds) and self.lft < bounds[0] and bounds[1] < self.rgt

	def is_new_or_moved(self) -> bool:
		before = self.get_doc_before_save()
		return before is None or before.parent_td_unit != self.parent_td_unit

	def sync_member_access(self):
		before = self.get_doc_before_save()
		old = {(m.user, m.position, m.is_current) for m in before.members} if before else set()
		new = {(m.user, m.position, m.is_current) for m in self.members}
		if old != new:
			membership.sync_user_access({u for u, _p, _c in old ^ new})
