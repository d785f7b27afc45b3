"""Date phrases to ISO literals at their precision, relative ones against the article date."""
from datetime import date, timedelta

import pytest

from kg.extractors.release import parse_date

FRIDAY_BEFORE = date(2024, 4, 5)  # a Friday

CASES = [
    ("November 19, 2021", None, False, "2021-11-19"),
    ("Nov. 19, 2021", None, False, "2021-11-19"),
    ("19 November 2021", None, False, "2021-11-19"),
    ("the 3rd of March, 2024", None, False, "2024-03-03"),
    ("March 2024", None, False, "2024-03"),
    ("2025", None, False, "2025"),
    ("next Friday", FRIDAY_BEFORE, False, "2024-04-12"),
    ("Thursday", date(2023, 6, 15), False, "2023-06-22"),
    ("tomorrow", FRIDAY_BEFORE, False, "2024-04-06"),
    ("this summer", FRIDAY_BEFORE, False, "2024"),
    ("next year", FRIDAY_BEFORE, False, "2025"),
    ("July 26 next year", date(2023, 11, 9), False, "2024-07-26"),
    ("June 21", date(2024, 5, 10), False, "2024-06-21"),
    ("March 15", date(2023, 8, 25), False, "2024-03-15"),
    ("November 17", date(2024, 1, 5), True, "2023-11-17"),
    ("June 7", date(2024, 6, 16), False, "2024-06-07"),  # "a week after its June 7 debut"
    ("Friday", FRIDAY_BEFORE + timedelta(days=2), True, "2024-04-05"),  # "opened on Friday"
    ("last December", FRIDAY_BEFORE, False, None),
    ("December", date(2023, 5, 6), False, "2023-12"),  # "slated for a December release"
    ("March", date(2023, 5, 6), False, "2024-03"),
    ("March", date(2023, 5, 6), True, "2023-03"),
    ("mid-December", date(2023, 5, 6), False, "2023-12"),
    ("Christmas Day next year", date(2022, 8, 25), False, "2023-12-25"),
    ("Christmas Day", date(2022, 8, 25), False, "2022-12-25"),
    ("their weekend", FRIDAY_BEFORE, False, None),
    ("February 30, 2024", None, False, None),
]


@pytest.mark.parametrize("text, published, past, expected", CASES)
def test_parse_date(text, published, past, expected):
    value = parse_date(text, published, past)
    assert (value.iso if value else None) == expected
