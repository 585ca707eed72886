"""Text from the data made safe to print: no terminal escape reaches the screen.

Data may be someone else's, and a label holding ESC sequences could recolour,
hide or rewrite what a terminal shows. Control characters (C0, DEL, C1), line
and paragraph separators and the bidirectional overrides are shown as escapes
(``\\x1b``, ``\\u202e``) instead; tab and line break stay as ``\\t`` and ``\\n``.
"""

from __future__ import annotations

import re

__all__ = ["escape_controls"]

_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def escape_controls(text: str) -> str:
    """``text`` with every control character written as a visible escape."""
    return _UNSAFE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"
