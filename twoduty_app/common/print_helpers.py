"""What the printed notices (公文) read, whoever prints them: registered as Jinja methods (hooks.py) so
that every print format is in Chinese and names the real issuing body and addressee."""

import frappe
from frappe.model.naming import getseries

from twoduty_app.common import vocabulary as v
from twoduty_app.common.dates import written_date

# a notice's kind in its document number: ×纪约〔2026〕3号
NUMBER_KINDS = {
	"interview": "约",
	"rectification": "改",
	"closeout": "销",
	"agreement": "责",
	"supervision": "督",  # 督办通知书
	"accountability": "问",  # 问责决定书
}


def zh(text: str, context: str | None = None) -> str:
	"""A print format's words in Chinese, whatever the language of the person printing."""
	return frappe._(text, lang="zh", context=context) if text else ""


def zh_date(value) -> str:
	return written_date(value, "zh")


def rich_text(value: str | None) -> str:
	"""A Text Editor field as printed: its formatting kept, its scripts and handlers not. Frappe filters a
	rich text on save, but not one stored with a submitted record, an import or a patch: filter it again."""
	from frappe.utils.html_utils import sanitize_html

	return sanitize_html(value or "", always_sanitize=True)


def full_name(user: str | None) -> str:
	return (frappe.db.get_value("User", user, "full_name") or user) if user else ""


def county_of(unit: str | None) -> str | None:
	"""The county (root) a unit belongs to."""
	if not unit:
		return None
	bounds = frappe.db.get_value("TD Unit", unit, ["lft", "rgt"])
	if not bounds:
		return None
	Unit = frappe.qb.DocType("TD Unit")
	rows = (
		frappe.qb.from_(Unit)
		.select(Unit.unit_name)
		.where((Unit.lft <= bounds[0]) & (Unit.rgt >= bounds[1]) & Unit.parent_td_unit.isnull())
		.run(pluck=True)
	)
	return rows[0] if rows else None


def issuing_body(unit: str | None = None) -> str:
	"""中共××县纪律检查委员会　××县监察委员会: from TD Settings, or from the unit's county."""
	configured = frappe.db.get_single_value("TD Settings", "issuing_body")
	if configured:
		return configured
	county = county_of(unit) or ""
	return f"中共{county}纪律检查委员会　{county}监察委员会"


def party_body(unit: str | None) -> str:
	"""The addressee of a rectification notice: the unit's Party organisation (TD Unit.party_body), or
	one derived from its type."""
	if not unit:
		return ""
	row = frappe.db.get_value("TD Unit", unit, ["unit_name", "unit_type", "party_body"], as_dict=True)
	if not row:
		return ""
	return row.party_body or party_body_of(row.unit_name, row.unit_type)


# the Party organisation of a unit, by its type, as a notice addresses it
PARTY_BODY_PATTERNS = {
	v.COUNTY: "中共{0}委员会",
	v.TOWNSHIP: "中共{0}委员会",
	v.DEPARTMENT: "中共{0}党组（党委）",
	v.VILLAGE: "中共{0}支部委员会",
	v.COMMUNITY: "中共{0}委员会",
}


def party_body_of(unit_name: str, unit_type: str) -> str:
	return PARTY_BODY_PATTERNS.get(unit_type, "{0}").format(unit_name)


def next_document_number(kind: str, year: int, unit: str | None = None) -> str:
	"""The next number of a kind's yearly series, as 文号: prefix + kind〔year〕n号, never zero-padded."""
	prefix = (
		frappe.db.get_single_value("TD Settings", "document_prefix") or f"{(county_of(unit) or '县')[0]}纪"
	)
	n = int(getseries(f"TD-{NUMBER_KINDS[kind]}-{int(year)}-", 1))
	return f"{prefix}{NUMBER_KINDS[kind]}〔{int(year)}〕{n}号"


def implementing_rules(unit: str | None = None) -> str:
	configured = frappe.db.get_single_value("TD Settings", "implementing_rules")
	if configured:
		return configured
	return f"《{county_of(unit) or ''}落实党风廉政建设党委主体责任和纪委监督责任实施办法》"


def notice_settings() -> dict:
	"""What every notice prints besides its document: contact, copy-to."""
	meta = frappe.get_meta("TD Settings")

	def setting(fieldname: str) -> str:
		return frappe.db.get_single_value("TD Settings", fieldname) or meta.get_field(fieldname).default or ""

	return frappe._dict(contact=setting("contact"), copy_to=setting("copy_to"))


def hh_mm(value) -> str:
	"""A time of day as 9:30."""
	if not value:
		return ""
	hours, minutes = str(value).split(":")[:2]
	return f"{int(hours)}:{minutes}"
