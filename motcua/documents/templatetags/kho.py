from django import template

from motcua.documents import selectors

register = template.Library()

register.filter("can_digitise", selectors.can_digitise)
