"""What the desk receives at login."""

from twoduty_app.common import vocabulary


def extend_bootinfo(bootinfo) -> None:
	"""`extend_bootinfo` hook: the app's vocabulary as `frappe.boot.twoduty`."""
	bootinfo.twoduty = vocabulary.boot()
