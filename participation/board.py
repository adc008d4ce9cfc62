"""The message board (网民留言): writing to a unit, the public list of answered questions, the unit's
answer (e-mailed to the citizen who gave an address) and the citizen's look-up by tracking code."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import abuse, faults
from .forms import AbuseCheckedForm, clean_phone_value
from .lookup import contact_matches, look_up
from .models import Message, MessageBoardPage, MessageModeration
from .tracking import new_code, normalize_code

MESSAGE_CODE_PREFIX = "L"
RECEIPT_SESSION_KEY = "message_receipt"
MESSAGES_PER_PAGE = 20
# The same message sent again within this many days is refused as a repeat.
DUPLICATE_WINDOW_DAYS = 30


class MessageForm(AbuseCheckedForm):
    subject = forms.CharField(
        label=gettext_lazy("留言标题"),
        max_length=100,
        error_messages={"required": gettext_lazy("请填写留言标题。")},
    )
    content = forms.CharField(
        label=gettext_lazy("留言内容"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": 2000}),
        error_messages={
            "required": gettext_lazy("请填写留言内容。"),
            "max_length": gettext_lazy("留言内容不能超过 %(limit_value)d 字（现为 %(show_value)d 字）。"),
        },
    )
    name = forms.CharField(label=gettext_lazy("姓名"), max_length=50, required=False)
    phone = forms.CharField(label=gettext_lazy("电话"), max_length=30, required=False)
    email = forms.EmailField(
        label=gettext_lazy("电子邮箱"),
        required=False,
        # The record keeps 254 characters (EmailField's default); the form field allows 320.
        max_length=254,
        error_messages={
            "invalid": gettext_lazy("电子邮箱格式不正确。"),
            "max_length": gettext_lazy("电子邮箱不能超过 %(limit_value)d 个字符。"),
        },
    )
    consent = forms.BooleanField(
        label=gettext_lazy("我已阅读并同意隐私声明"),
        error_messages={"required": gettext_lazy("请阅读并同意隐私声明后再提交。")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.put_abuse_fields_last()

    def clean_phone(self):
        return clean_phone_value(self.cleaned_data.get("phone"))

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not (cleaned.get("phone") or cleaned.get("email")):
            raise forms.ValidationError(_("请至少留下电话或电子邮箱，以便答复；联系方式不会公开。"))
        return cleaned


def board_context(request, board: MessageBoardPage, form=None) -> dict:
    unit = board.unit
    public = (
        Message.objects.filter(unit=unit).public().order_by("-received_at")
        if unit
        else Message.objects.none()
    )
    paginator = Paginator(public, MESSAGES_PER_PAGE)
    return {
        "form": form or MessageForm(),
        "public_messages": paginator.get_page(request.GET.get("p")),
    }


def _refuse(request, board, form, message: str | None, status: int):
    response = board.render(request, form=form, context_overrides={"refusal": message} if message else None)
    response.status_code = status
    return response


def _sent_before(unit, data: dict) -> bool:
    """Whether this sender (same phone or e-mail) sent this unit the same message lately. Another
    citizen's message in the same words is a message of its own: neighbours report the same
    broken street light alike."""
    sender = Q(pk__in=[])
    if data["phone"]:
        sender |= Q(phone=abuse.normalize_phone(data["phone"]))
    if data["email"].strip():
        sender |= Q(email__iexact=data["email"].strip())
    return Message.objects.filter(
        sender,
        unit=unit,
        subject=data["subject"].strip(),
        content=data["content"].strip(),
        received_at__gte=timezone.now() - timedelta(days=DUPLICATE_WINDOW_DAYS),
    ).exists()


def write_message(request, board: MessageBoardPage):
    if request.method != "POST":
        return HttpResponseRedirect(board.url)
    form = MessageForm(request.POST)
    try:
        return _accept_message(request, board, form)
    except faults.SERVICE_ERRORS:
        faults.log_outage("message board")
        return _refuse(request, board, form, faults.SERVICE_UNAVAILABLE, 503)


def _accept_message(request, board: MessageBoardPage, form):
    if abuse.ip_limited(request, "messages"):
        return _refuse(
            request, board, form, _("提交过于频繁，请一小时后再试。已填写的内容未提交，请先复制保存。"), 429
        )
    if not form.is_valid():
        return _refuse(request, board, form, None, 400)
    data = form.cleaned_data
    contact = abuse.contact_fingerprint(data["phone"], data["email"])
    if abuse.contact_limited(request, "messages", contact):
        return _refuse(request, board, form, _("同一联系方式提交过于频繁，请一小时后再试。"), 429)
    unit = board.unit
    if _sent_before(unit, data):
        return _refuse(request, board, form, _("您已提交过内容相同的留言，无需重复提交。"), 400)
    message = None
    for _attempt in range(8):
        try:
            with transaction.atomic():
                message = Message.objects.create(
                    unit=unit,
                    board=board,
                    tracking_code=new_code(MESSAGE_CODE_PREFIX),
                    subject=data["subject"].strip(),
                    content=data["content"].strip(),
                    name=data["name"].strip(),
                    phone=abuse.normalize_phone(data["phone"]),
                    email=data["email"].strip(),
                    consent=True,
                )
            break
        except IntegrityError:
            continue
    if message is None:
        raise RuntimeError("no free tracking code after several attempts")
    request.session[RECEIPT_SESSION_KEY] = {"code": message.tracking_code, "page": board.pk}
    return HttpResponseRedirect(board.url + board.reverse_subpage("written"))


def written(request, board: MessageBoardPage):
    receipt = request.session.get(RECEIPT_SESSION_KEY)
    if not receipt or receipt.get("page") != board.pk:
        return HttpResponseRedirect(board.url)
    deadline_message = Message.objects.filter(tracking_code=receipt["code"]).first()
    return board.render(
        request,
        template="participation/message_written.html",
        context_overrides={
            "receipt": receipt,
            "deadline": deadline_message.reply_deadline if deadline_message else None,
        },
    )


def find_message(code: str, contact: str) -> Message | None:
    """The message with this tracking code, if `contact` is the phone or e-mail given with it.

    Both must match, so a leaked code alone reveals nothing."""
    code = normalize_code(code)
    if not code or not (contact or "").strip():
        return None
    message = Message.objects.filter(tracking_code=code).select_related("unit", "board").first()
    if message is None or not contact_matches(message.phone, message.email, contact):
        return None
    return message


def lookup_message(request, board: MessageBoardPage):
    """A citizen finds their message, its state and the unit's answer with the tracking code and
    their contact. The contact is never echoed back into the page."""
    result = look_up(request, find_message)
    response = board.render(
        request,
        template="participation/message_lookup.html",
        context_overrides={
            "form": result.form,
            "refusal": result.refusal,
            "message": result.found,
            "searched": result.searched,
        },
    )
    response.status_code = result.status
    return response


def record_answer(message: Message, reply_changed: bool, user) -> Message:
    """Save staff's handling of a message. A new answer is stamped with who and when and, the first
    time, e-mailed to the citizen when they gave an address (through the outbox, in the same commit)."""
    from .tasks import notify_message_reply

    if reply_changed:
        answered = bool(message.reply.strip())
        message.replied_at = timezone.now() if answered else None
        message.replied_by = user if answered else None
    # The answer and its mail (an outbox row) are saved together or not at all.
    with transaction.atomic():
        message.save()
        if (
            message.replied_at
            and message.email
            and message.notified_at is None
            and message.moderation != MessageModeration.INVALID
        ):
            notify_message_reply(message.pk)
            message.refresh_from_db(fields=["notified_at"])
    return message
