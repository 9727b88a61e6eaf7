package io.tributary.record;

/** Bytes that are not the msgpack they claim to be: truncated, an unused type byte, or an absurd declared size. */
public class MalformedMsgpackException extends RuntimeException {
    public MalformedMsgpackException(String message) { super(message); }
}
