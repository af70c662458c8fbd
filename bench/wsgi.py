"""WSGI entry point used only by `make bench`: the real application plus the baseline, in one gunicorn server.

`/__bench__/` paths go to a second Django handler built with the middleware of a fresh `startproject` and the
bench URLconf; every other path goes to `motcua.wsgi.application`, untouched. Production serves `motcua.wsgi`, so
its URLs and middleware never see the baseline (docs/performance.md explains the choice).
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")

from django.core.handlers.wsgi import WSGIHandler  # noqa: E402  (settings module must be chosen first)
from django.test.utils import override_settings  # noqa: E402

from motcua.wsgi import application as motcua_application  # noqa: E402  (runs django.setup())

BASELINE_PREFIX = "/__bench__/"

# What `django-admin startproject` writes: the baseline pays for these and for nothing of ours
# (no WhiteNoise, no LocaleMiddleware, no django-axes).
STARTPROJECT_MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]


class BaselineHandler(WSGIHandler):
    def load_middleware(self, is_async=False):
        # Django builds the chain from settings.MIDDLEWARE alone; swap the list only while this chain is built.
        with override_settings(MIDDLEWARE=STARTPROJECT_MIDDLEWARE):
            super().load_middleware(is_async)

    def resolve_request(self, request):
        request.urlconf = "bench.urls"
        return super().resolve_request(request)


baseline_application = BaselineHandler()


def application(environ, start_response):
    if environ.get("PATH_INFO", "").startswith(BASELINE_PREFIX):
        return baseline_application(environ, start_response)
    return motcua_application(environ, start_response)
