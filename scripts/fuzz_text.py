#!/usr/bin/env python3
"""Fuzz the text pipeline: random mutations of the two samples, bytes and
characters, through the text loader and :func:`extract.pipeline.parse_source`.

    python scripts/fuzz_text.py --iterations 5000 --seed 1

Anything raised other than an :class:`~extract.errors.InputError` is a
crash: the input is saved as ``tests/fuzz_regressions/crash-<sha>.txt``
(raw bytes) and from then on ``tests/test_fuzz.py`` parses it on every run.
CI runs a bounded number of iterations (tests/test_fuzz.py).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
REGRESSIONS = ROOT / "tests" / "fuzz_regressions"

# Characters the stages care about: digits, units, markers, separators.
ALPHABET = list("0123456789.,，。、：:;；%％()（）〔〕[]【】-—～~+＋=＝<>≥≤≧≦ \t\n\r\f\u3000"
                "一二三四五六七八九十百千万亿零是其第部分章节合计总小元万亿个项人次年月日率分优良中差"
                "（一）①②③⑩ⅠⅡⅢ１２３．\ufeff\u200b\x00\x07\ud7ff\U0001f600")
TOKENS = ["一、", "（一）", "1.", "(1)", "①", "一是", "合计", "万元", "亿元", "%", "预算执行率",
          "年初预算", "调整后预算", "实际支出", "\t", "\n", "指标", "目标值", "实际完成值", "得分",
          "自评得分", "优秀", "1e40", "99999999", "-0", "0.00", "１２３４５", "１０．５％", "≥", "≤"]


def mutate(data: bytes, rng: random.Random) -> bytes:
    """1-8 random edits of ``data``: bytes flipped, characters, tokens or
    lines inserted, spans deleted, duplicated or moved, re-encoded."""
    for _ in range(rng.randint(1, 8)):
        op = rng.choices(range(9), weights=(1, 1, 12, 12, 8, 6, 6, 3, 2))[0]
        n = len(data)
        i = rng.randrange(n + 1)
        j = min(n, i + rng.randint(0, 200))
        if op == 0 and n:
            k = rng.randrange(n)
            data = data[:k] + bytes([data[k] ^ (1 << rng.randrange(8))]) + data[k + 1:]
        elif op == 1:
            data = data[:i] + bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 8))) + data[i:]
        elif op == 2:
            s = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 20)))
            data = data[:i] + s.encode("utf-8", "surrogatepass") + data[i:]
        elif op == 3:
            data = data[:i] + rng.choice(TOKENS).encode() + data[i:]
        elif op == 4:
            data = data[:i] + data[j:]
        elif op == 5:
            data = data[:j] + data[i:j] * rng.randint(1, 5) + data[j:]
        elif op == 6:
            lines = data.split(b"\n")
            rng.shuffle(lines) if rng.random() < 0.1 else lines.insert(rng.randrange(len(lines) + 1),
                                                                        rng.choice(lines))
            data = b"\n".join(lines)
        elif op == 7:
            lines = data.split(b"\n")
            a = rng.randrange(len(lines))
            data = b"\n".join(lines[a:a + rng.randint(1, 60)])
        else:
            try:
                data = data.decode("utf-8").encode(rng.choice(["gb18030", "utf-16", "utf-8-sig"]))
            except (UnicodeDecodeError, UnicodeEncodeError):
                pass
    return data


def parse_bytes(data: bytes, name: str = "fuzz.txt", run_checks: bool = True):
    """Bytes as a text report, through every stage; InputError for bad input."""
    import hashlib as _h

    from extract import limits
    from extract.load.text import load_text
    from extract.model import Source
    from extract.pipeline import parse_source

    source, encoding = load_text(name, data)
    limits.check_lines(source.text, name)
    info = Source(path=name, sha256=_h.sha256(data).hexdigest(), format="text", encoding=encoding,
                  lines=source.n_lines)
    return parse_source(source, info, run_checks=run_checks)


def save_crash(data: bytes, directory: Path = REGRESSIONS) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"crash-{hashlib.sha256(data).hexdigest()[:12]}.txt"
    path.write_bytes(data)
    return path


def fuzz(iterations: int, seed: int, save_to: Path | None = REGRESSIONS, max_seconds: float | None = None,
         verbose: bool = False, known: frozenset = frozenset()) -> tuple[int, list[tuple[Path | None, str]]]:
    """Run ``iterations`` mutations (fewer if ``max_seconds`` runs out);
    return the number run and the crashes (saved file, one-line error)."""
    from extract.errors import InputError

    rng = random.Random(seed)
    seeds = [p.read_bytes() for p in SAMPLES]
    crashes: list[tuple[Path | None, str]] = []
    seen: set[str] = set(known)
    start = time.monotonic()
    ran = 0
    for ran in range(1, iterations + 1):
        data = mutate(rng.choice(seeds), rng)
        try:
            parse_bytes(data)
        except InputError:
            pass
        except Exception as e:  # a crash: keep the input
            sig = signature(e)
            new = sig not in seen
            seen.add(sig)
            where = save_crash(data, save_to) if save_to and new else None
            line = f"{sig}: {e}"[:300]
            crashes.append((where, line))
            if verbose and new:
                traceback.print_exc()
                print(f"crash saved to {where}", file=sys.stderr)
        if max_seconds is not None and time.monotonic() - start > max_seconds:
            break
    return ran, crashes


def signature(e: BaseException) -> str:
    """``ValueError at extract/claims.py:sentence_claims``: the exception
    type and the innermost frame inside the package (one saved input per
    signature is enough)."""
    frames = [f for f in traceback.extract_tb(e.__traceback__) if "/extract/" in f.filename.replace("\\", "/")]
    if not frames:
        return type(e).__name__
    f = frames[-1]
    where = f.filename.replace("\\", "/").rsplit("/extract/", 1)[-1]
    return f"{type(e).__name__} at extract/{where}:{f.name}"


def known_signatures(directory: Path = REGRESSIONS) -> frozenset:
    """Signatures of the saved crashes that still crash."""
    from extract.errors import InputError

    out = set()
    for p in sorted(directory.glob("crash-*")):
        try:
            parse_bytes(p.read_bytes(), p.name)
        except InputError:
            pass
        except Exception as e:
            out.add(signature(e))
    return frozenset(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--iterations", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-save", action="store_true", help="Do not write crashes to tests/fuzz_regressions/.")
    args = ap.parse_args()
    start = time.monotonic()
    ran, crashes = fuzz(args.iterations, args.seed, None if args.no_save else REGRESSIONS, verbose=True,
                        known=known_signatures())
    print(f"{ran} iterations (seed {args.seed}) in {time.monotonic() - start:.1f} s: {len(crashes)} crash(es)")
    for where, line in crashes:
        print(f"  {where}: {line}")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
