#!/bin/bash
# Makes the real capture and dnstap fixtures for tst_pcapreader / tst_dnstapreader.
# Runs BIND 9 (Debian's named, built with --enable-dnstap) authoritative for example.test on
# 127.0.0.53 and ::1 inside a private network namespace, queries it with dig from several source
# addresses over UDP and TCP (single queries and one TCP connection carrying several queries),
# captures the traffic with tcpdump and lets named write dnstap. Writes next to this script:
#   capture.pcap     tcpdump -i lo, pcap (microseconds)
#   capture.pcapng   the same packets converted with editcap -F pcapng
#   dnstap.fstrm     named's dnstap-output (client queries and responses)
#   counts.txt       what was sent: "client name type count" per line
# Needs root (unshare), bind9, bind9-dnsutils, tcpdump, tshark (editcap).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ "${1:-}" != "--inside" ]; then
    exec unshare --net "$0" --inside
fi
ip link set lo up
# named binds only to addresses configured on an interface; dig -b needs its sources too.
for a in 53 11 12 13 14; do ip addr add 127.0.0.$a/8 dev lo; done
work=$(mktemp -d)
named_pid=
tcpdump_pid=
cleanup() {
    [ -n "$named_pid" ] && kill "$named_pid" 2>/dev/null
    [ -n "$tcpdump_pid" ] && kill "$tcpdump_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

cat > "$work/example.test.zone" <<'ZONE'
$TTL 300
@       IN SOA ns1.example.test. hostmaster.example.test. 1 3600 600 86400 300
        IN NS  ns1.example.test.
        IN MX  10 mail.example.test.
ns1     IN A   127.0.0.53
www     IN A   192.0.2.10
www     IN AAAA 2001:db8::10
mail    IN A   192.0.2.25
api     IN A   192.0.2.30
ZONE
cat > "$work/named.conf" <<CONF
options {
    directory "$work";
    pid-file "$work/named.pid";
    listen-on port 53 { 127.0.0.53; };
    listen-on-v6 port 53 { ::1; };
    recursion yes; # so that BIND tags RD=1 queries as CLIENT_QUERY (else only responses are logged)
    allow-recursion { any; };
    dnssec-validation no;
    dnstap { client; auth; };
    dnstap-output file "$work/dnstap.fstrm";
    dnstap-identity "fixture";
};
controls { };
zone "example.test" { type primary; file "$work/example.test.zone"; };
CONF

tcpdump -i lo -U -n -s 0 -w "$work/capture.pcap" port 53 2>"$work/tcpdump.err" &
tcpdump_pid=$!
named -g -u root -c "$work/named.conf" >"$work/named.log" 2>&1 &
named_pid=$!
# Wait for named without probing it (a probe would be one more query to account for).
for _ in $(seq 100); do
    grep -q ' running$' "$work/named.log" && break
    sleep 0.1
done
grep -q ' running$' "$work/named.log" || { cat "$work/named.log" >&2; exit 1; }
sleep 0.5 # let tcpdump open the capture
declare -A sent

q() { # client name type [dig options...]
    local client=$1 name=$2 type=$3
    shift 3
    local server=127.0.0.53
    [[ $client == *:* ]] && server=::1
    dig +tries=1 +time=2 -b "$client" @"$server" "$name" "$type" "$@" >/dev/null
    sent["$client $name $type"]=$(( ${sent["$client $name $type"]:-0} + 1 ))
}

# UDP from several clients, different counts per (client, name, type).
for i in 1 2 3; do q 127.0.0.11 www.example.test A; done
for i in 1 2; do q 127.0.0.11 www.example.test AAAA; done
q 127.0.0.11 mail.example.test MX
for i in 1 2 3 4; do q 127.0.0.12 api.example.test A; done
q 127.0.0.12 nothere.example.test A
q 127.0.0.12 WWW.Example.TEST A
for i in 1 2; do q ::1 www.example.test AAAA; done
q ::1 example.test SOA
# TCP, one query per connection.
q 127.0.0.13 www.example.test A +tcp
q 127.0.0.13 mail.example.test A +tcp
q ::1 api.example.test A +tcp
# One TCP connection carrying several queries (dig +keepopen reuses the connection).
dig +tries=1 +time=2 +tcp +keepopen -b 127.0.0.14 @127.0.0.53 www.example.test A mail.example.test A \
    api.example.test A example.test NS >/dev/null
for n in "www.example.test A" "mail.example.test A" "api.example.test A" "example.test NS"; do
    sent["127.0.0.14 $n"]=$(( ${sent["127.0.0.14 $n"]:-0} + 1 ))
done

sleep 1
kill -TERM "$named_pid"
wait "$named_pid" || true
named_pid=
kill -INT "$tcpdump_pid"
wait "$tcpdump_pid" || true
tcpdump_pid=

# Names are kept as given to dig (one is mixed-case); readers report them lower-cased.
{
    echo "# client name type count (sent by make-fixtures.sh; names as given to dig)"
    for k in "${!sent[@]}"; do echo "$k ${sent[$k]}"; done | sort
} > "$here/counts.txt"
cp "$work/capture.pcap" "$here/capture.pcap"
editcap -F pcapng "$work/capture.pcap" "$here/capture.pcapng"
cp "$work/dnstap.fstrm" "$here/dnstap.fstrm"
chmod 644 "$here"/capture.pcap "$here"/capture.pcapng "$here"/dnstap.fstrm "$here"/counts.txt
cat "$work/tcpdump.err" >&2
