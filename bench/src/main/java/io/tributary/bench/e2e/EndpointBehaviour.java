package io.tributary.bench.e2e;

/** How an AWS endpoint of the harness treats entries: all accepted, some failed once, or throttled. */
interface EndpointBehaviour {
    /** How many of a request's {@code n} entries may be accepted now; the rest fail as throttled. */
    int admit(int n, long nowNanos);

    /** Whether the entry with this sequence number fails on its first attempt. */
    boolean failFirstAttempt(long seq);

    static EndpointBehaviour fast() {
        return new EndpointBehaviour() {
            @Override public int admit(int n, long nowNanos) { return n; }
            @Override public boolean failFirstAttempt(long seq) { return false; }
        };
    }

    /** Every even sequence number fails the first time it arrives: half of all entries, once each. */
    static EndpointBehaviour halfFailOnce() {
        return new EndpointBehaviour() {
            @Override public int admit(int n, long nowNanos) { return n; }
            @Override public boolean failFirstAttempt(long seq) { return seq % 2 == 0; }
        };
    }

    /**
     * A shard-like limit: a token bucket of {@code recordsPerSecond} (one second of burst); entries beyond the
     * tokens fail with ProvisionedThroughputExceededException. Called under the ledger's lock.
     */
    static EndpointBehaviour throttled(long recordsPerSecond) {
        return new EndpointBehaviour() {
            private double tokens = recordsPerSecond;
            private long last = System.nanoTime();

            @Override
            public int admit(int n, long nowNanos) {
                tokens = Math.min(recordsPerSecond, tokens + (nowNanos - last) * recordsPerSecond / 1e9);
                last = nowNanos;
                int ok = (int) Math.min(n, Math.floor(tokens));
                tokens -= ok;
                return ok;
            }

            @Override public boolean failFirstAttempt(long seq) { return false; }
        };
    }
}
