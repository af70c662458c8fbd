from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy", whatever the driver raises
        return JsonResponse(
            {"status": "error", "error": {"code": "database_unavailable", "message": "Cơ sở dữ liệu không phản hồi."}},
            status=503,
        )
    return JsonResponse({"status": "ok"})
