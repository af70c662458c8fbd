from django import template

from motcua.core import formatting

register = template.Library()


@register.filter
def so(value, decimals=0):
    """Vietnamese number: {{ 1671|so }} → 1.671"""
    if value in (None, ""):
        return ""
    return formatting.format_number(value, int(decimals))


@register.filter
def ngay(value):
    """Vietnamese date: 16/06/2021"""
    return formatting.format_date(value)


@register.filter
def ngay_gio(value):
    return formatting.format_datetime(value)
