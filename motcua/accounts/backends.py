from django.contrib.auth.backends import ModelBackend


class IdentifierBackend(ModelBackend):
    """Log in by CCCD, tax code or staff username (all stored in `username`)."""
