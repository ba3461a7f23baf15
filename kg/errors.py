"""The exceptions of the package: one root, one class per way things go wrong."""

from __future__ import annotations


class KgError(Exception):
    """Root of every error this package raises on purpose."""


class ReadError(KgError):
    """A file could not be read as a news page; the message names the file."""


class EmptyInputError(ReadError):
    """The file is empty or holds only white space."""


class BinaryInputError(ReadError):
    """The file is binary, not text."""


class TooLargeError(ReadError):
    """The file is over the configured size limit."""


class NoArticleError(ReadError):
    """No article could be recognised in the file."""


class WrongLanguageError(ReadError):
    """The page is not in French."""


class DateError(KgError, ValueError):
    """A date given by the user or read from a file is not a valid (partial) date."""


class PatternError(KgError):
    """A pattern file under ``kg/patterns`` is invalid."""


class QueryError(KgError):
    """A SPARQL query or an export could not be run or loaded."""


class EntityNotFoundError(KgError):
    """A name given by the user matches no entity of the graph."""


class WriteError(KgError):
    """A file could not be written (read-only folder, a file where a folder should be, disk
    full); the message names the file and the reason."""


class ExportError(WriteError):
    """The exports of a build, or a saved graph, could not be written."""


class BusyError(KgError):
    """Another build is writing into the same export folder."""


class UndecodableError(ReadError):
    """The file's bytes are not valid in the encoding it declares (a UTF-16 byte-order mark
    on bytes that are not UTF-16)."""


class OverBudgetError(ReadError):
    """Reading the page would take more work than its budget (characters, words, sentences),
    a bound on size, not on time, so that builds stay deterministic."""
