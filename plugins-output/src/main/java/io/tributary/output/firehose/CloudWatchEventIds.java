package io.tributary.output.firehose;

/**
 * Event ids in the shape CloudWatch Logs gives them in subscription data: a 56-digit decimal string whose top bits
 * are the event's timestamp in milliseconds (shifted left by 144), followed by an ingestion time and a sequence, so
 * ids sort by event time and consumers that keep them as opaque strings or sort on them see what CloudWatch sends.
 * Here the ingestion time is the chunk's creation time and the sequence is (host salt, chunk id, record ordinal):
 * the same record gets the same id on every retry, and two records never share one.
 *
 * <p>The number is {@code timestamp << 144 | ingested << 80 | salt << 64 | chunk << 32 | ordinal}, written in
 * decimal by long division over 32-bit limbs (no BigInteger per record). One per chunk; not thread-safe.
 */
final class CloudWatchEventIds {
    static final int DIGITS = 56;
    private static final long BILLION = 1_000_000_000L;

    private final long middle;
    private final long chunkBits;
    private final int[] limbs = new int[6];
    private final char[] digits = new char[64];

    /** The part shared by a chunk's events: ingestion time, host salt and chunk id. */
    CloudWatchEventIds(long ingestedMillis, int hostSalt, long chunkId) {
        this.middle = (ingestedMillis & 0xffff_ffff_ffffL) << 16 | (hostSalt & 0xffffL);
        this.chunkBits = (chunkId & 0xffff_ffffL) << 32;
    }

    String id(long timestampMillis, int ordinal) {
        long top = (Math.max(0, timestampMillis) & 0x7fff_ffff_ffffL) << 16;
        long low = chunkBits | (ordinal & 0xffff_ffffL);
        limbs[0] = (int) (top >>> 32);
        limbs[1] = (int) top;
        limbs[2] = (int) (middle >>> 32);
        limbs[3] = (int) middle;
        limbs[4] = (int) (low >>> 32);
        limbs[5] = (int) low;
        int pos = digits.length;
        boolean more = true;
        while (more) {
            // Divide the 192-bit number by 10^9; the remainder gives the next nine digits from the right.
            long rest = 0;
            more = false;
            for (int i = 0; i < limbs.length; i++) {
                long cur = rest << 32 | (limbs[i] & 0xffff_ffffL);
                long q = cur / BILLION;
                limbs[i] = (int) q;
                rest = cur - q * BILLION;
                more |= q != 0;
            }
            for (int k = 0; k < 9; k++) {
                digits[--pos] = (char) ('0' + rest % 10);
                rest /= 10;
            }
        }
        int first = pos;
        while (first < digits.length - 1 && digits[first] == '0') first++;
        int start = Math.min(first, digits.length - DIGITS);
        for (int i = start; i < pos; i++) digits[i] = '0';
        return new String(digits, start, digits.length - start);
    }
}
