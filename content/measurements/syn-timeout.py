# SYN-timeout measurement (issue #18): time a blocking connect() to a listener whose accept queue
# is full (listen(0) holds one connection, so further SYNs are dropped silently), and record when
# each SYN leaves, with an AF_PACKET socket on lo. Run inside a fresh network namespace as root.
import socket, struct, threading, time, sys, os, json
retries, linear, port = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
os.system(f"sysctl -q -w net.ipv4.tcp_syn_retries={retries} net.ipv4.tcp_syn_linear_timeouts={linear}")
l = socket.socket(); l.bind(("127.0.0.1", port)); l.listen(0)
a = socket.socket(); a.connect(("127.0.0.1", port))
time.sleep(0.2)
sniff = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.ntohs(0x0003)); sniff.bind(("lo", 0))
stamps = []
def loop():
    while True:
        pkt = sniff.recv(2048); t = time.time()
        ip = pkt[14:]
        if len(ip) < 40 or ip[9] != 6: continue
        ihl = (ip[0] & 15) * 4; tcp = ip[ihl:]
        dport = struct.unpack("!H", tcp[2:4])[0]; flags = tcp[13]
        # keep SYN without ACK to the port; lo shows each packet twice (outgoing and incoming copy),
        # so syn-timeout.json keeps one time per SYN (copies less than 1 ms apart merged)
        if dport == port and flags & 0x02 and not flags & 0x10: stamps.append(t)
threading.Thread(target=loop, daemon=True).start()
time.sleep(0.5)
c = socket.socket(); t0 = time.time(); err = None
try: c.connect(("127.0.0.1", port))
except OSError as e: err = e.errno
t1 = time.time(); time.sleep(0.3)
print(json.dumps({"kernel": os.uname().release, "tcp_syn_retries": retries, "tcp_syn_linear_timeouts": linear,
   "errno": err, "connect_failed_after_s": round(t1 - t0, 3), "syn_sent_at_s": [round(s - t0, 3) for s in stamps]}))
