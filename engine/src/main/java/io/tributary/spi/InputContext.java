package io.tributary.spi;

import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.record.LogEvent;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * How an input hands records to the engine. The append methods run the matching filters and store the records
 * in the input's buffer; they return only when the records are stored (in memory, or written to disk with
 * filesystem storage), so an input may acknowledge them to its sender once a call returns. They are
 * thread-safe. After an append the engine may call {@link InputPlugin#pause()} when Mem_Buf_Limit is reached;
 * the append itself never drops what it was given.
 */
public interface InputContext {
    /** The instance name: its Alias or e.g. {@code forward.0}. */
    String name();

    /** The configured {@code Tag}, or the instance name when none was set (as Fluent Bit). */
    String tag();

    /** Whether the section set {@code Tag} (inputs such as forward then override the tags they receive). */
    default boolean tagConfigured() { return false; }

    PluginLog log();

    /**
     * Appends encoded events ({@code [[time, metadata], record]} or {@code [time, record]}, back to back).
     * {@code records} must be the number of events in the range.
     */
    void append(String tag, byte[] data, int offset, int length, int records) throws StoreException;

    /** As {@link #append(String, byte[], int, int, int)}, from the buffer's remaining bytes (not consumed). */
    void append(String tag, ByteBuffer data, int records) throws StoreException;

    void append(String tag, LogEvent event) throws StoreException;

    void append(String tag, List<LogEvent> events) throws StoreException;

    /** Whether the engine has paused this input. */
    boolean isPaused();

    /** Counts malformed or refused input (a bad frame, a refused peer): {@code fluentbit_input_errors_total}-style. */
    void countError();

    /** Counts records received but not appended, with a reason (e.g. UDP buffer overrun, oversize frame). */
    void countDropped(String reason, long records);

    Parsers parsers();

    /** For plugin-specific meters (named {@code tributary.input.*}, tagged with the instance name). */
    MeterRegistry meters();
}
