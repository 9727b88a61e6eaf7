package io.tributary.engine;

import io.tributary.spi.ConfigException;
import io.tributary.spi.OptionValues;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code SEND_FAILURE_TIMEOUT}, as the AWS Go plugins read it: a Go duration ({@code 1m30s}, {@code 90s}) or
 * {@code off}. When an output has had data pending this long without one successful flush, the process exits
 * non-zero so that ECS or Kubernetes restarts it.
 */
final class SendFailureTimeout {
    private SendFailureTimeout() {}

    static Optional<Duration> parse(String value) throws ConfigException {
        if (value == null) return Optional.empty();
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.isEmpty() || v.equals("off") || v.equals("false") || v.equals("0")) return Optional.empty();
        try {
            Duration d = OptionValues.parseDuration(v);
            if (d.isZero()) return Optional.empty();
            return Optional.of(d);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("environment: SEND_FAILURE_TIMEOUT: " + e.getMessage()
                    + " (use a Go duration such as 90s or 1m30s, or off)");
        }
    }
}
