"""The errors kg raises on purpose; the CLI turns each into one line on stderr."""


class KGError(Exception):
    """Base of every error kg reports to a user instead of a traceback."""


class InputError(KGError):
    """An input file or value cannot be used (names the file and the problem)."""


class QueryError(KGError):
    """A SPARQL query cannot be parsed or run."""


class ConfigError(KGError):
    """A setting names something that does not exist (a model, an extractor, a format)."""


class StoreError(KGError):
    """The store cannot be opened or written (locked by another process, damaged)."""
