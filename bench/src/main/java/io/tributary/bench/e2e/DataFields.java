package io.tributary.bench.e2e;

import java.nio.charset.StandardCharsets;

/**
 * Finds the base64 {@code "Data"} values of a Kinesis PutRecords or Firehose PutRecordBatch body by scanning
 * bytes (much cheaper than a JSON parser at hundreds of MB/s, and the harness must not steal the engine's CPU),
 * and reads the {@code "seq"} number from the start of each decoded record.
 */
final class DataFields {
    private static final byte[] DATA_KEY = "\"Data\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEQ_KEY = "\"seq\":".getBytes(StandardCharsets.US_ASCII);
    private static final int[] BASE64 = new int[128];

    static {
        java.util.Arrays.fill(BASE64, -1);
        String abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < abc.length(); i++) BASE64[abc.charAt(i)] = i;
    }

    /** Receives each value as {@code body[start, end)} with its decoded size. */
    interface Visitor {
        void value(int start, int end, long seq, int decodedBytes) throws AwsApi.Refusal;
    }

    private final byte[] decoded = new byte[48];

    /** Visits every "Data" value; returns how many. */
    int scan(byte[] body, Visitor visitor) throws AwsApi.Refusal {
        int n = 0;
        int i = 0;
        while ((i = indexOf(body, DATA_KEY, i)) >= 0) {
            i += DATA_KEY.length;
            while (i < body.length && isSpace(body[i])) i++;
            if (i >= body.length || body[i] != ':') continue;
            i++;
            while (i < body.length && isSpace(body[i])) i++;
            if (i >= body.length || body[i] != '"') throw new AwsApi.Refusal("SerializationException", "Data is not a string");
            int start = ++i;
            while (i < body.length && body[i] != '"') i++;
            if (i >= body.length) throw new AwsApi.Refusal("SerializationException", "unterminated Data string");
            visitor.value(start, i, seq(body, start, i), decodedSize(body, start, i));
            n++;
            i++;
        }
        return n;
    }

    /** The record's "seq" from its first decoded bytes (it is the first key the generator writes), or -1. */
    private long seq(byte[] b, int start, int end) {
        int len = decode(b, start, Math.min(end, start + 64), decoded);
        return seqIn(decoded, 0, len);
    }

    /** The number after the first {@code "seq":} in the JSON bytes {@code b[start, end)}, or -1. */
    static long seqIn(byte[] b, int start, int end) {
        int k = indexOf(b, start, end, SEQ_KEY);
        if (k < 0) return -1;
        k += SEQ_KEY.length;
        while (k < end && b[k] == ' ') k++;
        long v = 0;
        int digits = 0;
        while (k < end && b[k] >= '0' && b[k] <= '9') { v = v * 10 + (b[k++] - '0'); digits++; }
        return digits == 0 || k >= end ? -1 : v;
    }

    /** Decodes base64 from {@code b[start, end)} into {@code out}; JSON escapes skipped. */
    private static int decode(byte[] b, int start, int end, byte[] out) {
        int o = 0;
        int acc = 0;
        int have = 0;
        for (int i = start; i < end && o + 3 <= out.length; i++) {
            int c = b[i];
            if (c == '\\' || c == '=') continue;
            int v = c >= 0 && c < 128 ? BASE64[c] : -1;
            if (v < 0) break;
            acc = (acc << 6) | v;
            if (++have == 4) {
                out[o++] = (byte) (acc >> 16);
                out[o++] = (byte) (acc >> 8);
                out[o++] = (byte) acc;
                acc = 0;
                have = 0;
            }
        }
        // A short record ends in a partial group ("=" padding skipped above).
        if (have == 2 && o + 1 <= out.length) out[o++] = (byte) (acc >> 4);
        else if (have == 3 && o + 2 <= out.length) { out[o++] = (byte) (acc >> 10); out[o++] = (byte) (acc >> 2); }
        return o;
    }

    private static int decodedSize(byte[] b, int start, int end) {
        int chars = end - start;
        int pad = 0;
        if (chars > 0 && b[end - 1] == '=') pad++;
        if (chars > 1 && b[end - 2] == '=') pad++;
        return chars / 4 * 3 - pad;
    }

    private static boolean isSpace(byte c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

    static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            if (hay[i] != needle[0]) continue;
            for (int j = 1; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }

    private static int indexOf(byte[] hay, int start, int end, byte[] needle) {
        outer:
        for (int i = start; i <= end - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
