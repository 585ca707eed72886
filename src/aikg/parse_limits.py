"""The Turtle parser's one hard limit, reported as what it is: a term longer than 16 MiB.

Oxigraph's lexer holds the token it reads in a buffer of at most 16 MiB and raises
MemoryError ("Reached the buffer maximal size") beyond it, which would read as the
process running out of memory. Only then is the file parsed again, one line at a
time, to name the line the term had reached.
"""

from __future__ import annotations

import io
from pathlib import Path

from aikg.errors import InputError

__all__ = ["BUFFER_BYTES", "term_too_long"]

BUFFER_BYTES = 16 * 2**20
_BUFFER_FULL = "Reached the buffer maximal size"


def term_too_long(path: Path, data: bytes, error: MemoryError) -> BaseException:
    """The InputError, with its line, for a parse of ``data`` (the file ``path``) stopped by the parser's
    buffer; ``error`` itself when memory did run out."""
    if _BUFFER_FULL not in str(error):
        return error
    import pyoxigraph

    from aikg.literals import LineReader

    reader = LineReader(io.BytesIO(data))
    try:
        for _ in pyoxigraph.parse(reader, format=pyoxigraph.RdfFormat.TURTLE, base_iri=path.resolve().as_uri()):
            pass
    except MemoryError:
        pass
    return InputError(path, f"a literal, IRI or comment reaching this line is longer than {BUFFER_BYTES // 2**20} MiB, "
                            "the most the Turtle parser reads; keep long text in a report text file (aikg:sourceText)",
                      reader.line)
