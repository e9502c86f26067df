#!/usr/bin/env bash
# Prints the table of every benchmark from the result lines the bench scripts appended to
# FILE (bench/lib.sh bench_result), as a Markdown table, with the machine it ran on: what
# `make bench` ends with, and what bench/README.md shows.
set -euo pipefail
file=$1
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo unknown)
mem=$(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || echo "?")
os=$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME" || uname -s)
load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
echo "Benchmarks, $(date -u +%Y-%m-%d): $(nproc) cores ($cpu), $mem, $os, load average $load at the end"
echo
echo "| benchmark | floor | ratio | target | | reproduce |"
echo "|---|---|---|---|---|---|"
while IFS=$'\t' read -r name floor ratio target met cmd; do
  printf '| %s | %s | %s | %s | %s | `%s` |\n' "$name" "$floor" "$ratio" "$target" "$met" "$cmd"
done <"$file"
