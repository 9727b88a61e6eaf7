package io.tributary.bench.e2e;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class DeliveryLedgerTest {
    @Test
    void halfFailOnceFailsEvenSequenceNumbersOnlyTheFirstTimeAndCountsResentSuccessesAsDuplicates() {
        DeliveryLedger ledger = new DeliveryLedger();
        EndpointBehaviour b = EndpointBehaviour.halfFailOnce();
        boolean[] failed = new boolean[4];
        assertEquals(2, ledger.settle(new long[] {0, 1, 2, 3}, 4, false, b, failed));
        assertArrayEquals(new boolean[] {true, false, true, false}, failed);
        // A whole-batch resend (what Fluent Bit does): 1 and 3 arrive again and are duplicates.
        assertEquals(0, ledger.settle(new long[] {0, 1, 2, 3}, 4, false, b, failed));
        DeliveryLedger.Counts c = ledger.counts();
        assertEquals(4, c.unique());
        assertEquals(2, c.duplicates());
        assertEquals(2, c.failedEntries());
        assertEquals(2, c.requests());
        assertEquals(8, c.entries());
    }

    @Test
    void throttlingAdmitsNoMoreThanTheBucketHolds() {
        DeliveryLedger ledger = new DeliveryLedger();
        EndpointBehaviour b = EndpointBehaviour.throttled(100);
        long[] seqs = new long[500];
        for (int i = 0; i < 500; i++) seqs[i] = i;
        boolean[] failed = new boolean[500];
        int f = ledger.settle(seqs, 500, true, b, failed);
        assertEquals(400, f, "one second of burst: 100 admitted");
        assertEquals(100, ledger.counts().unique());
        assertEquals(1, ledger.counts().fullRequests());
    }

    @Test
    void metricsOfFluentBitsShapeAreSummedOverInstances() throws Exception {
        String json = "{\"input\":{\"forward.0\":{\"records\":10,\"bytes\":300},\"forward.1\":{\"records\":5,\"bytes\":1}},"
                + "\"filter\":{},\"output\":{\"null.0\":{\"proc_records\":12,\"proc_bytes\":3,\"errors\":0,\"retries\":0,"
                + "\"retries_failed\":0,\"dropped_records\":2,\"retried_records\":0}}}";
        MetricsProbe.Totals t = MetricsProbe.parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(new MetricsProbe.Totals(15, 12, 2), t);
    }
}
