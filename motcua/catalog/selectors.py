"""Reads of the procedure catalogue, for the portal, the API and other apps."""

from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Max, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import gettext as _

from motcua.catalog import caching
from motcua.catalog.constants import (
    LEVEL_FIELDS,
    LOCAL_KEY_PREFIX,
    MAX_QUERY_LENGTH,
    PAGE_SIZE,
    PROCEDURE_KEY_PATTERN,
    ServiceLevel,
)
from motcua.catalog.models import Offering, Procedure
from motcua.core.text import nfc, search_key, search_terms
from motcua.organization.codes import is_agency_code
from motcua.organization.constants import AgencyLevel

# What a result list shows; the long texts (steps, conditions, raw text) stay in the database.
LIST_FIELDS = (
    "code",
    "local_key",
    "name",
    "field",
    *LEVEL_FIELDS.values(),
    "service_level",
    "online_mode",
    "popularity",
)
MAX_FIELD_LENGTH = Procedure._meta.get_field("field").max_length


class InvalidSearch(ValueError):
    """A search parameter that cannot be used; the message is shown to the person who typed it."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class SearchPage:
    count: int
    procedures: list[Procedure]


@dataclass(frozen=True)
class CatalogueCounts:
    total: int
    by_service_level: dict[int, int]
    online: int
    full_online: int
    fields: int
    flagged: int


def check_search(
    q: str = "",
    level: str | None = None,
    field: str | None = None,
    agency_code: str | None = None,
    service_level: int | None = None,
) -> None:
    """Raises InvalidSearch, with a Vietnamese message, for a search parameter that cannot be used."""
    if len(q or "") > MAX_QUERY_LENGTH:
        raise InvalidSearch(
            _("Từ khóa tìm kiếm quá dài (tối đa %(limit)s ký tự). Hãy nhập vài từ trong tên thủ tục.")
            % {"limit": MAX_QUERY_LENGTH}
        )
    if level and level not in LEVEL_FIELDS:
        raise InvalidSearch(_("Cấp thực hiện không hợp lệ."))
    if field and (len(field) > MAX_FIELD_LENGTH or not field.isprintable()):
        raise InvalidSearch(_("Lĩnh vực không hợp lệ."))
    if service_level is not None and service_level not in ServiceLevel.values:
        raise InvalidSearch(_("Mức độ dịch vụ công trực tuyến phải từ 1 đến 4."))
    if agency_code and not is_agency_code(agency_code):
        raise InvalidSearch(_("Mã cơ quan không hợp lệ."))


def search_procedures(
    q: str = "",
    level: str | None = None,
    field: str | None = None,
    agency_code: str | None = None,
    service_level: int | None = None,
) -> QuerySet[Procedure]:
    """Procedures matching every word of `q` (with or without diacritics, NFC or NFD) or its code.

    Ordered by relevance: the exact code first, then names that are, start with, or contain the query as
    typed, then names with its words apart; the most used first within each. Raises InvalidSearch with a
    Vietnamese message for parameters that cannot be used.
    """
    q = q or ""
    check_search(q=q, level=level, field=field, agency_code=agency_code, service_level=service_level)
    procedures = Procedure.objects.only(*LIST_FIELDS)
    if level:
        procedures = procedures.filter(**{LEVEL_FIELDS[level]: True})
    if field:
        procedures = procedures.filter(field=nfc(field))
    if service_level is not None:
        procedures = procedures.filter(service_level=service_level)
    if agency_code:
        procedures = procedures.filter(offerings__agency__code=agency_code, offerings__is_active=True)

    terms = search_terms(q)
    for term in terms:
        # Words are matched from their start: "kha" finds "khai", "an" does not find "toàn".
        procedures = procedures.filter(Q(search_key__startswith=term) | Q(search_key__contains=f" {term}"))
    if not terms:
        return procedures.order_by("-popularity", "name_key", "pk")

    phrase = " ".join(terms)
    ranks = [
        When(name_key=phrase, then=Value(1)),
        When(name_key__startswith=phrase, then=Value(2)),
        When(search_key__contains=f" {phrase}", then=Value(3)),
    ]
    # Only a query shaped like a code is compared with codes (this also keeps control characters out of SQL).
    if PROCEDURE_KEY_PATTERN.match(nfc(q)):
        ranks.insert(0, When(code=nfc(q), then=Value(0)))
    relevance = Case(*ranks, default=Value(4), output_field=IntegerField())
    return procedures.annotate(relevance=relevance).order_by("relevance", "-popularity", "name_key", "pk")


def search_page(
    q: str = "",
    level: str | None = None,
    field: str | None = None,
    service_level: int | None = None,
    page: int = 1,
) -> SearchPage:
    """One page of `search_procedures`, cached briefly: popular searches are answered without a query."""

    def compute() -> SearchPage:
        procedures = search_procedures(q=q, level=level, field=field, service_level=service_level)
        count = procedures.count()
        start = (page - 1) * PAGE_SIZE
        return SearchPage(count=count, procedures=list(procedures[start : start + PAGE_SIZE]) if start < count else [])

    check_search(q=q, level=level, field=field, service_level=service_level)
    return caching.cached(f"search:{(q, level, field, service_level, page)!r}", compute)


def get_procedure(code_or_local_key: str) -> Procedure | None:
    """One procedure by its national code or, for records without one, its local key; None when unknown."""
    return _by_key(Procedure.objects.all(), code_or_local_key)


def get_procedure_summary(code_or_local_key: str) -> Procedure | None:
    """Like get_procedure with only the fields of a result list, cached briefly (pages show it on every view)."""
    key = (code_or_local_key or "").strip()
    if not PROCEDURE_KEY_PATTERN.match(key):
        return None
    return caching.cached(f"summary:{key}", lambda: _by_key(Procedure.objects.only(*LIST_FIELDS), key))


def _by_key(procedures: QuerySet[Procedure], code_or_local_key: str) -> Procedure | None:
    key = (code_or_local_key or "").strip()
    if not PROCEDURE_KEY_PATTERN.match(key):
        return None
    lookup = {"local_key": key} if key.upper().startswith(LOCAL_KEY_PREFIX) else {"code": key}
    try:
        return procedures.get(**lookup)
    except Procedure.DoesNotExist:
        return None


def field_choices() -> list[str]:
    """The fields (lĩnh vực) present in the catalogue, in Vietnamese alphabetical order."""

    def compute() -> list[str]:
        fields = Procedure.objects.exclude(field="").order_by().values_list("field", flat=True).distinct()
        return sorted(fields, key=lambda name: (search_key(name), name))

    return caching.cached("fields", compute)


def popular_procedures(limit: int = 8) -> list[Procedure]:
    """The most used procedures according to the national 2025 list."""
    return caching.cached(
        f"popular:{limit}",
        lambda: list(
            Procedure.objects.only(*LIST_FIELDS).filter(popularity__gt=0).order_by("-popularity", "pk")[:limit]
        ),
    )


def catalogue_counts() -> CatalogueCounts:
    def compute() -> CatalogueCounts:
        by_level = {
            row["service_level"]: row["total"]
            for row in Procedure.objects.values("service_level").annotate(total=Count("pk")).order_by()
        }
        totals = Procedure.objects.aggregate(
            total=Count("pk"),
            flagged=Count("pk", filter=Q(is_flagged=True)),
            fields=Count("field", distinct=True, filter=~Q(field="")),
        )
        return CatalogueCounts(
            total=totals["total"],
            by_service_level={level: by_level.get(level, 0) for level in ServiceLevel.values},
            online=by_level.get(ServiceLevel.PARTIAL, 0) + by_level.get(ServiceLevel.FULL, 0),
            full_online=by_level.get(ServiceLevel.FULL, 0),
            fields=totals["fields"],
            flagged=totals["flagged"],
        )

    return caching.cached("counts", compute)


@dataclass(frozen=True)
class OfferedCoverage:
    """Procedures the deployment offers in a scope, and how many of them online at level 3 (một phần) or 4
    (toàn trình): the Directive's "1.671/1.863"."""

    offered: int
    partial: int
    full: int

    @property
    def online(self) -> int:
        return self.partial + self.full


