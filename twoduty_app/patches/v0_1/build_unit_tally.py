"""Fills TD Unit Tally for every year that has tasks, interviews or duty records."""

from twoduty_app.units import tally


def execute():
	tally.rebuild_all()
