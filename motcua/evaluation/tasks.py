"""Nightly refresh of the evaluation snapshots (scheduled by celery beat, see settings.CELERY_BEAT_SCHEDULE)."""

from celery import shared_task
from django.utils import timezone

from motcua.evaluation import services


@shared_task
def recompute_recent_years() -> None:
    for year in services.recent_years(timezone.localdate()):
        services.recompute_year(year)
