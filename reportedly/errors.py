"""A small exception hierarchy; the CLI turns each into a one-line message and an exit code."""


class ReportedlyError(Exception):
    """Base class for every error reportedly raises on purpose."""


class UsageError(ReportedlyError):
    """The caller asked for something that cannot work (bad option, missing file)."""


class IngestError(ReportedlyError):
    """An input could not be read as an article. ``reason`` is a stable, typed code."""

    def __init__(self, message: str, *, reason: str = "unreadable", path: str | None = None):
        super().__init__(message)
        self.reason = reason
        self.path = path


class ModelError(ReportedlyError):
    """A spaCy pipeline or a shipped model could not be loaded."""


class EvalError(ReportedlyError):
    """Evaluation data is missing or not in the expected format."""
