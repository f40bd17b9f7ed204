# Shared by synack-loss.py and synack-retries.py (lesson 7): drop chosen TCP segments on lo and
# record the segments lo carries. Run inside a fresh network namespace as root.
#
# Dropping: a tc u32 filter at lo ingress. The kernel these were measured on has no gact ("drop")
# action, so the filter redirects the matching segments to a veth that is down, which discards them.
# Recording: an AF_PACKET socket on lo, keeping the outgoing copy of each packet (lo shows each twice).
import socket, struct, subprocess, threading, time

def sh(cmd):
    return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout

def drop_on_lo(match):
    """Start dropping TCP segments that match the u32 `match` words (e.g. "match ip sport 80 0xffff")."""
    sh("ip link add v0 type veth peer name v1; tc qdisc add dev lo clsact")
    sh(f"tc filter add dev lo ingress protocol ip pref 1 u32 match ip protocol 6 0xff {match} action mirred egress redirect dev v0")

def stop_dropping():
    sh("tc filter del dev lo ingress pref 1")

def cleanup():
    sh("tc qdisc del dev lo clsact; ip link del v0")

def record(port):
    """A list that fills with (time, sport, dport, flags, payload length) for every TCP segment to or from `port`."""
    sniff = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.ntohs(0x0003))
    sniff.bind(("lo", 0))
    segs = []
    def loop():
        while True:
            pkt, addr = sniff.recvfrom(2048); t = time.time()
            if addr[2] != socket.PACKET_OUTGOING: continue
            ip = pkt[14:]
            if len(ip) < 40 or ip[9] != 6: continue
            ihl = (ip[0] & 15) * 4; tcp = ip[ihl:]
            sport, dport = struct.unpack("!HH", tcp[0:4])
            if port in (sport, dport): segs.append((t, sport, dport, tcp[13], len(ip) - ihl - (tcp[12] >> 4) * 4))
    threading.Thread(target=loop, daemon=True).start()
    return segs
