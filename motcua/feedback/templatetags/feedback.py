from django import template

from motcua.feedback import selectors

register = template.Library()


@register.filter
def is_monitor(user) -> bool:
    return selectors.monitor_agencies(user).exists()
