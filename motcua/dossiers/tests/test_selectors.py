from datetime import datetime, timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from motcua.dossiers import selectors, services
from motcua.dossiers.constants import DossierStatus, EventAction, InboxBox
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import ApplicantFactory, make_desk, pdf, required_files, staff
from motcua.organization.constants import AgencyLevel, StaffRole
from motcua.organization.models import Agency
from motcua.organization.tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


def visible(user, dossier) -> bool:
    try:
        selectors.get_dossier_for(user, dossier.pk)
    except Http404:
        return False
    return True


def test_citizen_sees_their_own_dossier_by_id_and_by_code(desk):
    dossier = desk.received()
    assert selectors.get_dossier_for(desk.citizen, dossier.pk) == dossier
    assert selectors.get_dossier_for(desk.citizen, dossier.code.lower()) == dossier


def test_another_citizen_gets_not_found_by_id_and_by_code(desk):
    dossier = desk.received()
    stranger = ApplicantFactory()
    for key in (dossier.pk, dossier.code, "khong-co"):
        with pytest.raises(Http404):
            selectors.get_dossier_for(stranger, key)


def test_staff_of_another_agency_and_anonymous_visitors_see_nothing(desk):
    dossier = desk.received()
    other = make_desk()
    for outsider in (other.clerk, other.leader, other.specialist, AnonymousUser(), None):
        assert not visible(outsider, dossier)


def test_agency_staff_see_by_role(desk):
    draft = desk.draft()
    dossier = desk.received()
    colleague = staff(desk.agency, StaffRole.SPECIALIST)
    assert visible(desk.clerk, dossier) and visible(desk.leader, dossier)
    assert not visible(desk.clerk, draft), "a draft is the citizen's own business"
    assert not visible(desk.specialist, dossier), "specialists see what is given to them"

    services.do_assign(desk.leader, dossier, specialist=desk.specialist)
    assert visible(desk.specialist, dossier) and not visible(colleague, dossier)


def test_postal_staff_see_postal_dossiers_of_their_agency_only(desk):
    online = desk.submitted()
    postal = services.do_receive_postal(
        desk.postal,
        procedure=desk.procedure,
        agency=desk.agency,
        applicant=services.ApplicantData(name="Vàng Thị Mỷ"),
        files=required_files(),
        handed_over_at=timezone.now() - timedelta(hours=1),
    )
    assert visible(desk.postal, postal) and not visible(desk.postal, online)


def test_agencies_keep_seeing_a_dossier_they_passed_on(desk):
    district = DepartmentFactory()
    district_leader = staff(district, StaffRole.LEADER)
    dossier = desk.received()
    assert not visible(district_leader, dossier)
    dossier = services.do_transfer(desk.leader, dossier, to_agency=district, working_days=2)
    assert visible(district_leader, dossier) and visible(desk.clerk, dossier)

    province = DepartmentFactory()
    services.do_transfer(district_leader, dossier, to_agency=province, working_days=2)
    assert visible(district_leader, dossier), "the district took part: its log entries keep it visible"
    assert dossier in selectors.visible_dossiers(district_leader)


def test_new_online_box_holds_submitted_dossiers_of_the_clerks_desk(desk):
    first, second = desk.submitted(), desk.submitted()
    make_desk().submitted()
    page = selectors.inbox(desk.clerk, InboxBox.NEW_ONLINE)
    assert [dossier.pk for dossier in page.items] == [first.pk, second.pk]
    assert page.count == 2
    assert selectors.inbox(desk.leader, InboxBox.NEW_ONLINE).count == 0


def test_mine_box_follows_the_turn(desk):
    dossier = desk.received()
    other_leader = make_desk().leader
    assert [d.pk for d in selectors.inbox(desk.leader, InboxBox.MINE).items] == [dossier.pk]
    assert selectors.inbox(other_leader, InboxBox.MINE).count == 0

    services.do_assign(desk.leader, dossier, specialist=desk.specialist)
    assert selectors.inbox(desk.leader, InboxBox.MINE).count == 0
    assert [d.pk for d in selectors.inbox(desk.specialist, InboxBox.MINE).items] == [dossier.pk]


def test_deadline_boxes_and_flags(desk):
    soon, late, later = desk.processing(), desk.processing(), desk.processing()
    now = timezone.now()
    Dossier.objects.filter(pk=soon.pk).update(due_at=now + timedelta(minutes=90))
    Dossier.objects.filter(pk=late.pk).update(due_at=now - timedelta(minutes=5))
    Dossier.objects.filter(pk=later.pk).update(due_at=now + timedelta(days=30))

    assert [d.pk for d in selectors.inbox(desk.leader, InboxBox.DUE_SOON).items] == [soon.pk]
    assert [d.pk for d in selectors.inbox(desk.specialist, InboxBox.OVERDUE).items] == [late.pk]
    late.refresh_from_db()
    soon.refresh_from_db()
    assert selectors.deadline_flags(late) == selectors.DeadlineFlags(overdue=True, due_soon=False)
    assert selectors.deadline_flags(soon) == selectors.DeadlineFlags(overdue=False, due_soon=True)


