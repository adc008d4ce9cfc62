"""The 办事一本通 is built by the worker: laying out every guide takes longer than a request may."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="services.generate_handbook")
def generate_handbook(handbook_id: int) -> int:
    """Builds the handbook's PDF; returns how many guides it holds (0 if the record is gone)."""
    from .handbook import generate
    from .models import Handbook, HandbookState

    handbook = Handbook.objects.filter(pk=handbook_id).first()
    if handbook is None:
        return 0
    try:
        return generate(handbook).total
    except Exception as error:
        Handbook.objects.filter(pk=handbook_id).update(state=HandbookState.FAILED, error=str(error)[:2000])
        raise
