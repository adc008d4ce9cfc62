"""The county's name for the admin's branding blocks (templates/wagtailadmin/), which Wagtail
renders in views that pass no site name in their context."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def county_site_name() -> str:
    """settings.WAGTAIL_SITE_NAME, e.g. 盈江县人民政府 (PORTAL_TITLE in the environment)."""
    return settings.WAGTAIL_SITE_NAME
