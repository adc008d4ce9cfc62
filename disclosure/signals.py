from wagtail.signals import page_published

from .models import GovernmentDocumentPage


def issue_index_number_on_first_publish(sender, instance, **kwargs):
    from .index_numbers import issue_index_number

    issue_index_number(instance)


def connect() -> None:
    page_published.connect(issue_index_number_on_first_publish, sender=GovernmentDocumentPage)
