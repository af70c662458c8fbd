"""The one error type the dossier services raise: a stable machine code plus a Vietnamese message for people."""


class DossierError(Exception):
    """Bad input, a forbidden actor or a transition the dossier's state does not allow. Nothing was written."""

    def __init__(self, message, code: str = "invalid"):
        super().__init__(str(message))
        self.message = str(message)
        self.code = code


class DossierConflict(DossierError):
    """Someone else changed the dossier since the actor loaded it (optimistic version check)."""

    def __init__(self, message):
        super().__init__(message, code="conflict")
