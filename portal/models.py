"""The site's footer (网站底部功能区), one per site: the items 国办发〔2017〕47号 asks every
government site to show there and that monitoring tools read from it (主办单位, 联系方式,
网站标识码, ICP 备案号, 公安机关备案号, 党政机关网站标识). County administrators keep it
(portal/wagtail_hooks.py grants them the change permission); unit staff may not."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

ICP_LINK = "https://beian.miit.gov.cn/"


@register_setting(icon="list-ul")
class FooterSettings(BaseSiteSetting):
    host = models.CharField(
        _("主办单位"),
        max_length=100,
        blank=True,
        help_text=_("网站的主办单位全称，如“盈江县人民政府办公室”。留空时按网站名称显示为“××办公室”。"),
    )
    organizer = models.CharField(
        _("承办单位"),
        max_length=100,
        blank=True,
        help_text=_("负责网站日常运行维护的单位；与主办单位相同时可留空。"),
    )
    phone = models.CharField(
        _("联系电话"), max_length=50, blank=True, help_text=_("网站管理部门的电话，含区号，如 0692-1234567。")
    )
    email = models.EmailField(_("联系邮箱"), blank=True, help_text=_("网站管理部门的电子邮箱。"))
    address = models.CharField(
        _("联系地址"), max_length=200, blank=True, help_text=_("主办单位的通信地址，可含邮政编码。")
    )
    site_code = models.CharField(
        _("网站标识码"),
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^[0-9A-Za-z]{10}$", _("网站标识码为 10 位数字或字母。"))],
        help_text=_("全国政府网站基本数据库分配的 10 位网站标识码。"),
    )
    icp_number = models.CharField(
        _("ICP 备案号"),
        max_length=50,
        blank=True,
        help_text=_("如“滇ICP备12345678号”；页面上链接到工业和信息化部备案管理系统。"),
    )
    police_number = models.CharField(
        _("公安机关备案号"),
        max_length=50,
        blank=True,
        help_text=_("如“滇公网安备 53312302000001号”，与公安机关备案标识一同显示。"),
    )
    police_link = models.URLField(
        _("公安机关备案链接"),
        blank=True,
        help_text=_(
            "全国互联网安全管理服务平台上本网站备案信息的网址（以 https://www.beian.gov.cn/ 开头）。"
        ),
    )
    conac_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("党政机关网站标识"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("机构编制部门颁发的“党政机关”网站标识图片；未上传时显示文字链接。"),
    )
    conac_link = models.URLField(
        _("党政机关网站标识链接"),
        blank=True,
        help_text=_("点击标识打开的证书页面，如 https://bszs.conac.cn/sitename?method=show&id=…"),
    )

    panels = [
        MultiFieldPanel([FieldPanel("host"), FieldPanel("organizer")], heading=_("主办和承办")),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email"), FieldPanel("address")], heading=_("联系方式")
        ),
        MultiFieldPanel(
            [
                FieldPanel("site_code"),
                FieldPanel("icp_number"),
                FieldPanel("police_number"),
                FieldPanel("police_link"),
                FieldPanel("conac_image"),
                FieldPanel("conac_link"),
            ],
            heading=_("标识和备案"),
        ),
    ]

    class Meta:
        verbose_name = _("网站底部信息")

    @property
    def host_display(self) -> str:
        """The 主办单位 as shown: the setting, else the site name's office (the old footer's text)."""
        return self.host or _("%(name)s办公室") % {"name": self.site_name}

    @property
    def site_name(self) -> str:
        return (self.site.site_name if self.site_id else "") or settings.WAGTAIL_SITE_NAME

    @property
    def icp_link(self) -> str:
        return ICP_LINK
