import django_filters
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from .forms import SpecialDayForm
from .models import CalendarYear, DayKind, SpecialDay
from .services import weekday_name

# Only superusers and holders of the model permissions (the county group 县级管理员, which gets
# them through the hook below) reach these views: Wagtail's default model permission policy applies.


class SpecialDayFilterSet(WagtailFilterSet):
    year = django_filters.NumberFilter(field_name="day", lookup_expr="year", label=_("年份"))
    kind = django_filters.ChoiceFilter(choices=DayKind.choices, label=_("类型"))

    class Meta:
        model = SpecialDay
        fields = []


class SpecialDayViewSet(ModelViewSet):
    model = SpecialDay
    menu_label = _("放假与调休日期")
    icon = "date"
    ordering = ["-day"]
    list_per_page = 60
    filterset_class = SpecialDayFilterSet
    search_fields = ["name"]
    list_display = [
        "day",
        Column("weekday", label=_("星期"), accessor=lambda item: weekday_name(item.day)),
        Column("kind", label=_("类型"), accessor="get_kind_display"),
        "name",
    ]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("day"), FieldPanel("last_day"), FieldPanel("kind")]),
            FieldPanel("name"),
        ],
        base_form_class=SpecialDayForm,
    )


class CalendarYearViewSet(ModelViewSet):
    model = CalendarYear
    menu_label = _("年度安排")
    icon = "calendar-check"
    list_display = ["year", "source", "note", "updated_at"]
    edit_handler = ObjectList(CalendarYear.panels)


class HolidayArrangementViewSetGroup(ViewSetGroup):
    menu_label = _("节假日安排")
    menu_icon = "date"
    menu_order = 850
    items = (
        CalendarYearViewSet("workdays_years", url_prefix="holidays/years"),
        SpecialDayViewSet("workdays_days", url_prefix="holidays/days"),
    )


@hooks.register("register_admin_viewset")
def register_holiday_arrangements():
    return HolidayArrangementViewSetGroup()


@hooks.register("insert_global_admin_css")
def missing_years_banner_css():
    return format_html('<link rel="stylesheet" href="{}">', static("workdays/admin.css"))


# sites/hooks.py COUNTY_ADMIN_PERMISSIONS; workdays sits below sites, so it names the hook
# rather than importing it.
@hooks.register("county_admin_permissions")
def calendar_permissions():
    """The county office keeps the working-day calendar statutory deadlines are counted on."""
    return [
        "workdays.add_specialday",
        "workdays.change_specialday",
        "workdays.delete_specialday",
        "workdays.add_calendaryear",
        "workdays.change_calendaryear",
        "workdays.delete_calendaryear",
    ]
