#!/usr/bin/env bash
# Times `archgen new` for every template against `cp -r` of the same
# finished tree, the floor for writing those files. Prints a markdown table.
# Usage: scripts/bench.sh [path/to/archgen] [runs]
set -euo pipefail

bin=${1:-bin/archgen}
runs=${2:-30}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

now() { date +%s%N; }

# mean_ms CMD... runs CMD $runs times into fresh targets; prints mean ms.
mean_ms() {
	local total=0 i start
	for ((i = 0; i < runs; i++)); do
		rm -rf "$work/out"
		start=$(now)
		"$@" >/dev/null 2>&1
		total=$((total + $(now) - start))
	done
	rm -rf "$work/out"
	awk -v t="$total" -v n="$runs" 'BEGIN { printf "%.2f", t / n / 1e6 }'
}

printf '| template | files | archgen new (ms) | cp -r (ms) | ratio |\n|---|---:|---:|---:|---:|\n'
"$bin" list --output tsv | while IFS=$'\t' read -r id tier lang style _; do
	"$bin" new demo --tier "$tier" --lang "$lang" --style "$style" --dir "$work/ref" --no-input 2>/dev/null
	files=$(find "$work/ref" -type f | wc -l)
	a=$(mean_ms "$bin" new demo --tier "$tier" --lang "$lang" --style "$style" --dir "$work/out" --no-input)
	c=$(mean_ms cp -r "$work/ref" "$work/out")
	ratio=$(awk -v a="$a" -v c="$c" 'BEGIN { printf "%.2f", a / c }')
	printf '| %s | %s | %s | %s | %s× |\n' "$id" "$files" "$a" "$c" "$ratio"
	rm -rf "$work/ref"
done
