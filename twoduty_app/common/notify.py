"""Telling people: an in-app notification for each, and mail through the Email Queue, each person in his or
her own language. Mail bodies are Jinja templates under `templates/emails/`.

`subject` and `body` of `notify` are callables taking a language code, so each person reads them in his or
her own language (the job or request that sends them may run in another)."""

from contextlib import contextmanager

import frappe
from frappe.utils import escape_html, get_url_to_form, strip_html


@contextmanager
def in_language(lang: str):
	"""Render (`_()` in templates included) in `lang`."""
	previous = frappe.local.lang
	frappe.local.lang = lang
	try:
		yield
	finally:
		frappe.local.lang = previous


def notify(users, doctype: str, name: str, subject, body, link: bool = True) -> None:
	"""`link=False`: for readers who may not open the document (a person concerned by a county-only
	record): the notification and the mail carry the text alone, no way to the form."""
	users = sorted(set(filter(None, users)))
	if not users:
		return
	for lang, group in by_language(users).items():
		title, text = subject(lang), body(lang)
		for user in group:
			frappe.get_doc(
				{
					"doctype": "Notification Log",
					"for_user": user,
					"type": "Alert",
					"document_type": doctype if link else None,
					"document_name": name if link else None,
					"from_user": frappe.session.user if frappe.session.user != "Guest" else "Administrator",
					# the desk shows both as HTML: the values formatted into them stay text
					"subject": escape_html(title),
					"email_content": escape_html(text),
				}
			).insert(ignore_permissions=True)
		send_mail(
			group,
			title,
			"td_notification",
			{"text": text, "link": get_url_to_form(doctype, name) if link else None},
			lang,
			reference_doctype=doctype,
			reference_name=name,
		)


def send_mail(recipients, subject: str, template: str, args: dict, lang: str, **kwargs) -> None:
	"""One mail from `templates/emails/<template>.html`, rendered in `lang`; nothing when the site has no
	outgoing mail (the in-app notification then stands alone)."""
	if not recipients or not outgoing_email_configured():
		return
	with in_language(lang):
		# Frappe also writes the subject, unescaped, into the mail's HTML (<title>): no markup in it
		frappe.sendmail(
			recipients=recipients, subject=strip_html(subject), template=template, args=args, **kwargs
		)


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


def by_language(users: list[str]) -> dict[str, list[str]]:
	groups: dict[str, list[str]] = {}
	for user, lang in user_languages(users).items():
		groups.setdefault(lang, []).append(user)
	return groups
