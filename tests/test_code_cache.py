"""The code cache of the command's own process (extract.code_cache): a
dataclass made with its methods' code from the file is the dataclass made
as usual (same code, annotations, behaviour), an annotation's ForwardRef
evaluates alike, and a damaged file is as if there were none."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Optional

from extract import code_cache


def _make():
    @dataclass(frozen=True)
    class Figure:
        value: int
        unit: str = "万元"
        notes: list = field(default_factory=list)
        scale: Optional[float] = None

    @dataclass(order=True)
    class Row:
        name: str
        total: int = 0

    return Figure, Row


def _methods(cls):
    return {n: f for n, f in vars(cls).items() if callable(f) and getattr(f, "__code__", None) is not None}


def test_a_dataclass_from_the_cached_code_is_the_usual_one(tmp_path, monkeypatch):
    path = tmp_path / "dataclasses.marshal"
    usual = _make()
    first = code_cache._Cache(path, {})
    monkeypatch.setattr(dataclasses, "exec", first.exec, raising=False)
    compiled = _make()
    assert first.added > 0
    first.save()
    second = code_cache._Cache(path, code_cache._read(path))
    monkeypatch.setattr(dataclasses, "exec", second.exec, raising=False)
    cached = _make()
    assert second.added == 0, "every method's code came from the file"
    for a, b, c in zip(usual, compiled, cached):
        ma, mb, mc = _methods(a), _methods(b), _methods(c)
        assert set(ma) == set(mb) == set(mc)
        for name in ma:
            assert ma[name].__code__ == mb[name].__code__ == mc[name].__code__, name
            assert ma[name].__annotations__ == mc[name].__annotations__, name
    Figure, Row = cached
    f = Figure(3)
    assert (f.unit, f.notes, f.scale) == ("万元", [], None) and f == Figure(3)
    assert repr(f) == repr(usual[0](3)).replace(usual[0].__qualname__, Figure.__qualname__)
    try:
        f.value = 4
    except dataclasses.FrozenInstanceError:
        pass
    else:
        raise AssertionError("frozen")
    assert Row("a", 1) < Row("b", 0)


def test_a_damaged_file_is_as_if_there_were_none(tmp_path):
    path = tmp_path / "dataclasses.marshal"
    path.write_bytes(b"\x00not marshal")
    path.chmod(0o600)
    assert code_cache._read(path) == {}
    assert code_cache._read(tmp_path / "missing") == {}
    cache = code_cache._Cache(path, {("exec", "def f(): pass"): "not code"})
    namespace: dict = {}
    cache.exec("def f(): pass", {}, namespace)
    assert callable(namespace["f"]) and cache.added == 1


def test_an_annotation_compiled_through_the_cache_is_typings_own(tmp_path, monkeypatch):
    import typing

    path = tmp_path / "code.marshal"
    first = code_cache._Cache(path, {})
    monkeypatch.setattr(typing, "compile", first.compile, raising=False)
    texts = ["Optional[list[tuple[int, str]]]", "dict[str, 'Row']", "*Ts"]
    refs = [typing.ForwardRef(t) for t in texts]
    first.save()
    second = code_cache._Cache(path, code_cache._read(path))
    monkeypatch.setattr(typing, "compile", second.compile, raising=False)
    again = [typing.ForwardRef(t) for t in texts]
    assert second.added == 0
    monkeypatch.delattr(typing, "compile")
    usual = [typing.ForwardRef(t) for t in texts]
    for a, b, c in zip(refs, again, usual):
        assert a.__forward_code__ == b.__forward_code__ == c.__forward_code__
    namespace = {"Optional": Optional, "Row": int, "Ts": 1}
    assert eval(again[0].__forward_code__, namespace) == Optional[list[tuple[int, str]]]
    monkeypatch.setattr(typing, "compile", second.compile, raising=False)
    try:
        typing.ForwardRef("list[")
    except SyntaxError:
        pass
    else:
        raise AssertionError("a faulty annotation fails as typing fails it")
    assert ("eval", "list[") not in second.entries


def test_the_library_leaves_dataclasses_and_typing_alone():
    import typing

    from extract import cli  # noqa: F401

    assert "exec" not in vars(dataclasses) and "compile" not in vars(typing)


def test_a_damaged_entry_is_compiled_again(tmp_path):
    import marshal

    path = tmp_path / "code.marshal"
    path.write_bytes(marshal.dumps({("exec", "def f(): return 1"): b"\x00damaged",
                                    ("exec", "def g(): return 2"): marshal.dumps("not code"),
                                    ("exec", "def h(): return 3"): compile("def h(): return 3", "<string>", "exec")}))
    path.chmod(0o600)
    entries = code_cache._read(path)
    assert set(entries) == {("exec", "def f(): return 1"), ("exec", "def g(): return 2")}  # code objects unmarshalled late
    cache = code_cache._Cache(path, entries)
    namespace: dict = {}
    cache.exec("def f(): return 1", {}, namespace)
    cache.exec("def g(): return 2", {}, namespace)
    assert namespace["f"]() == 1 and namespace["g"]() == 2 and cache.added == 2
