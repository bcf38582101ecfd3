"""Rule files: domain knowledge as YAML under rules/, validated on load.

Each rule file has a pydantic model in :mod:`extract.rulefiles`, a
:class:`RuleModel` (so an unknown key is an error); :class:`~extract.ruleset.RuleSet`
loads a whole folder against those models, the glossary first (its entries
are put into the other files before they are validated). A malformed file or a wrong key raises
:class:`RuleError` naming the file, the line where YAML can tell it, and the
key path.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional, Protocol, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

if TYPE_CHECKING:
    import yaml

T = TypeVar("T", bound=BaseModel)


class Expander(Protocol):
    """What puts the glossary's entries into a rule file's data
    (:class:`extract.rulefiles.glossary.Glossary`)."""

    def expand(self, data: Any) -> Any: ...

_PACKAGED = Path(__file__).resolve().parent / "rules_data"  # in a built wheel
_CHECKOUT = Path(__file__).resolve().parents[2] / "rules"  # in a source checkout
DEFAULT_RULES_DIR = _PACKAGED if _PACKAGED.is_dir() else _CHECKOUT
#: The rule file the others name entries of (rules/glossary.yaml).
GLOSSARY_FILE = "glossary.yaml"


class RuleModel(BaseModel):
    """Base of every rule-file model: an unknown key is an error.

    Its validators are built when a rule file is first validated, not at
    import (``defer_build``): a start-up that reads the rule set from its
    cache (:mod:`extract.ruleset`) validates nothing and never needs them."""

    model_config = ConfigDict(extra="forbid", defer_build=True)


def check_regex(value):
    """A pydantic validator for rule fields that hold a regular expression
    (or a list of them, or None): the value as given, or a ValueError naming
    the fault, which the loader reports with the file, line and key."""
    for v in value if isinstance(value, list) else [value]:
        if v is None:
            continue
        try:
            re.compile(v)
        except re.error as e:
            raise ValueError(f"bad regular expression: {e}") from None
    return value


def needs_groups(*groups: str):
    """A pydantic validator for rule fields holding a regular expression
    whose named groups the code reads: :func:`check_regex`, then a
    ValueError naming each group in ``groups`` that the pattern lacks (a
    group written ``"n|d"``: at least one of them), so that a rule file
    without it fails on load, naming file and key, not mid-run."""

    def validate(value):
        check_regex(value)
        for v in value if isinstance(value, list) else [value]:
            if v is None:
                continue
            have = re.compile(v).groupindex
            missing = [g for g in groups if not any(x in have for x in g.split("|"))]
            if missing:
                names = "、".join(f"(?P<{g.replace('|', '>…) or (?P<')}>…)" for g in missing)
                raise ValueError(f"the regular expression needs the named group {names}")
        return value

    return validate


class RuleError(Exception):
    """A rule file that cannot be used: names the file, line and key."""


class RuleKeyError(ValueError):
    """A fault found at key path ``path`` of a rule file before its model
    validates it (a glossary reference to no entry); the loader turns it
    into a :class:`RuleError` naming the file and line."""

    def __init__(self, message: str, path: tuple):
        super().__init__(message)
        self.path = path


def _key_lines(node: yaml.Node, path: tuple = ()) -> dict[tuple, int]:
    """Map each key path of a composed YAML document to its 1-based line."""
    import yaml

    out: dict[tuple, int] = {path: node.start_mark.line + 1}
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            key = k.value
            out[path + (key,)] = k.start_mark.line + 1
            out.update(_key_lines(v, path + (key,)))
    elif isinstance(node, yaml.SequenceNode):
        for i, v in enumerate(node.value):
            out.update(_key_lines(v, path + (i,)))
    return out


def _line_for(lines: dict[tuple, int], loc: tuple) -> Optional[int]:
    loc = tuple(str(x) if not isinstance(x, int) else x for x in loc)
    while loc:
        if loc in lines:
            return lines[loc]
        loc = loc[:-1]
    return None


def _fast_loader():
    """libyaml's loader where PyYAML was built with it: the pure-Python one
    made about a fifth of start-up (issue 22). Same constructor, same data.
    (yaml is imported here, not with the module: a start-up that reads the
    rule set from its cache parses no YAML.)"""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _yaml_error(text: str, name: str, error: yaml.YAMLError) -> RuleError:
    """The RuleError of malformed YAML, worded as the pure-Python loader
    words it (libyaml's messages differ): the text is parsed again with it,
    which only happens for a file that is wrong anyway."""
    import yaml

    try:
        yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as e:
        error = e
    mark = getattr(error, "problem_mark", None)
    where = f" line {mark.line + 1}" if mark is not None else ""
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    return RuleError(f"{name}:{where}: malformed YAML: {problem}")


def _key_error(text: str, name: str, loc: tuple, msg: str) -> RuleError:
    """The RuleError of key path ``loc`` of ``text``: file, line, key."""
    import yaml

    key = ".".join(str(x) for x in loc) or "(top)"
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    line = _line_for(_key_lines(node) if node is not None else {}, loc)
    where = f" line {line}" if line else ""
    return RuleError(f"{name}:{where}: key {key}: {msg}")


def _yaml_data(text: str) -> Any:
    """The data of YAML ``text``, through a cache named by the text's
    SHA-256 (:mod:`extract.cache`): libyaml parses in C, but PyYAML builds
    the objects in Python (a tenth of a cold start for the rule files).
    Data that marshal cannot hold (a YAML date) is not cached; a cache
    that cannot be read or written is as if it were not there."""
    import hashlib
    import marshal

    import yaml

    from .cache import cache_path, read_private, write_private

    path = cache_path(f"extract-rules.{hashlib.sha256(text.encode('utf-8')).hexdigest()[:32]}.marshal")
    try:
        return marshal.loads(read_private(path))
    except (OSError, EOFError, ValueError, TypeError):
        pass
    data = yaml.load(text, Loader=_fast_loader())
    try:
        write_private(path, marshal.dumps(data))
    except (ValueError, OSError):  # not plain data; no cache then
        pass
    return data


def parse_rule_text(text: str, model: type[T], name: str, glossary: Optional[Expander] = None) -> T:
    """Validate YAML ``text`` against ``model``; errors name ``name``.

    With a ``glossary`` (rules/glossary.yaml), its entries named in braces
    (``"{budget_executed}"``) are put in first (:meth:`Glossary.expand`).
    The text is parsed once, by libyaml; only when validation fails is it
    composed again (pure-Python loader) to find the line of the faulty key."""
    import yaml

    try:
        data: Any = _yaml_data(text)
    except yaml.YAMLError as e:
        raise _yaml_error(text, name, e) from None
    if data is None:
        data = {}
    if glossary is not None:
        try:
            data = glossary.expand(data)
        except RuleKeyError as e:
            raise _key_error(text, name, e.path, str(e)) from None
    try:
        return model.model_validate(data)
    except ValidationError as e:
        err = e.errors()[0]
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            msg = "unknown key"
        raise _key_error(text, name, tuple(err["loc"]), msg) from None


def load_rule_file(name: str, model: type[T], directory: Optional[os.PathLike | str] = None,
                   glossary: Optional[Expander] = None) -> T:
    """Read and validate one rule file, ``directory/name`` (default: the
    rules shipped with the package), uncached; a file that names glossary
    entries needs the ``glossary`` they are put in from. Stages do not call this:
    they are given a :class:`~extract.ruleset.RuleSet`, which loads every
    file of a folder once."""
    path = Path(directory or DEFAULT_RULES_DIR) / name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        raise RuleError(f"{path}: rule file not found") from None
    return parse_rule_text(text, model, str(path), glossary)
