"""PAdES signing and validation with pyHanko, independent of the database.

Signatures are PAdES baseline B-B (ETSI.CAdES.detached, SHA-256, with the signing-certificate-v2 attribute). There
is no time-stamping authority on this network, so B-T and the long-term levels are out of reach: validation happens
at the current time against the configured trust roots, with no fetching of revocation data.
"""

import asyncio
import functools
import hashlib
import io
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ec import ECDSA, EllipticCurvePrivateKey
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
from pyhanko.keys import load_certs_from_pemder
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.general import get_pyca_cryptography_hash
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import PdfSignatureStatus, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from motcua.results.constants import SIGNATURE_FIELD_NAME, VERIFICATION_EXPLANATIONS, VerificationStatus

# Room for the CMS container on top of the certificates and the raw signature: the signed attributes (content
# type, digest, signing-certificate-v2, CMS algorithm protection) and the structure around them take ~650 bytes.
CMS_OVERHEAD_BYTES = 1024


class KeyUnavailable(Exception):
    pass


def _outside_event_loop(function: Callable, /, *args, **kwargs):
    """pyHanko's synchronous API starts its own event loop (asyncio.run), which fails in a thread already running
    one (an async view; Playwright's sync API in browser tests); there the call moves to a short-lived thread."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as executor:
        return executor.submit(function, *args, **kwargs).result()


class _PreloadedKeySigner(signers.SimpleSigner):
    """pyHanko's SimpleSigner parses its private key again for every signature, and cryptography's RSA key checks
    make that cost ~25 ms; this signer keeps the parsed key."""

    def __init__(self, private_key, **kwargs):
        super().__init__(**kwargs)
        self._private_key = private_key

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
        hash_algorithm = get_pyca_cryptography_hash(digest_algorithm)
        if mechanism == "rsassa_pkcs1v15" and isinstance(self._private_key, RSAPrivateKey):
            return self._private_key.sign(data, PKCS1v15(), hash_algorithm)
        if mechanism == "ecdsa" and isinstance(self._private_key, EllipticCurvePrivateKey):
            return self._private_key.sign(data, ECDSA(hash_algorithm))
        return super().sign_raw(data, digest_algorithm)


@dataclass(frozen=True)
class SigningKey:
    signer: signers.SimpleSigner
    common_name: str
    subject: str
    fingerprint: str
    reserved_bytes: int


# RFC 4514 short names for the attributes Vietnamese certificates use; others keep asn1crypto's name.
_SUBJECT_ABBREVIATIONS = {
    "common_name": "CN",
    "organizational_unit_name": "OU",
    "organization_name": "O",
    "locality_name": "L",
    "state_or_province_name": "ST",
    "country_name": "C",
}


def _subject_text(certificate: asn1_x509.Certificate) -> str:
    """ "CN=…, O=…, L=…, C=VN", the way certificate subjects are quoted in Vietnamese signing software."""
    parts = []
    for attribute, value in certificate.subject.native.items():
        values = value if isinstance(value, list) else [value]
        parts += [f"{_SUBJECT_ABBREVIATIONS.get(attribute, attribute)}={item}" for item in values]
    return ", ".join(parts)


def _common_name(certificate: asn1_x509.Certificate) -> str:
    return certificate.subject.native.get("common_name", "") or _subject_text(certificate)


@functools.lru_cache(maxsize=16)
def _load_signing_key(path: str, modified_ns: int, password: str) -> SigningKey:
    try:
        base = signers.SimpleSigner.load_pkcs12_data(Path(path).read_bytes(), [], password.encode())
    except (OSError, ValueError) as error:
        raise KeyUnavailable(f"cannot open PKCS#12 file {path}: {error}") from error
    private_key = serialization.load_der_private_key(base.signing_key.dump(), password=None)
    signer = _PreloadedKeySigner(
        private_key,
        signing_key=base.signing_key,
        signing_cert=base.signing_cert,
        cert_registry=base.cert_registry,
    )
    certificates_size = len(base.signing_cert.dump()) + sum(len(cert.dump()) for cert in base.cert_registry)
    return SigningKey(
        signer=signer,
        common_name=_common_name(base.signing_cert),
        subject=_subject_text(base.signing_cert),
        fingerprint=base.signing_cert.sha256.hex(),
        # Reserving the size up front spares pyHanko a dry-run signature just to measure it; the CMS is written in
        # hexadecimal, two characters per byte.
        reserved_bytes=2 * (certificates_size + private_key.key_size // 8 + CMS_OVERHEAD_BYTES),
    )


def load_signing_key(path: Path, password: str) -> SigningKey:
    """The key and certificate of a PKCS#12 file, parsed once per process (again when the file changes)."""
    try:
        modified_ns = path.stat().st_mtime_ns
    except OSError as error:
        raise KeyUnavailable(f"PKCS#12 file {path} not found") from error
    return _load_signing_key(str(path), modified_ns, password)


