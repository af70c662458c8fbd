"""Periods of local dates as instants: statistics and scores are asked for by day in the deployment's time zone
(settings.TIME_ZONE, Asia/Ho_Chi_Minh), while events carry aware times."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone


def local_day_bounds(date_from: date, date_to: date) -> tuple[datetime, datetime]:
    """[start of `date_from`, start of the day after `date_to`) in local time: the half-open range to filter
    times by (`at__gte=start, at__lt=end`)."""
    zone = timezone.get_default_timezone()
    return (
        datetime.combine(date_from, time.min, tzinfo=zone),
        datetime.combine(date_to + timedelta(days=1), time.min, tzinfo=zone),
    )
