package io.tributary.engine;

/**
 * The running pipeline as the HTTP server and signal handlers see it: the current engine, which changes on a
 * hot reload, and the reload itself.
 */
public interface PipelineControl {
    /** The engine running now. */
    Engine current();

    /**
     * Re-reads the configuration (same files and flags as at start). A bad configuration is rejected with its
     * reason and the running pipeline is kept; a good one replaces it without losing buffered records.
     */
    ReloadResult reload();

    /** How many reloads have been applied since start. */
    int reloads();

    record ReloadResult(boolean applied, String message) {}
}