def test_waiting_citizen_box_and_counts(desk):
    dossier = services.do_request_supplement(desk.specialist, desk.processing(), items=["Sơ đồ"], reason="Thiếu sơ đồ")
    desk.submitted()
    counts = selectors.inbox_counts(desk.clerk)
    assert counts[InboxBox.WAITING_CITIZEN] == 1
    assert counts[InboxBox.NEW_ONLINE] == 1
    assert [d.pk for d in selectors.inbox(desk.clerk, InboxBox.WAITING_CITIZEN).items] == [dossier.pk]
    assert selectors.inbox_counts(ApplicantFactory()) == {box: 0 for box in InboxBox.values}


def test_unknown_box_is_not_found(desk):
    with pytest.raises(Http404):
        selectors.inbox(desk.clerk, "hop-khong-co")


@pytest.mark.parametrize("query", ["nguyen van an", "NGUYỄN VĂN", "an"])
def test_search_by_name_with_or_without_diacritics(desk, query):
    dossier = desk.received()
    other = desk.received(ApplicantFactory(full_name="Lò Thị Mai"))
    found = selectors.search(selectors.visible_dossiers(desk.clerk), query)
    assert dossier in found and other not in found


def test_search_by_code_code_prefix_and_id_number(desk):
    dossier = desk.received()
    other = desk.received(ApplicantFactory(full_name="Lò Thị Mai"))
    visible_to_clerk = selectors.visible_dossiers(desk.clerk)
    assert list(selectors.search(visible_to_clerk, dossier.code)) == [dossier]
    assert set(selectors.search(visible_to_clerk, dossier.code[:-4])) == {dossier, other}
    assert list(selectors.search(visible_to_clerk, dossier.code.split("-", 1)[1])) == [dossier]
    assert list(selectors.search(visible_to_clerk, desk.citizen.cccd)) == [dossier]


def test_search_visible_finds_a_code_or_cccd_only_among_what_the_user_may_see(desk):
    dossier = desk.received()
    elsewhere = make_desk()
    hidden = elsewhere.received(desk.citizen)  # same applicant, another agency's desk
    assert list(selectors.search_visible(desk.clerk, dossier.code)) == [dossier]
    assert list(selectors.search_visible(desk.clerk, hidden.code)) == []
    assert list(selectors.search_visible(desk.clerk, desk.citizen.cccd)) == [dossier]
    assert set(selectors.search_visible(elsewhere.clerk, desk.citizen.cccd)) == {hidden}
    assert list(selectors.search_visible(desk.clerk, "nguyen van")) == [dossier]
    with pytest.raises(services.DossierError):
        selectors.search_visible(desk.clerk, "a" * 1000)


def test_search_ignores_nul_characters(desk):
    dossier = desk.received()
    assert list(selectors.search(selectors.visible_dossiers(desk.clerk), "nguyen\x00 van")) == [dossier]


def test_search_refuses_a_huge_query(desk):
    with pytest.raises(services.DossierError):
        selectors.search(selectors.visible_dossiers(desk.clerk), "a" * 1000)


def test_keyset_pages_cover_everything_once_in_order(desk):
    submitted = [desk.submitted().pk for _ in range(5)]
    seen, cursor = [], None
    for _ in range(3):
        page = selectors.inbox(desk.clerk, InboxBox.NEW_ONLINE, cursor=cursor, size=2)
        seen += [dossier.pk for dossier in page.items]
        cursor = page.next_cursor
    assert seen == submitted and cursor is None and page.count == 5


def test_a_tampered_cursor_starts_again_from_the_first_page(desk):
    first = desk.submitted()
    desk.submitted()
    page = selectors.inbox(desk.clerk, InboxBox.NEW_ONLINE, cursor="!!not-a-cursor", size=1)
    assert page.items == [first]


def test_inbox_query_count_does_not_grow_with_the_page(desk):
    def queries_for_first_page() -> int:
        with CaptureQueriesContext(connection) as captured:
            page = selectors.inbox(desk.clerk, InboxBox.NEW_ONLINE)
            [(dossier.procedure.name, dossier.receiving_agency.name) for dossier in page.items]
        return len(captured)

    desk.submitted()
    with_one = queries_for_first_page()
    for _ in range(5):
        desk.submitted()
    assert queries_for_first_page() == with_one


