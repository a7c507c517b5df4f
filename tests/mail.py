"""What the app's mails say: the messages in the Email Queue (the suite mutes sending) decoded as a reader's
mail program would show them."""

from email import message_from_string
from email.header import decode_header, make_header

import frappe


def mails_to(user: str) -> list[tuple[str, str]]:
	"""(subject, HTML body) of every queued mail to `user`."""
	Queue = frappe.qb.DocType("Email Queue")
	Recipient = frappe.qb.DocType("Email Queue Recipient")
	rows = (
		frappe.qb.from_(Queue).join(Recipient).on(Recipient.parent == Queue.name)
		.select(Queue.message).where(Recipient.recipient == user).run(pluck=True)
	)  # fmt: skip
	out = []
	for raw in rows:
		msg = message_from_string(raw)
		body = ""
		for part in msg.walk():
			if part.get_content_type() == "text/html":
				body = part.get_payload(decode=True).decode("utf-8", "replace")
		out.append((str(make_header(decode_header(msg["Subject"]))), body))
	return out
