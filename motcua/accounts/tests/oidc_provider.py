"""A real OpenID Connect provider for the single sign-on tests: pyop behind a small WSGI server on 127.0.0.1.

Run as `python -m motcua.accounts.tests.oidc_provider CONFIG.json`. It prints its issuer URL as the first line of
standard output, then serves until it is terminated. CONFIG names the client (client_id, client_secret,
redirect_uris), the users (login name → password and claims) and `certificate_file`, where the provider writes the
self-signed certificate it serves HTTPS with (OpenID issuers must be https), for the relying party to trust.
It imports nothing from Django: it stands in for the national portal's provider, a separate system reached only
over HTTPS.
"""

import datetime
import html
import ipaddress
import json
import ssl
import sys
import tempfile
from pathlib import Path
from urllib.parse import parse_qsl
from wsgiref.simple_server import WSGIRequestHandler, make_server

from Cryptodome.PublicKey import RSA
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from jwkest.jwk import RSAKey
from pyop.authz_state import AuthorizationState
from pyop.exceptions import BearerTokenError, InvalidAuthenticationRequest, OAuthError
from pyop.provider import Provider
from pyop.subject_identifier import HashBasedSubjectIdentifierFactory
from pyop.userinfo import Userinfo

LOGIN_PAGE = """<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Cổng DVC quốc gia (thử nghiệm)</title></head>
<body><h1>Đăng nhập tài khoản Cổng DVC quốc gia</h1>{error}
<form method="post" action="/authorize">
<input type="hidden" name="auth_request" value="{auth_request}">
<label>Tên đăng nhập <input name="username"></label>
<label>Mật khẩu <input name="password" type="password"></label>
<button type="submit">Đăng nhập</button></form></body></html>"""


def build_provider(issuer: str, config: dict) -> Provider:
    client = config["client"]
    configuration = {
        "issuer": issuer,
        "authorization_endpoint": f"{issuer}/authorize",
        "token_endpoint": f"{issuer}/token",
        "userinfo_endpoint": f"{issuer}/userinfo",
        "jwks_uri": f"{issuer}/jwks",
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "scopes_supported": ["openid", "profile", "email", "phone"],
        "token_endpoint_auth_methods_supported": ["client_secret_post"],
    }
    clients = {
        client["client_id"]: {
            "client_secret": client["client_secret"],
            "redirect_uris": client["redirect_uris"],
            "response_types": ["code"],
            "token_endpoint_auth_method": "client_secret_post",
        }
    }
    userinfo = Userinfo({name: user["claims"] for name, user in config["users"].items()})
    return Provider(
        RSAKey(key=RSA.generate(2048), alg="RS256", kid="dvcqg-test-key"),
        configuration,
        AuthorizationState(HashBasedSubjectIdentifierFactory("dvcqg-test-salt")),
        clients,
        userinfo,
        # The CCCD travels in a scope of its own; providers name its claim differently (OIDC_CCCD_CLAIM).
        extra_scopes={"cccd": ["cccd", "so_dinh_danh"]},
    )


class OpenIDProviderApp:
    def __init__(self, provider: Provider, passwords: dict[str, str]):
        self.provider = provider
        self.passwords = passwords

    def __call__(self, environ, start_response):
        method, path = environ["REQUEST_METHOD"], environ["PATH_INFO"]
        query = environ.get("QUERY_STRING", "")
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0)).decode() if method == "POST" else ""
        headers = {"Authorization": environ["HTTP_AUTHORIZATION"]} if "HTTP_AUTHORIZATION" in environ else {}
        routes = {
            ("GET", "/.well-known/openid-configuration"): lambda: self.json(
                self.provider.provider_configuration.to_dict()
            ),
            ("GET", "/jwks"): lambda: self.json(self.provider.jwks),
            ("GET", "/authorize"): lambda: self.login_form(query),
            ("POST", "/authorize"): lambda: self.login(dict(parse_qsl(body))),
            ("POST", "/token"): lambda: self.json(self.provider.handle_token_request(body, headers).to_dict()),
            ("GET", "/userinfo"): lambda: self.json(self.provider.handle_userinfo_request(query, headers).to_dict()),
        }
        handler = routes.get((method, path))
        try:
            status, response_headers, content = handler() if handler else ("404 Not Found", [], b"")
        except OAuthError as error:
            status, response_headers, content = self.json(
                {"error": error.oauth_error, "error_description": str(error)}, 400
            )
        except BearerTokenError as error:
            status, response_headers, content = self.json(
                {"error": "invalid_token", "error_description": str(error)}, 401
            )
        start_response(status, response_headers)
        return [content]

    @staticmethod
    def json(data: dict, status: int = 200):
        reason = {200: "OK", 400: "Bad Request", 401: "Unauthorized"}[status]
        return f"{status} {reason}", [("Content-Type", "application/json")], json.dumps(data).encode()

    def login_form(self, auth_request: str, error: str = "", status: str = "200 OK"):
        try:
            self.provider.parse_authentication_request(auth_request)
        except InvalidAuthenticationRequest as invalid:
            return "400 Bad Request", [("Content-Type", "text/plain; charset=utf-8")], str(invalid).encode()
        page = LOGIN_PAGE.format(error=error, auth_request=html.escape(auth_request, quote=True))
        return status, [("Content-Type", "text/html; charset=utf-8")], page.encode()

    def login(self, form: dict):
        username, auth_request = form.get("username", ""), form.get("auth_request", "")
        if username not in self.passwords or self.passwords[username] != form.get("password"):
            return self.login_form(
                auth_request, '<p role="alert">Sai tên đăng nhập hoặc mật khẩu.</p>', "401 Unauthorized"
            )
        request = self.provider.parse_authentication_request(auth_request)
        response = self.provider.authorize(request, username)
        return "302 Found", [("Location", response.request(request["redirect_uri"]))], b""


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


def write_self_signed_certificate(certificate_file: Path, key_file: Path) -> None:
    """A certificate for 127.0.0.1, valid for a day: enough for a test run, trusted only by those given the file."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    certificate_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )


def main(config_path: str) -> None:
    with open(config_path, encoding="utf-8") as config_file:
        config = json.load(config_file)
    app = OpenIDProviderApp(provider=None, passwords={name: user["password"] for name, user in config["users"].items()})
    server = make_server("127.0.0.1", 0, app, handler_class=QuietHandler)
    with tempfile.TemporaryDirectory() as key_dir:
        key_file = Path(key_dir) / "provider.key"
        write_self_signed_certificate(Path(config["certificate_file"]), key_file)
        tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        tls.load_cert_chain(config["certificate_file"], key_file)
    server.socket = tls.wrap_socket(server.socket, server_side=True)
    issuer = f"https://127.0.0.1:{server.server_port}"
    app.provider = build_provider(issuer, config)
    print(issuer, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main(sys.argv[1])
