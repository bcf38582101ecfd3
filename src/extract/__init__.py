"""extract: Chinese budget-performance self-evaluation reports as validated data.

Library entry points: :class:`Extractor` (one rule set and the per-document
limits: ``Extractor(rules).parse(path)``, ``.check(path)``), :class:`RuleSet`
(``RuleSet.load(folder)``, ``RuleSet.default()``), :func:`parse_file`,
:func:`parse_source`; models in :mod:`extract.model`.
"""

__version__ = "0.1.0"
__all__ = ["SCHEMA_VERSION", "Report", "Extractor", "RuleSet", "parse_file", "parse_source",
           "__version__"]


def __getattr__(name: str):
    # Each name is imported when first asked for: ``import extract`` (and
    # so every start of the command, ``extract --help`` included) does not
    # import pydantic and build the models before anything needs them.
    if name in ("SCHEMA_VERSION", "Report"):
        from . import model

        return getattr(model, name)
    if name in ("parse_file", "parse_source", "Extractor"):
        from . import pipeline

        return getattr(pipeline, name)
    if name == "RuleSet":
        from .ruleset import RuleSet

        return RuleSet
    raise AttributeError(name)
