"""Builds a realistic demo county, or a province-sized tree, in Chinese.

Units are bulk inserted with precomputed nested-set bounds (tens of thousands in seconds); people
are created through the normal documents so that roles and User Permissions follow membership.
Re-running is safe: a county whose name exists already is left as it is.
"""

import time

import frappe
from frappe.utils import now

from twoduty_app.common.vocabulary import POSITION_ROLES
from twoduty_app.demo.tree import Shape, county_node, flatten
from twoduty_app.units import membership

DEMO_COUNTY = "示范县"
DEMO_PASSWORD = "Demo@2026td"
DEMO_DOMAIN = "demo.twoduty.local"
SERIES = "TDU-"

UNIT_FIELDS = (
	"name", "unit_name", "unit_type", "department_category", "parent_td_unit", "is_group", "lft", "rgt",
	"creation", "modified", "owner", "modified_by",
)  # fmt: skip


def county_names(count: int) -> list[str]:
	return [DEMO_COUNTY] + [f"规模测试{n:04d}县" for n in range(1, count)]


def build(counties: int = 1, shape: Shape | None = None, people: bool = True, log=print) -> dict:
	"""Create `counties` counties (the first is the demo county) and, if asked, the demo people."""
	shape = shape or Shape()
	started = time.monotonic()
	created = 0
	for county_name in county_names(counties):
		if frappe.db.exists("TD Unit", {"unit_name": county_name, "unit_type": "County"}):
			log(f"{county_name}: exists, left as it is")
			continue
		created += insert_county(county_name, shape)
		frappe.db.commit()
	membership.clear_tree_caches()
	users = create_demo_people(DEMO_COUNTY) if people else []
	frappe.db.commit()
	return {"units_created": created, "users": users, "seconds": round(time.monotonic() - started, 1)}


def insert_county(county_name: str, shape: Shape) -> int:
	Unit = frappe.qb.DocType("TD Unit")
	max_rgt = frappe.qb.from_(Unit).select(frappe.query_builder.functions.Max(Unit.rgt)).run()[0][0] or 0
	counter = _series_current()

	def next_name() -> str:
		nonlocal counter
		counter += 1
		return f"{SERIES}{counter:06d}"

	rows = flatten(county_node(county_name, shape), max_rgt + 1, next_name)
	stamp, user = now(), frappe.session.user
	values = [(*(r.get(f) for f in UNIT_FIELDS[:8]), stamp, stamp, user, user) for r in rows]
	frappe.db.bulk_insert("TD Unit", UNIT_FIELDS, values, chunk_size=5000)
	_set_series(counter)
	return len(rows)


def _series_current() -> int:
	Series = frappe.qb.DocType("Series")
	row = frappe.qb.from_(Series).select(Series.current).where(Series.name == SERIES).run()
	return int(row[0][0]) if row else 0


def _set_series(value: int) -> None:
	frappe.db.sql(
		"insert into `tabSeries` (`name`, `current`) values (%s, %s) on duplicate key update `current` = %s",
		(SERIES, value, value),
	)


POSITIONS = (
	("head", "Unit Head", "党委书记"),
	("sec", "Discipline Secretary", "纪委书记"),
	("team", "Team Member", "班子成员"),
	("liaison", "Liaison", "联络员"),
)
COUNTY_PEOPLE = (
	("county-admin", "县纪委监委案件监督管理室", ("TwoDuty Admin", "TwoDuty Inspector")),
	("inspector1", "县纪委监委第一监督检查室", ("TwoDuty Inspector",)),
	("inspector2", "县纪委监委第二监督检查室", ("TwoDuty Inspector",)),
	("leader", "县委领导", ("TwoDuty Viewer",)),
)


