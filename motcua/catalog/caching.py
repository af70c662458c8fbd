"""Short-lived cache of catalogue reads: figures, field list, popular procedures, pages of API search results.

Every key carries a catalogue version that writes bump, so a change is visible at once wherever the cache is
shared (Redis in production). With the embedded per-process memory cache other workers may lag by at most
`TIMEOUT` seconds, which is acceptable for figures and search results.
"""

import hashlib
import uuid
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction

T = TypeVar("T")
VERSION_KEY = "catalog:version"
TIMEOUT = 60


def version() -> str:
    current = cache.get(VERSION_KEY)
    if current is None:
        current = uuid.uuid4().hex
        cache.set(VERSION_KEY, current, None)
    return current


def cached(name: str, compute: Callable[[], T]) -> T:
    # Names may hold user text (search words); hashing keeps keys short and free of spaces for any cache backend.
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()
    return cache.get_or_set(f"catalog:{version()}:{digest}", compute, TIMEOUT)


def invalidate() -> None:
    """A new version now, for readers in this transaction, and again at commit: anything another process cached
    meanwhile from the rows as they were before the commit is then orphaned too."""
    _new_version()
    transaction.on_commit(_new_version)


def _new_version() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)
