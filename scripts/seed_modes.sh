#!/usr/bin/env bash
# The seeding modes for make, read from their table (src/seed/seed_modes.c), where no binary is
# built yet: one line per row, "TARGET<TAB>NAME<TAB>SUMMARY". The Makefile makes a target of
# each; scripts/help.sh lists them. Each field is a line `.name = "...",` of its own there.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
awk '
  function field(line) { sub(/^[^"]*"/, "", line); sub(/",[ \t]*$/, "", line); return line }
  /^[ \t]*\.name = "/        { if (name != "") bad = 1; name = field($0) }
  /^[ \t]*\.make_target = "/ { target = field($0) }
  /^[ \t]*\.summary = "/     { summary = field($0) }
  /^[ \t]*\.reset = /        {
    if (name == "" || target == "" || summary == "") bad = 1
    printf "%s\t%s\t%s\n", target, name, summary
    rows++
    name = target = summary = ""
  }
  END { if (bad || rows == 0) { print "seed_modes.sh: a row of src/seed/seed_modes.c lacks its one-line .name, .make_target, .summary or .reset" > "/dev/stderr"; exit 1 } }
' "$root/src/seed/seed_modes.c"
