package io.tributary.input.pipe;

import java.time.Instant;
import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * Cuts a byte stream into lines (LF, with a CR before it dropped; empty lines skipped). A line may span reads; it
 * is carried over, up to {@code maxLineBytes}, beyond which the line is skipped up to its LF and reported once.
 */
final class LineSplitter {
    interface Sink { void line(byte[] b, int off, int len, Instant receivedAt); }

    private final int maxLineBytes;
    private byte[] carry;
    private int carried;
    private boolean discarding;
    private long discarded;

    LineSplitter(int initialBytes, int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
        this.carry = new byte[Math.min(initialBytes, maxLineBytes)];
    }

    void feed(byte[] b, int off, int len, Instant now, Sink sink, LongConsumer oversize) {
        int end = off + len;
        int start = off;
        for (int i = off; i < end; i++) {
            if (b[i] != '\n') continue;
            if (discarding) {
                oversize.accept(discarded + (i - start));
                discarding = false;
                discarded = 0;
            } else if (carried > 0) {
                append(b, start, i - start);
                if (!discarding) emit(carry, 0, carried, now, sink, oversize);
                else {
                    oversize.accept(discarded);
                    discarding = false;
                    discarded = 0;
                }
                carried = 0;
            } else {
                emit(b, start, i - start, now, sink, oversize);
            }
            start = i + 1;
        }
        if (start < end) {
            if (discarding) discarded += end - start;
            else append(b, start, end - start);
        }
    }

    /** The writer closed: a last line without LF is still a line. */
    void finish(Instant now, Sink sink, LongConsumer oversize) {
        if (discarding) oversize.accept(discarded);
        else if (carried > 0) emit(carry, 0, carried, now, sink, oversize);
        discarding = false;
        discarded = 0;
        carried = 0;
    }

    private void append(byte[] b, int off, int len) {
        if (carried + len > maxLineBytes) {
            discarding = true;
            discarded = (long) carried + len;
            carried = 0;
            return;
        }
        if (carried + len > carry.length) carry = Arrays.copyOf(carry, Math.min(maxLineBytes, Math.max(carried + len, carry.length * 2)));
        System.arraycopy(b, off, carry, carried, len);
        carried += len;
    }

    private void emit(byte[] b, int off, int len, Instant now, Sink sink, LongConsumer oversize) {
        if (len > 0 && b[off + len - 1] == '\r') len--;
        if (len == 0) return;
        if (len > maxLineBytes) {
            oversize.accept(len);
            return;
        }
        sink.line(b, off, len, now);
    }
}
