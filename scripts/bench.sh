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

# How the cost grows with the file count: a synthetic template, added with
# ARCHGEN_TEMPLATE_PATH, whose each fan-out gives ten files per module.
synth="$work/templates/enterprise/go-scale"
mkdir -p "$synth/files/services/{{.Item.Kebab}}-service"
cat >"$synth/template.yaml" <<'YAML'
id: enterprise/go-scale
tier: enterprise
lang: go
style: scale
default: true
description: synthetic, for the benchmark
each:
  "services/{{.Item.Kebab}}-service": modules
parameters:
  - name: modules
    type: list
    default: []
commands: {verify: "true", run: "true"}
YAML
for i in 0 1 2 3 4 5 6 7 8 9; do
	{
		echo 'package {{.Item.Lower}}'
		for _ in 1 2 3 4 5; do
			echo '// {{.Item.Pascal}} of {{.Name}}.'
			for _ in 1 2 3 4 5 6 7; do echo '	x := compute(y) // a line of a typical source file'; done
		done
	} >"$synth/files/services/{{.Item.Kebab}}-service/file$i.go.tmpl"
done
export ARCHGEN_TEMPLATE_PATH="$work/templates"
for n in 30 100 300; do
	modules=$(seq -s, -f 'module%g' 1 $((n / 10)))
	"$bin" new demo --tier enterprise --lang go --set "modules=$modules" --dir "$work/ref" --no-input 2>/dev/null
	files=$(find "$work/ref" -type f | wc -l)
	a=$(mean_ms "$bin" new demo --tier enterprise --lang go --set "modules=$modules" --dir "$work/out" --no-input)
	c=$(mean_ms cp -r "$work/ref" "$work/out")
	ratio=$(awk -v a="$a" -v c="$c" 'BEGIN { printf "%.2f", a / c }')
	printf '| synthetic (%s modules) | %s | %s | %s | %s× |\n' $((n / 10)) "$files" "$a" "$c" "$ratio"
	rm -rf "$work/ref"
done
