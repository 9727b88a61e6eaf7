package io.tributary.bench.e2e;

import java.util.BitSet;

/**
 * What an AWS endpoint of the harness received, by the records' sequence numbers: how many entries came in how
 * many requests, how many were accepted, how many of those had been accepted before (duplicates), and which
 * failed. The {@link EndpointBehaviour} decides which entries fail; a request is settled under one lock.
 */
final class DeliveryLedger {
    /** A consistent copy of the counts. */
    record Counts(long requests, long fullRequests, long rejectedRequests, long entries, long accepted,
                  long unique, long duplicates, long failedEntries, long withoutSequence, long firstRequestNanos,
                  long lastAcceptNanos) {
        double entriesPerRequest() { return requests == 0 ? 0 : (double) entries / requests; }
        double fullRequestShare() { return requests == 0 ? 0 : (double) fullRequests / requests; }

        /** What happened after {@code before} was taken. */
        Counts since(Counts before) {
            return new Counts(requests - before.requests, fullRequests - before.fullRequests,
                    rejectedRequests - before.rejectedRequests, entries - before.entries, accepted - before.accepted,
                    unique - before.unique, duplicates - before.duplicates, failedEntries - before.failedEntries,
                    withoutSequence - before.withoutSequence, firstRequestNanos, lastAcceptNanos);
        }
    }

    private final BitSet seen = new BitSet();
    private final BitSet acceptedSeqs = new BitSet();
    private long requests;
    private long fullRequests;
    private long rejectedRequests;
    private long entries;
    private long accepted;
    private long unique;
    private long duplicates;
    private long failed;
    private long withoutSequence;
    private long firstRequestNanos;
    private long lastAcceptNanos;

    /**
     * Settles one request of {@code n} entries whose sequence numbers are {@code seqs} (-1: none found):
     * sets {@code failedOut[i]} for the entries that fail and returns how many failed.
     */
    synchronized int settle(long[] seqs, int n, boolean full, EndpointBehaviour behaviour, boolean[] failedOut) {
        long now = System.nanoTime();
        if (requests == 0) firstRequestNanos = now;
        requests++;
        entries += n;
        if (full) fullRequests++;
        int admitted = behaviour.admit(n, now);
        int failedHere = 0;
        for (int i = 0; i < n; i++) {
            long seq = seqs[i];
            boolean known = seq >= 0 && seq <= Integer.MAX_VALUE;
            boolean first = known && !seen.get((int) seq);
            if (known) seen.set((int) seq);
            boolean fail = i >= admitted || (first && behaviour.failFirstAttempt(seq));
            failedOut[i] = fail;
            if (fail) { failedHere++; continue; }
            accepted++;
            lastAcceptNanos = now;
            if (!known) withoutSequence++;
            else if (acceptedSeqs.get((int) seq)) duplicates++;
            else { acceptedSeqs.set((int) seq); unique++; }
        }
        failed += failedHere;
        return failedHere;
    }

    synchronized void rejected() { rejectedRequests++; }

    synchronized Counts counts() {
        return new Counts(requests, fullRequests, rejectedRequests, entries, accepted, unique, duplicates,
                failed, withoutSequence, firstRequestNanos, lastAcceptNanos);
    }
}
