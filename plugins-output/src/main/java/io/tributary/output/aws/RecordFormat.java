package io.tributary.output.aws;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How the AWS outputs turn a record into the bytes of one service record, as Fluent Bit and the Go plugins do: the
 * record body as one JSON object, or only {@code log_key}'s value; optionally only {@code data_keys}; dots in keys
 * replaced; the time added under {@code time_key}; a newline appended; compressed. Immutable and shared; each
 * flush makes its own {@link RecordFormatter}.
 */
public record RecordFormat(KeyPath logKey, List<String> dataKeys, String timeKey, String timeKeyFormat,
                           TimeFormat.LStyle lStyle, String replaceDots, boolean appendNewline, Compression compression) {
    public RecordFormat {
        dataKeys = dataKeys == null || dataKeys.isEmpty() ? null : List.copyOf(dataKeys);
        if (timeKeyFormat == null) timeKeyFormat = TimeFormat.DEFAULT;
        if (compression == null) compression = Compression.NONE;
        TimeFormat.compile(timeKeyFormat, lStyle);   // fail at configuration, not per record
    }

    /** The whole record as JSON, nothing added. */
    public static RecordFormat plainJson() {
        return new RecordFormat(null, null, null, null, TimeFormat.LStyle.MILLIS, null, false, Compression.NONE);
    }

    byte[][] dataKeyBytes() {
        if (dataKeys == null) return null;
        byte[][] out = new byte[dataKeys.size()][];
        for (int i = 0; i < out.length; i++) out[i] = dataKeys.get(i).getBytes(StandardCharsets.UTF_8);
        return out;
    }

    public RecordFormatter newFormatter() { return new RecordFormatter(this); }
}
