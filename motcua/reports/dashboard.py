"""Reads for the leaders' pages (/bao-cao/): who may see which agencies, and the engine's figures summed over an
agency's subtree (a district with its communes and divisions, a commune with its bodies).

A subtree follows the QCVN 102 code (docs/decisions/0002-agency-codes.md): below 000.00.51.H22 (a district) are the
agencies whose code ends in ".51.H22"; below 000.00.00.H22 (the UBND tỉnh), every ".H22" code.

    leader_scope(user) -> Scope | None                      None: the user may not see the leaders' pages
    agency_rows(date_from, date_to, scope) -> list[AgencySummary]       agencies in scope with any figure
    add_summaries(summaries) -> Summary
    areas(rows, root, names) -> list[Area]                         the root's sub-areas, one level down, with their sums
    monthly(date_from, date_to, scope) -> list[MonthSummary]
    lowest_on_time(rows) / overdue_by_agency(rows) -> list[AgencySummary]
    summary_by_level_and_field(date_from, date_to, scope) -> dict[(level, field), Summary]
    busiest_procedures(date_from, date_to, root) -> list[ProcedureSummary]    below one agency or district
"""

from collections.abc import Iterable
from dataclasses import dataclass, fields, is_dataclass
from datetime import date
from functools import reduce

from django.db.models import Q
from django.utils.translation import gettext as _

from motcua.organization import selectors as organization
from motcua.organization.constants import AgencyLevel, StaffRole
from motcua.reports import selectors
from motcua.reports.constants import BUSIEST_PROCEDURES, RANKED_AGENCIES

CODE_GROUPS = 4


def _significant_groups(code: str) -> list[str]:
    """The code without its leading all-zero groups: "000.00.51.H22" → ["51", "H22"]."""
    groups = code.split(".")
    start = 0
    while start < len(groups) - 1 and set(groups[start]) == {"0"}:
        start += 1
    return groups[start:]


def in_subtree(code: str, root: str) -> bool:
    return code == root or code.endswith("." + ".".join(_significant_groups(root)))


def province_root(code: str) -> str:
    """The UBND tỉnh's code for any agency of the province: "000.01.51.H22" → "000.00.00.H22"."""
    return "000.00.00." + code.split(".")[-1]


def child_root(code: str, root: str) -> str:
    """The root's sub-area that holds `code`, one code group further: below 000.00.00.H22, 000.01.51.H22 lies in
    000.00.51.H22; below 000.00.51.H22 it lies in itself."""
    groups = code.split(".")
    kept = min(len(_significant_groups(root)) + 1, CODE_GROUPS)
    return ".".join(["0" * len(group) for group in groups[: len(groups) - kept]] + groups[len(groups) - kept :])


@dataclass(frozen=True)
class Scope:
    """The subtrees a user may see, by their root codes (none inside another)."""

    roots: tuple[str, ...]

    def includes(self, code: str) -> bool:
        return any(in_subtree(code, root) for root in self.roots)

    @property
    def is_whole_province(self) -> bool:
        return any(root == province_root(root) for root in self.roots)


def leader_scope(user) -> Scope | None:
    """Monitors at a province-level agency see the whole province; other monitors and leaders see the subtrees of
    the agencies where they hold the role."""
    roots = {
        province_root(agency.code) if agency.level == AgencyLevel.PROVINCE else agency.code
        for agency in organization.agencies_where(user, StaffRole.MONITOR)
    }
    roots |= {agency.code for agency in organization.agencies_where(user, StaffRole.LEADER)}
    outermost = tuple(sorted(root for root in roots if not any(in_subtree(root, other) for other in roots - {root})))
    return Scope(outermost) if outermost else None


def agency_names() -> dict[str, str]:
    return dict(organization.agency_choices())


def agency_rows(date_from: date, date_to: date, scope: Scope) -> list[selectors.AgencySummary]:
    return [row for row in selectors.summary_by_agency(date_from, date_to) if scope.includes(row.code)]


def _add(first, second):
    return type(first)(
        **{
            item.name: _add(left, right) if is_dataclass(left) else left + right
            for item in fields(first)
            for left, right in [(getattr(first, item.name), getattr(second, item.name))]
        }
    )


def add_summaries(summaries: Iterable[selectors.Summary]) -> selectors.Summary:
    return reduce(_add, summaries, selectors.Summary())


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    summary: selectors.Summary
    # False for the root's own figures (the district UBND's desk on the district's page): nothing to drill into.
    drillable: bool


def areas(rows: list[selectors.AgencySummary], root: str, names: dict[str, str]) -> list[Area]:
    grouped: dict[str, list[selectors.AgencySummary]] = {}
    for row in rows:
        if in_subtree(row.code, root):
            grouped.setdefault(child_root(row.code, root), []).append(row)
    return [
        Area(
            code=code,
            name=names.get(code) or _("Khu vực %(code)s") % {"code": code},
            summary=add_summaries(row.summary for row in members),
            drillable=code != root,
        )
        for code, members in sorted(grouped.items())
    ]


def root_areas(rows: list[selectors.AgencySummary], scope: Scope, names: dict[str, str]) -> list[Area]:
    """One area per root of the scope, for users who see several unrelated subtrees."""
    return [
        Area(
            code=root,
            name=names.get(root, root),
            summary=add_summaries(row.summary for row in rows if in_subtree(row.code, root)),
            drillable=True,
        )
        for root in scope.roots
    ]


def _scope_condition(scope: Scope) -> Q:
    """`Scope.includes` as a condition on the counters' agency."""
    condition = Q()
    for root in scope.roots:
        condition |= Q(agency__code=root) | Q(agency__code__endswith="." + ".".join(_significant_groups(root)))
    return condition


def monthly(date_from: date, date_to: date, scope: Scope) -> list[selectors.MonthSummary]:
    return selectors.monthly_trend_of(date_from, date_to, agencies=_scope_condition(scope))


def on_time_share(summary: selectors.Summary) -> float:
    resolved = summary.resolved
    return (resolved.early + resolved.on_time) / resolved.total if resolved.total else 1.0


def lowest_on_time(rows: list[selectors.AgencySummary]) -> list[selectors.AgencySummary]:
    resolved = [row for row in rows if row.summary.resolved.total]
    return sorted(resolved, key=lambda row: (on_time_share(row.summary), -row.summary.resolved.total, row.code))[
        :RANKED_AGENCIES
    ]


def overdue_by_agency(rows: list[selectors.AgencySummary]) -> list[selectors.AgencySummary]:
    """Agencies holding overdue dossiers at the end of the period, most first."""
    overdue = [row for row in rows if row.summary.pending.overdue]
    return sorted(overdue, key=lambda row: (-row.summary.pending.overdue, row.code))


def busiest_procedures(date_from: date, date_to: date, root: str) -> list[selectors.ProcedureSummary]:
    """The procedures the subtree of `root` received most in the period (those it only held come after)."""
    found = selectors.summary_by_procedure(date_from, date_to, agencies=_scope_condition(Scope((root,))))
    return sorted(found, key=lambda row: (-row.summary.received.new, -row.summary.received.total, row.code))[
        :BUSIEST_PROCEDURES
    ]


def summary_by_level_and_field(
    date_from: date, date_to: date, scope: Scope
) -> dict[tuple[str, str], selectors.Summary]:
    return selectors.summary_by_level_and_field(date_from, date_to, agencies=_scope_condition(scope))
