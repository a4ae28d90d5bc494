#!/usr/bin/env bash
# bench.sh: time `stackaudit scan` against `grep -r` on the same generated
# tree, warm cache, and print wall time, peak memory and their ratios.
#
#   scripts/bench.sh [FILES] [DIR]
#
# FILES defaults to 100000. DIR (default: a temporary folder, removed at the
# end) receives the tree; an existing DIR holding a tree is reused as is.
# Each command runs twice and the second run is reported, so both read from
# a warm page cache. Then BenchmarkFloor runs on the same tree (set
# BENCH_FLOOR=0 to skip it): the walk, the reads and the parse that any
# scan of the sources needs, as a floor for the scan's time. GNU time
# (/usr/bin/time -v) gives peak memory; without it only wall time is
# reported (bash's time).
set -euo pipefail

files=${1:-100000}
dir=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
work=$(mktemp -d)
cleanup() { rm -rf "$work"; }
trap cleanup EXIT
if [[ -z $dir ]]; then
	dir=$work/tree
fi

if [[ ! -d $dir || -z $(ls -A "$dir" 2>/dev/null) ]]; then
	echo "generating $files files in $dir" >&2
	python3 "$here/gentree.py" "$dir" "$files" >&2
fi
nfiles=$(find "$dir" -type f | wc -l)
bytes=$(du -sb "$dir" | cut -f1)

echo "building stackaudit" >&2
(cd "$repo" && CGO_ENABLED=0 go build -o "$work/stackaudit" ./cmd/stackaudit)

gnutime=
if /usr/bin/time -v true >/dev/null 2>&1; then
	gnutime=/usr/bin/time
fi

# measure NAME CMD...: runs CMD twice, records the second run's wall
# seconds and peak RSS (KiB) in $wall and $rss.
measure() {
	local name=$1
	shift
	local log=$work/$name.time
	for run in 1 2; do
		if [[ -n $gnutime ]]; then
			"$gnutime" -v -o "$log" "$@" >/dev/null 2>"$work/$name.err" || true
		else
			local start end
			start=$(date +%s.%N)
			"$@" >/dev/null 2>"$work/$name.err" || true
			end=$(date +%s.%N)
			echo "wall $(echo "$end - $start" | bc)" >"$log"
		fi
	done
	if [[ -n $gnutime ]]; then
		wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {
			n = split($2, t, ":"); s = 0
			for (i = 1; i <= n; i++) s = s * 60 + t[i]
			print s }' "$log")
		rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
	else
		wall=$(awk '{print $2}' "$log")
		rss=
	fi
}

measure grep grep -r --binary-files=text -c stackaudit-never-matches "$dir"
grep_wall=$wall grep_rss=$rss
measure scan "$work/stackaudit" scan "$dir" --format json --output "$work/scan.json" --fail-on none --timeout 0
scan_wall=$wall scan_rss=$rss
if [[ ! -s $work/scan.json ]]; then
	echo "stackaudit scan wrote no report:" >&2
	cat "$work/scan.err" >&2
	exit 1
fi
units=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["inventory"]["units"]), len(d["findings"]))' "$work/scan.json")

echo
echo "tree: $nfiles files, $((bytes / 1024 / 1024)) MiB, $(echo "$units" | cut -d' ' -f1) units, $(echo "$units" | cut -d' ' -f2) findings"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)"
echo "second of two runs each (warm cache):"
printf '  %-16s %8.2f s' "grep -r" "$grep_wall"
[[ -n $grep_rss ]] && printf ' %8.1f MiB peak' "$(echo "$grep_rss / 1024" | bc -l)"
echo
printf '  %-16s %8.2f s' "stackaudit scan" "$scan_wall"
[[ -n $scan_rss ]] && printf ' %8.1f MiB peak' "$(echo "$scan_rss / 1024" | bc -l)"
echo
# GNU time rounds to 10 ms; a tiny tree's grep may show 0.
ratio_wall=$(echo "if ($grep_wall < 0.01) $scan_wall / 0.01 else $scan_wall / $grep_wall" | bc -l)
printf '  ratio scan/grep  %8.2f x wall' "$ratio_wall"
[[ -n $scan_rss && -n $grep_rss ]] && printf ' %8.2f x memory' "$(echo "$scan_rss / $grep_rss" | bc -l)"
echo
[[ -z $gnutime ]] && echo "  (GNU time missing: wall time from date, no peak memory)"

# The floor: what any scan that reads and parses its sources must do on
# this machine (BenchmarkFloor: walk; walk and read every file; and parse
# every Python, JavaScript and TypeScript file on every core).
if [[ ${BENCH_FLOOR:-1} != 0 ]]; then
	echo "floor (go test -bench Floor on the same tree, on every core):"
	(cd "$repo" && STACKAUDIT_BENCH_TREE=$dir go test -run '^$' -bench 'Floor/(walk|read|parse)$' -benchtime 3x . 2>/dev/null) |
		awk -v grep="$grep_wall" -v scan="$scan_wall" '/^BenchmarkFloor/ {
			split($1, n, "/"); sub(/-[0-9]+$/, "", n[2]); s = $3 / 1e9
			printf "  %-16s %8.2f s   %5.2f x grep -r", n[2], s, s / (grep < 0.01 ? 0.01 : grep)
			if (n[2] == "parse") printf "   scan %5.2f x this", scan / s
			printf "\n" }'
fi
exit 0
