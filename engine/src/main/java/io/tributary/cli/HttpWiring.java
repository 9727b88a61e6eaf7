package io.tributary.cli;

import io.tributary.engine.PipelineControl;

/** Starts the HTTP server when [SERVICE] HTTP_Server is on. */
final class HttpWiring {
    private HttpWiring() {}

    static AutoCloseable start(PipelineControl control) {
        return null;
    }
}
