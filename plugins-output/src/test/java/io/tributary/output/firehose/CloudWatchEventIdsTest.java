package io.tributary.output.firehose;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CloudWatchEventIdsTest {
    /** The id as a plain big number, for comparison. */
    private static String expected(long ts, long ingested, int salt, long chunk, int ordinal) {
        BigInteger v = BigInteger.valueOf(ts).shiftLeft(144)
                .or(BigInteger.valueOf(ingested).shiftLeft(80))
                .or(BigInteger.valueOf(salt & 0xffffL).shiftLeft(64))
                .or(BigInteger.valueOf(chunk & 0xffffffffL).shiftLeft(32))
                .or(BigInteger.valueOf(ordinal & 0xffffffffL));
        String s = v.toString();
        return s.length() >= 56 ? s : "0".repeat(56 - s.length()) + s;
    }

    @Test
    void matchesTheBigNumberItStandsFor() {
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < 20_000; i++) {
            long ts = r.nextLong(0, 4_000_000_000_000L);
            long ingested = r.nextLong(0, 4_000_000_000_000L);
            int salt = r.nextInt(0, 1 << 16);
            long chunk = r.nextLong(0, 1L << 32);
            int ordinal = r.nextInt();
            CloudWatchEventIds ids = new CloudWatchEventIds(ingested, salt, chunk);
            assertEquals(expected(ts, ingested, salt, chunk, ordinal), ids.id(ts, ordinal));
        }
    }

    @Test
    void theExampleShapeFromTheCloudWatchDocumentation() {
        // 1432826855000 ms, as in AWS's example of subscription data: the id begins with 3195310660696698337...
        String id = new CloudWatchEventIds(1_432_827_365_364L, 0, 0).id(1_432_826_855_000L, 0);
        assertEquals(56, id.length());
        assertEquals("31953106606966983378", id.substring(0, 20));
        assertEquals(BigInteger.valueOf(1_432_826_855_000L), new BigInteger(id).shiftRight(144));
        assertEquals("0".repeat(55) + "7", new CloudWatchEventIds(0, 0, 0).id(0, 7));
    }
}
