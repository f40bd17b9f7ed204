#!/usr/bin/env python3
"""Kernel fact 12 (issue #17 item 3): IPv6 loopback MSS, dual-stack listeners, IPV6_V6ONLY, and
bind() conflicts between 0.0.0.0:p and [::]:p. Run as `unshare -rn python3 ipv6-dual-stack.py`
(a fresh user + network namespace: only `lo`); needs iproute2 `ss`, dumpcap and tcpdump.
Prints the case as JSON on stdout;
`python3 ipv6-dual-stack.py --decode < case.json` then adds the capture's tcpdump lines."""
import errno, json, os, socket, subprocess, sys, time

def sh(cmd):
    return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout

def ss(filt):
    return [" ".join(l.split()) for l in sh(f"ss -tanH '{filt}'").splitlines() if l.strip()]

def ssi(filt, field):
    out = sh(f"ss -tniH '{filt}'")
    return [tok for tok in out.split() if tok.startswith(field + ":")]

CAP = os.path.join(os.environ.get("TMPDIR", "/tmp"), "fact12.pcapng")
if len(sys.argv) > 1 and sys.argv[1] == "--decode":
    # tcpdump drops privileges on start, which a user namespace refuses: decode outside it.
    case = json.load(sys.stdin); obs = case["observed"]
    lines = sh(f"tcpdump -n -r {CAP} 2>/dev/null").splitlines()
    def strip(l): return l.split(" ", 1)[1]  # drop the wall-clock time
    obs["tcpdump_v6_handshake"] = [strip(l) for l in lines if ".5002" in l][:3]
    obs["tcpdump_v4_handshake"] = [strip(l) for l in lines if ".5001" in l][:3]
    obs["tcpdump_v4_mapped_handshake"] = [strip(l) for l in lines if ".5003" in l][:3]
    obs["tcpdump_v6_data_lengths"] = sorted({int(l.rsplit("length ", 1)[1]) for l in lines if ".40000 > ::1.5002" in l and "length 0" not in l})
    print(json.dumps(case, indent=1))
    sys.exit(0)
sh("ip link set lo up")
cap = subprocess.Popen(["dumpcap", "-q", "-i", "lo", "-w", CAP], stderr=subprocess.DEVNULL)
time.sleep(1.5)
obs = {}
def E(e):
    return errno.errorcode[e.errno]

def outcome(call, ok):
    """`ok` if call() succeeds, else the errno's name."""
    try:
        call()
        return ok
    except OSError as e:
        return E(e)

# (a) IPv6 loopback connection ::1 -> ::1:5002, then 1 MB of data (server reads it all).
l = socket.socket(socket.AF_INET6); l.bind(("::1", 5002)); l.listen(8)
c = socket.socket(socket.AF_INET6); c.bind(("::1", 40000)); c.connect(("::1", 5002))
s, peer = l.accept()
obs["v6_accept_peer"] = f"{peer[0]} {peer[1]}"
obs["ss_v6_established"] = ss("( sport = :5002 or dport = :5002 )")
c.sendall(b"x" * 1_000_000); c.shutdown(socket.SHUT_WR)
got = 0
while True:
    d = s.recv(1 << 20)
    if not d: break
    got += len(d)
obs["v6_bytes_received"] = got
obs["v6_client_tcp_info"] = ssi("( dport = :5002 )", "mss") + ssi("( dport = :5002 )", "advmss") + ssi("( dport = :5002 )", "pmtu")
c.close(); s.close(); l.close()

# (b) The same on IPv4 for comparison.
l = socket.socket(socket.AF_INET); l.bind(("127.0.0.1", 5001)); l.listen(8)
c = socket.socket(socket.AF_INET); c.bind(("127.0.0.1", 40001)); c.connect(("127.0.0.1", 5001))
s, _ = l.accept()
c.sendall(b"x" * 1_000_000); c.shutdown(socket.SHUT_WR)
while s.recv(1 << 20): pass
obs["v4_client_tcp_info"] = ssi("( dport = :5001 )", "mss") + ssi("( dport = :5001 )", "advmss") + ssi("( dport = :5001 )", "pmtu")
c.close(); s.close(); l.close()

# (c) Dual-stack listener [::]:5003 (IPV6_V6ONLY 0, the net.ipv6.bindv6only default), IPv4 client.
l = socket.socket(socket.AF_INET6); l.bind(("::", 5003)); l.listen(8)
obs["ss_listen_dual_stack"] = ss("( sport = :5003 )")
c = socket.socket(socket.AF_INET); c.bind(("127.0.0.1", 40003)); c.connect(("127.0.0.1", 5003))
s, peer = l.accept()
obs["v4_mapped_accept_peer"] = f"{peer[0]} {peer[1]}"
obs["v4_mapped_getsockname"] = f"{s.getsockname()[0]} {s.getsockname()[1]}"
obs["ss_v4_mapped"] = ss("( sport = :5003 or dport = :5003 )")
c.close(); s.close(); l.close()

