class RatingError(Exception):
    """A refused rating: a stable machine code plus a Vietnamese message. Nothing was written."""

    def __init__(self, message, code: str = "invalid"):
        super().__init__(str(message))
        self.message = str(message)
        self.code = code
