"""Short-lived cache of catalogue-wide figures (counts, field list, popular procedures).

Every key carries a catalogue version that writes bump, so a change is visible at once wherever the cache is
shared (Redis in production). With the embedded per-process memory cache other workers may lag by at most
`TIMEOUT` seconds, which is acceptable for headline figures.
"""

import uuid
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

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
    return cache.get_or_set(f"catalog:{version()}:{name}", compute, TIMEOUT)


def invalidate() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)
