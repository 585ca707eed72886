"""Take the network away from a process that runs queries, so that no query can reach outside.

pyoxigraph evaluates ``SERVICE`` with an HTTP client of its own, in Rust, that
no Python hook sees and no option turns off. aikg refuses SERVICE on a parse of
every query (aikg.sparql); this is the second line, which holds even if a
query got past the first: the worker that evaluates queries moves into a new,
empty network namespace (Linux ``unshare(CLONE_NEWNET)``), where there is no
interface but a loopback that is down. Any connection, to 127.0.0.1 or
anywhere, fails with "Network is unreachable". Without the privilege for a
network namespace, a user namespace is made first (unprivileged, where the
kernel allows it). Files and the pipes to the parent are not affected.
"""

from __future__ import annotations

import sys

__all__ = ["cut_network"]

CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000


def cut_network() -> bool:
    """Move this process into a network namespace of its own, with no way out; True when it is
    done (Linux, with the privilege for it or unprivileged user namespaces), False otherwise.
    Call it in a process with one thread (a freshly forked child)."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes  # in the child only, where it is needed

    try:
        unshare = ctypes.CDLL(None, use_errno=True).unshare  # the C library the interpreter runs on
    except (OSError, AttributeError):
        return False
    for flags in (CLONE_NEWNET, CLONE_NEWUSER | CLONE_NEWNET):
        if unshare(flags) == 0:
            return True
    return False
