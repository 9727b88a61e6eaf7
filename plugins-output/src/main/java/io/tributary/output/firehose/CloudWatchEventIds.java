package io.tributary.output.firehose;

import java.math.BigInteger;

/**
 * Event ids in the shape CloudWatch Logs gives them in subscription data: a 56-digit decimal string whose top bits
 * are the event's timestamp in milliseconds (shifted left by 144), followed by an ingestion time and a sequence, so
 * ids sort by event time and consumers that keep them as opaque strings or sort on them see what CloudWatch sends.
 * Here the ingestion time is the chunk's creation time and the sequence is (host salt, chunk id, record ordinal):
 * the same record gets the same id on every retry, and two records never share one.
 */
final class CloudWatchEventIds {
    static final int DIGITS = 56;
    private static final char[] ZEROS = "0".repeat(DIGITS).toCharArray();

    private final BigInteger base;

    /** The part shared by a chunk's events: ingestion time, host salt and chunk id. */
    CloudWatchEventIds(long ingestedMillis, int hostSalt, long chunkId) {
        BigInteger b = BigInteger.valueOf(ingestedMillis & Long.MAX_VALUE).shiftLeft(80);
        b = b.or(BigInteger.valueOf(hostSalt & 0xffffL).shiftLeft(64));
        b = b.or(BigInteger.valueOf(chunkId & 0xffffffffL).shiftLeft(32));
        this.base = b;
    }

    String id(long timestampMillis, int ordinal) {
        BigInteger v = BigInteger.valueOf(Math.max(0, timestampMillis)).shiftLeft(144).or(base)
                .or(BigInteger.valueOf(ordinal & 0xffffffffL));
        String s = v.toString();
        if (s.length() >= DIGITS) return s;
        return new StringBuilder(DIGITS).append(ZEROS, 0, DIGITS - s.length()).append(s).toString();
    }
}
