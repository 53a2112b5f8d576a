#!/bin/bash
# Makes the real-software DNS fixtures in this folder: the same queries, sent with dig from several
# source addresses and then with dnsperf from one more, to BIND 9 (named), Unbound (twice: epoch and
# log-time-ascii stamps) and dnsmasq, each authoritative for a small local zone, while tcpdump
# captures the loopback traffic. Runs as root inside a private network namespace, so nothing
# reaches the host's network. Fails if dnsperf did not send (and get answers to) every query of its
# input, or if the capture does not hold exactly what it says it sent.
# Debian packages: bind9 bind9-utils bind9-dnsutils unbound dnsmasq-base tcpdump dnsperf iproute2
# util-linux.
# Usage: sudo ./make-fixtures.sh [ROUNDS] [DNSPERF_QUERIES]   (writes into the directory of this script)
set -euo pipefail
OUT=$(cd "$(dirname "$0")" && pwd)
ROUNDS=${1:-120}
PERF_QUERIES=${2:-300}
if [ "${DNT_IN_NETNS:-}" != 1 ]; then
    exec unshare --net env DNT_IN_NETNS=1 bash "$0" "$@"
fi
ip link set lo up
# named listens only on addresses assigned to an interface, so the servers get their own
for a in 2 3 4 5; do ip addr add 127.0.0.$a/32 dev lo; done
export TZ=UTC # the servers stamp local time; UTC keeps the fixture's minutes equal to the counts'
W=$(mktemp -d)
trap 'kill $(cat "$W"/*.pid 2>/dev/null) 2>/dev/null || true; rm -rf "$W"' EXIT

BIND=127.0.0.2 UNBOUND=127.0.0.3 UNBOUND_ASCII=127.0.0.4 DNSMASQ=127.0.0.5
CLIENTS=(127.0.0.10 127.0.0.11 127.0.0.12 127.0.0.13 127.0.0.14)
PERF_CLIENT=127.0.0.20
NAMES=(www.example.test Mail.Example.Test api.example.test example.test nx.example.test)
TYPES=(A AAAA MX TXT)

# --- BIND 9: three query channels (print-time local, iso8601, iso8601-utc with category/severity) ---
cat > "$W/example.test.zone" <<ZONE
\$TTL 300
@    IN SOA ns1.example.test. hostmaster.example.test. 1 3600 600 86400 300
@    IN NS  ns1
@    IN A   10.0.0.1
@    IN MX  10 mail
@    IN TXT "v=spf1 -all"
ns1  IN A   10.0.0.2
www  IN A   10.0.0.3
www  IN AAAA 2001:db8::3
mail IN A   10.0.0.4
api  IN A   10.0.0.5
ZONE
cat > "$W/named.conf" <<CONF
options {
    directory "$W";
    pid-file "$W/named.pid";
    session-keyfile "$W/session.key";
    listen-on port 53 { $BIND; };
    listen-on-v6 { none; };
    recursion no;
    querylog yes;
};
logging {
    channel q_local { file "$W/bind-local.log"; print-time local; };
    channel q_iso { file "$W/bind-iso8601.log"; print-time iso8601; };
    channel q_isoutc { file "$W/bind-iso8601-utc.log"; print-time iso8601-utc; print-category yes; print-severity yes; };
    category queries { q_local; q_iso; q_isoutc; };
    category default { null; };
};
zone "example.test" { type primary; file "$W/example.test.zone"; };
CONF
named -f -c "$W/named.conf" &
echo $! > "$W/named.pid.bg"

# --- Unbound: local zone only (no upstream), log-queries + log-replies ---
unbound_conf() { # ADDRESS LOGFILE ASCII
    cat <<CONF
server:
    interface: $1
    port: 53
    do-ip6: no
    access-control: 127.0.0.0/8 allow
    chroot: ""
    username: ""
    directory: "$W"
    pidfile: "$W/unbound-$1.pid"
    use-syslog: no
    logfile: "$2"
    log-queries: yes
    log-replies: yes
    log-time-ascii: $3
    verbosity: 0
    local-zone: "example.test." static
    local-data: "example.test. 300 IN A 10.0.0.1"
    local-data: "example.test. 300 IN MX 10 mail.example.test."
    local-data: "example.test. 300 IN TXT \"v=spf1 -all\""
    local-data: "www.example.test. 300 IN A 10.0.0.3"
    local-data: "www.example.test. 300 IN AAAA 2001:db8::3"
    local-data: "mail.example.test. 300 IN A 10.0.0.4"
    local-data: "api.example.test. 300 IN A 10.0.0.5"
remote-control:
    control-enable: no
CONF
}
unbound_conf $UNBOUND "$W/unbound.log" no > "$W/unbound.conf"
unbound_conf $UNBOUND_ASCII "$W/unbound-ascii.log" yes > "$W/unbound-ascii.conf"
unbound -d -c "$W/unbound.conf" &
echo $! > "$W/unbound.pid.bg"
unbound -d -c "$W/unbound-ascii.conf" &
echo $! > "$W/unbound-ascii.pid.bg"

# --- dnsmasq: log-queries=extra into a file, names from --host-record, no upstream ---
dnsmasq -k --conf-file=/dev/null --user=root --listen-address=$DNSMASQ --bind-interfaces --port=53 \
    --no-resolv --no-hosts --local=/example.test/ --log-queries=extra --log-facility="$W/dnsmasq.log" \
    --pid-file="$W/dnsmasq.pid" --host-record=example.test,10.0.0.1 \
    --host-record=www.example.test,10.0.0.3,2001:db8::3 --host-record=mail.example.test,10.0.0.4 \
    --host-record=api.example.test,10.0.0.5 --mx-host=example.test,mail.example.test,10 \
    --txt-record=example.test,"v=spf1 -all" &
