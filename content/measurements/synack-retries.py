# Lost handshake ACK (lesson 7 #lost-ack), Linux: drop every bare ACK the clients send to the
# listener. Client A stays silent and sends 4 bytes at LATE_S; client B sends 22 bytes at 2.7 s.
# Records when each SYN-ACK leaves, when A's request leaves `ss` (polled every 20 ms), what A's
# late data gets, and when the server's accept() returns B.
# Usage: synack-retries.py PORT LATE_S (root, fresh netns).
import socket, threading, time, sys, os, json
from lo_tools import sh, drop_on_lo, cleanup, record
port = int(sys.argv[1]); late_s = float(sys.argv[2]) if len(sys.argv) > 2 else 68.0
drop_on_lo(f"match ip dport {port} 0xffff match u8 0x10 0xff at 33")  # flags byte = ACK exactly
l = socket.socket(); l.bind(("127.0.0.1", port)); l.listen(8)
segs = record(port)
time.sleep(0.3)
out = {"kernel": os.uname().release}
def acceptor():
    s, peer = l.accept(); out["accept_returned_at_s"] = round(time.time() - t0, 3); out["accepted_peer_port"] = peer[1]
    time.sleep(0.05); out["accepted_bytes_queued"] = len(s.recv(100, socket.MSG_DONTWAIT))
t0 = time.time()
a = socket.socket(); a.connect(("127.0.0.1", port)); aport = a.getsockname()[1]
b = socket.socket(); b.connect(("127.0.0.1", port)); bport = b.getsockname()[1]
threading.Thread(target=acceptor, daemon=True).start()
time.sleep(max(0, t0 + 2.7 - time.time())); b.send(b"x" * 22)
gone = None
while time.time() < t0 + late_s:
    if gone is None and f":{aport} " not in sh(f"ss -tan state syn-recv '( sport = :{port} )'") + " ":
        gone = round(time.time() - t0, 3)
    time.sleep(0.02)
a.send(b"ping"); time.sleep(0.2)
try: a.recv(10); err = None
except OSError as e: err = e.errno
cleanup()
F = {0x12: "SYN,ACK", 0x04: "RST", 0x14: "RST,ACK"}
out.update({"client_a_port": aport, "client_b_port": bport, "a_request_gone_from_ss_at_s": gone,
  "a_late_data_at_s": late_s, "a_recv_errno": err and os.strerror(err),
  "synack_to_a_at_s": [round(t - t0, 3) for t, sp, dp, f, n in segs if sp == port and dp == aport and f == 0x12],
  "synack_to_b_at_s": [round(t - t0, 3) for t, sp, dp, f, n in segs if sp == port and dp == bport and f == 0x12],
  "answer_to_a_late_data": [[round(t - t0, 3), F.get(f, hex(f))] for t, sp, dp, f, n in segs if sp == port and dp == aport and t > t0 + late_s - 0.01]})
print(json.dumps(out, indent=1))
