"""Writes the seed corpus of ForwardDecoderFuzzTest: one file per Forward message shape, valid and not.

Usage: /usr/bin/python3 test-tools/forward/make-fuzz-seeds.py plugins-input/src/test/resources/io/tributary/input/forward/ForwardDecoderFuzzTestInputs/decode
Uses Debian's python3-msgpack (a dependency of python3-fluent-logger).
"""
import gzip
import os
import struct
import sys

import msgpack


def event_time(sec, nsec):
    return msgpack.ExtType(0, struct.pack(">II", sec, nsec))


def pack(o):
    return msgpack.packb(o, use_bin_type=True)


rec = {"log": "hello", "n": 300, "nested": {"a": [1, 2.5, None, True]}}
entries = pack([event_time(1700000000, 123), rec]) + pack([1700000001, rec]) + pack([[event_time(5, 6), {"m": 1}], rec])
seeds = {
    "message_eventtime": pack(["app", event_time(1700000000, 999999999), rec]),
    "message_int_ack": pack(["app", 1700000000, rec, {"chunk": "abc"}]),
    "message_float_metadata": pack(["app", 1700000000.5, rec, {"metadata": {"k": "v"}}]),
    "message_nil_option": pack(["app", 1, rec, None]),
    "forward_mode": pack(["app", [[1, rec], [event_time(2, 3), rec]], {"chunk": "f"}]),
    "packed_bin": pack(["app", entries, {"chunk": "p", "size": 3}]),
    # Entries as str 32, as Fluency sends them.
    "packed_str": b"\x93\xa3app" + b"\xdb" + struct.pack(">I", len(entries)) + entries + pack({"chunk": "s"}),
    "packed_gzip": pack(["app", gzip.compress(entries), {"compressed": "gzip", "chunk": "g"}]),
    "packed_gzip_two_members": pack(["app", gzip.compress(entries) + gzip.compress(entries), {"compressed": "gzip"}]),
    "packed_gzip_truncated": pack(["app", gzip.compress(entries)[:20], {"compressed": "gzip"}]),
    "two_frames": pack(["a", 1, rec]) + pack(["b", [[2, rec]]]),
    "ping": pack(["PING", "host", "salt", "digest", "", ""]),
    "bad_first_byte": b"GET / HTTP/1.1\r\n\r\n",
    "bin32_2gb": b"\x92\xa1t\xc6\x7f\xff\xff\xff",
    "array32_huge": b"\x92\xa1t\xdd\xff\xff\xff\xff",
    "map32_huge_record": b"\x93\xa1t\x01\xdf\xff\xff\xff\xff",
    "type_c1": b"\x92\xa1t\xc1",
    "tag_int": pack([1, 2, {}]),
    "record_not_map": pack(["t", 1, [1]]),
    "fluent_signal": pack(["t", entries, {"fluent_signal": 1}]),
    "negative_time": pack(["t", -1, rec]),
    "bad_nanos": pack(["t", event_time(1, 1000000000), rec]),
}
out = sys.argv[1]
os.makedirs(out, exist_ok=True)
for name, data in seeds.items():
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)
print("wrote %d seeds to %s" % (len(seeds), out))
