"""Start-up caches in the temporary folder (extract.cache): read only when
private to this user, and the data read back is the data built."""

from __future__ import annotations

import marshal
import os

import pytest
import yaml

from extract.cache import read_private, write_private


@pytest.fixture
def tmp_cache(tmp_path, monkeypatch):
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    return tmp_path


def test_a_private_file_is_read_back_and_a_writable_one_refused(tmp_path):
    path = tmp_path / "x.cache"
    write_private(path, b"data")
    assert read_private(path) == b"data"
    assert oct(path.stat().st_mode & 0o777) == oct(0o600)
    os.chmod(path, 0o666)
    with pytest.raises(OSError):
        read_private(path)
    with pytest.raises(OSError):
        read_private(tmp_path / "missing.cache")


def test_rule_yaml_from_the_cache_is_the_parsed_yaml(tmp_cache):
    from extract.rules import _yaml_data

    text = "name: 项目\nitems: [1, 2.5, true, null]\nnested: {a: [x, y]}\n"
    first = _yaml_data(text)
    cached = list(tmp_cache.glob("extract-rules.*.marshal"))
    assert len(cached) == 1
    assert _yaml_data(text) == first == yaml.safe_load(text)


def test_a_cache_someone_else_could_write_is_ignored(tmp_cache):
    from extract.rules import _yaml_data

    text = "name: a\n"
    _yaml_data(text)
    (path,) = tmp_cache.glob("extract-rules.*.marshal")
    path.write_bytes(marshal.dumps({"name": "planted"}))
    os.chmod(path, 0o666)
    assert _yaml_data(text) == {"name": "a"}


def test_yaml_that_marshal_cannot_hold_is_not_cached(tmp_cache):
    from extract.rules import _yaml_data

    assert str(_yaml_data("when: 2024-04-01\n")["when"]) == "2024-04-01"
    assert not list(tmp_cache.glob("extract-rules.*.marshal"))
