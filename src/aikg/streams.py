"""The process's standard streams as the command starts: a closed one is never left closed.

A descriptor closed by the shell (``aikg query network >&-``) would be the number the
next file opened receives, and what is printed would go into that file. Each closed
one is given /dev/null at once; a closed stdout is then refused, since the command's
output would be lost without a word.
"""

from __future__ import annotations

import os
import sys

__all__ = ["CLOSED_STDOUT", "reopen_closed"]

CLOSED_STDOUT = "standard output is closed (>&-); send it somewhere instead, e.g. >/dev/null to discard it"


def reopen_closed() -> list[str]:
    """Give each closed standard descriptor /dev/null (and Python a stream on it); the names of those closed."""
    closed = []
    for descriptor, name, mode in ((0, "stdin", "r"), (1, "stdout", "w"), (2, "stderr", "w")):
        try:
            os.fstat(descriptor)
        except OSError:
            null = os.open(os.devnull, os.O_RDWR)  # the lowest free number: this one, unless a lower one was closed too
            if null != descriptor:
                os.dup2(null, descriptor)
                os.close(null)
            setattr(sys, name, open(descriptor, mode, encoding="utf-8", closefd=False))  # noqa: SIM115 - the process's own
            closed.append(name)
    return closed
