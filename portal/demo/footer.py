"""The demo footer (portal/models.py FooterSettings) with Yingjiang's details. The codes and
numbers are placeholders, marked 演示 — the county fills in the ones it was issued."""

from __future__ import annotations

from wagtail.models import Site

from portal.models import FooterSettings

DEMO_FOOTER = {
    "host": "盈江县人民政府办公室",
    "organizer": "盈江县人民政府办公室（演示：承办单位）",
    "phone": "0692-0000000（演示号码）",
    "email": "yjxzfb-demo@example.org",
    "address": "云南省德宏傣族景颇族自治州盈江县平原镇（演示地址）",
    # 10 characters as the national database issues them; 0000 marks it as a demo value.
    "site_code": "5331230000",
    "icp_number": "滇ICP备00000000号（演示）",
    "police_number": "滇公网安备 00000000000000号（演示）",
    "police_link": "https://www.beian.gov.cn/portal/registerSystemInfo?recordcode=00000000000000",
    "conac_link": "https://bszs.conac.cn/sitename?method=show&id=DEMO",
}


def load_footer_demo() -> None:
    """Fill each site's footer where it is still empty; never overwrite what the county typed."""
    for site in Site.objects.all():
        footer = FooterSettings.for_site(site)
        changed = False
        for field, value in DEMO_FOOTER.items():
            if not getattr(footer, field):
                setattr(footer, field, value)
                changed = True
        if changed:
            footer.save()
