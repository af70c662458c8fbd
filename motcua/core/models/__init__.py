from .calendar_override import CalendarOverride
from .mail_log import MailLog

__all__ = ["CalendarOverride", "MailLog"]