def _active_offerings(level: str | None, agency_code: str | None) -> QuerySet[Offering]:
    offerings = Offering.objects.filter(is_active=True)
    if level:
        offerings = offerings.filter(agency__level=level)
    if agency_code:
        offerings = offerings.filter(agency__code=agency_code)
    # An offering without a level of its own is at the procedure's level.
    return offerings.annotate(effective_level=Coalesce("service_level", "procedure__service_level"))


def offered_coverage(*, level: str | None = None, agency_code: str | None = None) -> OfferedCoverage:
    """Distinct procedures with an active offering at an agency of `level` (or at `agency_code`; both None: the
    whole deployment), each at the best service level among those offerings."""

    def compute() -> OfferedCoverage:
        best = (
            _active_offerings(level, agency_code)
            .values("procedure_id")
            .annotate(best=Max("effective_level"))
            .order_by()
        )
        counts = best.aggregate(
            offered=Count("procedure_id"),
            partial=Count("procedure_id", filter=Q(best=ServiceLevel.PARTIAL)),
            full=Count("procedure_id", filter=Q(best=ServiceLevel.FULL)),
        )
        return OfferedCoverage(**counts)

    return caching.cached(f"offered-coverage:{level or ''}:{agency_code or ''}", compute)


def offered_coverage_by_agency() -> dict[str, OfferedCoverage]:
    """`offered_coverage` of every agency with an active offering, by agency code."""

    def compute() -> dict[str, OfferedCoverage]:
        rows = (
            _active_offerings(None, None)
            .values("agency__code")
            .annotate(
                offered=Count("pk"),
                partial=Count("pk", filter=Q(effective_level=ServiceLevel.PARTIAL)),
                full=Count("pk", filter=Q(effective_level=ServiceLevel.FULL)),
            )
            .order_by()
        )
        return {row["agency__code"]: OfferedCoverage(row["offered"], row["partial"], row["full"]) for row in rows}

    return caching.cached("offered-coverage-by-agency", compute)


