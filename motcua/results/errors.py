class SigningError(Exception):
    """A document could not be signed; `message` is Vietnamese and safe to show to staff."""

    def __init__(self, message: str, *, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


class ResultError(Exception):
    """An e-result or delivery write refused (bad input, wrong state, forbidden actor); nothing was stored.
    `message` is Vietnamese and safe to show; `code` is machine-readable."""

    def __init__(self, message: str, *, code: str):
        super().__init__(message)
        self.message = message
        self.code = code
