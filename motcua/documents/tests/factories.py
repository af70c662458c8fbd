"""Factories for the store's tests: dossiers come from the dossier factories, accepted through the real services."""

from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.dossiers import services as dossier_services
from motcua.dossiers.tests.factories import PDF_BYTES, ApplicantFactory, pdf


def pdf_with(text: str) -> bytes:
    """A distinct PDF body per document, so that each has its own sha256."""
    return PDF_BYTES + f"% {text}\n".encode()


def pdf_upload(name: str, text: str) -> SimpleUploadedFile:
    return pdf(name, pdf_with(text))


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


__all__ = ["ApplicantFactory", "accepted", "pdf_upload", "pdf_with"]
