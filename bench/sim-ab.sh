#!/usr/bin/env bash
# A/B of the deployment simulator: this checkout against another revision, interleaved in one run (the
# machine's noise is ±50 % between runs, so only ratios measured together mean anything). Builds REV in a
# temporary git worktree (sharing this node_modules), then alternates fresh processes A, B, A, B, …
# Prints every run, the median wall time of each side and B/A, and whether the metric digests agree.
# Usage: bash bench/sim-ab.sh REV [ROUNDS=5] [TARGETS=10000] [STEPS=20]
set -euo pipefail
cd "$(dirname "$0")/.."
rev=${1:?usage: bench/sim-ab.sh REV [ROUNDS] [TARGETS] [STEPS]}
rounds=${2:-5}; targets=${3:-10000}; steps=${4:-20}
base=$(mktemp -d)
trap 'git worktree remove --force "$base" >/dev/null 2>&1 || rm -rf "$base"' EXIT
git worktree add --detach "$base" "$rev" >/dev/null
ln -s "$PWD/node_modules" "$base/node_modules"
(cd "$base" && npx tsc -p tsconfig.build.json)
npx tsc -p tsconfig.build.json
: > "$base/a.txt"; : > "$base/b.txt"
for ((i = 1; i <= rounds; i++)); do
  a=$(node --max-semi-space-size=64 bench/sim-once.mjs "$base/dist" "$targets" "$steps"); echo "A $rev  $a"; echo "$a" >> "$base/a.txt"
  b=$(node --max-semi-space-size=64 bench/sim-once.mjs dist "$targets" "$steps"); echo "B HEAD  $b"; echo "$b" >> "$base/b.txt"
done
node -e '
  const fs = require("fs");
  const read = (f) => fs.readFileSync(f, "utf8").trim().split("\n").map((l) => JSON.parse(l));
  const med = (xs) => { const s = [...xs].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
  const [a, b] = [read(process.argv[1]), read(process.argv[2])];
  const ma = med(a.map((r) => r.wallMs)), mb = med(b.map((r) => r.wallMs));
  console.log(`median wall: A ${ma} ms, B ${mb} ms, B/A ${(mb / ma).toFixed(2)}; heap A ${med(a.map((r) => r.heapMiB))} MiB, B ${med(b.map((r) => r.heapMiB))} MiB`);
  console.log(a[0].digest === b[0].digest ? `metrics identical (digest ${a[0].digest})` : `metrics differ: A ${a[0].digest}, B ${b[0].digest}`);
' "$base/a.txt" "$base/b.txt"
