package io.tributary.bench.e2e;

import java.nio.charset.StandardCharsets;

/**
 * Just enough of CBOR (RFC 8949) to read a Kinesis PutRecords request as the AWS SDK for Java sends it by
 * default over HTTPS: maps, arrays (definite or indefinite length), byte and text strings, integers, simple
 * values and floats. Strings are returned as positions in the input, not copied.
 */
final class CborReader {
    static final int UINT = 0, NEGINT = 1, BYTES = 2, TEXT = 3, ARRAY = 4, MAP = 5, TAG = 6, SIMPLE = 7;
    static final long INDEFINITE = -1;

    private final byte[] b;
    private int pos;
    private int major;
    private long arg;
    private int stringStart;
    private int stringEnd;

    CborReader(byte[] b) { this.b = b; }

    byte[] bytes() { return b; }

    /** Reads the next item's head: {@link #major()} and {@link #arg()} (length, count or value). */
    CborReader next() throws AwsApi.Refusal {
        need(1);
        int ib = b[pos++] & 0xff;
        major = ib >>> 5;
        int info = ib & 0x1f;
        if (info < 24) arg = info;
        else if (info == 24) arg = readN(1);
        else if (info == 25) arg = readN(2);
        else if (info == 26) arg = readN(4);
        else if (info == 27) arg = readN(8);
        else if (info == 31) arg = INDEFINITE;
        else throw bad("reserved additional info " + info);
        if ((major == BYTES || major == TEXT)) {
            if (arg == INDEFINITE) throw bad("chunked strings are not expected here");
            if (arg > b.length - pos) throw bad("string of " + arg + " bytes runs past the body");
            stringStart = pos;
            stringEnd = pos + (int) arg;
            pos = stringEnd;
        }
        return this;
    }

    int major() { return major; }
    long arg() { return arg; }
    int stringStart() { return stringStart; }
    int stringEnd() { return stringEnd; }

    String text() { return new String(b, stringStart, stringEnd - stringStart, StandardCharsets.UTF_8); }

    /** Whether an indefinite-length container ends here (consumes the break byte if so). */
    boolean atBreak() throws AwsApi.Refusal {
        need(1);
        if ((b[pos] & 0xff) == 0xff) { pos++; return true; }
        return false;
    }

    /** Skips one whole item (after {@link #next()} read its head). */
    void skipValue() throws AwsApi.Refusal {
        switch (major) {
            case ARRAY -> skipItems(arg, 1);
            case MAP -> skipItems(arg, 2);
            case TAG -> next().skipValue();
            default -> { /* heads of scalars and strings are already consumed whole */ }
        }
    }

    private void skipItems(long count, int per) throws AwsApi.Refusal {
        if (count == INDEFINITE) {
            while (!atBreak()) next().skipValue();
        } else {
            for (long i = 0; i < count * per; i++) next().skipValue();
        }
    }

    boolean textEquals(String s) {
        byte[] want = s.getBytes(StandardCharsets.US_ASCII);
        if (stringEnd - stringStart != want.length) return false;
        for (int i = 0; i < want.length; i++) if (b[stringStart + i] != want[i]) return false;
        return true;
    }

    private long readN(int n) throws AwsApi.Refusal {
        need(n);
        long v = 0;
        for (int i = 0; i < n; i++) v = (v << 8) | (b[pos++] & 0xff);
        return v;
    }

    private void need(int n) throws AwsApi.Refusal {
        if (pos + n > b.length) throw bad("body ends inside an item");
    }

    private static AwsApi.Refusal bad(String what) {
        return new AwsApi.Refusal("SerializationException", "malformed CBOR: " + what);
    }
}
