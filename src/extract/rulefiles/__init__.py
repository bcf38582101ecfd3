"""The models of the rule files: one module per file of rules/.

Each module holds the pydantic models that validate one rule file (an
unknown key is an error: :class:`~extract.rules.RuleModel`), and depends on
nothing but :mod:`extract.rules`, :mod:`extract.model` and its siblings.
:class:`~extract.ruleset.RuleSet` loads a folder against :data:`RULE_FILES`;
the stages read the validated models from the rule set they are given.
"""

from __future__ import annotations

from ..rules import GLOSSARY_FILE
from .checks import CheckRules
from .document_types import DocumentTypeRules
from .forms import FormRules
from .glossary import Glossary
from .headings import HeadingRules
from .hygiene import HygieneRules
from .indicators import IndicatorRules
from .meta import MetaRules
from .metrics import MetricRules
from .normalize import NormalizeRules
from .tables import TableRules
from .units import UnitRules

#: Each rule file of a rule folder: its attribute on the RuleSet and its model.
RULE_FILES: dict[str, tuple[str, type]] = {
    GLOSSARY_FILE: ("glossary", Glossary),
    "units.yaml": ("units", UnitRules),
    "normalize.yaml": ("normalize", NormalizeRules),
    "headings.yaml": ("headings", HeadingRules),
    "tables.yaml": ("tables", TableRules),
    "metrics.yaml": ("metrics", MetricRules),
    "meta.yaml": ("meta", MetaRules),
    "indicators.yaml": ("indicators", IndicatorRules),
    "checks.yaml": ("checks", CheckRules),
    "document_types.yaml": ("document_types", DocumentTypeRules),
    "hygiene.yaml": ("hygiene", HygieneRules),
    "forms.yaml": ("forms", FormRules),
}

__all__ = ["RULE_FILES", "CheckRules", "DocumentTypeRules", "FormRules", "Glossary", "HeadingRules",
           "HygieneRules", "IndicatorRules", "MetaRules", "MetricRules", "NormalizeRules", "TableRules",
           "UnitRules"]
