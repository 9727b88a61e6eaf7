package io.tributary.output.aws;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BatcherTest {
    private final BatchLimits limits = new BatchLimits(3, 100, 60);

    @Test
    void entryExactlyAtTheRecordLimitFitsAndOneByteOverIsTooLarge() {
        Batcher<String> b = new Batcher<>(limits);
        assertEquals(Batcher.Offer.TOO_LARGE, b.offer("big", 61));
        assertEquals(Batcher.Offer.ADDED, b.offer("max", 60));
        assertEquals(1, b.size());
    }

    @Test
    void requestExactlyAtTheByteLimitFitsAndOneByteOverIsFull() {
        Batcher<String> b = new Batcher<>(limits);
        assertEquals(Batcher.Offer.ADDED, b.offer("a", 60));
        assertEquals(Batcher.Offer.ADDED, b.offer("b", 40));
        assertEquals(100, b.bytes());
        Batcher<String> c = new Batcher<>(limits);
        c.offer("a", 60);
        assertEquals(Batcher.Offer.FULL, c.offer("b", 41));
        assertEquals(1, c.size());
    }

    @Test
    void countLimitMakesTheBatchFull() {
        Batcher<String> b = new Batcher<>(limits);
        for (int i = 0; i < 3; i++) assertEquals(Batcher.Offer.ADDED, b.offer("e" + i, 1));
        assertEquals(Batcher.Offer.FULL, b.offer("e3", 1));
        assertEquals(3, b.entries().size());
    }

    @Test
    void userLimitsNeverExceedTheService() {
        BatchLimits narrowed = BatchLimits.KINESIS.narrowedTo(1000, 64L << 20);
        assertEquals(500, narrowed.maxRecords());
        assertEquals(5L << 20, narrowed.maxRequestBytes());
        assertEquals(100, BatchLimits.KINESIS.narrowedTo(100, 2L << 20).maxRecords());
    }
}
