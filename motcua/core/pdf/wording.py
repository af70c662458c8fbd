"""Fixed wording of Vietnamese administrative documents (Decree 30/2020/NĐ-CP, Appendix I).

Documents are legal texts in Vietnamese whatever language the person producing them reads the interface in, so
nothing here goes through gettext.
"""

from datetime import date

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
NUMBER_PREFIX = "Số"
RECIPIENTS_HEADING = "Nơi nhận"


def place_and_date(place: str, day: date) -> str:
    """ "Hà Giang, ngày 16 tháng 6 năm 2021".

    Decree 30/2020 writes days below 10 and the months January and February with a leading zero
    ("ngày 05 tháng 02"), so that no digit can be added in front of them on paper.
    """
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    text = f"ngày {day.day:02d} tháng {month} năm {day.year}"
    return f"{place}, {text}" if place else text.capitalize()
