from motcua.reports.models.counters import CountedEvent, DailyCounter, DueCounter, SyntheticDossier

__all__ = ["CountedEvent", "DailyCounter", "DueCounter", "SyntheticDossier"]