def has_signatures(writer: IncrementalPdfFileWriter) -> bool:
    return bool(writer.prev.embedded_signatures)


def sign_prepared(writer: IncrementalPdfFileWriter, key: SigningKey, *, reason: str, location: str) -> bytes:
    """Signs the document in `writer`, including its pending changes, as a certification signature that still
    allows later signatures (a receiving official may countersign) but no other change."""
    metadata = signers.PdfSignatureMetadata(
        field_name=SIGNATURE_FIELD_NAME,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        location=location,
        name=key.common_name,
        certify=True,
        docmdp_permissions=fields.MDPPerm.FILL_FORMS,
    )
    signer = signers.PdfSigner(metadata, signer=key.signer)
    return _outside_event_loop(signer.sign_pdf, writer, bytes_reserved=key.reserved_bytes).getvalue()


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class VerificationResult:
    status: str
    sha256: str
    signer_name: str = ""
    signer_subject: str = ""
    signing_time: datetime | None = None
    signature_count: int = 0
    intact: bool = False
    trusted: bool = False
    entire_file: bool = False

    @property
    def is_valid(self) -> bool:
        return self.status == VerificationStatus.VALID

    @property
    def status_label(self) -> str:
        return VerificationStatus(self.status).label

    @property
    def explanation(self) -> str:
        return VERIFICATION_EXPLANATIONS[self.status]


@functools.lru_cache(maxsize=8)
def _load_roots(paths_and_times: tuple[tuple[str, int], ...]) -> tuple[asn1_x509.Certificate, ...]:
    return tuple(load_certs_from_pemder([path for path, _modified in paths_and_times]))


def load_trust_roots(paths: Iterable[str | Path]) -> tuple[asn1_x509.Certificate, ...]:
    """Certificates from PEM or DER files; missing files are skipped (the system check reports them)."""
    present = []
    for path in paths:
        try:
            present.append((str(path), Path(path).stat().st_mtime_ns))
        except OSError:
            continue
    return _load_roots(tuple(present)) if present else ()


def trust_roots_fingerprint(roots: Iterable[asn1_x509.Certificate]) -> str:
    return sha256_hex("".join(sorted(root.sha256.hex() for root in roots)).encode())[:16]


def _judge(statuses: list[PdfSignatureStatus]) -> tuple[str, bool, bool, bool]:
    intact = all(status.intact and status.valid for status in statuses)
    # Only the last signature can cover the whole file; each earlier one must have been followed by changes its
    # DocMDP level allows.
    entire_file = statuses[-1].coverage == SignatureCoverageLevel.ENTIRE_FILE and all(
        status.docmdp_ok is not False for status in statuses
    )
    trusted = all(status.trusted for status in statuses)
    if not intact or not entire_file:
        return VerificationStatus.INVALID, intact, trusted, entire_file
    if not trusted:
        return VerificationStatus.UNTRUSTED, intact, trusted, entire_file
    return VerificationStatus.VALID, intact, trusted, entire_file


def _validate_each(embedded, trust_roots: list[asn1_x509.Certificate]) -> list[PdfSignatureStatus]:
    return [
        validate_pdf_signature(
            signature,
            ValidationContext(trust_roots=trust_roots, allow_fetching=False, revocation_mode="soft-fail"),
        )
        for signature in embedded
    ]


def validate_pdf(pdf_bytes: bytes, trust_roots: Iterable[asn1_x509.Certificate]) -> VerificationResult:
    """Validates every signature of `pdf_bytes`; any input, however malformed, yields a result, never an error."""
    digest = sha256_hex(pdf_bytes)
    try:
        embedded = PdfFileReader(io.BytesIO(pdf_bytes)).embedded_signatures
        if not embedded:
            return VerificationResult(status=VerificationStatus.UNSIGNED, sha256=digest)
        statuses = _outside_event_loop(_validate_each, embedded, list(trust_roots))
    # The file comes from anyone on the internet: whatever the parser or the CMS decoder trips over in it, the
    # answer is "not readable", not a server error.
    except Exception:  # noqa: BLE001
        return VerificationResult(status=VerificationStatus.UNREADABLE, sha256=digest)
    status, intact, trusted, entire_file = _judge(statuses)
    last = statuses[-1]
    return VerificationResult(
        status=status,
        sha256=digest,
        signer_name=_common_name(last.signing_cert),
        signer_subject=_subject_text(last.signing_cert),
        signing_time=last.signer_reported_dt,
        signature_count=len(statuses),
        intact=intact,
        trusted=trusted,
        entire_file=entire_file,
    )
