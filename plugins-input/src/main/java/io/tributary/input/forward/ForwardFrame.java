package io.tributary.input.forward;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * One complete Forward message: a heap buffer slice holding the msgpack array, and where each of its top-level
 * elements starts, as {@link ForwardFrameScanner} found them. The receiver must release it.
 */
final class ForwardFrame extends DefaultByteBufHolder {
    private final int[] starts;
    private final int elements;

    /** {@code starts[i]} is element i's offset in the slice; {@code starts[elements]} is the frame length. */
    ForwardFrame(ByteBuf heapSlice, int[] starts, int elements) {
        super(heapSlice);
        this.starts = starts;
        this.elements = elements;
    }

    /** The backing array; the frame is {@code array()[base(), base() + length())}. */
    byte[] array() { return content().array(); }

    int base() { return content().arrayOffset() + content().readerIndex(); }

    int length() { return content().readableBytes(); }

    int elements() { return elements; }

    /** Offset of top-level element {@code i} from {@link #base()}; {@code elementStart(elements())} is the end. */
    int elementStart(int i) { return starts[i]; }
}
