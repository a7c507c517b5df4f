"""Request-level hooks."""

import frappe
from frappe.translate import get_user_lang

API_SCHEMES = ("token", "basic", "bearer")


def use_the_api_users_language() -> None:
	"""`auth_hooks`: a request signed with an API key or an OAuth token runs in that user's language.

	Frappe picks a request's language before it checks such credentials, from the Accept-Language
	header of an anonymous caller; a desk session already uses the user's language. An explicit `_lang`
	parameter still wins."""
	scheme = frappe.get_request_header("Authorization", "").split(" ")[0].lower()
	if (
		scheme in API_SCHEMES
		and frappe.session.user not in ("", "Guest")
		and not frappe.form_dict.get("_lang")
	):
		frappe.local.lang = get_user_lang(frappe.session.user)
