package io.tributary.cli;

import io.tributary.engine.PipelineControl;
import io.tributary.engine.ServiceSettings;
import io.tributary.http.HttpServer;

import java.io.IOException;

/** Starts the HTTP server when [SERVICE] HTTP_Server is on (or -H); null otherwise. */
final class HttpWiring {
    private HttpWiring() {}

    static AutoCloseable start(PipelineControl control) throws IOException {
        if (!control.current().service().get(ServiceSettings.HTTP_SERVER)) return null;
        return HttpServer.start(control);
    }
}
