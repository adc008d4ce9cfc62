"""Admin wiring of the message board: the messages' viewset (moderation and the unit's answer).
The policy that scopes them to the user's units is registered in ParticipationConfig.ready()."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views.generic import EditView, IndexView

from security.audit import personal_data_viewed
from sites import hooks as site_hooks
from sites.permissions import instances_user_may_change
from sites.viewsets import UnitScopedViewSet

from .indicators import INDICATORS
from .models import Message, MessageModeration


class MessageFilterSet(WagtailFilterSet):
    moderation = ChoiceFilter(label=_("审核"), choices=MessageModeration.choices)
    answer = ChoiceFilter(
        label=_("答复"),
        choices=[
            ("unanswered", _("未答复")),
            ("too_long", _("超过3个月未答复")),
            ("answered", _("已答复")),
        ],
        method="filter_answer",
    )

    class Meta:
        model = Message
        fields = ["moderation"]

    def filter_answer(self, queryset, name, value):
        if value == "unanswered":
            return queryset.unanswered()
        if value == "too_long":
            return queryset.unanswered_too_long()
        if value == "answered":
            return queryset.filter(replied_at__isnull=False)
        return queryset


class MessageForm(WagtailAdminModelForm):
    """Moderation and the answer; the citizen's words stay as written."""

    class Meta:
        model = Message
        fields = ["subject", "content", "moderation", "reply"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].disabled = True
        self.fields["content"].disabled = True

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reply", "").strip() and cleaned.get("moderation") == MessageModeration.PENDING:
            self.add_error("moderation", _("答复前请先审核：公开，或不公开（仍须答复）。"))
        return cleaned


class MessageIndexView(IndexView):
    def get_base_queryset(self):
        return instances_user_may_change(Message, self.request.user).select_related("unit")


class MessageEditView(EditView):
    def get_queryset(self):
        return instances_user_may_change(Message, self.request.user)

    def get_object(self, queryset=None):
        message = super().get_object(queryset)
        personal_data_viewed(self.request, message)  # the sender's name and contacts
        return message

    def save_instance(self):
        from .board import record_answer

        return record_answer(self.form.instance, "reply" in self.form.changed_data, self.request.user)


def _reply_due(message: Message) -> str:
    return message.reply_deadline.due.strftime("%Y-%m-%d")


def _answer_state(message: Message) -> str:
    if message.replied_at:
        return str(_("已答复"))
    if message.unanswered_too_long:
        return str(_("超过3个月未答复"))
    if timezone.localdate() > message.reply_deadline.due:
        return str(_("已超期"))
    return str(_("待答复"))


class MessageViewSet(UnitScopedViewSet):
    model = Message
    menu_label = _("网民留言")
    icon = "mail"
    add_to_admin_menu = True
    menu_order = 765
    index_view_class = MessageIndexView
    edit_view_class = MessageEditView
    filterset_class = MessageFilterSet
    search_fields = ["subject", "content", "tracking_code"]
    add_to_reference_index = False
    list_per_page = 50

    @property
    def list_display(self):
        return [
            "subject",
            Column("unit", label=_("单位"), accessor="unit"),
            Column("received_at", label=_("收到时间"), accessor="received_at"),
            Column("moderation", label=_("审核"), accessor="get_moderation_display"),
            Column("reply_due", label=_("答复期限"), accessor=_reply_due),
            StatusTagColumn(
                "answer_state",
                label=_("答复"),
                accessor=_answer_state,
                primary=lambda message: message.replied_at is None,
            ),
        ]

    def get_form_class(self, for_update=False):
        return MessageForm


@hooks.register("register_admin_viewset")
def register_message_viewset():
    return MessageViewSet("messages_admin")


@hooks.register(site_hooks.OVERSIGHT_INDICATORS)
def participation_indicators():
    return INDICATORS
