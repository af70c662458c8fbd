from datetime import date

import pytest

from motcua.core.pdf import place_and_date


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2021, 6, 16), "Hà Giang, ngày 16 tháng 6 năm 2021"),
        (date(2021, 2, 5), "Hà Giang, ngày 05 tháng 02 năm 2021"),
        (date(2021, 1, 9), "Hà Giang, ngày 09 tháng 01 năm 2021"),
        (date(2021, 12, 31), "Hà Giang, ngày 31 tháng 12 năm 2021"),
    ],
)
def test_place_and_date_follows_decree_30(day, expected):
    assert place_and_date("Hà Giang", day) == expected


def test_date_line_without_place_starts_with_a_capital():
    assert place_and_date("", date(2021, 3, 8)) == "Ngày 08 tháng 3 năm 2021"
