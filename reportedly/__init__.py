"""reportedly: news reports of unrest -> a source-attributed event dataset.

    >>> import reportedly
    >>> report = reportedly.extract(text, published="2022-01-06", outlet="Steppe Daily")
    >>> report.statements, report.events, report.quantities

Importing the package registers the ``reportedly_*`` spaCy factories.
"""

__version__ = "0.1.0"

from .errors import IngestError, ModelError, ReportedlyError, UsageError  # noqa: E402
from .ingest import ArticleInput, Failure, read_inputs  # noqa: E402
from .pipeline import Extractor, extract  # noqa: E402
from .records import SCHEMA_VERSION, Report  # noqa: E402

__all__ = [
    "extract", "Extractor", "Report", "ArticleInput", "Failure", "read_inputs", "SCHEMA_VERSION",
    "ReportedlyError", "IngestError", "ModelError", "UsageError", "__version__",
]
