"""What a request may hand the app: dates, lists and field values are checked before they reach the
database, and refused with a message in the user's language (a 417), never a server error.

Some malformed requests fail inside Frappe before any code of the app runs (a missing argument of a
whitelisted function, list filters that are not JSON, a dict where a field holds text, a table that is
not a list): `check_request` (an `auth_hooks` entry) looks at the requests that reach the app's methods
and doctypes and refuses those first."""

import inspect
import json
import math
import re
from datetime import date, datetime

import frappe
from dateutil import parser as date_parser
from frappe import _
from frappe.exceptions import FrappeTypeError
from frappe.utils.typing_validations import transform_parameter_types

# text columns (Small Text, Text, Attach…) hold 64 KB; longer values are refused before the database does
TEXT_COLUMN_BYTES = 65535
DATE_TYPES = ("Date", "Datetime")
TABLE_TYPES = ("Table", "Table MultiSelect")
SCALARS = (str, int, float, bool, type(None))
# numbers: what their columns hold (int(11); decimal(21,9) for the others)
NUMBER_LIMITS = {"Int": 2**31, "Float": 10**12, "Currency": 10**12, "Percent": 10**12}
# `/api/resource/TD …` (also `/api/v1/resource`) and `/api/v2/document/TD …`, with a record name or not
RESOURCE_PATH = re.compile(r"/api/(?:v1/resource|resource|(v2)/document)/(TD [^/]+?)(?:/(.+?))?/?$")
METHOD_PATH = re.compile(r"/api/(?:v1/|v2/)?method/([^/]+?)/?$")
DOC_METHOD_COMMANDS = ("run_doc_method", "runserverobj", "frappe.handler.run_doc_method")


class InvalidInputError(frappe.ValidationError):
	pass


def parse_date(value, label: str) -> date:
	"""A date sent by a client (`YYYY-MM-DD` or a date); anything else is refused, an empty value too."""
	parsed = value if isinstance(value, date) else _parsed(value)
	if isinstance(parsed, datetime):
		parsed = parsed.date()
	if not parsed:
		frappe.throw(
			_("{0} is not a valid date.").format(frappe.bold(_(label))),
			InvalidInputError,
		)
	return parsed


def parse_list(value, label: str) -> list:
	"""A list sent as JSON text or as a list; anything else is refused."""
	if isinstance(value, str):
		try:
			value = frappe.parse_json(value)
		except ValueError:
			value = None
	if not isinstance(value, list):
		frappe.throw(_("{0} must be a list.").format(frappe.bold(_(label))), InvalidInputError)
	return value


def check_field_values(doc, method=None) -> None:
	"""doc_event (every DocType, before_validate), for the app's doctypes: a field holds a value of its
	type. Frappe itself stores what it is given and leaves a dict in a text field, an impossible date or an
	oversized text to the database, which answers with a server error."""
	if not doc.doctype.startswith("TD "):
		return
	for row in [doc, *doc.get_all_children()]:
		for df in row.meta.fields:
			value = row.get(df.fieldname)
			if value is None or df.fieldtype in TABLE_TYPES or df.fieldtype in frappe.model.no_value_fields:
				continue
			label = _(df.label or df.fieldname)
			if isinstance(value, dict | list | tuple | set):
				frappe.throw(
					_("{0}: the value is not of the field's type.").format(frappe.bold(label)),
					InvalidInputError,
				)
			if df.fieldtype in DATE_TYPES and isinstance(value, str) and value:
				_check_date_text(value, label)
			if df.fieldtype in NUMBER_LIMITS and value != "":
				_check_number(value, df.fieldtype, label)
			if df.fieldtype == "Link" and isinstance(value, str) and value:
				_check_link(row, df, value)
			if isinstance(value, str) and frappe.db.type_map.get(df.fieldtype, ("",))[0] == "text":
				if len(value.encode("utf-8")) > TEXT_COLUMN_BYTES:
					frappe.throw(
						_("{0} is too long: at most {1} characters.").format(
							frappe.bold(label), TEXT_COLUMN_BYTES // 3
						),
						InvalidInputError,
					)


def _check_number(value, fieldtype: str, label: str) -> None:
	"""A number, or text that reads as one (Frappe would store "abc" as 0), within what its column holds."""
	if isinstance(value, bool):
		return
	number = value
	if isinstance(value, str):
		try:
			number = float(value.strip().replace(",", ""))
		except ValueError:
			number = None
	if not isinstance(number, int | float) or (isinstance(number, float) and not math.isfinite(number)):
		frappe.throw(_("{0}: the value is not a number.").format(frappe.bold(label)), InvalidInputError)
	if abs(number) >= NUMBER_LIMITS[fieldtype]:
		frappe.throw(_("{0}: the number is too large.").format(frappe.bold(label)), InvalidInputError)


