"""The demo public-key infrastructure of the embedded default: a root CA and one agency signing certificate.

Production uses the agency's certificate from a licensed CA (PKCS#12 or an HSM, see settings); this exists so that
`make run` signs and verifies real PAdES signatures without one. Keys are RSA-2048 with SHA-256, which every PDF
reader and the Vietnamese public CAs accept.
"""

import os
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

ROOT_CERT_FILE = "demo-root-ca.pem"
ROOT_KEY_FILE = "demo-root-ca-key.pem"
AGENCY_PKCS12_FILE = "demo-agency.p12"
ROOT_COMMON_NAME = "Một Cửa Demo Root CA"
ROOT_ORGANIZATION = "Một Cửa (trình diễn, không có giá trị pháp lý)"
COUNTRY = "VN"
ROOT_VALIDITY = timedelta(days=3650)
AGENCY_VALIDITY = timedelta(days=1825)
# Issued a little in the past so that a machine whose clock is slightly behind still accepts the certificates.
BACKDATE = timedelta(days=1)
KEY_SIZE = 2048


@dataclass(frozen=True)
class DemoPkiPaths:
    root_certificate: Path
    root_key: Path
    agency_pkcs12: Path

    @classmethod
    def in_directory(cls, directory: Path) -> "DemoPkiPaths":
        return cls(directory / ROOT_CERT_FILE, directory / ROOT_KEY_FILE, directory / AGENCY_PKCS12_FILE)


@dataclass(frozen=True)
class Issued:
    certificate: x509.Certificate
    key: rsa.RSAPrivateKey


def _name(common_name: str, organization: str, locality: str = "") -> x509.Name:
    attributes = [x509.NameAttribute(NameOID.COUNTRY_NAME, COUNTRY)]
    if locality:
        attributes.append(x509.NameAttribute(NameOID.LOCALITY_NAME, locality))
    attributes += [
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization),
        x509.NameAttribute(NameOID.COMMON_NAME, common_name),
    ]
    return x509.Name(attributes)


def create_root(common_name: str = ROOT_COMMON_NAME, organization: str = ROOT_ORGANIZATION) -> Issued:
    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_SIZE)
    name = _name(common_name, organization)
    now = datetime.now(timezone.utc)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - BACKDATE)
        .not_valid_after(now + ROOT_VALIDITY)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return Issued(certificate, key)


def issue_signing_certificate(root: Issued, *, common_name: str, organization: str, locality: str = "") -> Issued:
    """An end-entity certificate for signing documents (digitalSignature + nonRepudiation)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_SIZE)
    now = datetime.now(timezone.utc)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name, organization, locality))
        .issuer_name(root.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - BACKDATE)
        .not_valid_after(min(now + AGENCY_VALIDITY, root.certificate.not_valid_after_utc))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(root.key.public_key()), critical=False
        )
        .sign(root.key, hashes.SHA256())
    )
    return Issued(certificate, key)


def pkcs12_bytes(issued: Issued, chain: list[x509.Certificate], password: str, friendly_name: str) -> bytes:
    return pkcs12.serialize_key_and_certificates(
        friendly_name.encode(),
        issued.key,
        issued.certificate,
        chain,
        serialization.BestAvailableEncryption(password.encode()),
    )


def certificate_pem(certificate: x509.Certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.PEM)


def key_pem(key: rsa.RSAPrivateKey, password: str) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(password.encode()),
    )


def load_root(paths: DemoPkiPaths, password: str) -> Issued:
    certificate = x509.load_pem_x509_certificate(paths.root_certificate.read_bytes())
    key = serialization.load_pem_private_key(paths.root_key.read_bytes(), password.encode())
    return Issued(certificate, key)


def write_file(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Written under a temporary name and renamed, so that a half-written key is never taken for a whole one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
    partial.replace(path)
