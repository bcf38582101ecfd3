"""A report's rows for every table of :mod:`extract.export.schema`.

:func:`report_rows` takes a report's JSON data (the full form,
``model_dump(mode="json")``: Decimals as strings) and fills each table from
the :class:`~extract.export.schema.Field` declarations of its columns: the
value at the field's path in each item, JSON text for list and dict
fields. What is not a path into an item (the document key, an index, a
budget role, the form an indicator row belongs to) is filled here. SQL and
Parquet get the same rows. :func:`review_rows` gives the rows of a
reviewer's decisions (a sidecar beside the report).
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from decimal import Decimal
from typing import Any, Callable, Iterable, Iterator, Optional

from pydantic import BaseModel

from .schema import DECIMAL_COLUMNS, MODEL_TABLES, REPORT_TABLES, Field, Rows, document_id

Item = tuple[dict[str, Any], Any]  # (the columns filled here, the item: a model or its data)


def _of(item, name: str):
    """Field ``name`` of an item: a model's attribute or a dict's key (None
    where there is none)."""
    if isinstance(item, dict):
        return item.get(name)
    return getattr(item, name, None)


def _plain(value):
    """A value read from a model in its JSON form, as ``model_dump(mode="json")``
    gives it: a Decimal as its text, a model as its data, tuples as lists."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _getter(f: Field, json_text: bool) -> Callable[[Any], Any]:
    """A function from an item (a model or its data) to the JSON form of
    the value of field ``f`` (None where a step is missing)."""
    path = f.path

    def get(item):
        value = item
        for step in path:
            if value is None:
                return None
            if isinstance(step, int):
                value = value[step] if len(value) > step else None
            else:
                value = _of(value, step)
        if value is None:
            return None
        if json_text:
            return json.dumps(_plain(value), ensure_ascii=False, sort_keys=True)
        return str(value) if isinstance(value, Decimal) else value

    return get


_GETTERS: dict[str, list[tuple[str, Callable[[dict], Any]]]] = {
    name: [(f.name, _getter(f, f.name in spec.json_fields)) for f in spec.fields]
    for name, spec in MODEL_TABLES.items()
}


def fill(table: str, items: Iterable[Item]) -> list[dict[str, Any]]:
    """The rows of ``table`` for ``items``: each item's own columns, then
    the value of every field of the table."""
    getters = _GETTERS[table]
    return [{**own, **{name: get(data) for name, get in getters}} for own, data in items]


def _listed(doc: int, data, key: str, index: Optional[str] = None) -> Iterator[Item]:
    for i, item in enumerate(_of(data, key) or ()):
        yield ({"document_id": doc, index: i} if index else {"document_id": doc}), item


def _cells(doc: int, data) -> Iterator[Item]:
    for t in _of(data, "tables"):
        for c in _of(t, "cells"):
            yield {"document_id": doc, "table_id": _of(t, "id")}, c


def _budget(doc: int, data) -> Iterator[Item]:
    budget = _of(data, "budget")
    roles = budget if isinstance(budget, dict) else type(budget).model_fields
    for role in roles:
        figure = _of(budget, role)
        if figure:
            yield {"document_id": doc, "role": role}, figure


def _indicators(doc: int, data) -> Iterator[Item]:
    """Each indicator with the table (``table_id``) or the form
    (``form_id``) it was read from."""
    form_ids = {_of(f, "id") for f in _of(data, "forms") or ()}
    for i, ind in enumerate(_of(data, "indicators")):
        source = _of(ind, "table")
        own = {"document_id": doc, "indicator_index": i, "table_id": None if source in form_ids else source,
               "form_id": source if source in form_ids else None}
        yield own, ind


