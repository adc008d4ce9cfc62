"""An interpretation leaves the public site with the policy it explains.

The public views already hide an interpretation of a withheld policy (services.public_interpretations);
unpublishing it as well takes it off every other surface (site search, sitemap) and shows its
editors, in the page's history, why it went. It comes back through review like any page.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale
from wagtail.signals import page_published, page_unpublished

from disclosure.models import GovernmentDocumentPage
from sites.withdrawal import withdraw

WITHDRAWN_WITH_POLICY = "interpretation.withdrawn_with_policy"
WITHDRAWN_WITH_POLICY_LABEL = _("随所解读的政策文件撤下")


def withdraw_interpretations_of_withheld_policy(sender, instance: GovernmentDocumentPage, **kwargs) -> None:
    from .services import interpretations_of_policy

    if instance.locale_id != Locale.get_default().pk or instance.alias_of_id is not None:
        return  # The Chinese source decides for every language version.
    if instance.live and instance.is_publicly_disclosed:
        return
    for interpretation in interpretations_of_policy(instance):
        withdraw(interpretation, WITHDRAWN_WITH_POLICY)


def connect() -> None:
    page_unpublished.connect(withdraw_interpretations_of_withheld_policy, sender=GovernmentDocumentPage)
    page_published.connect(withdraw_interpretations_of_withheld_policy, sender=GovernmentDocumentPage)
