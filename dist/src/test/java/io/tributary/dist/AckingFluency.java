package io.tributary.dist;

import org.komamitsu.fluency.fluentd.FluencyBuilderForFluentd;

/**
 * A Fluency client as the delivery tests use it: every message waits for Tributary's ack, and a refused or
 * unanswered one is resent without end (at most 500 ms apart), so what the client counts as sent was acked.
 * close() gives up after 5 s; the tests wait for the buffer to drain themselves.
 */
final class AckingFluency {
    private AckingFluency() {}

    static FluencyBuilderForFluentd builder() {
        FluencyBuilderForFluentd b = new FluencyBuilderForFluentd();
        b.setAckResponseMode(true);
        b.setSenderMaxRetryCount(Integer.MAX_VALUE);
        b.setSenderMaxRetryIntervalMillis(500);
        b.setWaitUntilBufferFlushed(5);
        b.setWaitUntilFlusherTerminated(5);
        return b;
    }
}
