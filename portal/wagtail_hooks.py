"""The portal's answers to the foundation's hooks: what the county's home page shows, and who keeps
the footer."""

from __future__ import annotations

from wagtail import hooks

from sites import hooks as site_hooks

from . import home


@hooks.register(site_hooks.COUNTY_ADMIN_PERMISSIONS)
def footer_settings_permissions():
    """County administrators keep the footer (portal/models.py); unit staff do not."""
    return ["portal.change_footersettings"]


# First, so the home page's own blocks come before what other apps add (e.g. the website report).
@hooks.register(site_hooks.CONSTRUCT_PORTAL_HOME_CONTEXT, order=-10)
def portal_home_blocks(page, request, context):
    home.add_home_blocks(page, request, context)
