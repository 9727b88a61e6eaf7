package io.tributary.spi;

import io.micrometer.core.instrument.MeterRegistry;

/** What a running output may use. */
public interface OutputContext {
    String name();

    PluginLog log();

    /** For plugin-specific meters (named {@code tributary.output.*}, tagged with the instance name). */
    MeterRegistry meters();

    /** The number of flushes that may run at once for this instance. */
    int workers();
}
