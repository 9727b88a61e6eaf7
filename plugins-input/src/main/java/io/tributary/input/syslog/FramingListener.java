package io.tributary.input.syslog;

/**
 * What a frame decoder reports instead of throwing: each problem costs the one frame it concerns, never the
 * connection, so the frames before and after it are kept.
 */
interface FramingListener {
    /** A frame longer than {@code Buffer_Max_Size} was skipped. */
    void oversize(long frameBytes);

    /** Bytes that are not a frame (a bad length prefix, binary noise) were skipped up to the next newline. */
    void malformed(String what);

    /** The peer closed the connection in the middle of a frame; {@code bytes} of it had arrived. */
    void truncated(long bytes);
}
