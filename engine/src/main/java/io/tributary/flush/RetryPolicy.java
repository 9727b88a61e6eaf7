package io.tributary.flush;

/** How many times a failed flush of one chunk to one output is tried again ({@code Retry_Limit}). */
public record RetryPolicy(int maxRetries) {
    public static final RetryPolicy UNLIMITED = new RetryPolicy(-1);

    public boolean unlimited() { return maxRetries < 0; }

    /** Whether retry number {@code retry} (1-based) is still allowed. */
    public boolean allows(int retry) { return maxRetries < 0 || retry <= maxRetries; }

    @Override public String toString() { return maxRetries < 0 ? "no_limits" : Integer.toString(maxRetries); }
}
