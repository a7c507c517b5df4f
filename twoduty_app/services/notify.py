"""Telling people: an in-app notification for each, and one email per language through the Email Queue.

`subject` and `body` are callables taking a language code, so each person reads them in his or her own
language (the job or request that sends them may run in another)."""

import frappe
from frappe.utils import escape_html, get_url_to_form


def notify(users, doctype: str, name: str, subject, body) -> None:
	users = sorted(set(filter(None, users)))
	if not users:
		return
	by_language: dict[str, list[str]] = {}
	for user, lang in user_languages(users).items():
		by_language.setdefault(lang, []).append(user)
	for lang, group in by_language.items():
		title, text = subject(lang), body(lang)
		for user in group:
			frappe.get_doc(
				{
					"doctype": "Notification Log",
					"for_user": user,
					"type": "Alert",
					"document_type": doctype,
					"document_name": name,
					"from_user": frappe.session.user if frappe.session.user != "Guest" else "Administrator",
					"subject": title,
					"email_content": text,
				}
			).insert(ignore_permissions=True)
		if outgoing_email_configured():
			frappe.sendmail(
				recipients=group,
				subject=title,
				message=f"<p>{escape_html(text)}</p><p>{get_url_to_form(doctype, name)}</p>",
				reference_doctype=doctype,
				reference_name=name,
			)


def send_html(recipients, subject: str, html: str) -> None:
	"""A digest or summary mail (no single document behind it)."""
	if recipients and outgoing_email_configured():
		frappe.sendmail(recipients=recipients, subject=subject, message=html)


def outgoing_email_configured() -> bool:
	"""Mail needs a default outgoing Email Account; without one the in-app notification stands alone."""
	return bool(
		frappe.db.exists("Email Account", {"default_outgoing": 1, "enable_outgoing": 1})
		or frappe.conf.get("mail_server")
	)


def user_languages(users: list[str]) -> dict[str, str]:
	default = frappe.db.get_default("lang") or "zh"
	User = frappe.qb.DocType("User")
	rows = frappe.qb.from_(User).select(User.name, User.language).where(User.name.isin(users or [""])).run()
	found = {name: lang or default for name, lang in rows}
	return {u: found.get(u, default) for u in users}
