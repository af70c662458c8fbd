"""Service indicators of a period: online payment, digitised and reused components, e-results and satisfaction (the
average processing time is kept with the counters: selectors.Summary). Each figure is read from the app that owns
it, filtered by the receiving agency's level or code like the rest of the statistics.

    service_indicators(date_from, date_to, *, level=None, agency_codes=None) -> ServiceIndicators

A period runs from the start of `date_from` to the end of `date_to`, local dates (settings.TIME_ZONE,
Asia/Ho_Chi_Minh).
"""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from motcua.core.formatting import format_percent, percent_value
from motcua.core.periods import local_day_bounds
from motcua.dossiers import selectors as dossiers
from motcua.dossiers.constants import DocumentSource
from motcua.feedback import selectors as feedback
from motcua.feedback.constants import Criterion, Satisfaction
from motcua.payments import selectors as payments
from motcua.reports.constants import NOT_APPLICABLE
from motcua.results import selectors as results


@dataclass(frozen=True)
class SatisfactionRow:
    criterion: str
    label: str
    # (satisfaction, label, number of ratings), in the order of the scale, zeros included.
    answers: tuple[tuple[str, str, int], ...]

    @property
    def total(self) -> int:
        return sum(count for _, _, count in self.answers)


@dataclass(frozen=True)
class ServiceIndicators:
    online_payments: int
    counter_payments: int
    digitised_components: int
    reused_components: int
    e_results_issued: int
    satisfaction: tuple[SatisfactionRow, ...]

    @property
    def payments(self) -> int:
        return self.online_payments + self.counter_payments

    @property
    def online_payment_rate(self) -> Decimal | None:
        """Online ÷ all completed fee payments, in percent with two decimals; None without any payment."""
        return percent_value(self.online_payments, self.payments)

    @property
    def online_payment_rate_text(self) -> str:
        if not self.payments:
            return NOT_APPLICABLE
        return format_percent(self.online_payments, self.payments)


def service_indicators(
    date_from: date, date_to: date, *, level: str | None = None, agency_codes: Collection[str] | None = None
) -> ServiceIndicators:
    """`agency_codes`: the receiving agencies to count (one agency, a district's subtree); None: all of `level`."""
    since, until = local_day_bounds(date_from, date_to)
    scope = {"level": level, "agency_codes": agency_codes}
    paid = payments.completed_payments(since, until, **scope)
    components = dossiers.component_sources(since, until, **scope)
    ratings = feedback.satisfaction_in_period(since, until, **scope)
    return ServiceIndicators(
        online_payments=paid.online,
        counter_payments=paid.counter,
        digitised_components=components[DocumentSource.DIGITISED],
        reused_components=components[DocumentSource.REUSED],
        e_results_issued=results.e_results_issued(since, until, **scope),
        satisfaction=tuple(
            SatisfactionRow(
                criterion=criterion,
                label=str(Criterion(criterion).label),
                answers=tuple(
                    (answer, str(Satisfaction(answer).label), ratings[criterion][answer])
                    for answer in Satisfaction.values
                ),
            )
            for criterion in Criterion.values
        ),
    )
