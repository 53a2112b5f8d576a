#!/usr/bin/env bash
# The import/query benchmark of the performance issue: for each N, one generated Zeek dns.log, the
# baselines a user would reach for and DNS Timeline, measured in the same run on the same file.
# usage: tests/bench/run-bench.sh [BUILD_DIR] [N...]      (default N: 1000000 10000000 30000000)
# Besides the figures of the issue it imports a second, different N-lookup file (another seed) into the
# project that already holds the first, cancels that import half-way once (time to return, project
# unchanged), and measures how long the GUI's event loop is blocked while it imports that file.
# Needs: /usr/bin/time (package time), sqlite3, gawk or mawk. Writes into ${BENCH_DIR:-/tmp/dnt-bench}.
set -euo pipefail
build=${1:-$(cd "$(dirname "$0")/../.." && pwd)/build}
shift || true
sizes=("$@")
((${#sizes[@]})) || sizes=(1000000 10000000 30000000)
work=${BENCH_DIR:-/tmp/dnt-bench}
mkdir -p "$work"
for tool in /usr/bin/time sqlite3 awk; do
    command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install time sqlite3 gawk" >&2; exit 2; }
done
bin=$build/tests/bench
cli=$build/app/dnstimeline

# Runs a command; prints "seconds peakMB cpuSeconds" (peak resident set size and user+system CPU time,
# from GNU time; CPU time is the figure that other load on the machine disturbs least).
measure() {
    local out
    /usr/bin/time -o "$work/time.txt" -f "%e %M %U %S" "$@" >/dev/null 2>&1
    out=$(tail -1 "$work/time.txt")
    awk '{printf "%.2f %.0f %.2f\n", $1, $2/1024, $3 + $4}' <<<"$out"
}

printf '# %s, %s, %s cores, load average at start: %s\n' "$(date -u +%FT%TZ)" "$(uname -sr)" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-10s %-28s %10s %10s\n' N figure value unit
for n in "${sizes[@]}"; do
    log=$work/dns-$n.log
    [[ -s $log ]] || "$bin/dnstimeline_genzeek" "$n" "$log" >"$work/busiest-$n.txt"
    busiest=$(cat "$work/busiest-$n.txt")
    log2=$work/dns-$n-seed7.log
    [[ -s $log2 ]] || "$bin/dnstimeline_genzeek" "$n" "$log2" 7 >/dev/null
    tsv=$work/dns-$n.tsv
    [[ -s $tsv ]] || grep -v '^#' "$log" >"$tsv"
    read -r t_wc _ < <(measure wc -l "$log")
    # One pass, per-hour count of the busiest name (column 10 is query in this file).
    awkprog='!/^#/ && $10 == name { c[int($1 / 3600)]++ } END { for (h in c) print h * 3600, c[h] }'
    read -r t_awk _ < <(measure awk -F'\t' -v name="$busiest" "$awkprog" "$log")
    awk -F'\t' -v name="$busiest" "$awkprog" "$log" | sort -n >"$work/awk-$n.txt"
    rm -f "$work/plain-$n.db"
    cols=$(seq -f 'c%g' 1 24 | paste -sd, -)
    sqlite3 "$work/plain-$n.db" "CREATE TABLE t($cols);"
    read -r t_sql m_sql c_sql < <(measure sqlite3 "$work/plain-$n.db" -cmd ".mode tabs" ".import $tsv t")
    project=$work/bench-$n.dnstimeline
    rm -f "$project" "$project-wal" "$project-shm"
    read -r t_imp m_imp c_imp < <(measure "$cli" import "$project" "$log")
    read -r t_stats _ < <(measure "$cli" stats "$project" --name "$busiest" --bucket hour)
    "$cli" stats "$project" --name "$busiest" --bucket hour |
        awk -F'\t' 'NR > 1 && $3 > 0 { cmd = "date -u -d " $1 " +%s"; cmd | getline s; close(cmd); print s, $3 }' |
        sort -n >"$work/ours-$n.txt"
    if cmp -s "$work/awk-$n.txt" "$work/ours-$n.txt"; then same=yes; else same=NO; fi
    queries=$("$bin/dnstimeline_bench_queries" "$project" 200)
    gui=$("$bin/dnstimeline_bench_gui" "$project" 2>/dev/null)
    size_db=$(stat -c %s "$project")
    rm -f "$work/plain-$n.db"
    # A copy of the one-file project for the GUI import below (the CLI checkpointed and closed it).
    cp "$project" "$project.gui"
    cancel=$("$bin/dnstimeline_bench_cancel" "$project" "$log2" 500 2>&1 | tail -1 || true)
    read -r t_imp2 m_imp2 c_imp2 < <(measure "$cli" import "$project" "$log2")
    guiimport=$("$bin/dnstimeline_bench_gui" "$project.gui" "$log2" 2>/dev/null | tail -1 || true)
    rm -f "$project.gui" "$project.gui-wal" "$project.gui-shm"
    size_tsv=$(stat -c %s "$tsv")
    printf '%-10s %-28s %10s %10s\n' "$n" "wc -l" "$t_wc" s
    printf '%-10s %-28s %10s %10s\n' "$n" "awk per-hour busiest name" "$t_awk" s
    printf '%-10s %-28s %10s %10s\n' "$n" "sqlite3 .import" "$t_sql" s
    printf '%-10s %-28s %10s %10s\n' "$n" "dnstimeline import" "$t_imp" s
    printf '%-10s %-28s %10s %10s\n' "$n" "sqlite3 .import CPU time" "$c_sql" s
    printf '%-10s %-28s %10s %10s\n' "$n" "dnstimeline import CPU time" "$c_imp" s
    printf '%-10s %-28s %10s %10s\n' "$n" "import peak memory" "$m_imp" MB
    printf '%-10s %-28s %10s %10s\n' "$n" "import rate" "$(awk -v n="$n" -v t="$t_imp" 'BEGIN{printf "%.0f", n/t}')" lookups/s
    printf '%-10s %-28s %10s %10s\n' "$n" "first stats (cold CLI)" "$(awk -v t="$t_stats" 'BEGIN{printf "%.0f", t*1000}')" ms
    printf '%-10s %-28s %10s %10s\n' "$n" "stats equals awk count" "$same" ""
    printf '%-10s %-28s %10s\n' "$n" "chart queries" "$(sed 's/queries: 200, //; s/ (checksum.*//' <<<"$queries")"
    printf '%-10s %-28s %10s\n' "$n" "GUI open to first chart" "$(sed 's/gui: first chart drawn after //; s/ (.*//' <<<"$gui")"
    printf '%-10s %-28s %10s %10s\n' "$n" "project size / TSV size" "$(awk -v a="$size_db" -v b="$size_tsv" 'BEGIN{printf "%.0f", 100*a/b}')" "%"
    printf '%-10s %-28s %10s\n' "$n" "import / awk" "$(awk -v a="$t_imp" -v b="$t_awk" 'BEGIN{printf "%.2f", a/b}')"
    printf '%-10s %-28s %10s\n' "$n" "import / sqlite3 .import" "$(awk -v a="$t_imp" -v b="$t_sql" 'BEGIN{printf "%.2f", a/b}')"
    printf '%-10s %-28s %10s %10s\n' "$n" "2nd file into the project" "$t_imp2" s
    printf '%-10s %-28s %10s %10s\n' "$n" "2nd import CPU time" "$c_imp2" s
    printf '%-10s %-28s %10s %10s\n' "$n" "2nd import peak memory" "$m_imp2" MB
    printf '%-10s %-28s %10s\n' "$n" "2nd import / 1st import" "$(awk -v a="$t_imp2" -v b="$t_imp" 'BEGIN{printf "%.2f", a/b}')"
    printf '%-10s %-28s %s\n' "$n" "cancel half-way (2nd file)" "${cancel#cancel: }"
    printf '%-10s %-28s %s\n' "$n" "GUI during import" "${guiimport#gui: }"
    printf '%-10s %-28s %s\n' "$n" "load average after" "$(cut -d' ' -f1-3 /proc/loadavg)"
done
