package io.tributary.input.forward;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Splits a connection's bytes into Forward messages ({@link ForwardFrame}s), each one msgpack array. Bytes are
 * gathered in a heap buffer (starting at Buffer_Chunk_Size) so the decoders behind read the backing array directly;
 * a frame over Buffer_Max_Size fails with {@link io.netty.handler.codec.TooLongFrameException} before it is
 * buffered, and bytes that cannot be a Forward message with {@link io.netty.handler.codec.CorruptedFrameException}.
 * After a failure the rest of the connection's input is discarded while it closes.
 */
final class ForwardFrameDecoder extends ByteToMessageDecoder {
    private final ForwardFrameScanner scanner;
    private boolean failed;

    ForwardFrameDecoder(int maxFrameBytes, int initialBufferBytes) {
        this.scanner = new ForwardFrameScanner(maxFrameBytes);
        setCumulator(new HeapCumulator(initialBufferBytes));
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        int length;
        try {
            length = scanner.scan(in.array(), in.arrayOffset() + in.readerIndex(), in.readableBytes());
        } catch (RuntimeException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
        if (length < 0) return;
        int elements = scanner.elements();
        int[] starts = new int[elements + 1];
        for (int i = 0; i <= elements; i++) starts[i] = scanner.elementStart(i);
        out.add(new ForwardFrame(in.readRetainedSlice(length), starts, elements));
    }

    /**
     * Gathers input in a heap buffer: the msgpack walkers work on byte arrays, and one copy out of the socket's
     * direct buffer is cheaper than bounds-checked reads through the ByteBuf API for every value.
     */
    private static final class HeapCumulator implements Cumulator {
        private final int initialBytes;

        HeapCumulator(int initialBytes) { this.initialBytes = initialBytes; }

        @Override
        public ByteBuf cumulate(ByteBufAllocator alloc, ByteBuf cumulation, ByteBuf in) {
            try {
                int more = in.readableBytes();
                // Write in place only when no frame slice still shares the buffer (refCnt 1) and it has room.
                if (cumulation.hasArray() && cumulation.refCnt() == 1 && !cumulation.isReadOnly()
                        && cumulation.capacity() > 0 && cumulation.maxWritableBytes() >= more) {
                    cumulation.writeBytes(in);
                    return cumulation;
                }
                int kept = cumulation.readableBytes();
                ByteBuf next = alloc.heapBuffer(Math.max(initialBytes, kept + more));
                next.writeBytes(cumulation, cumulation.readerIndex(), kept).writeBytes(in);
                cumulation.release();
                return next;
            } finally {
                in.release();
            }
        }
    }
}