def _check_link(row, df, value: str) -> None:
	"""Frappe v15 does not look up a link that fetches other fields (`unit` → `unit_name`) when the record
	it names does not exist (BaseDocument.get_invalid_links): such a link is checked here."""
	if row.meta.get_fields_to_fetch(df.fieldname) and not frappe.db.exists(df.options, value):
		frappe.throw(
			_("Could not find {0}").format(f"{_(df.label or df.fieldname)}: {value[:140]}"),
			frappe.LinkValidationError,
		)


def _parsed(value) -> datetime | None:
	"""The date in a text, read as Frappe reads it (without Frappe's own message when it cannot)."""
	if not isinstance(value, str) or not value.strip() or len(value) > 40:
		return None
	try:
		return date_parser.parse(value.strip())
	except (ValueError, OverflowError):
		return None


def _check_date_text(value: str, label: str) -> None:
	if not _parsed(value):
		frappe.throw(_("{0} is not a valid date.").format(frappe.bold(label)), InvalidInputError)


# -- requests, before Frappe's handlers --------------------------------------------------------------------


def check_request() -> None:
	"""`auth_hooks` (after authentication and `twoduty_app.auth`, which sets the caller's language): a
	request to one of the app's whitelisted methods or to `/api/resource/TD …` that Frappe would fail with a
	server error, or refuse with an untranslated type error, is refused here in the caller's language.
	Every other request returns at once."""
	path = frappe.request.path if frappe.request else ""
	if not path.startswith("/api/") or frappe.request.method == "OPTIONS":
		return
	if match := RESOURCE_PATH.fullmatch(path):
		v2, doctype, name = match.groups()
		_check_resource_request(frappe.request.method, doctype, name, bool(v2))
	elif match := METHOD_PATH.fullmatch(path):
		_check_method_request(match[1])


def parse_filters(filters, label: str = "filters") -> dict | list | None:
	"""List filters in a shape Frappe reads (frappe.model.db_query, frappe.utils.data.get_filter), as JSON
	text or parsed: a dict {field: value} or {field: [operator, value]}, or a list of
	[field, operator, value] / [doctype, field, operator, value], a value being
	text, a number or a list of them. Fields and operators are Frappe's to check."""
	filters = _read_json(filters, label)
	if not filters:
		return filters
	if isinstance(filters, dict):
		readable = _is_filter_dict(filters)
	else:
		readable = isinstance(filters, list) and all(_is_condition(f) for f in filters)
	if not readable:
		_refuse_parameter(label)
	return filters


def parse_fields(fields) -> list | None:
	"""The `fields` of a list request: a JSON list of column names."""
	fields = _read_json(fields, "fields")
	if fields and not (isinstance(fields, list) and all(isinstance(f, str | None) for f in fields)):
		_refuse_parameter("fields")
	return fields


def check_document_values(doctype: str, values) -> None:
	"""A record's values as a client sends them to create or update it: a dict whose columns hold text,
	numbers or nothing, and whose tables hold lists of such rows."""
	if not isinstance(values, dict):
		frappe.throw(_("The request body must be a JSON object of field values."), InvalidInputError)
	meta = frappe.get_meta(doctype)
	columns = set(meta.get_valid_columns())
	for key, value in values.items():
		df = meta.get_field(key)
		if df and df.fieldtype in TABLE_TYPES:
			if value is None:
				continue
			if not isinstance(value, list) or not all(isinstance(row, dict) for row in value):
				frappe.throw(
					_("{0} must be a list of rows.").format(frappe.bold(_(df.label or key))),
					InvalidInputError,
				)
			child = frappe.get_meta(df.options)
			for row in value:
				for child_key, child_value in row.items():
					_check_scalar(child, child_key, child_value)
		elif key in columns:
			_check_scalar(meta, key, value)


def _check_scalar(meta, key: str, value) -> None:
	if isinstance(value, SCALARS):
		return
	df = meta.get_field(key)
	if df and df.fieldtype == "JSON":
		return
	frappe.throw(
		_("{0}: the value is not of the field's type.").format(frappe.bold(_(df.label if df else key))),
		InvalidInputError,
	)


def _check_resource_request(method: str, doctype: str, name: str | None, v2: bool) -> None:
	listing = method == "GET" and not name
	writing = (method == "POST" and not name) or (method in ("PUT", "PATCH") and name)
	if not (listing or writing) or not frappe.db.exists("DocType", doctype):
		return  # Frappe answers other requests, and that a doctype does not exist
	# checked before any permission: Frappe builds the record (or reads `fields`) before it checks them
	if listing:
		parse_fields(frappe.form_dict.get("fields"))
		parse_filters(frappe.form_dict.get("filters"))
		parse_filters(frappe.form_dict.get("or_filters"), "or_filters")
	else:
		check_document_values(doctype, frappe.form_dict if v2 else _v1_body())


