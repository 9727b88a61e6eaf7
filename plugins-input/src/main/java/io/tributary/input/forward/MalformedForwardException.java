package io.tributary.input.forward;

/** A complete frame that is not a valid Forward message (wrong shape, type, time, option or compressed payload). */
final class MalformedForwardException extends Exception {
    MalformedForwardException(String message) { super(message, null, false, false); }
}
