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


def _texts():
    from extract.rules import DEFAULT_RULES_DIR
    from extract.ruleset import rule_file_names

    return {name: (DEFAULT_RULES_DIR / name).read_text(encoding="utf-8") for name in rule_file_names()}


def test_a_rule_set_from_the_cache_is_the_rule_set_validated(tmp_cache, monkeypatch):
    from extract import ruleset
    from extract.ruleset import RuleSet

    built = RuleSet.from_texts("rules", _texts())
    (path,) = tmp_cache.glob("extract-ruleset.*.pickle")
    assert oct(path.stat().st_mode & 0o777) == oct(0o600)

    def no_validation(*args):
        raise AssertionError("validated again instead of read from the cache")

    monkeypatch.setattr(ruleset, "_validated_models", no_validation)
    cached = RuleSet.from_texts("rules", _texts())
    assert cached.digest == built.digest
    assert cached._models == built._models
    assert cached.metrics is not built.metrics  # its own models: a tokenizer kept on one never reaches the other


def test_a_rule_set_cache_that_cannot_be_used_is_ignored(tmp_cache):
    from extract.ruleset import RuleSet

    built = RuleSet.from_texts("rules", _texts())
    (path,) = tmp_cache.glob("extract-ruleset.*.pickle")
    path.write_bytes(b"\x80\x05 not a pickle")
    assert RuleSet.from_texts("rules", _texts())._models == built._models
    os.chmod(path, 0o666)  # someone else could have written it
    assert RuleSet.from_texts("rules", _texts())._models == built._models


def test_faulty_rule_texts_fail_every_time_and_are_not_cached(tmp_cache):
    from extract.rules import RuleError
    from extract.ruleset import RuleSet

    texts = _texts()
    texts["hygiene.yaml"] += "\nno_such_key: 1\n"
    for _ in range(2):
        with pytest.raises(RuleError, match="hygiene.yaml.*no_such_key: unknown key"):
            RuleSet.from_texts("rules", texts)
    assert not list(tmp_cache.glob("extract-ruleset.*.pickle"))


def test_the_rule_set_cache_is_named_by_the_texts_and_the_code(tmp_path):
    from extract.cache import code_digest

    a, b = tmp_path / "a.py", tmp_path / "b.py"
    a.write_text("x = 1\n")
    b.write_text("y = 2\n")
    before = code_digest(a, b)
    assert code_digest(a, b) == before
    a.write_text("x = 2\n")
    assert code_digest(a, b) != before


TEXTS = ["今年新建乡村道路养护站点十二处", "项目资金到位率与预算执行率均达到预期", "培训基层农技人员共计多少人次",
         "Wi-Fi覆盖率和5G基站建设进度", "（一）部门整体支出绩效目标完成情况"]


@pytest.mark.parametrize("round_", ["built", "from the cache"])
def test_the_dictionary_read_in_pieces_cuts_as_the_whole_one(tmp_cache, round_):
    from extract.claims import DICTIONARY, _jieba, _load_prefix_dictionary, _segmenter
    from extract.ruleset import RuleSet

    if round_ == "from the cache":
        _segmenter(RuleSet.from_texts("rules", _texts()).metrics)  # writes the cache
        assert list(tmp_cache.glob("extract-jieba.*.marshal"))
    metrics = RuleSet.from_texts("rules", _texts()).metrics
    pieces = _segmenter(metrics)
    whole = _jieba().Tokenizer(str(DICTIONARY))
    _load_prefix_dictionary(whole)
    for w in metrics.dictionary:
        whole.add_word(w, freq=200000, tag="n")
    for text in TEXTS + [w + "工作" for w in metrics.dictionary]:
        assert pieces.lcut(text, HMM=False) == whole.lcut(text, HMM=False)
    assert pieces.tokenizer.total == whole.total
    assert len(pieces.tokenizer.FREQ) < len(whole.FREQ) / 2  # only the pieces of the characters cut


def test_a_damaged_dictionary_cache_is_as_if_there_were_none(tmp_path):
    from extract.claims import _MappedShards

    path = tmp_path / "shards.marshal"
    shards = {"甲": b"one", "乙": b"two pieces"}
    path.write_bytes(_MappedShards.file_bytes(7, shards))
    path.chmod(0o600)
    mapped = _MappedShards.read(path)
    assert mapped.total == 7 and mapped.pop("乙") == b"two pieces" and mapped.pop("乙") is None
    assert mapped.pop("甲") == b"one" and mapped.pop("丙", b"") == b""
    whole = path.read_bytes()
    for damaged in (whole[:-1], whole[:20], b"\x05\0\0\0\0\0\0\0abc", b"", whole[:8] + b"\0" * (len(whole) - 8)):
        path.write_bytes(damaged)
        assert _MappedShards.read(path) is None
    path.write_bytes(whole)
    path.chmod(0o666)  # anyone may write it: not read
    assert _MappedShards.read(path) is None
