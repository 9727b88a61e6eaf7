package io.tributary.bench.e2e;

import java.nio.charset.StandardCharsets;

/**
 * Syslog over TCP with octet counting (RFC 6587): {@code LEN SP <165>1 TIMESTAMP HOST APP PID MSGID - MSG}, an
 * RFC 5424 message of {@value #MESSAGE_BYTES} bytes whose text starts with a 10-digit sequence number. The
 * timestamp has fractional seconds because Fluent Bit's stock rfc5424 parser requires them.
 */
final class SyslogLoad extends LoadGenerator {
    static final int MESSAGE_BYTES = 300;
    private static final String HEAD = "<165>1 2026-11-23T14:00:00.123456+00:00 web-17.bench.internal nginx 4711 ID47 - seq=";
    private static final String TEXT =
            " 10.0.3.17 - - \"GET /api/v1/orders/12345?expand=items HTTP/1.1\" 200 1543 \"-\" \"Mozilla/5.0 bench\" rt=0.004";
    private static final int DIGITS = 10;

    private final byte[] frame = frame();

    @Override String name() { return "syslog tcp (octet counting, RFC 5424)"; }

    @Override int recordBytes() { return MESSAGE_BYTES; }

    @Override
    Block block(int records) {
        byte[] bytes = new byte[records * frame.length];
        for (int i = 0; i < records; i++) System.arraycopy(frame, 0, bytes, i * frame.length, frame.length);
        int seqAt = frame.length - MESSAGE_BYTES + HEAD.length();
        return new Block() {
            @Override public byte[] bytes() { return bytes; }
            @Override public int records() { return records; }

            @Override
            public void number(long first) {
                for (int i = 0; i < records; i++) {
                    long v = first + i;
                    int end = i * frame.length + seqAt + DIGITS;
                    for (int d = 1; d <= DIGITS; d++) {
                        bytes[end - d] = (byte) ('0' + v % 10);
                        v /= 10;
                    }
                }
            }
        };
    }

    /** One octet-counted message, the sequence number zeros. */
    private static byte[] frame() {
        StringBuilder msg = new StringBuilder(HEAD).append("0".repeat(DIGITS)).append(TEXT);
        while (msg.length() < MESSAGE_BYTES) msg.append(msg.length() % 8 == 0 ? ' ' : 'x');
        msg.setLength(MESSAGE_BYTES);
        return (MESSAGE_BYTES + " " + msg).getBytes(StandardCharsets.US_ASCII);
    }
}
