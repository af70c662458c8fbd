class PaymentError(Exception):
    """A refused payment write: nothing was stored. `.code` is machine-readable, `.message` Vietnamese."""

    def __init__(self, message: str, *, code: str):
        super().__init__(message)
        self.message = message
        self.code = code
