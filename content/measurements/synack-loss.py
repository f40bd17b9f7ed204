# Lost SYN-ACK measurement (lesson 7 #lost-synack): drop every SYN-ACK on lo for the first
# DROP_S seconds (tc u32 filter at lo ingress redirecting them to a veth that is down; this
# kernel has no gact "drop" action), record when each SYN and SYN-ACK leaves (AF_PACKET
# on lo) and when connect() returns, and what `ss` shows for the request at DROP_S.
import socket, struct, threading, time, sys, os, json, subprocess
port = int(sys.argv[1]); drop_s = float(sys.argv[2]) if len(sys.argv) > 2 else 2.5
def sh(c): return subprocess.run(c, shell=True, capture_output=True, text=True).stdout
sh("ip link add v0 type veth peer name v1; tc qdisc add dev lo clsact")
sh(f"tc filter add dev lo ingress protocol ip pref 1 u32 match ip protocol 6 0xff match ip sport {port} 0xffff match u8 0x12 0xff at 33 action mirred egress redirect dev v0")
l = socket.socket(); l.bind(("127.0.0.1", port)); l.listen(8)
sniff = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.ntohs(0x0003)); sniff.bind(("lo", 0))
stamps = []
def loop():
    while True:
        pkt, addr = sniff.recvfrom(2048); t = time.time()
        if addr[2] != socket.PACKET_OUTGOING: continue  # lo shows each packet twice; keep the outgoing copy
        ip = pkt[14:]
        if len(ip) < 40 or ip[9] != 6: continue
        ihl = (ip[0] & 15) * 4; tcp = ip[ihl:]
        sport, dport = struct.unpack("!HH", tcp[0:4]); flags = tcp[13]
        if port not in (sport, dport): continue
        name = {0x02: "SYN", 0x12: "SYN-ACK", 0x10: "ACK"}.get(flags, hex(flags))
        stamps.append((t, "C->S" if dport == port else "S->C", name))
threading.Thread(target=loop, daemon=True).start()
time.sleep(0.3)
ss_at_drop = []
def undrop(t0):
    time.sleep(max(0, t0 + drop_s - time.time()))
    ss_at_drop.append(sh(f"ss -tanoi state syn-recv '( sport = :{port} )'"))
    sh("tc filter del dev lo ingress pref 1")
c = socket.socket(); t0 = time.time()
threading.Thread(target=undrop, args=(t0,), daemon=True).start()
c.connect(("127.0.0.1", port)); t1 = time.time()
time.sleep(max(0, t0 + drop_s + 1.5 - time.time()))
sh("tc qdisc del dev lo clsact; ip link del v0")
print(json.dumps({"kernel": os.uname().release, "drop_synack_for_s": drop_s, "connect_returned_after_s": round(t1 - t0, 3),
  "segments": [[round(t - t0, 3), d, n] for t, d, n in stamps], "ss_at_drop": ss_at_drop[0] if ss_at_drop else None}, indent=1))
