class SigningError(Exception):
    """A document could not be signed; `message` is Vietnamese and safe to show to staff."""

    def __init__(self, message: str, *, code: str):
        super().__init__(message)
        self.message = message
        self.code = code
