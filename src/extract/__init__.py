"""extract: Chinese budget-performance self-evaluation reports as validated data.

Library entry points: :func:`parse_file`, :func:`parse_source`; models in
:mod:`extract.model`.
"""

from .model import SCHEMA_VERSION, Report

__version__ = "0.1.0"
__all__ = ["SCHEMA_VERSION", "Report", "parse_file", "parse_source", "__version__"]


def __getattr__(name: str):
    if name in ("parse_file", "parse_source"):
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)
