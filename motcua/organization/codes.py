"""QCVN 102:2016 agency codes: ``V1V2V3.Z1Z2.Y1Y2.MX1X2``, read right to left from level 1 to level 4.

``000.00.00.H22`` is the level-1 body itself (UBND tỉnh Hà Giang); a zero group means "no body at this level".
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from motcua.organization.constants import AGENCY_CODE_PATTERN, LEVEL1_CODE_PATTERN

_AGENCY_CODE = re.compile(AGENCY_CODE_PATTERN)
_LEVEL1_CODE = re.compile(LEVEL1_CODE_PATTERN)
_GROUP_LIMITS = (99, 99, 999)


class InvalidAgencyCode(ValueError):
    pass


@dataclass(frozen=True)
class AgencyCode:
    level1: str
    level2: int = 0
    level3: int = 0
    level4: int = 0

    def __post_init__(self):
        if not isinstance(self.level1, str) or not _LEVEL1_CODE.fullmatch(self.level1):
            raise InvalidAgencyCode(_("Mã cấp 1 «%(code)s» không đúng dạng MX1X2 (ví dụ H22).") % {"code": self.level1})
        for number, limit in zip((self.level2, self.level3, self.level4), _GROUP_LIMITS):
            if not 0 <= number <= limit:
                raise InvalidAgencyCode(
                    _("Số %(number)s nằm ngoài khoảng 0–%(limit)s của nhóm mã.") % {"number": number, "limit": limit}
                )

    def __str__(self) -> str:
        return f"{self.level4:03d}.{self.level3:02d}.{self.level2:02d}.{self.level1}"

    @classmethod
    def parse(cls, text: str) -> "AgencyCode":
        if not is_agency_code(text):
            raise InvalidAgencyCode(
                _("«%(code)s» không phải mã định danh dạng V1V2V3.Z1Z2.Y1Y2.MX1X2.") % {"code": text}
            )
        level4, level3, level2, level1 = text.split(".")
        return cls(level1=level1, level2=int(level2), level3=int(level3), level4=int(level4))

    def child(self, number: int) -> "AgencyCode":
        """The code of body `number` one level below this one: the next zero group to the left is filled."""
        if number < 1:
            raise InvalidAgencyCode(_("Số thứ tự của cơ quan cấp dưới phải từ 1 trở lên."))
        if not self.level2:
            return AgencyCode(self.level1, level2=number)
        if not self.level3:
            return AgencyCode(self.level1, self.level2, level3=number)
        if not self.level4:
            return AgencyCode(self.level1, self.level2, self.level3, level4=number)
        raise InvalidAgencyCode(_("Mã %(code)s đã ở cấp 4, không có cấp dưới.") % {"code": self})


def is_agency_code(text: object) -> bool:
    return isinstance(text, str) and bool(_AGENCY_CODE.fullmatch(text))
