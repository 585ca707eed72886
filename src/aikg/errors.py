"""Exit codes and the one error type that the command line turns into a message."""

from __future__ import annotations

from enum import IntEnum

__all__ = ["ExitStatus", "AikgError", "QueryError", "InputError"]


class ExitStatus(IntEnum):
    """Exit codes of ``aikg``, shared by every sub-command."""

    OK = 0
    FAILED = 1  # the input was read, but it does not conform / the check failed
    BAD_INPUT = 2  # a file, query or parameter could not be read or understood
    INTERNAL = 70  # a bug in aikg (sysexits' EX_SOFTWARE), reported in one line all the same


class AikgError(Exception):
    """An error meant for the user: printed as one clear message, no traceback."""

    exit_status = ExitStatus.BAD_INPUT


class QueryError(AikgError):
    """A query that cannot be found, parsed, bound or allowed to run."""


class InputError(AikgError):
    """A file that cannot be read or parsed, with where the problem is."""

    def __init__(self, path: object, message: str, line: int | None = None, column: int | None = None):
        self.path, self.message, self.line, self.column = path, message, line, column
        where = str(path)
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        super().__init__(f"{where}: {message}")

    def __reduce__(self):  # errors cross process boundaries (validation runs in worker processes)
        return (type(self), (self.path, self.message, self.line, self.column))
