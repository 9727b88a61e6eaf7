package io.tributary.spi;

import java.util.Objects;

/** A value that must never reach a log line, a metric or an error message: toString hides it. */
public final class Secret {
    private final String value;

    public Secret(String value) { this.value = Objects.requireNonNull(value, "value"); }

    /** The secret itself, for the one place that needs it (a signer, a digest). */
    public String reveal() { return value; }

    public boolean isEmpty() { return value.isEmpty(); }

    @Override public String toString() { return "[hidden]"; }

    @Override public boolean equals(Object o) { return o instanceof Secret s && s.value.equals(value); }

    @Override public int hashCode() { return value.hashCode(); }
}
