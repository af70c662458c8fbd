from datetime import timedelta

from django import template

register = template.Library()


@register.filter
def so_phut(duration: timedelta) -> int:
    """Whole minutes of a lock-out period, never shown as 0: {{ cooloff_timedelta|so_phut }} → 15"""
    return max(1, round(duration.total_seconds() / 60))
