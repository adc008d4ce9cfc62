"""Information processing fees (信息处理费) per 国办函〔2020〕109号《政府信息公开信息处理费管理办法》.

Free as a rule; charged only when an applicant's requests clearly exceed a reasonable volume, by
one of two methods per application:
- per application (按件计收): the same applicant's applications in one calendar month: the 1st to
  10th free, the 11th to 30th at 100 yuan each, and from the 31st every further block of 10 costs
  100 yuan more each (31st–40th: 200, 41st–50th: 300, …);
- per page (按量计收), progressive: pages 1–30 free, 31–100 at 10 yuan, 101–200 at 20 yuan, from
  the 201st at 40 yuan.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models

FREE_APPLICATIONS = 10
FIRST_CHARGED_BLOCK_END = 30
APPLICATION_BLOCK = 10
APPLICATION_STEP = Decimal("100")

# (first page, last page or None, yuan per page) of each band.
PAGE_BANDS = (
    (1, 30, Decimal("0")),
    (31, 100, Decimal("10")),
    (101, 200, Decimal("20")),
    (201, None, Decimal("40")),
)


def fee_per_application(ordinal_in_month: int) -> Decimal:
    """The fee of the applicant's n-th application in a calendar month (n counted from 1)."""
    if ordinal_in_month < 1:
        raise ValueError("ordinal_in_month starts at 1")
    if ordinal_in_month <= FREE_APPLICATIONS:
        return Decimal("0")
    if ordinal_in_month <= FIRST_CHARGED_BLOCK_END:
        return APPLICATION_STEP
    blocks_after_30 = (ordinal_in_month - FIRST_CHARGED_BLOCK_END - 1) // APPLICATION_BLOCK + 1
    return APPLICATION_STEP * (1 + blocks_after_30)


def fee_per_page(pages: int) -> Decimal:
    """The fee for `pages` pages, each band at its own rate (120 pages: 70×10 + 20×20 = 1100)."""
    if pages < 0:
        raise ValueError("pages must not be negative")
    total = Decimal("0")
    for first, last, rate in PAGE_BANDS:
        if pages < first:
            break
        top = pages if last is None else min(pages, last)
        total += rate * (top - first + 1)
    return total


def ordinal_in_month(application) -> int:
    """Which of the applicant's applications (same ID number) to the same unit in its receipt
    month this one is: each agency charges for the applications it received."""
    from .models import Application

    same_month = Application.objects.filter(
        unit_id=application.unit_id,
        id_number__iexact=application.id_number,
        received_on__year=application.received_on.year,
        received_on__month=application.received_on.month,
    ).exclude(pk=application.pk)
    earlier = same_month.filter(received_on__lt=application.received_on)
    # The same receipt day: in the order they were registered.
    same_day = same_month.filter(received_on=application.received_on).filter(
        models.Q(submitted_at__lt=application.submitted_at)
        | models.Q(submitted_at=application.submitted_at, pk__lt=application.pk or 0)
    )
    return earlier.count() + same_day.count() + 1
