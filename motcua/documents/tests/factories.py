"""Factories for the store's tests: dossiers come from the dossier factories, accepted through the real services."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from motcua.dossiers import services as dossier_services
from motcua.dossiers.tests.factories import PDF_BYTES, ApplicantFactory, pdf


def pdf_with(text: str) -> bytes:
    """A distinct PDF body per document, so that each has its own sha256."""
    return PDF_BYTES + f"% {text}\n".encode()


def pdf_upload(name: str, text: str) -> SimpleUploadedFile:
    return pdf(name, pdf_with(text))


def scanned_pdf(text: str) -> bytes:
    """A PDF a scanner could have produced (one page, parseable, unsigned), distinct per text and reproducible."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    canvas.drawString(100, 700, text)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def scanned_image(image_format: str = "JPEG", size: tuple[int, int] = (1240, 1754)) -> bytes:
    """A scan of a sheet of paper: an A4 page at 150 dpi by default."""
    buffer = io.BytesIO()
    Image.new("RGB", size, (240, 236, 228)).save(buffer, format=image_format)
    return buffer.getvalue()


def accepted(desk, django_capture_on_commit_callbacks, citizen=None):
    """A dossier submitted online with two distinct components and accepted, its after-commit work run."""
    citizen = citizen or desk.citizen
    with django_capture_on_commit_callbacks(execute=True):
        dossier = desk.draft(
            citizen,
            files={
                1: pdf_upload("to-khai.pdf", f"to khai {citizen.pk}"),
                2: pdf_upload("cccd.pdf", f"cccd {citizen.pk}"),
            },
        )
        dossier = dossier_services.do_submit_online(citizen, dossier)
        return dossier_services.do_accept(desk.clerk, dossier)


__all__ = ["ApplicantFactory", "accepted", "pdf_upload", "pdf_with", "scanned_image", "scanned_pdf"]
