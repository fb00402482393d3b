"""Per-address submission limits for the public portal, where forms take no login. One counter per
client address, form family and hour, kept in the cache; the limit is a deployment setting."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone


def submissions_per_hour() -> int:
    """What one address may hand in per hour on one portal form family."""
    return int(getattr(settings, "FAZHI_PORTAL_SUBMISSIONS_PER_HOUR", 10))


def client_address(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def over_limit(request: HttpRequest, family: str) -> bool:
    """Counts this submission; True when the address already used up the hour's allowance."""
    key = f"portal-throttle:{family}:{client_address(request)}:{timezone.now():%Y%m%d%H}"
    count = cache.get_or_set(key, 0, 3600)
    if count >= submissions_per_hour():
        return True
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, 3600)
    return False
