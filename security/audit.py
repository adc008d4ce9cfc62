"""The audit log's one entry point: `record(request, action, target, detail)`.

Apps call it where something an auditor must trace happens (a view or export of citizens'
personal data, say); the signal receivers in security/signals.py call it for logins, lockouts,
second-factor and permission changes. Who and from where come from the request; receivers of
model signals have none, so the middleware keeps the current one (`current_request`).
"""

from __future__ import annotations

from contextvars import ContextVar

from django.http import HttpRequest

from .models import AuditAction, AuditEntry
from .network import client_address

_current_request: ContextVar[HttpRequest | None] = ContextVar("audit_request", default=None)


def current_request() -> HttpRequest | None:
    """The request being answered, if any (None in a management command or a Celery task)."""
    return _current_request.get()


def record(
    request: HttpRequest | None,
    action: AuditAction | str,
    target: object = "",
    detail: str = "",
    *,
    user=None,
    username: str = "",
) -> AuditEntry:
    """Write one audit entry. `user` defaults to the request's user; `username` names an account
    that may not exist (a failed login). `target` is the object acted on (its str is kept)."""
    request = request if request is not None else current_request()
    if user is None and request is not None:
        candidate = getattr(request, "user", None)
        if candidate is not None and candidate.is_authenticated:
            user = candidate
    if user is not None and not username:
        username = user.get_username()
    address = None
    if request is not None and request.META.get("REMOTE_ADDR"):
        address = client_address(request)
    return AuditEntry.objects.create(
        user=user,
        username=username[:150],
        address=address,
        action=str(action),
        target=str(target)[:255],
        detail=detail,
    )


class AuditRequestMiddleware:
    """Keeps the request at hand for audit entries written by model signal receivers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)


def personal_data_viewed(request: HttpRequest, target: object) -> None:
    """A member of staff opened a record holding a citizen's personal data (PIPL, 等保 2.0)."""
    record(request, AuditAction.PERSONAL_DATA_VIEWED, target=target, detail=request.get_full_path())


def personal_data_exported(request: HttpRequest, target: object) -> None:
    """A member of staff downloaded citizens' personal data (an export)."""
    record(request, AuditAction.PERSONAL_DATA_EXPORTED, target=target, detail=request.get_full_path())
