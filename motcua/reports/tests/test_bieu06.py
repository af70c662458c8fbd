from datetime import date

import pytest

from motcua.organization.constants import AgencyLevel
from motcua.reports import bieu06, dashboard, selectors
from motcua.reports.tests.leader_factories import COMMUNE_CODE, DISTRICT_CODE, province_history

QUARTER = (date(2021, 1, 1), date(2021, 3, 31))


@pytest.fixture
def province(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return province_history()


def whole_province(province) -> dashboard.Scope:
    return dashboard.leader_scope(province.monitor())


@pytest.mark.parametrize("grouping", bieu06.Grouping.values)
def test_totals_and_level_subtotals_equal_the_engine(province, grouping):
    report = bieu06.build(*QUARTER, grouping, whole_province(province))
    assert report.total.summary == selectors.summary(*QUARTER)
    for section, level in zip(report.sections, AgencyLevel.values, strict=True):
        assert section.subtotal.summary == selectors.summary(*QUARTER, level=level)


def test_agency_rows_equal_the_engine_per_agency(province):
    report = bieu06.build(*QUARTER, bieu06.Grouping.AGENCY, whole_province(province))
    rows = {row.code: row.summary for section in report.sections for row in section.rows}
    assert rows == {row.code: row.summary for row in selectors.summary_by_agency(*QUARTER)}


def test_figures_follow_the_form_columns(province):
    total = bieu06.build(*QUARTER, bieu06.Grouping.AGENCY, whole_province(province)).total
    # 8 new (2 online, 6 at the counter or by post) and 1 carried over from December; 5 resolved (2 late);
    # 2 pending, both past their appointment on 31/03; the withdrawn and the stopped ones are in no column.
    assert total.figures == (9, 2, 6, 1, 5, 3, 0, 2, 2, 0, 2)


def test_field_grouping_lists_each_field_under_its_level(province):
    report = bieu06.build(*QUARTER, bieu06.Grouping.FIELD, whole_province(province))
    fields = {province.department.procedure.field, province.commune.procedure.field}
    assert {row.label for section in report.sections for row in section.rows} == fields
    assert report.name_header == "Lĩnh vực, công việc giải quyết theo cấp"


def test_a_district_sees_only_its_own_subtree(province):
    scope = dashboard.leader_scope(province.district_leader())
    report = bieu06.build(*QUARTER, bieu06.Grouping.AGENCY, scope)
    listed = [row.code for section in report.sections for row in section.rows]
    assert listed == [DISTRICT_CODE, COMMUNE_CODE]
    district = selectors.summary(*QUARTER, agency_code=DISTRICT_CODE)
    commune = selectors.summary(*QUARTER, agency_code=COMMUNE_CODE)
    assert report.total.summary == dashboard.add_summaries([district, commune])
    field_report = bieu06.build(*QUARTER, bieu06.Grouping.FIELD, scope)
    assert field_report.total.summary == report.total.summary
    assert report.reporting_unit == "Ủy ban nhân dân huyện Đồng Văn"


def test_period_text_uses_vietnamese_dates(db):
    report = bieu06.build(*QUARTER, bieu06.Grouping.AGENCY, dashboard.Scope(("000.00.00.H22",)))
    assert report.period_text == "Từ ngày 01/01/2021 đến ngày 31/03/2021"
    assert report.total.figures == (0,) * 11
