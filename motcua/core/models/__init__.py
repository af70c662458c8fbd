from .calendar_override import CalendarOverride

__all__ = ["CalendarOverride"]
