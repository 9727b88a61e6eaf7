package io.tributary.filter.throttle;

import io.tributary.spi.ConfigException;
import io.tributary.spi.ConfigSpec;
import io.tributary.spi.FilterFactory;
import io.tributary.spi.FilterPlugin;
import io.tributary.spi.Option;
import io.tributary.spi.PluginConfig;
import io.tributary.spi.PluginEnvironment;

import java.time.Duration;

/** Fluent Bit's {@code throttle} filter. */
public final class ThrottleFactory implements FilterFactory {
    static final Option<Double> RATE = Option.decimal("Rate").defaultValue("1")
            .doc("Records allowed per Interval, averaged over the Window.");
    static final Option<Integer> WINDOW = Option.integer("Window").defaultValue("5").doc("Number of intervals averaged.");
    static final Option<String> INTERVAL = Option.string("Interval").defaultValue("1")
            .doc("Length of one pane: a number with an optional s, m, h or d suffix.");
    static final Option<Boolean> PRINT_STATUS = Option.bool("Print_Status").defaultValue("false")
            .doc("Log the current rate every interval.");

    @Override public String name() { return "throttle"; }

    @Override public String description() {
        return "Limits the record rate with a sliding window (the average per Interval over Window intervals must stay"
                + " below Rate); records over the limit are dropped and counted. As in Fluent Bit, a Rate or Window of 1"
                + " or less, or an invalid Interval, falls back to the default (Rate 1, Window 5, Interval 1s) with a warning.";
    }

    @Override public ConfigSpec spec() { return ConfigSpec.of(RATE, WINDOW, INTERVAL, PRINT_STATUS); }

    @Override public FilterPlugin create(PluginConfig config, PluginEnvironment env) throws ConfigException {
        double rate = config.get(RATE);
        int window = config.get(WINDOW);
        var log = io.tributary.spi.PluginLog.of("filter:throttle:" + config.instanceName());
        if (rate <= 1 && config.isSet(RATE) && rate != 1) {
            log.warn(config.locationOf(RATE) + ": Rate " + rate + " is not above 1; using 1 as Fluent Bit does");
            rate = 1;
        }
        if (window <= 1) {
            log.warn(config.locationOf(WINDOW) + ": Window " + window + " is not above 1; using 5 as Fluent Bit does");
            window = 5;
        }
        String intervalText = config.get(INTERVAL).trim();
        Duration interval = parseInterval(intervalText);
        if (interval == null) {
            log.warn(config.locationOf(INTERVAL) + ": invalid Interval '" + intervalText + "'; using 1 second as Fluent Bit does");
            interval = Duration.ofSeconds(1);
        }
        return new ThrottleFilter(rate, window, interval, intervalText, config.get(PRINT_STATUS));
    }

    /** A positive number with an optional s, m, h or d suffix; null when invalid. */
    static Duration parseInterval(String text) {
        if (text.isEmpty()) return null;
        char last = text.charAt(text.length() - 1);
        double scale = switch (last) {
            case 's' -> 1;
            case 'm' -> 60;
            case 'h' -> 3600;
            case 'd' -> 86400;
            default -> Character.isDigit(last) || last == '.' ? 1 : -1;
        };
        if (scale < 0) return null;
        String number = Character.isDigit(last) || last == '.' ? text : text.substring(0, text.length() - 1);
        try {
            double seconds = Double.parseDouble(number) * scale;
            if (!(seconds > 0)) return null;
            return Duration.ofNanos((long) (seconds * 1e9));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