def create_demo_people(county_name: str) -> list[dict]:
	"""County staff plus a head, discipline secretary, team member and liaison for every first-level unit."""
	county = frappe.db.get_value("TD Unit", {"unit_name": county_name, "unit_type": "County"})
	if not county:
		return []
	people = []
	for code, title, roles in COUNTY_PEOPLE:
		people.append(_ensure_user(f"{code}@{DEMO_DOMAIN}", title, roles))
	first_level = frappe.get_all(
		"TD Unit",
		filters={"parent_td_unit": county},
		fields=["name", "unit_name", "unit_type"],
		order_by="lft asc",
	)
	for i, unit in enumerate(first_level, start=1):
		prefix = ("t" if unit.unit_type == "Township" else "d") + f"{i:02d}"
		doc = frappe.get_doc("TD Unit", unit.name)
		if doc.members:
			continue
		members = []
		for code, position, title in POSITIONS:
			email = f"{prefix}-{code}@{DEMO_DOMAIN}"
			# created with the position's role already, so the membership sync has no User to re-save
			people.append(_ensure_user(email, f"{unit.unit_name}{title}", (POSITION_ROLES[position],)))
			members.append({"user": email, "position": position})
		doc.set("members", members)
		team = members[2]["user"]
		for child in frappe.get_all(
			"TD Unit", {"parent_td_unit": unit.name}, pluck="name", limit=2, order_by="lft asc"
		):
			doc.append("oversight", {"user": team, "overseen_unit": child})
		doc.save(ignore_permissions=True)
	return people


def _ensure_user(email: str, first_name: str, roles: tuple[str, ...]) -> dict:
	"""A demo user with the given roles, as Frappe's User document leaves it (its row, roles, notification
	settings, its share of itself, a password), written row by row.

	Saving a User the normal way costs about a second here, most of it one line of Frappe's: every
	`User.validate` rewrites a site default (`email_user_password`), which clears the whole cache, so that
	the next user rebuilds the metadata of every DocType it touches. The demo writes the same rows without
	that, and the same slow password hash once for all its users."""
	if frappe.db.exists("User", email):
		return {"user": email, "name": first_name}
	user = frappe.new_doc("User")
	user.update(
		{
			"name": email,
			"email": email,
			"first_name": first_name,
			"full_name": first_name,
			"username": email.split("@")[0],
			"enabled": 1,
			"user_type": "System User",
			"language": "zh",
			"time_zone": "Asia/Shanghai",
			"send_welcome_email": 0,
		}
	)
	for role in roles:
		user.append("roles", {"role": role})
	user.set_parent_in_children()
	user.db_insert()
	for row in user.roles:
		row.db_insert()
	settings = frappe.new_doc("Notification Settings")
	settings.name = settings.owner = email
	settings.db_insert()
	frappe.get_doc(
		{
			"doctype": "DocShare",
			"share_doctype": "User",
			"share_name": email,
			"user": email,
			"read": 1,
			"write": 1,
			"share": 1,
		}
	).db_insert()
	_set_demo_password(email)
	for key in ("users_for_mentions", "enabled_users"):
		frappe.cache.delete_key(key)
	return {"user": email, "name": first_name}


def _set_demo_password(user: str) -> None:
	"""Every demo user has the same password: hashed once (a deliberately slow hash, ~0.2 s each), then
	stored for each user as Frappe's `update_password` stores it."""
	global _DEMO_HASH
	if _DEMO_HASH is None:
		from frappe.utils.password import passlibctx

		_DEMO_HASH = passlibctx.hash(DEMO_PASSWORD)
	Auth = frappe.qb.Table("__Auth")
	(
		frappe.qb.into(Auth)
		.columns(Auth.doctype, Auth.name, Auth.fieldname, Auth.password, Auth.encrypted)
		.insert("User", user, "password", _DEMO_HASH, 0)
		.on_duplicate_key_update(Auth.password, _DEMO_HASH)
		.run()
	)


_DEMO_HASH: str | None = None


def set_site_defaults_for_china() -> None:
	"""Chinese language and Beijing time for the whole site (the demo site's users follow it)."""
	settings = frappe.get_single("System Settings")
	settings.language = "zh"
	settings.time_zone = "Asia/Shanghai"
	settings.country = settings.country or "China"
	settings.flags.ignore_permissions = True
	settings.save()
