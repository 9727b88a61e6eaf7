package io.tributary.engine;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The byte arrays of full-sized memory chunks that every output has finished with, handed to the next full-sized
 * chunk instead of a new array. Under load a chunk lives through one or more young collections (it waits for its
 * flush, its retries, or for room under Mem_Buf_Limit), so its 2 MB array is copied into the old generation and
 * dies there. Without reuse the old generation filled with dead chunk arrays between full collections and the heap
 * grew to several times what was buffered (JFR and GC logs of the throttled-Kinesis benchmark: 32 MB buffered, a
 * 690 MB heap). Reused arrays stay put, so the heap holds about what is buffered plus this pool.
 *
 * <p>Only arrays of at least {@link #MIN_LENGTH} are kept (small chunks of quiet tags die young and cost nothing),
 * and at most {@code limitBytes} in all, so a burst that allocated hundreds of arrays does not pin them. An array
 * may be given back only when nothing else refers to it: the engine does that when the last output has released
 * the chunk (a flush returns before its output lets go of the chunk; a retry's remainder is a copy).
 */
final class SpareChunkArrays {
    /** Arrays below this are not worth keeping: only full-sized chunks (sealed at 2 MB) cost promotions. */
    static final int MIN_LENGTH = InputInstance.SEAL_BYTES;
    /** New arrays for full-sized chunks are rounded up to this, so spares fit the next chunk of a similar size. */
    private static final int ROUNDING = 64 * 1024;

    private final long limitBytes;
    private final ArrayDeque<byte[]> spares = new ArrayDeque<>();
    private long spareBytes;
    private long reused;

    SpareChunkArrays(long limitBytes) { this.limitBytes = limitBytes; }

    /**
     * An array for a chunk that needs {@code minLength} bytes and would like {@code wantedLength} (room for a last
     * append past the seal size), whose contents are undefined: a spare of at least {@code minLength} if there is
     * one, otherwise a new array of {@code wantedLength}, rounded up when it is full-sized so that it can serve
     * later chunks of a similar size once it is given back.
     */
    byte[] take(int minLength, int wantedLength) {
        if (minLength >= MIN_LENGTH) {
            synchronized (spares) {
                // Most recently returned first: its pages are the likeliest to be in cache.
                for (Iterator<byte[]> it = spares.descendingIterator(); it.hasNext(); ) {
                    byte[] a = it.next();
                    if (a.length >= minLength) {
                        it.remove();
                        spareBytes -= a.length;
                        reused++;
                        return a;
                    }
                }
            }
            long rounded = ((long) Math.max(minLength, wantedLength) + ROUNDING - 1) / ROUNDING * ROUNDING;
            return new byte[(int) Math.min(rounded, Integer.MAX_VALUE - 8)];
        }
        return new byte[Math.max(minLength, wantedLength)];
    }

    /** Keeps {@code array} for a later chunk if it is full-sized and there is room; the caller must not use it again. */
    void give(byte[] array) {
        if (array.length < MIN_LENGTH) return;
        synchronized (spares) {
            if (spareBytes + array.length > limitBytes) return;
            spares.addLast(array);
            spareBytes += array.length;
        }
    }

    /** Lets go of every spare array: the engine went quiet, and they would only hold memory until the next burst. */
    void clear() {
        synchronized (spares) {
            spares.clear();
            spareBytes = 0;
        }
    }

    /** Bytes held in spare arrays. */
    long spareBytes() {
        synchronized (spares) {
            return spareBytes;
        }
    }

    /** How many chunks got a spare array instead of a new one. */
    long reused() {
        synchronized (spares) {
            return reused;
        }
    }
}
