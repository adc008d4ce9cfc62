"""RSS and Atom feeds of the public documents, news and notices under a unit's section or one of its
columns."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from wagtail.models import Page

from sites.models import section_of

from .models import GovernmentDocumentPage, public_publications

FEED_LENGTH = 30


class DocumentsFeed(Feed):
    """Called as `DocumentsFeed()(request, page=...)` from a column's or a section's feed route."""

    def get_object(self, request, page: Page):
        self.request = request
        return page

    def title(self, page: Page) -> str:
        section = section_of(page)
        if section is None or section.pk == page.pk:
            return _("%(title)s · 最新公开信息") % {"title": page.title}
        return _("%(unit)s · %(title)s") % {"unit": section.unit.display_name, "title": page.title}

    def link(self, page: Page) -> str:
        return self._absolute_url(page)

    def _absolute_url(self, page: Page) -> str:
        # Built from the request, so links point at the host the reader used.
        return self.request.build_absolute_uri(page.get_url(self.request))

    def description(self, page: Page) -> str:
        return _("“%(title)s”中主动公开的政府信息和新闻、通知公告") % {"title": page.title}

    def items(self, page: Page) -> list[Page]:
        """The newest FEED_LENGTH of the documents and of the news and notices, merged by date."""
        documents = GovernmentDocumentPage.objects.descendant_of(page).public_listing()[:FEED_LENGTH]
        publications = public_publications(Page.objects.descendant_of(page)).specific()[:FEED_LENGTH]
        items = [*documents, *publications]
        items.sort(key=lambda item: item.first_published_at, reverse=True)
        return items[:FEED_LENGTH]

    def item_title(self, item: Page) -> str:
        return item.title

    def item_description(self, item: Page) -> str:
        return item.summary

    def item_link(self, item: Page) -> str:
        return self._absolute_url(item)

    def item_pubdate(self, item: Page):
        return item.first_published_at

    def item_updateddate(self, item: Page):
        return item.last_published_at

    def item_guid(self, item: Page) -> str:
        # A document's 索引号 stays the same when its address changes; news and notices have none.
        return getattr(item, "issued_index_number", "") or self._absolute_url(item)

    item_guid_is_permalink = False


class AtomDocumentsFeed(DocumentsFeed):
    feed_type = Atom1Feed
    subtitle = DocumentsFeed.description


# The feed views of a page, by kind: a column's own routes and a unit section's (through the
# unit_section_feeds hook) serve these.
FEED_VIEWS = {
    "rss": lambda request, page: DocumentsFeed()(request, page=page),
    "atom": lambda request, page: AtomDocumentsFeed()(request, page=page),
}