echo $! > "$W/dnsmasq.pid.bg"

tcpdump -i lo -U -w "$W/capture.pcap" -Z root 'udp port 53' 2> "$W/tcpdump.err" &
echo $! > "$W/tcpdump.pid.bg"
sleep 3

# --- the queries: the same round to every server; counts per UTC minute, client, name, type ---
: > "$W/sent.tsv"
for ((i = 0; i < ROUNDS; i++)); do
    # keep each round well inside one minute, so every log stamps it in the minute counted here
    while s=$(date +%S); [ "${s#0}" -ge 58 ] || [ "${s#0}" -lt 1 ]; do sleep 0.2; done
    c=${CLIENTS[i % 5]}; n=${NAMES[(i * 7 + i / 5) % 5]}; t=${TYPES[(i * 3 + i / 20) % 4]}
    printf '%s\t%s\t%s\t%s\n' "$(date -u +%Y-%m-%dT%H:%M)" "$c" "${n,,}" "$t" >> "$W/sent.tsv"
    for srv in $BIND $UNBOUND $UNBOUND_ASCII $DNSMASQ; do
        dig -b "$c" @"$srv" "$n" "$t" +tries=1 +timeout=1 > /dev/null || true
    done
    sleep 0.8
done

# --- dnsperf: one input file, run once through against each server from PERF_CLIENT, at a rate that
# keeps all four runs inside one minute. "Queries sent" is what each server received; it must be the
# whole input, every query answered (none lost to a timeout), or the counts below would be wrong. ---
for ((i = 0; i < PERF_QUERIES; i++)); do
    printf '%s %s\n' "${NAMES[(i * 3 + i / 7) % 5]}" "${TYPES[(i + i / 5) % 4]}"
done > "$W/dnsperf.in"
while s=$(date +%S); [ "${s#0}" -ge 30 ] || [ "${s#0}" -lt 1 ]; do sleep 0.2; done
perf_minute=$(date -u +%Y-%m-%dT%H:%M)
: > "$W/dnsperf.tsv"
for srv in $BIND $UNBOUND $UNBOUND_ASCII $DNSMASQ; do
    dnsperf -s "$srv" -a "$PERF_CLIENT" -d "$W/dnsperf.in" -n 1 -c 1 -Q 200 -t 2 > "$W/dnsperf-$srv.out" 2>&1
    sent=$(awk '/Queries sent:/ { print $3 }' "$W/dnsperf-$srv.out")
    completed=$(awk '/Queries completed:/ { print $3 }' "$W/dnsperf-$srv.out")
    lost=$(awk '/Queries lost:/ { print $3 }' "$W/dnsperf-$srv.out")
    if [ "$sent" != "$PERF_QUERIES" ] || [ "$completed" != "$PERF_QUERIES" ] || [ "$lost" != 0 ]; then
        cat "$W/dnsperf-$srv.out" >&2
        echo "dnsperf to $srv: sent $sent, completed $completed, lost $lost; expected $PERF_QUERIES, all answered" >&2
        exit 1
    fi
    printf '%s\t%s\t%s\t%s\t%s\n' "$srv" "$PERF_CLIENT" "$sent" "$completed" "$lost" >> "$W/dnsperf.tsv"
done
if [ "$(date -u +%Y-%m-%dT%H:%M)" != "$perf_minute" ]; then
    echo "the dnsperf runs crossed a minute boundary; run the script again" >&2
    exit 1
fi
awk -v m="$perf_minute" -v c="$PERF_CLIENT" '{ printf "%s\t%s\t%s\t%s\n", m, c, tolower($1), $2 }' \
    "$W/dnsperf.in" >> "$W/sent.tsv"

sleep 2
kill "$(cat "$W/tcpdump.pid.bg")"; sleep 1
for p in named unbound unbound-ascii dnsmasq; do kill "$(cat "$W/$p.pid.bg")" 2>/dev/null || true; done
sleep 1

# The capture must hold exactly the queries dnsperf says it sent to each server.
for srv in $BIND $UNBOUND $UNBOUND_ASCII $DNSMASQ; do
    seen=$(tcpdump -n -r "$W/capture.pcap" "src host $PERF_CLIENT and dst host $srv and udp dst port 53" 2>/dev/null | wc -l)
    if [ "$seen" != "$PERF_QUERIES" ]; then
        echo "capture: $seen queries from $PERF_CLIENT to $srv, dnsperf sent $PERF_QUERIES" >&2
        exit 1
    fi
done

{
    printf '# minute(UTC)\tclient\tname\ttype\tsent (to each of bind, unbound, unbound-ascii, dnsmasq)\n'
    sort "$W/sent.tsv" | uniq -c | awk '{ printf "%s\t%s\t%s\t%s\t%d\n", $2, $3, $4, $5, $1 }'
} > "$OUT/counts.tsv"
{
    printf '# dnsperf runs (one per server), from dnsperf'"'"'s own summary: server, source address, Queries sent, completed, lost\n'
    cat "$W/dnsperf.tsv"
} > "$OUT/dnsperf.tsv"
cp "$W/dnsperf.in" "$OUT/dnsperf-input.txt"
chmod 644 "$W"/*.log "$W/capture.pcap"
cp "$W/bind-local.log" "$W/bind-iso8601.log" "$W/bind-iso8601-utc.log" "$W/unbound.log" "$W/unbound-ascii.log" \
   "$W/dnsmasq.log" "$W/capture.pcap" "$OUT/"
cat "$W/tcpdump.err" >&2
echo "sent $ROUNDS rounds with dig and $PERF_QUERIES queries with dnsperf to each of 4 servers" >&2
