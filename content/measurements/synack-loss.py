# Lost SYN-ACK measurement (lesson 7 #lost-synack): drop every SYN-ACK on lo for the first
# DROP_S seconds, record when each SYN and SYN-ACK leaves and when connect() returns, and what
# `ss` shows for the request at DROP_S. Usage: synack-loss.py PORT DROP_S (root, fresh netns).
import socket, threading, time, sys, os, json
from lo_tools import sh, drop_on_lo, stop_dropping, cleanup, record
port = int(sys.argv[1]); drop_s = float(sys.argv[2]) if len(sys.argv) > 2 else 2.5
drop_on_lo(f"match ip sport {port} 0xffff match u8 0x12 0xff at 33")  # flags byte = SYN|ACK exactly
l = socket.socket(); l.bind(("127.0.0.1", port)); l.listen(8)
segs = record(port)
time.sleep(0.3)
ss_at_drop = []
def undrop(t0):
    time.sleep(max(0, t0 + drop_s - time.time()))
    ss_at_drop.append(sh(f"ss -tanoi state syn-recv '( sport = :{port} )'"))
    stop_dropping()
c = socket.socket(); t0 = time.time()
threading.Thread(target=undrop, args=(t0,), daemon=True).start()
c.connect(("127.0.0.1", port)); t1 = time.time()
time.sleep(max(0, t0 + drop_s + 1.5 - time.time()))
cleanup()
NAMES = {0x02: "SYN", 0x12: "SYN-ACK", 0x10: "ACK"}
print(json.dumps({"kernel": os.uname().release, "drop_synack_for_s": drop_s, "connect_returned_after_s": round(t1 - t0, 3),
  "segments": [[round(t - t0, 3), "C->S" if dp == port else "S->C", NAMES.get(f, hex(f))] for t, sp, dp, f, n in segs],
  "ss_at_drop": ss_at_drop[0] if ss_at_drop else None}, indent=1))
