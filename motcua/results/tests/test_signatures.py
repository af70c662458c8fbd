"""PAdES signing and validation, without the database: the cryptographic promises the verification page relies on."""

import asyncio
import io
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from asn1crypto import cms
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader

from motcua.core.pdf import render_document
from motcua.results.constants import VerificationStatus
from motcua.results.signatures import KeyUnavailable, load_signing_key, load_trust_roots, sign_prepared, validate_pdf
from motcua.results.tests.factories import PKI_PASSWORD, ResultSpecFactory


@pytest.fixture(scope="module")
def unsigned_pdf() -> bytes:
    return render_document(ResultSpecFactory())


def _sign(pdf: bytes, pki) -> bytes:
    key = load_signing_key(pki.paths.agency_pkcs12, PKI_PASSWORD)
    return sign_prepared(IncrementalPdfFileWriter(io.BytesIO(pdf)), key, reason="Ký số kết quả", location="Hà Giang")


@pytest.fixture(scope="module")
def signed_pdf(unsigned_pdf, demo_pki) -> bytes:
    return _sign(unsigned_pdf, demo_pki)


@pytest.fixture(scope="module")
def trust_roots(demo_pki):
    return load_trust_roots([demo_pki.paths.root_certificate])


def _signed_range(pdf: bytes) -> list[tuple[int, int]]:
    signature = PdfFileReader(io.BytesIO(pdf)).embedded_signatures[0]
    start1, length1, start2, length2 = signature.sig_object["/ByteRange"]
    return [(start1, start1 + length1), (start2, start2 + length2)]


def _flip(pdf: bytes, position: int) -> bytes:
    return pdf[:position] + bytes([pdf[position] ^ 0x01]) + pdf[position + 1 :]


def test_signed_pdf_is_intact_trusted_and_covers_the_whole_file(signed_pdf, trust_roots):
    result = validate_pdf(signed_pdf, trust_roots)

    assert result.status == VerificationStatus.VALID
    assert (result.intact, result.trusted, result.entire_file) == (True, True, True)
    assert result.signer_name == "Trung tâm Phục vụ hành chính công tỉnh Hà Giang"
    assert result.signer_subject.startswith("C=VN, O=Ủy ban nhân dân tỉnh Hà Giang")
    assert timezone.now() - result.signing_time < timedelta(minutes=5)
    assert result.signature_count == 1


def test_signature_is_pades_baseline_b_with_the_signing_certificate_attribute(signed_pdf):
    signature = PdfFileReader(io.BytesIO(signed_pdf)).embedded_signatures[0]
    signed_attributes = {attribute["type"].native for attribute in signature.signer_info["signed_attrs"]}

    assert signature.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"
    assert "signing_certificate_v2" in signed_attributes
    # PAdES takes the signing time from the signature dictionary (/M); a CMS signing-time attribute is forbidden.
    assert "signing_time" not in signed_attributes
    assert signature.md_algorithm == "sha256"
    assert isinstance(signature.signed_data, cms.SignedData)


def test_byte_flipped_inside_a_content_stream_makes_the_signature_invalid(signed_pdf, trust_roots):
    stream_start = signed_pdf.index(b"stream\n", signed_pdf.index(b"/FlateDecode")) + len(b"stream\n")

    result = validate_pdf(_flip(signed_pdf, stream_start + 10), trust_roots)

    assert result.status == VerificationStatus.INVALID
    assert result.intact is False


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_no_single_flipped_byte_in_the_signed_range_goes_unnoticed(signed_pdf, trust_roots, data):
    (first_start, first_end), (second_start, second_end) = _signed_range(signed_pdf)
    position = data.draw(
        st.one_of(st.integers(first_start, first_end - 1), st.integers(second_start, second_end - 1)),
        label="position",
    )

    result = validate_pdf(_flip(signed_pdf, position), trust_roots)

    assert not result.is_valid


def test_change_appended_after_signing_is_not_covered(signed_pdf, trust_roots):
    writer = IncrementalPdfFileWriter(io.BytesIO(signed_pdf))
    writer.root["/PageLayout"] = generic.NameObject("/TwoColumnLeft")
    writer.update_root()
    output = io.BytesIO()
    writer.write(output)

    result = validate_pdf(output.getvalue(), trust_roots)

    assert result.status == VerificationStatus.INVALID
    assert result.intact is True
    assert result.entire_file is False


def test_document_signed_under_another_ca_is_not_trusted(unsigned_pdf, untrusted_pki, trust_roots):
    result = validate_pdf(_sign(unsigned_pdf, untrusted_pki), trust_roots)

    assert result.status == VerificationStatus.UNTRUSTED
    assert (result.intact, result.trusted) == (True, False)
    assert result.signer_name == "Sở Tư pháp tỉnh Hà Giang"


def test_without_trust_roots_nothing_is_trusted(signed_pdf):
    assert validate_pdf(signed_pdf, ()).status == VerificationStatus.UNTRUSTED


def test_unsigned_pdf_is_reported_as_unsigned(unsigned_pdf, trust_roots):
    assert validate_pdf(unsigned_pdf, trust_roots).status == VerificationStatus.UNSIGNED


@settings(max_examples=60, deadline=None)
@given(body=st.binary(max_size=2000))
def test_any_bytes_yield_a_verdict_never_an_error(body):
    for candidate in (body, b"%PDF-1.7\n" + body):
        result = validate_pdf(candidate, ())
        assert result.status in {VerificationStatus.UNREADABLE, VerificationStatus.UNSIGNED}


def test_truncated_signed_pdf_is_not_valid(signed_pdf, trust_roots):
    assert not validate_pdf(signed_pdf[: len(signed_pdf) // 2], trust_roots).is_valid


def test_wrong_pkcs12_password_is_reported(demo_pki):
    with pytest.raises(KeyUnavailable):
        load_signing_key(demo_pki.paths.agency_pkcs12, "sai-mat-khau")


def test_missing_pkcs12_file_is_reported(tmp_path):
    with pytest.raises(KeyUnavailable):
        load_signing_key(tmp_path / "khong-co.p12", PKI_PASSWORD)


def test_signing_and_validating_work_inside_a_running_event_loop(unsigned_pdf, demo_pki, trust_roots):
    async def from_async_code():
        return validate_pdf(_sign(unsigned_pdf, demo_pki), trust_roots)

    # A thread of its own, so that the test holds whether or not this one already runs a loop (Playwright's).
    with ThreadPoolExecutor(max_workers=1) as executor:
        result = executor.submit(asyncio.run, from_async_code()).result()

    assert result.status == VerificationStatus.VALID