def test_my_dossiers_newest_first(desk):
    older, newer = desk.draft(), desk.submitted()
    desk.submitted(ApplicantFactory())
    page = selectors.my_dossiers(desk.citizen)
    assert [dossier.pk for dossier in page.items] == [newer.pk, older.pk]


def test_citizen_timeline_leaves_out_internal_steps_and_names(desk):
    dossier = desk.at_approval()
    citizen_view = selectors.timeline(dossier, for_staff=False)
    staff_view = selectors.timeline(dossier, for_staff=True)
    assert EventAction.APPRAISE not in [entry.action for entry in citizen_view]
    assert all(entry.actor_name == "" for entry in citizen_view)
    appraisal = next(entry for entry in staff_view if entry.action == EventAction.APPRAISE)
    assert appraisal.note == "Hồ sơ đủ điều kiện." and appraisal.actor_name == str(desk.specialist)


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("Nguyễn Văn An", "Nguyễn V*** A**"),
        ("Lò Thị Mai Hương", "Lò T*** M*** H**"),
        ("  Giàng   Seo Phử ", "Giàng S*** P**"),
        ("Páo", "P**"),
        ("", ""),
    ],
)
def test_masked_name_keeps_the_family_name_and_initials(name, masked):
    assert selectors.mask_name(name) == masked


def test_public_lookup_shows_progress_without_personal_data(desk):
    dossier = desk.processing()
    found = selectors.public_lookup(dossier.code)
    assert (found.code, found.status, found.status_code, found.applicant) == (
        dossier.code,
        DossierStatus.PROCESSING,
        4,
        "Nguyễn V*** A**",
    )
    shown = repr(found)
    for personal in (desk.citizen.cccd, desk.citizen.phone, desk.citizen.email, "Nguyễn Văn An"):
        assert personal not in shown


@pytest.mark.parametrize("code", ["", "000.00.00.H22-210616-0001", "' OR 1=1 --", "x" * 5000])
def test_public_lookup_of_an_unknown_code_is_none(desk, code):
    desk.received()
    assert selectors.public_lookup(code) is None


def test_inbox_counts_read_the_users_roles_once_and_count_each_box_once(desk):
    desk.received()

    with CaptureQueriesContext(connection) as queries:
        selectors.inbox_counts(desk.leader)

    role_reads = [query for query in queries.captured_queries if "organization_membership" in query["sql"]]
    assert len(role_reads) == 1
    # One COUNT per box at most (a box the user holds no role for is known to be empty without asking).
    assert len(queries) <= 1 + len(InboxBox.values)


# --- Statistics ----------------------------------------------------------------------------------------------


def _at(year: int, month: int, day: int, hour: int = 9, minute: int = 0):
    return timezone.make_aware(datetime(year, month, day, hour, minute))


def _district_desk():
    desk = make_desk()
    Agency.objects.filter(pk=desk.agency.pk).update(level=AgencyLevel.DISTRICT)
    desk.agency.refresh_from_db()
    return desk


MARCH, APRIL = _at(2021, 3, 1, 0), _at(2021, 4, 1, 0)


def test_component_sources_count_components_filled_in_the_period_by_source(desk, django_assert_num_queries):
    district = _district_desk()
    walk_in = {
        "procedure": desk.procedure,
        "agency": desk.agency,
        "applicant": services.ApplicantData(name="Lò Văn Páo"),
    }
    with mock.patch("django.utils.timezone.now", return_value=MARCH):
        services.do_receive_at_counter(desk.clerk, files=required_files(), **walk_in)  # two scans at the counter
        draft = desk.draft()  # two uploads by the citizen
        services.do_attach_document(desk.citizen, draft, position=3, upload=pdf("uy-quyen.pdf"), source="reused")
        district.draft()
    with mock.patch("django.utils.timezone.now", return_value=APRIL):
        services.do_receive_at_counter(desk.clerk, files=required_files(), **walk_in)

    with django_assert_num_queries(1):
        everywhere = selectors.component_sources(MARCH, APRIL)

    assert everywhere == {"uploaded": 4, "reused": 1, "digitised": 2}
    assert selectors.component_sources(MARCH, APRIL, level=AgencyLevel.DISTRICT) == {
        "uploaded": 2,
        "reused": 0,
        "digitised": 0,
    }
    assert selectors.component_sources(MARCH, APRIL, agency_codes=[desk.agency.code])["digitised"] == 2
    assert selectors.component_sources(APRIL, _at(2021, 4, 2, 0))["digitised"] == 2
