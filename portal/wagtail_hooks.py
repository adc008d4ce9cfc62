from wagtail import hooks

from sites import hooks as site_hooks


@hooks.register(site_hooks.COUNTY_ADMIN_PERMISSIONS)
def footer_settings_permissions():
    """County administrators keep the footer (portal/models.py); unit staff do not."""
    return ["portal.change_footersettings"]
