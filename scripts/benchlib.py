"""Shared helpers of the scripts/bench_*.py benchmarks.

The machines are shared and noisy, so every figure is measured the same way:

- the candidates and their baseline are run in turns (a, b, c, a, b, c, …),
  so a slow patch of the machine slows all of them alike;
- each is repeated, and both the minimum (least disturbed) and the median
  are kept;
- ratios are taken between figures of the same run, never against numbers
  remembered from another day.

Peak memory is read in a fresh interpreter started by a small one (a bare
``python`` that only spawns it): on Linux a child reports its parent's peak
in ``ru_maxrss`` when the parent was larger, so a child of the benchmark
itself would inherit the benchmark's peak. The measuring process also reads
its own ``VmHWM`` (peak resident set of its address space, reset at exec).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from typing import Callable


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def cpu_timed(fn: Callable[[], object]) -> float:
    """CPU seconds (user + system) ``fn`` took, in this process and in the
    child processes it waited for: on a machine shared with other work,
    what the code costs rather than how long it waited for a core."""
    import resource

    def used() -> float:
        me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime

    start = used()
    fn()
    return used() - start


def alternate(fns: dict[str, Callable[[], object]], runs: int,
              clock: Callable[[Callable[[], object]], float] = timed) -> dict[str, dict]:
    """Run every function of ``fns`` in turns ``runs`` times; per name the
    minimum, the median and every time, in seconds (``clock``: wall time
    by default, :func:`cpu_timed` for CPU time)."""
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(runs):
        for name, fn in fns.items():
            times[name].append(clock(fn))
    return {name: summary(ts) for name, ts in times.items()}


def summary(ts: list[float]) -> dict:
    return {"min": min(ts), "median": statistics.median(ts), "runs": len(ts), "each": [round(t, 5) for t in ts]}


def ratios(figures: dict[str, dict], numerator: str, denominator: str) -> dict:
    """``numerator / denominator`` on the minima and on the medians
    (> 1: the numerator takes longer)."""
    a, b = figures[numerator], figures[denominator]
    return {"min": round(a["min"] / b["min"], 3), "median": round(a["median"] / b["median"], 3)}


LAUNCHER = """
import json, subprocess, sys
done = subprocess.run(sys.argv[1:], check=True, capture_output=True, text=True)
print(done.stdout, end="")
"""

PEAK_TAIL = """
import json as _json, resource as _resource
def _hwm_kb():
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        return None
print(_json.dumps({"ru_maxrss_mb": _resource.getrusage(_resource.RUSAGE_SELF).ru_maxrss // 1024,
                   "vm_hwm_mb": (_hwm_kb() or 0) // 1024, "result": RESULT}))
"""


def peak_memory(script: str, *args: str) -> dict:
    """Run ``script`` (Python source that leaves its figures in ``RESULT``)
    in a fresh interpreter spawned by a small launcher interpreter; its peak
    RSS in MB (``ru_maxrss`` and ``VmHWM``) and ``RESULT``."""
    cmd = [sys.executable, "-c", LAUNCHER, sys.executable, "-c", script + PEAK_TAIL, *args]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def fmt(f: dict, scale: float = 1.0, unit: str = "s") -> str:
    return f"min {f['min'] * scale:9.3f} {unit}  median {f['median'] * scale:9.3f} {unit}"


def compile_bytecode() -> None:
    """Write the package's bytecode (``__pycache__``, ignored by git) before
    cold starts are timed, as installing a package does. Without it, a run
    with PYTHONDONTWRITEBYTECODE set (as some shells and CI set it) compiles
    every module from source at every start: about 80 ms of each cold
    `extract parse`, a cost no installed copy pays."""
    import compileall
    from pathlib import Path

    import extract

    compileall.compile_dir(str(Path(extract.__file__).parent), quiet=1)