# (d) IPV6_V6ONLY listener [::]:5004: an IPv4 client is refused.
l = socket.socket(socket.AF_INET6); l.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
l.bind(("::", 5004)); l.listen(8)
obs["ss_listen_v6only"] = ss("( sport = :5004 )")
c = socket.socket(socket.AF_INET)
obs["v4_connect_to_v6only_listener"] = outcome(lambda: c.connect(("127.0.0.1", 5004)), "connected")
c.close(); l.close()

# (e) An AF_INET6 socket connecting to a v4-mapped address talks IPv4 on the wire.
l = socket.socket(socket.AF_INET); l.bind(("127.0.0.1", 5005)); l.listen(8)
c = socket.socket(socket.AF_INET6); c.connect(("::ffff:127.0.0.1", 5005))
s, peer = l.accept()
obs["v6_socket_to_mapped_server_sees"] = f"{peer[0]} {peer[1]}"
c.close(); s.close()
c = socket.socket(socket.AF_INET6); c.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
obs["v6only_socket_connect_to_mapped"] = outcome(lambda: c.connect(("::ffff:127.0.0.1", 5005)), "connected")
c.close(); l.close()

# (f) setsockopt(IPV6_V6ONLY) errors and implicit V6ONLY.
c = socket.socket(socket.AF_INET6); c.bind(("::", 0))
obs["v6only_after_bind"] = outcome(lambda: c.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1), "0")
c.close()
c = socket.socket(socket.AF_INET)
obs["v6only_on_af_inet"] = outcome(lambda: c.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1), "0")
c.close()
c = socket.socket(socket.AF_INET6); c.bind(("::1", 0))
obs["v6only_after_bind_to_::1"] = c.getsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY); c.close()

# (g) bind() conflicts: A bound (or listening), then B binds the same port.
KINDS = {
    "0.0.0.0": (socket.AF_INET, "0.0.0.0", None),
    "127.0.0.1": (socket.AF_INET, "127.0.0.1", None),
    "[::]": (socket.AF_INET6, "::", 0),
    "[::] V6ONLY": (socket.AF_INET6, "::", 1),
    "[::1]": (socket.AF_INET6, "::1", None),
    "[::ffff:127.0.0.1]": (socket.AF_INET6, "::ffff:127.0.0.1", None),
}
def mk(kind, reuse):
    fam, addr, v6only = KINDS[kind]
    x = socket.socket(fam)
    if reuse: x.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if v6only is not None: x.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, v6only)
    return x, addr
matrix = {}
port = 6000
for a in KINDS:
    for b in KINDS:
        for alisten in (False, True):
            for reuse in (False, True):
                port += 1
                sa, aa = mk(a, reuse); sa.bind((aa, port))
                if alisten: sa.listen(8)
                sb, ab = mk(b, reuse)
                r = outcome(lambda: sb.bind((ab, port)), "ok")
                sa.close(); sb.close()
                matrix[f"{a} {'LISTEN' if alisten else 'bound'}, then {b}{' (both SO_REUSEADDR)' if reuse else ''}"] = r
obs["bind_matrix"] = matrix

# (h) net.ipv6.bindv6only = 1 (per namespace): new AF_INET6 sockets start IPV6_V6ONLY.
open("/proc/sys/net/ipv6/bindv6only", "w").write("1")
x = socket.socket(socket.AF_INET6); obs["bindv6only=1: IPV6_V6ONLY of a new AF_INET6 socket"] = x.getsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY); x.close()
a4 = socket.socket(socket.AF_INET); a4.bind(("0.0.0.0", 7000)); a4.listen()
a6 = socket.socket(socket.AF_INET6)
obs["bindv6only=1: 0.0.0.0:7000 LISTEN, then [::]:7000"] = outcome(lambda: a6.bind(("::", 7000)), "ok")
a4.close(); a6.close()
open("/proc/sys/net/ipv6/bindv6only", "w").write("0")

time.sleep(0.5)
cap.terminate(); cap.wait()
print(json.dumps({
    "id": "12-ipv6-loopback-dual-stack",
    "kernel": os.uname().release,
    "sysctls": {k: open(f"/proc/sys/{k.replace('.', '/')}").read().strip() for k in ["net.ipv6.bindv6only", "net.ipv4.tcp_timestamps", "net.ipv4.tcp_sack", "net.ipv4.tcp_window_scaling"]},
    "observed": obs,
}, indent=1))

