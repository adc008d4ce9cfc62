from django.db.models.signals import post_delete, post_save

from .models import CalendarYear, SpecialDay


def _calendar_changed(sender, **kwargs) -> None:
    from .services import calendar_changed

    calendar_changed()


def connect() -> None:
    for model in (SpecialDay, CalendarYear):
        post_save.connect(_calendar_changed, sender=model, dispatch_uid=f"workdays-save-{model.__name__}")
        post_delete.connect(_calendar_changed, sender=model, dispatch_uid=f"workdays-delete-{model.__name__}")
