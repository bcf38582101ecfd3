"""One rule set: every rule file of a folder, validated, loaded once.

A :class:`RuleSet` is what every stage that reads rules is given, explicitly:

    rules = RuleSet.load("my-rules/")      # or RuleSet.default()
    report = Extractor(rules).parse("report.pdf")

It holds the validated model of each rule file under a fixed attribute
(``rules.units`` is ``units.yaml``, ``rules.checks`` is ``checks.yaml``, …),
the folder it came from and a digest of the files' content
(:attr:`RuleSet.digest`, which batch resume and the database record). It is
never changed after loading; what a stage compiles from it (a grammar, a
regular expression, a segmenter with the rule words added) is built once per
rule set through :meth:`RuleSet.derived`, under a lock, and kept on the rule
set, so two rule sets used side by side in two threads never see each
other's words. Nothing here reads an environment variable: the CLI maps
``$EXTRACT_RULES`` onto ``--rules``.
"""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path
from typing import Any, Callable, Optional, TypeVar

from .rulefiles import (RULE_FILES, CheckRules, DocumentTypeRules, FormRules, Glossary, HeadingRules,
                        HygieneRules, IndicatorRules, MetaRules, MetricRules, NormalizeRules, TableRules,
                        UnitRules)
from .rules import DEFAULT_RULES_DIR, GLOSSARY_FILE, RuleError, parse_rule_text

T = TypeVar("T")


def _rule_files() -> dict[str, tuple[str, type]]:
    """Each rule file of a rule folder: its attribute on :class:`RuleSet`
    and the model it is validated against (:mod:`extract.rulefiles`)."""
    return RULE_FILES


def rule_file_names() -> list[str]:
    """The names of the files a rule folder holds."""
    return list(_rule_files())


