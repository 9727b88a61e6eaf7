package io.tributary.input.syslog;

import io.tributary.record.MsgpackWriter;

/** Encodes messages with the hand-written {@link SyslogParser}: no regex, no String, one copy of each field. */
final class BuiltinEventEncoder implements EventEncoder {
    private static final byte[][] KEYS = new byte[SyslogMessage.FIELDS][];

    static {
        for (int i = 0; i < SyslogMessage.FIELDS; i++) KEYS[i] = RecordKeys.encode(SyslogMessage.NAMES[i]);
    }

    private final SyslogParser parser;
    private final RecordKeys extra;
    private final SyslogMessage message = new SyslogMessage();
    private final byte[] header = new byte[13];

    BuiltinEventEncoder(SyslogParser.Dialect dialect, RecordKeys extra) {
        this.parser = new SyslogParser(dialect);
        this.extra = extra;
    }

    @Override public boolean encode(byte[] b, int off, int len, Peer peer, long nowSeconds, int nowNanos, MsgpackWriter out) {
        SyslogMessage m = message;
        parser.parse(b, off, off + len, nowSeconds, m);
        if (m.timeValid) RecordKeys.writeEventHeader(out, header, m.seconds, m.nanos);
        else RecordKeys.writeEventHeader(out, header, nowSeconds, nowNanos);
        boolean peerHost = m.hostFromPeer && !m.has(SyslogMessage.HOST) && peer.host() != null;
        int n = peerHost ? 1 : 0;
        for (int f = 0; f < SyslogMessage.FIELDS; f++) if (m.start[f] >= 0) n++;
        n += extra.count(peer.sourceAddress() != null, m.priority);
        out.mapHeader(n);
        for (int f = 0; f < SyslogMessage.FIELDS; f++) {
            int s = m.start[f];
            if (s >= 0) {
                out.raw(KEYS[f], 0, KEYS[f].length).string(b, s, m.end[f] - s);
            } else if (f == SyslogMessage.HOST && peerHost) {
                out.raw(KEYS[f], 0, KEYS[f].length).string(peer.host(), 0, peer.host().length);
            }
        }
        extra.write(out, b, off, len, peer, m.priority);
        return true;
    }
}
