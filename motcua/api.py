"""The open REST API, /api/v1/. Each app contributes a router from its own api.py."""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

api = NinjaAPI(
    title="Một Cửa — API Cổng Dịch vụ công",
    version="1.0.0",
    description="API mở của Cổng Dịch vụ công và Hệ thống thông tin một cửa điện tử. Lỗi trả về dạng "
    '`{"error": {"code": "...", "message": "..."}}` với thông điệp tiếng Việt.',
    openapi_url="/openapi.json",
    docs_url="/docs",
    urls_namespace="api",
)


def error_response(request, status: int, code: str, message: str):
    return api.create_response(request, {"error": {"code": code, "message": message}}, status=status)


@api.exception_handler(ValidationError)
def on_validation_error(request, exc):
    return error_response(request, 400, "invalid_input", _("Dữ liệu gửi lên không hợp lệ."))


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return error_response(request, 404, "not_found", _("Không tìm thấy dữ liệu yêu cầu."))


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request, exc):
    return error_response(request, 401, "unauthenticated", _("Bạn cần đăng nhập để thực hiện thao tác này."))


@api.exception_handler(HttpError)
def on_http_error(request, exc):
    if exc.status_code == 400:
        # Ninja's own 400s (e.g. an unparseable JSON body) carry English text: answer as for any bad input.
        return on_validation_error(request, exc)
    return error_response(request, exc.status_code, "error", str(exc))


from motcua.catalog.api import router as catalog_router  # noqa: E402  (routers import `api` helpers)
from motcua.dossiers.api import lookup_router as dossier_lookup_router  # noqa: E402
from motcua.dossiers.api import router as dossiers_router  # noqa: E402
from motcua.reports.api import router as reports_router  # noqa: E402

api.add_router("/procedures", catalog_router)
api.add_router("/dossiers", dossiers_router)
api.add_router("/lookup", dossier_lookup_router)
api.add_router("/stats", reports_router)
