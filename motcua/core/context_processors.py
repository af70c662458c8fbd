from django.conf import settings


def deployment(request):
    return {"DEPLOYMENT_NAME": settings.MOTCUA_DEPLOYMENT_NAME, "OIDC_ENABLED": settings.OIDC_ENABLED}
