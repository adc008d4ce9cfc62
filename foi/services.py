"""Every step of an application, as plain functions (the only code that changes its state).

Each function checks that the step is allowed in the application's current state and raises
`TransitionRefused` (a ValidationError with a Chinese message, keyed by field where one is at
fault) when it is not, also when the request was posted directly; it then writes the change, an
`ApplicationEvent`, the notice it issues (numbered per unit and year) and queues the mail to the
applicant through the outbox, all in one transaction. Clocks are counted on the working-day
calendar (workdays/services.py) and every due date can explain itself (`reply_deadline`).

Clock rules (条例 2019):
- Art. 31: the reply clock starts on the receipt date (which does not count).
- Art. 30: one correction notice within 7 working days of receipt; the applicant's deadline is
  set by staff (default 15 working days); a correction restarts the clock from the day it
  arrives; none by the deadline ends the application as ReplyType.NOT_CORRECTED.
- Art. 33: reply within 20 working days; one extension of at most 20, approved by a named
  person and notified.
- Art. 32/34: consulting a third party or a co-agency (15 working days) stops the clock.
- Art. 42 / 109号: from the fee notice to payment the clock stops; the notice gives at least 20
  working days; no payment by then ends the application as ReplyType.NOT_PAID.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError

REPLY_WORKING_DAYS = 20
MAX_EXTENSION_WORKING_DAYS = 20
CORRECTION_NOTICE_WORKING_DAYS = 7
DEFAULT_CORRECTION_WORKING_DAYS = 15
CONSULTATION_WORKING_DAYS = 15
MIN_FEE_PAYMENT_WORKING_DAYS = 20


class TransitionRefused(ValidationError):
    """A step the application's state or the input does not allow; the message is Chinese."""


@dataclass(frozen=True)
class ApplicantInput:
    """What the online form or a staff registration gives (field names as on Application)."""

    unit_id: int
    applicant_kind: str
    organisation_kind: str
    name: str
    legal_representative: str
    contact_person: str
    id_kind: str
    id_number: str
    phone: str
    email: str
    address: str
    postcode: str
    description: str
    document_title: str
    document_number: str
    index_number: str
    purpose: str
    delivery_method: str
    carrier: str
    channel: str
    received_on: date | None = None  # None for online: today
    id_copy: object | None = None  # an UploadedFile, already checked by the form


# The API the views, tasks and demo use. Bodies are in the implementation.