def _v1_body():
	"""The values `frappe.api.v1` creates or updates a record with (its get_request_form_data)."""
	data = frappe.form_dict.data
	if data is None:
		data = frappe.safe_decode(frappe.request.get_data())
	try:
		return frappe.parse_json(data)
	except ValueError:
		return frappe.form_dict


def _check_method_request(cmd: str) -> None:
	"""The arguments of a whitelisted function or controller method of the app, as Frappe will call it."""
	for hook in reversed(frappe.get_hooks("override_whitelisted_methods", {}).get(cmd, [])):
		cmd = hook
		break
	if cmd in DOC_METHOD_COMMANDS:
		fn, kwargs = _doc_method(), _doc_method_arguments()
	elif cmd.startswith("twoduty_app."):
		fn, kwargs = _function(cmd), frappe.form_dict
	else:
		return
	# a method the caller may not call, or arguments Frappe does not pass by name, are Frappe's to refuse
	if (
		fn is not None
		and fn in frappe.whitelisted
		and frappe.request.method in frappe.allowed_http_methods_for_whitelisted_func[fn]
		and (frappe.session.user != "Guest" or fn in frappe.guest_methods)
		and isinstance(kwargs, dict)
	):
		_check_arguments(fn, kwargs, by_name_only=cmd in DOC_METHOD_COMMANDS)


def _function(cmd: str):
	try:
		return frappe.get_attr(cmd)
	except Exception:
		return None  # Frappe answers that it cannot find it


def _doc_method():
	from frappe.model.base_document import get_controller

	doctype, method = frappe.form_dict.get("dt"), frappe.form_dict.get("method")
	if not (isinstance(doctype, str) and doctype.startswith("TD ") and isinstance(method, str)):
		return None
	if not frappe.db.exists("DocType", doctype):
		return None
	fn = getattr(get_controller(doctype), method, None)
	fn = getattr(fn, "__func__", fn)
	if not callable(fn) or "args" in inspect.signature(fn).parameters:
		return None  # Frappe passes `args` as it is
	return fn


def _doc_method_arguments():
	"""The arguments frappe.handler.run_doc_method passes by name: `args` when it is a JSON object."""
	args = frappe.form_dict.get("args") or frappe.form_dict.get("arg")
	try:
		return frappe.parse_json(args)
	except ValueError:
		return None


def _check_arguments(fn, kwargs: dict, by_name_only: bool = False) -> None:
	"""Every argument without a default is given, and each given one has the type its annotation names
	(checked by Frappe's own validation, which answers in English). A controller method is called with
	exactly the arguments sent (`by_name_only`): one it does not take is refused too."""
	target = inspect.unwrap(fn)
	params = inspect.signature(target).parameters
	if by_name_only and not any(p.kind == p.VAR_KEYWORD for p in params.values()):
		for name in kwargs:
			if name not in params or name == "self":
				frappe.throw(
					_("The request has an unknown parameter {0}.").format(frappe.bold(name[:140])),
					InvalidInputError,
				)
	for name, param in params.items():
		if name == "self" or param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
			continue
		if name not in kwargs:
			if param.default is param.empty:
				frappe.throw(
					_("The request lacks the parameter {0}.").format(frappe.bold(name)), InvalidInputError
				)
			continue
		try:
			transform_parameter_types(target, (), {name: kwargs[name]})
		except FrappeTypeError:
			frappe.throw(
				_("The parameter {0} has a value of the wrong type.").format(frappe.bold(name)),
				InvalidInputError,
			)


def _read_json(value, label: str):
	if not isinstance(value, str):
		return value
	if not value.strip():
		return None
	try:
		return json.loads(value)
	except ValueError:
		_refuse_parameter(label)


def _is_filter_dict(filters: dict) -> bool:
	return all(isinstance(field, str) and _is_dict_condition(value) for field, value in filters.items())


def _is_dict_condition(value) -> bool:
	"""`value` or `[operator, value]` (frappe.utils.data.make_filter_tuple)."""
	if isinstance(value, list):
		return len(value) >= 2 and isinstance(value[0], str | None) and _is_filter_value(value[1])
	return isinstance(value, SCALARS)


def _is_condition(condition) -> bool:
	if not isinstance(condition, list) or len(condition) not in (3, 4):
		return False
	*names, operator, value = condition
	return (
		all(isinstance(n, str) and n for n in names)
		and isinstance(operator, str | None)
		and _is_filter_value(value)
	)


def _is_filter_value(value) -> bool:
	if isinstance(value, list):
		return all(isinstance(v, SCALARS) for v in value)
	return isinstance(value, SCALARS)


def _refuse_parameter(label: str):
	frappe.throw(
		_("The request parameter {0} could not be read.").format(frappe.bold(label)), InvalidInputError
	)
