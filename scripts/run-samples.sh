#!/usr/bin/env bash
# Quickstart 1: set up, then parse every report in samples/ into out/*.json.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
mkdir -p out
.venv/bin/extract parse samples/*.txt --out out
for f in out/*.json; do
  .venv/bin/python - "$f" <<'PY'
import json, sys
r = json.load(open(sys.argv[1], encoding="utf-8"))
m, b = r["meta"], r["budget"]
fig = lambda k: (b.get(k) or {}).get("quantity", {}).get("text", "-")
print(f'{sys.argv[1]}: {m.get("title")} | {m.get("department")} | {m.get("year")} | '
      f'score {m.get("self_score")} {m.get("grade")} | sections {len(r["sections"])}, '
      f'tables {len(r["tables"])}, claims {len(r["claims"])}, funds {len(r["funds"])}, '
      f'indicators {len(r["indicators"])} | adjusted {fig("adjusted")}, executed {fig("executed")}, '
      f'rate {fig("rate")}')
PY
done
