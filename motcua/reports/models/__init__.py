from motcua.reports.models.counters import (
    CountedEvent,
    DailyCounter,
    DueCounter,
    MonthlyCounter,
    MonthlyDueCounter,
    SyntheticDossier,
)

__all__ = ["CountedEvent", "DailyCounter", "DueCounter", "MonthlyCounter", "MonthlyDueCounter", "SyntheticDossier"]
