package io.tributary.input.syslog;

import io.tributary.record.MsgpackWriter;

import java.nio.charset.StandardCharsets;

/**
 * The optional keys every syslog record may carry besides what its parser found, pre-encoded as msgpack strings
 * so that writing one costs a copy: {@code Raw_Message_Key}, {@code Source_Address_Key}, {@code Severity_Key},
 * {@code Facility_Key} (null when not configured). As Fluent Bit, they follow the parsed fields.
 */
record RecordKeys(byte[] rawMessage, byte[] sourceAddress, byte[] severity, byte[] facility) {
    static final RecordKeys NONE = new RecordKeys(null, null, null, null);

    // RFC 5424 section 6.2.1 codes, named as syslog(3) and Fluentd's in_syslog name them.
    private static final byte[][] SEVERITIES = encodeAll(
            "emerg", "alert", "crit", "err", "warn", "notice", "info", "debug");
    private static final byte[][] FACILITIES = encodeAll(
            "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv", "ftp",
            "ntp", "audit", "alert", "at", "local0", "local1", "local2", "local3", "local4", "local5", "local6",
            "local7");

    static RecordKeys of(String rawMessage, String sourceAddress, String severity, String facility) {
        return new RecordKeys(encode(rawMessage), encode(sourceAddress), encode(severity), encode(facility));
    }

    /** How many of these keys a record gets. */
    int count(boolean hasSource, int priority) {
        int n = 0;
        if (rawMessage != null) n++;
        if (sourceAddress != null && hasSource) n++;
        if (priority >= 0) {
            if (severity != null) n++;
            if (facility != null) n++;
        }
        return n;
    }

    void write(MsgpackWriter out, byte[] b, int off, int len, Peer peer, int priority) {
        if (rawMessage != null) out.raw(rawMessage, 0, rawMessage.length).string(b, off, len);
        if (sourceAddress != null && peer.sourceAddress() != null) {
            out.raw(sourceAddress, 0, sourceAddress.length).string(peer.sourceAddress(), 0, peer.sourceAddress().length);
        }
        if (priority >= 0) {
            if (severity != null) {
                byte[] v = SEVERITIES[priority & 7];
                out.raw(severity, 0, severity.length).raw(v, 0, v.length);
            }
            if (facility != null) {
                byte[] v = FACILITIES[priority >> 3];
                out.raw(facility, 0, facility.length).raw(v, 0, v.length);
            }
        }
    }

    /** A string encoded as msgpack str, or null for null. */
    static byte[] encode(String s) {
        if (s == null || s.isEmpty()) return null;
        MsgpackWriter w = new MsgpackWriter(s.length() + 5);
        w.string(s);
        return w.toByteArray();
    }

    private static byte[][] encodeAll(String... names) {
        byte[][] out = new byte[names.length][];
        for (int i = 0; i < names.length; i++) out[i] = encode(names[i]);
        return out;
    }

    /** The 10-byte EventTime (fixext 8, type 0) of Fluent Bit's event header, written without an object. */
    static void writeEventHeader(MsgpackWriter out, byte[] scratch, long seconds, int nanos) {
        scratch[0] = (byte) 0x92;   // [[time, metadata], body]
        scratch[1] = (byte) 0x92;
        scratch[2] = (byte) 0xd7;
        scratch[3] = 0;
        scratch[4] = (byte) (seconds >>> 24);
        scratch[5] = (byte) (seconds >>> 16);
        scratch[6] = (byte) (seconds >>> 8);
        scratch[7] = (byte) seconds;
        scratch[8] = (byte) (nanos >>> 24);
        scratch[9] = (byte) (nanos >>> 16);
        scratch[10] = (byte) (nanos >>> 8);
        scratch[11] = (byte) nanos;
        scratch[12] = (byte) 0x80;  // empty metadata
        out.raw(scratch, 0, 13);
    }

    static final byte[] MESSAGE_KEY = "message".getBytes(StandardCharsets.US_ASCII);
}
