package io.tributary.output.aws;

import io.tributary.spi.PluginConfig;

import java.util.List;

/**
 * The record format options ({@link AwsOptions#FORMAT}) of one output instance, read once for every AWS output.
 * The plugin's origin matters: an AWS Go plugin name ({@code kinesis}, {@code kinesis_firehose}) reads {@code %L}
 * as milliseconds and accepts {@code log_key} with {@code time_key} (sending only the log_key value), where
 * Fluent Bit's core plugins read {@code %L} as nanoseconds and refuse the pair.
 *
 * @param timeKeyIgnored a Go-plugin config set time_key beside log_key; the output says so once at start
 */
public record ConfiguredFormat(RecordFormat format, boolean timeKeyIgnored) {

    /** Reads the format options; problems go to {@code problems} and the result is then null. */
    public static ConfiguredFormat from(PluginConfig c, boolean goPlugin, List<String> dataKeys, List<String> problems) {
        int before = problems.size();
        boolean timeKeyIgnored = false;
        if (c.isSet(AwsOptions.LOG_KEY) && c.isSet(AwsOptions.TIME_KEY)) {
            if (goPlugin) timeKeyIgnored = true;
            else problems.add(c.error(AwsOptions.TIME_KEY, "'time_key' and 'log_key' can not be used together").getMessage());
        }
        TimeFormat.LStyle lStyle = goPlugin ? TimeFormat.LStyle.MILLIS : TimeFormat.LStyle.NANOS;
        try {
            TimeFormat.compile(c.get(AwsOptions.TIME_KEY_FORMAT), lStyle);
        } catch (IllegalArgumentException e) {
            problems.add(c.error(AwsOptions.TIME_KEY_FORMAT, e.getMessage()).getMessage());
        }
        KeyPath logKey = null;
        if (c.isSet(AwsOptions.LOG_KEY)) {
            try {
                logKey = KeyPath.parse(c.get(AwsOptions.LOG_KEY).trim());
            } catch (IllegalArgumentException e) {
                problems.add(c.error(AwsOptions.LOG_KEY, e.getMessage()).getMessage());
            }
        }
        if (problems.size() > before) return null;
        RecordFormat format = new RecordFormat(logKey, dataKeys,
                timeKeyIgnored ? null : c.find(AwsOptions.TIME_KEY).map(String::trim).orElse(null),
                c.get(AwsOptions.TIME_KEY_FORMAT), lStyle, c.find(AwsOptions.REPLACE_DOTS).orElse(null),
                c.get(AwsOptions.APPEND_NEWLINE), Compression.of(c.get(AwsOptions.COMPRESSION)));
        return new ConfiguredFormat(format, timeKeyIgnored);
    }
}
