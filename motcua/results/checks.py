"""Start-up checks: a deployment that cannot render Vietnamese or sign says so before the first citizen asks."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Warning, register

from motcua.core.pdf import fonts_missing_reason


@register()
def fonts_ready(app_configs, **kwargs):
    reason = fonts_missing_reason()
    return [Error(reason, id="results.E001")] if reason else []


# A deployment check (`manage.py check --deploy`): on a fresh demo machine the keys appear only when load_demo
# runs, after the migrations whose output would otherwise carry these warnings.
@register(deploy=True)
def signing_ready(app_configs, **kwargs):
    problems = []
    keys = [Path(settings.MOTCUA_SIGNING_PKCS12)]
    keys += [Path(entry["pkcs12"]) for entry in settings.MOTCUA_SIGNING_KEYS_BY_AGENCY.values()]
    for path in keys:
        if not path.is_file():
            problems.append(
                Warning(
                    f"Signing key {path} not found: documents cannot be signed.",
                    hint="Run `python manage.py ensure_demo_pki` for the demo CA, or set MOTCUA_SIGNING_PKCS12.",
                    id="results.W001",
                )
            )
    if not any(Path(root).is_file() for root in settings.MOTCUA_TRUST_ROOTS):
        problems.append(
            Warning(
                "None of MOTCUA_TRUST_ROOTS exists: every signature will show as untrusted.",
                hint="Run `python manage.py ensure_demo_pki` for the demo CA, or set MOTCUA_TRUST_ROOTS.",
                id="results.W002",
            )
        )
    return problems
