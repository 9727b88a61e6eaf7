package io.tributary.http;

import io.tributary.engine.Engine;
import io.tributary.engine.PipelineControl;

/**
 * What every endpoint reads: the pipeline (whose engine changes on a hot reload), the host name and the start
 * time. Uptime counts from the first engine's start, so a hot reload does not reset it (the process kept running).
 */
final class ServerContext {
    private final PipelineControl control;
    private final String hostname;
    private final long startedMillis;
    private final HealthWindow health;

    ServerContext(PipelineControl control, String hostname, HealthWindow health) {
        this.control = control;
        this.hostname = hostname;
        this.startedMillis = control.current().startedMillis();
        this.health = health;
    }

    PipelineControl control() { return control; }
    Engine engine() { return control.current(); }
    String hostname() { return hostname; }
    long startedMillis() { return startedMillis; }
    HealthWindow health() { return health; }

    long uptimeSeconds() { return Math.max(0, (System.currentTimeMillis() - startedMillis) / 1000); }
}
