"""Search-index maintenance that Wagtail's per-save updates do badly."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager

from django.db.models.signals import post_save
from modelsearch import index
from modelsearch.backends import get_search_backends
from modelsearch.signal_handlers import post_save_signal_handler


@contextmanager
def deferred_search_indexing() -> Iterator[None]:
    """Index everything saved inside the block once, at its end, instead of on every save.

    The database search backend recomputes title norms across the whole index on each
    insert. Inside one long transaction on PostgreSQL that turns creating a county's
    ~900 pages into hours of rewriting the same rows; once per model at the end it takes
    seconds. Meant for batch jobs run from the command line (it swaps signal receivers
    process-wide), not for request handling.
    """
    models = [model for model in index.get_indexed_models() if getattr(model, "search_auto_update", True)]
    saved: dict[type, set] = defaultdict(set)

    def remember(sender, instance, raw=False, **kwargs):
        if not raw:
            saved[sender].add(instance.pk)

    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
        post_save.connect(remember, sender=model, weak=False)
    try:
        yield
    finally:
        for model in models:
            post_save.disconnect(remember, sender=model)
            post_save.connect(post_save_signal_handler, sender=model)

    # A page saved both as a Page and as its specific class (an alias unpublished with its
    # original, say) is one object to index: one bulk insert must not hold it twice.
    by_type: dict[type, dict] = defaultdict(dict)
    for model, pks in saved.items():
        for obj in model._default_manager.filter(pk__in=pks):
            indexed = index.get_indexed_instance(obj)
            if indexed is not None:
                by_type[type(indexed)][indexed.pk] = indexed
    for backend in get_search_backends(with_auto_update=True):
        for model, instances in by_type.items():
            backend.add_bulk(model, list(instances.values()))
