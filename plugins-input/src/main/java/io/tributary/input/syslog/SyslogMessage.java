package io.tributary.input.syslog;

import java.util.Arrays;

/**
 * The fields {@link SyslogParser} found in one message, as offsets into the message bytes, so that nothing is
 * copied until the record is written. Field order and names are those of Fluent Bit's stock syslog parsers.
 * Reused for every message of a connection; not thread-safe.
 */
final class SyslogMessage {
    static final int PRI = 0, TIME = 1, HOST = 2, IDENT = 3, PID = 4, MSGID = 5, EXTRADATA = 6, MESSAGE = 7;
    static final int FIELDS = 8;
    static final String[] NAMES = {"pri", "time", "host", "ident", "pid", "msgid", "extradata", "message"};

    final int[] start = new int[FIELDS];
    final int[] end = new int[FIELDS];
    byte[] data;
    /** The PRI value when it is a valid one (0..191), else -1. */
    int priority;
    /** Whether {@link #seconds}/{@link #nanos} hold the message's own time; else the receive time applies. */
    boolean timeValid;
    long seconds;
    int nanos;
    /** The message has no hostname where its format has one: the peer's address stands in for it. */
    boolean hostFromPeer;

    void reset(byte[] bytes) {
        data = bytes;
        Arrays.fill(start, -1);
        Arrays.fill(end, -1);
        priority = -1;
        timeValid = false;
        hostFromPeer = false;
    }

    /** Sets a field; an empty one stays absent, as Fluent Bit's parsers skip empty values. */
    void set(int field, int from, int to) {
        if (to > from) {
            start[field] = from;
            end[field] = to;
        }
    }

    boolean has(int field) { return start[field] >= 0; }
}
