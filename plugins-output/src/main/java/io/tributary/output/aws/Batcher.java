package io.tributary.output.aws;

import java.util.ArrayList;
import java.util.List;

/**
 * Packs entries into one batch call within {@link BatchLimits}, in the "offer, else flush" shape: an entry that does
 * not fit is refused (FULL) so the caller sends this batch and offers it to a new one. One per batch; not shared
 * between threads.
 */
public final class Batcher<E> {
    public enum Offer { ADDED, FULL, TOO_LARGE }

    private final BatchLimits limits;
    private final List<E> entries;
    private long bytes;

    public Batcher(BatchLimits limits) {
        this.limits = limits;
        this.entries = new ArrayList<>(Math.min(limits.maxRecords(), 512));
    }

    /** {@code size} as {@link BatchApi#encodedSize} gives it. TOO_LARGE: the entry can never be sent. */
    public Offer offer(E entry, int size) {
        if (size > limits.maxRecordBytes()) return Offer.TOO_LARGE;
        if (entries.size() == limits.maxRecords() || bytes + size > limits.maxRequestBytes()) return Offer.FULL;
        entries.add(entry);
        bytes += size;
        return Offer.ADDED;
    }

    public boolean isEmpty() { return entries.isEmpty(); }

    public int size() { return entries.size(); }

    public long bytes() { return bytes; }

    /** The batch so far; the batcher must not be used afterwards. */
    public List<E> entries() { return entries; }
}
