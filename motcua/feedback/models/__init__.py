from motcua.feedback.models.rating import Rating

__all__ = ["Rating"]
