package io.tributary.spi;

/**
 * Records could not be stored (the engine is stopping, storage is unwritable or full). An input that sees this
 * must not acknowledge the records to its sender.
 */
public class StoreException extends Exception {
    public StoreException(String message) { super(message); }
    public StoreException(String message, Throwable cause) { super(message, cause); }
}
