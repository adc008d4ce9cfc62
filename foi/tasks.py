"""Daily work on applications: reminders before due dates, escalation when overdue, and the end of
applications whose correction or payment deadline passed (implemented in services.py)."""

from __future__ import annotations
