import datetime

import factory

from motcua.core import services
from motcua.core.constants import CalendarOverrideKind
from motcua.core.models import CalendarOverride


class CalendarOverrideFactory(factory.django.DjangoModelFactory):
    """Saved through the service, so the calendar cache is reset exactly as in production."""

    class Meta:
        model = CalendarOverride

    # Thursday 17/06/2021, an ordinary working day.
    date = datetime.date(2021, 6, 17)
    kind = CalendarOverrideKind.DAY_OFF
    reason = "Nghỉ do mưa lũ, sạt lở đất"
    decision_number = factory.Sequence(lambda n: f"{n + 1}/QĐ-UBND")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.calendar_override_save(override=model_class(*args, **kwargs))