def _form_rows(block: str) -> Callable[[int, Any], Iterator[Item]]:
    def items(doc: int, data) -> Iterator[Item]:
        read = ({(_of(ind, "table"), _of(ind, "row")): ind for ind in _of(data, "indicators")}
                if block == "indicators" else {})
        for form in _of(data, "forms") or ():
            for i, row in enumerate(_of(form, block)):
                own = {"document_id": doc, "form_id": _of(form, "id"), "row_index": i}
                if block == "indicators":
                    ind = read.get((_of(form, "id"), i))
                    own["target_operator"] = _of(_of(ind, "target"), "operator") if ind else None
                    own["met"] = _of(ind, "met") if ind else None
                yield own, row
    return items


ITEMS: dict[str, Callable[[int, Any], Iterable[Item]]] = {
    "documents": lambda doc, data: [({"id": doc}, data)],
    "sections": lambda doc, data: _listed(doc, data, "sections"),
    "tables": lambda doc, data: _listed(doc, data, "tables"),
    "table_cells": _cells,
    "claims": lambda doc, data: _listed(doc, data, "claims", "claim_index"),
    "budget": _budget,
    "funds": lambda doc, data: _listed(doc, data, "funds", "fund_index"),
    "forms": lambda doc, data: (({"document_id": doc, "form_id": _of(f, "id")}, f)
                                for f in _of(data, "forms") or ()),
    "form_funds": _form_rows("funds"),
    "form_indicators": _form_rows("indicators"),
    "indicators": _indicators,
    "checks": lambda doc, data: _listed(doc, data, "checks", "check_index"),
}
"""Where each table's items are in a report (a model or its data), with
the columns that are not a path into them."""


def _file_rows(doc: int, data) -> list[dict]:
    source = _of(data, "source")
    return [{"path": _of(source, "path"), "sha256": _of(source, "sha256"), "document_id": doc,
             "converted_at": datetime.now(timezone.utc), "rule_set": _of(data, "rule_set")}]


def report_rows(data) -> Rows:
    """The rows of every table a report fills, given the report (a
    :class:`~extract.model.Report`) or its JSON data (the parsed output of
    ``extract parse``: Decimals as strings); the same rows either way. Keys
    are table names in :data:`~extract.export.schema.REPORT_TABLES` order;
    rows are in document order. The one ``files`` row is the report's
    source path, converted now."""
    doc = document_id(_of(_of(data, "source"), "sha256"))
    rows: Rows = {}
    for table in REPORT_TABLES:
        name = table.name
        rows[name] = _file_rows(doc, data) if name == "files" else fill(name, ITEMS[name](doc, data))
    return rows


def review_rows(doc: int, decisions: Iterable[tuple[Any, str]], results: list) -> list[dict]:
    """The ``reviews`` rows of document ``doc``: each decision (an
    :class:`extract.review.Decision`, with the sidecar file it was read
    from), stale when its finding is not among ``results`` (the report's
    check results), else with the index of that finding's check."""
    from ..review import fingerprint_findings, in_check_order

    index_of = {id(r): i for i, r in enumerate(results)}
    present = {fp: index_of[id(r)] for fp, r in fingerprint_findings(in_check_order(results))}
    items = [({"document_id": doc, "fingerprint": d.fingerprint, "stale": d.fingerprint not in present,
               "check_index": present.get(d.fingerprint), "sidecar": sidecar}, d.model_dump(mode="json"))
             for d, sidecar in decisions]
    return fill("reviews", items)


def check_error_count(data) -> int:
    """How many checks of a report (a model or its JSON data) failed with severity error."""
    return sum(1 for c in _of(data, "checks") or () if _of(c, "status") == "fail" and _of(c, "severity") == "error")


def decimals_as_text(table_name: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``rows`` of a table with their exact decimals as text (the JSON form),
    whether they came as text or as :class:`~decimal.Decimal`."""
    columns = DECIMAL_COLUMNS[table_name]
    if not columns:
        return rows
    return [{**r, **{c: None if r[c] is None else str(r[c]) for c in columns}} for r in rows]


__all__ = ["report_rows", "review_rows", "check_error_count", "decimals_as_text", "fill", "ITEMS"]