def procedure_offerings(procedure: Procedure) -> list[Offering]:
    """Where this deployment receives the procedure: its active offerings, with their agencies."""
    return list(procedure.offerings.filter(is_active=True).select_related("agency").order_by("level", "agency__name"))


@dataclass(frozen=True)
class ReceivingPlaces:
    """Where a procedure is received, for a citizen: per level, the agencies grouped under their parent agency
    (a commune procedure is received by 193 commune UBNDs; a citizen looks for their own under their district)."""

    level: str
    level_label: str
    count: int
    groups: list[tuple[str, list[str]]]


def receiving_places(procedure: Procedure) -> list[ReceivingPlaces]:
    rows = (
        procedure.offerings.filter(is_active=True)
        .order_by("level", "agency__parent__code", "agency__code")
        .annotate(
            place=Coalesce(NullIf("agency__short_name", Value("")), "agency__name"),
            parent_place=Coalesce(NullIf("agency__parent__short_name", Value("")), "agency__parent__name"),
        )
        .values_list("level", "place", "parent_place")
    )
    by_level: dict[str, dict[str, list[str]]] = {}
    for level, agency_name, parent_name in rows:
        by_level.setdefault(level, {}).setdefault(parent_name or "", []).append(agency_name)
    order = list(AgencyLevel.values)
    return [
        ReceivingPlaces(
            level=level,
            level_label=str(AgencyLevel(level).label) if level in AgencyLevel.values else level,
            count=sum(len(names) for names in groups.values()),
            groups=list(groups.items()),
        )
        for level, groups in sorted(by_level.items(), key=lambda item: order.index(item[0]) if item[0] in order else 99)
    ]


def catalogue_version() -> str:
    """A token that changes whenever the catalogue is written; put it in the key of anything cached from it."""
    return caching.version()
