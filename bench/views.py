"""The baseline the portal is measured against: one indexed read and a small template, nothing more."""

from django.contrib.contenttypes.models import ContentType
from django.http import HttpResponse
from django.template import engines

# Compiled once per worker, as the cached template loader does for the portal's own templates.
BASELINE_TEMPLATE = engines["django"].from_string(
    """<!doctype html>
<html lang="vi">
<head><meta charset="utf-8"><title>{{ content_type.app_label }}</title></head>
<body>
<h1>{{ content_type.app_label }}.{{ content_type.model }}</h1>
<p>{{ content_type.pk }}</p>
</body>
</html>
"""
)


def baseline(request):
    # Looked up through the unique (app_label, model) index; .get() bypasses ContentType's in-process cache.
    content_type = ContentType.objects.get(app_label="contenttypes", model="contenttype")
    return HttpResponse(BASELINE_TEMPLATE.render({"content_type": content_type}, request))
