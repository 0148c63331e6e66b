"""Typed errors. Every error a user can cause names the file and the place, and says what was expected."""

from __future__ import annotations


class RegkgError(Exception):
    """Base class: an error regkg reports to the user without a traceback."""


class SourceError(RegkgError):
    """A source file cannot be read as the format its reader expects.

    >>> str(SourceError("pipl/zh.docx", "paragraph 12", "an article heading 第N条", "第十三"))
    "pipl/zh.docx, paragraph 12: expected an article heading 第N条, found '第十三'"
    """

    def __init__(self, path: object, position: str, expected: str, found: object = None) -> None:
        self.path = str(path)
        self.position = position
        self.expected = expected
        self.found = found
        msg = f"{self.path}, {position}: expected {expected}"
        if found is not None:
            shown = str(found)
            msg += f", found {shown[:80]!r}" + ("…" if len(shown) > 80 else "")
        super().__init__(msg)


class ManifestError(RegkgError):
    """The source manifest is malformed."""


class FetchError(RegkgError):
    """A source could not be obtained or failed its checksum."""


class BuildError(RegkgError):
    """The graph could not be built (for example a SHACL violation)."""
