package io.tributary.input.syslog;

import io.tributary.record.MsgpackWriter;

/**
 * Turns one syslog message (the bytes of one frame or datagram) into one event in a batch buffer. The built-in
 * parsers and named {@code [PARSER]}s implement it. One instance per connection or reading thread.
 */
interface EventEncoder {
    /**
     * Appends one event {@code [[time, {}], body]} for {@code b[off, off+len)} to {@code out}.
     *
     * @return false when the message did not match a named parser (the event is still written, holding the
     *         raw text, so nothing is lost; the caller counts the mismatch)
     */
    boolean encode(byte[] b, int off, int len, Peer peer, long nowSeconds, int nowNanos, MsgpackWriter out);
}
