"""Vietnamese number and date formats: 1.671 ; 89,69% ; 16/06/2021."""

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone


def format_number(value: int | float | Decimal, decimals: int = 0) -> str:
    text = f"{value:,.{decimals}f}"
    # Python writes 1,671.50; Vietnamese writes 1.671,50.
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def percent_value(numerator: int, denominator: int) -> Decimal | None:
    """numerator ÷ denominator in percent, two decimals rounded half up (as stored and exchanged: 46.58); None
    when there is nothing to divide by."""
    if not denominator:
        return None
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def format_percent(numerator: int | float, denominator: int | float, decimals: int = 2) -> str:
    if not denominator:
        return "0%"
    value = Decimal(numerator) * 100 / Decimal(denominator)
    text = format_number(value, decimals)
    # Whole percentages print bare (0%, 50%, 100%); others keep every decimal, as official reports do ("1,10%").
    if "," in text and not text.split(",")[1].strip("0"):
        text = text.split(",")[0]
    return f"{text}%"


def format_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.strftime("%d/%m/%Y")
    return value.strftime("%d/%m/%Y")


def format_datetime(value: datetime | None) -> str:
    if value is None:
        return ""
    value = timezone.localtime(value) if timezone.is_aware(value) else value
    return value.strftime("%H:%M %d/%m/%Y")
