"""Text from the data is shown with its control characters escaped."""

from __future__ import annotations

import pytest

from aikg.terminal import escape_controls

CASES = [
    ("Innoviris", "Innoviris"),
    ("Région de Bruxelles-Capitale", "Région de Bruxelles-Capitale"),  # letters stay letters
    ("\x1b[2J\x1b[31mred", "\\x1b[2J\\x1b[31mred"),  # clear screen, colour
    ("a\tb\nc\rd", "a\\tb\\nc\\rd"),
    ("bell\x07 del\x7f csi\x9b", "bell\\x07 del\\x7f csi\\x9b"),
    ("evil\u202etxt.exe", "evil\\u202etxt.exe"),  # right-to-left override
    ("one\u2028two", "one\\u2028two"),  # line separator
]


@pytest.mark.parametrize("text, shown", CASES)
def test_escape_controls(text: str, shown: str) -> None:
    assert escape_controls(text) == shown
