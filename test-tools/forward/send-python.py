"""Sends records to a Forward server with Debian's python3-fluent-logger (Message mode).

Usage: /usr/bin/python3 send-python.py PORT COUNT TAG BASE_SECONDS
Prints "OK <count>" and exits 0 when every emit succeeded.
"""
import sys

from fluent import sender

port, count, tag, base = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
s = sender.FluentSender(tag, host="127.0.0.1", port=port, nanosecond_precision=True, timeout=10.0)
for i in range(count):
    # Whole seconds plus i microseconds: exact in a double, so the nanoseconds survive the float.
    t = float(base + i // 1000) + (i % 1000) / 1000.0
    if not s.emit_with_time("py", t, {"seq": i, "message": "record number %d from python" % i}):
        print("ERROR %s" % s.last_error)
        sys.exit(3)
s.close()
print("OK %d" % count)
