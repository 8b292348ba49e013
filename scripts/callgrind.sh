#!/usr/bin/env bash
# Instruction counts of a fixed normalize workload, for A/B comparison of kernel changes on
# a noisy machine (wall-clock benches there vary by 10% or more; instruction counts do not).
#
#   bash scripts/callgrind.sh                    # presets light standard search
#   bash scripts/callgrind.sh standard           # one preset
#   BASELINE=target/callgrind/ir.tsv.main bash scripts/callgrind.sh   # compare with a saved run
#
# Writes the corpora of seeds/corpora.py (BYTES each, default 1 MB; CORPORA, default
# "news classical web latin") to target/callgrind/, builds examples/normalize_workload.rs
# in release mode, and runs it under `valgrind --tool=callgrind`, counting only the
# instructions of its `measured_region` function (every document normalized once; no file
# reading, no plan compilation). Prints Ir (instructions executed) and Ir per UTF-8 input byte, and
# writes the table to target/callgrind/ir.tsv. valgrind is installed with apt-get when
# missing. PYTHON selects the interpreter that runs seeds/corpora.py (no arnorm needed).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PY="${PYTHON:-$(command -v python3 || command -v python)}"
BYTES="${BYTES:-1000000}"
CORPORA="${CORPORA:-news classical web latin}"
PRESETS=("$@")
[ ${#PRESETS[@]} -gt 0 ] || PRESETS=(light standard search)
OUT=target/callgrind

if ! command -v valgrind >/dev/null 2>&1; then
    as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y valgrind
fi

mkdir -p "$OUT"
corpus_args=()
for c in $CORPORA; do corpus_args+=(--corpus "$c"); done
"$PY" seeds/corpora.py --write "$OUT/corpora" --bytes "$BYTES" --no-stats "${corpus_args[@]}" >/dev/null
cargo build --quiet --release --example normalize_workload
BIN=target/release/examples/normalize_workload

printf 'preset\tcorpus\tbytes\tIr\tIr_per_byte\n' >"$OUT/ir.tsv"
for preset in "${PRESETS[@]}"; do
    for c in $CORPORA; do
        file="$OUT/corpora/$c.txt"
        cg="$OUT/$preset.$c.callgrind"
        valgrind --tool=callgrind --callgrind-out-file="$cg" \
            --toggle-collect='*measured_region*' "$BIN" "$preset" "$file" >/dev/null 2>"$OUT/valgrind.log" ||
            { cat "$OUT/valgrind.log" >&2; exit 1; }
        ir=$(awk '/^(summary|totals):/ {print $2; exit}' "$cg")
        bytes=$(wc -c <"$file")
        printf '%s\t%s\t%s\t%s\t%.3f\n' "$preset" "$c" "$bytes" "$ir" \
            "$(awk -v i="$ir" -v b="$bytes" 'BEGIN {print i / b}')" >>"$OUT/ir.tsv"
    done
done

if [ -n "${BASELINE:-}" ]; then
    # Join on preset+corpus; print the new count as a ratio of the baseline's.
    awk -F'\t' 'NR == FNR { if (FNR > 1) base[$1 FS $2] = $4; next }
        FNR == 1 { print $0 "\tbaseline_Ir\tratio"; next }
        { b = base[$1 FS $2]; printf "%s\t%s\t%s\n", $0, (b ? b : "-"), (b ? sprintf("%.4f", $4 / b) : "-") }' \
        "$BASELINE" "$OUT/ir.tsv" | column -t -s $'\t'
else
    column -t -s $'\t' "$OUT/ir.tsv"
fi
echo "saved: $OUT/ir.tsv (copy it, e.g. to $OUT/ir.tsv.main, to use as BASELINE)"