class RuleSet:
    """The rule files of one folder, validated; immutable once loaded.

    Build it with :meth:`load` (a folder) or :meth:`default` (the rules
    shipped with the package). A missing, unknown or invalid file raises
    :class:`~extract.rules.RuleError` naming the file, the line and the key.
    """

    glossary: Glossary
    units: UnitRules
    normalize: NormalizeRules
    headings: HeadingRules
    tables: TableRules
    metrics: MetricRules
    meta: MetaRules
    indicators: IndicatorRules
    checks: CheckRules
    document_types: DocumentTypeRules
    hygiene: HygieneRules
    forms: FormRules

    __slots__ = ("directory", "digest", "_models", "_texts", "_derived", "_lock")

    def __init__(self, directory: Path, models: dict[str, Any], digest: str, texts: dict[str, str]):
        object.__setattr__(self, "directory", directory)
        object.__setattr__(self, "digest", digest)
        object.__setattr__(self, "_texts", texts)
        object.__setattr__(self, "_models", dict(models))
        object.__setattr__(self, "_derived", {})
        object.__setattr__(self, "_lock", threading.RLock())

    # -- loading

    @classmethod
    def load(cls, directory: os.PathLike | str) -> "RuleSet":
        """Read and validate every rule file of ``directory``."""
        folder = Path(directory)
        if not folder.is_dir():
            raise RuleError(f"{folder}: not a rule folder (no such directory)")
        files = _rule_files()
        unknown = sorted(p.name for p in folder.glob("*.yaml") if p.name not in files)
        if unknown:
            raise RuleError(f"{folder / unknown[0]}: unknown rule file (a rule folder holds "
                            f"{', '.join(files)})")
        texts: dict[str, str] = {}
        for name in files:
            path = folder / name
            try:
                data = path.read_bytes()
            except OSError:
                raise RuleError(f"{path}: rule file not found") from None
            try:
                texts[name] = data.decode("utf-8")
            except UnicodeDecodeError as e:
                raise RuleError(f"{path}: not UTF-8 text (byte {e.start})") from None
        return cls.from_texts(folder, texts)

    @classmethod
    def from_texts(cls, directory: os.PathLike | str, texts: dict[str, str]) -> "RuleSet":
        """A rule set from the text of each rule file (``texts``: file name
        -> YAML text); errors name ``directory``/file."""
        folder = Path(directory)
        digest = hashlib.sha256()
        files = _rule_files()
        for name in files:
            if name not in texts:
                raise RuleError(f"{folder / name}: rule file not found")
        for name in sorted(files):
            digest.update(name.encode() + b"\0" + texts[name].encode("utf-8") + b"\0")
        models = _cached_models(digest.hexdigest())
        if models is None:
            models = _validated_models(folder, texts)
            _store_models(digest.hexdigest(), models)
        return cls(folder, models, digest.hexdigest(), dict(texts))

    @classmethod
    def default(cls) -> "RuleSet":
        """The rules shipped with the package, loaded once per process."""
        with _DEFAULT_LOCK:
            global _DEFAULT
            if _DEFAULT is None:
                _DEFAULT = cls.load(DEFAULT_RULES_DIR)
            return _DEFAULT

    @classmethod
    def of(cls, rules: "RulesLike") -> "RuleSet":
        """``rules`` as a rule set: a RuleSet as it is, a folder loaded, or
        None for :meth:`default`."""
        if isinstance(rules, RuleSet):
            return rules
        if rules is None:
            return cls.default()
        return cls.load(rules)

    # -- reading

    def __getattr__(self, name: str) -> Any:
        models = object.__getattribute__(self, "_models")
        try:
            return models[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("a RuleSet is immutable: load another folder instead")

    def derived(self, name: str, build: Callable[[], T]) -> T:
        """What a stage compiles from these rules, built once by ``build()``
        (under a lock: two threads never build it twice) and kept."""
        try:
            return self._derived[name]
        except KeyError:
            pass
        with self._lock:
            if name not in self._derived:
                self._derived[name] = build()
            return self._derived[name]

    @property
    def short_digest(self) -> str:
        """The first 12 hex digits of :attr:`digest`, for messages."""
        return self.digest[:12]

    def __reduce__(self):
        """Pickled as the text of its files (a Dask worker on another
        machine needs no copy of the folder, and gets the same digest)."""
        return (RuleSet.from_texts, (str(self.directory), dict(self._texts)))

    def __repr__(self) -> str:
        return f"RuleSet({str(self.directory)!r}, digest={self.short_digest})"


def _validated_models(folder: Path, texts: dict[str, str]) -> dict[str, Any]:
    """The model of each rule file of ``texts``, validated (by attribute);
    a fault raises RuleError naming ``folder``/file, line and key."""
    models: dict[str, Any] = {}
    files = _rule_files()
    # The glossary first: the other files name its entries.
    attr, model = files[GLOSSARY_FILE]
    glossary = models[attr] = parse_rule_text(texts[GLOSSARY_FILE], model, str(folder / GLOSSARY_FILE))
    for name, (attr, model) in sorted(files.items()):
        if name != GLOSSARY_FILE:
            models[attr] = parse_rule_text(texts[name], model, str(folder / name), glossary)
    _check_qualifiers(models, folder)
    return models


# -- the cache of validated rule sets (extract.cache)
#
# Validating the twelve files takes pydantic about 20 ms, and building the
# validators of their models at import about 25 ms more, at every start-up
# (issue 22). The models a set of rule texts validates to are the same each
# time, so they are pickled once, in a file named by the texts' digest and
# by the code that validates them (the rule-file models, the types they
# use, this loader, pydantic's and Python's versions): the next start reads
# them back in a millisecond, and the models' validators are only built
# (pydantic's defer_build) when something validates a rule file again. Only
# rule texts that validated are cached: a faulty file fails, with its
# message, every time.


def _models_cache_file(digest: str) -> Optional[Path]:
    import sys

    import pydantic

    from . import model, rulefiles, rules
    from .cache import cache_path, code_digest

    try:
        code = code_digest(Path(rules.__file__), Path(__file__), Path(model.__file__),
                           *sorted(Path(rulefiles.__file__).parent.glob("*.py")))
    except OSError:  # no source beside the bytecode: no cache
        return None
    key = hashlib.sha256(f"{digest}\0{code}\0{sys.version}\0{pydantic.VERSION}".encode()).hexdigest()
    return cache_path(f"extract-ruleset.{key[:32]}.pickle")


def _cached_models(digest: str) -> Optional[dict[str, Any]]:
    """The validated models of the rule texts of ``digest`` from the
    cache, or None (no cache, or one that cannot be used)."""
    import pickle

    from .cache import read_private

    path = _models_cache_file(digest)
    if path is None:
        return None
    try:
        models = pickle.loads(read_private(path))
    except Exception:  # missing, another user's, truncated, of classes since renamed
        return None
    return models if isinstance(models, dict) and set(models) == {a for a, _ in _rule_files().values()} else None


def _store_models(digest: str, models: dict[str, Any]) -> None:
    import pickle

    from .cache import write_private

    path = _models_cache_file(digest)
    if path is None:
        return
    try:
        write_private(path, pickle.dumps(models, protocol=pickle.HIGHEST_PROTOCOL))
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass


def _check_qualifiers(models: dict[str, Any], folder: Path) -> None:
    """Every qualifier units.yaml reads has its direction in the glossary,
    and every qualifier of the glossary is one units.yaml reads (a word
    only one of them knows would be read and not loosened, or be dead)."""
    directions = models["glossary"].qualifiers
    read = models["units"].qualifiers
    for word in read:
        if directions.direction(word) is None:
            raise RuleError(f"{folder / 'units.yaml'}: key qualifiers.{word}: no direction for it "
                            f"in {GLOSSARY_FILE} qualifiers (at_least, at_most, approximate, framing)")
    for word in directions.words():
        if word not in read:
            raise RuleError(f"{folder / GLOSSARY_FILE}: key qualifiers: {word!r} is no qualifier "
                            f"of units.yaml (add it under units.yaml qualifiers with its position)")


_DEFAULT: Optional[RuleSet] = None
_DEFAULT_LOCK = threading.Lock()

RulesLike = Optional[RuleSet | os.PathLike | str]
