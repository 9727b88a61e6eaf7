package io.tributary.http;

import io.tributary.engine.Engine;
import io.tributary.engine.PipelineControl;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** A pipeline around one real engine whose reload answers what the test tells it, optionally after a gate opens. */
final class FakePipelineControl implements PipelineControl {
    private final Engine engine;
    private final AtomicInteger reloads = new AtomicInteger();
    private final AtomicInteger reloadCalls = new AtomicInteger();
    private final AtomicReference<Supplier<ReloadResult>> answer =
            new AtomicReference<>(() -> new ReloadResult(true, "reloaded"));
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private final CountDownLatch entered = new CountDownLatch(1);

    FakePipelineControl(Engine engine) { this.engine = engine; }

    void answer(Supplier<ReloadResult> a) { answer.set(a); }

    /** Makes reload() wait until {@link #release()}; {@link #awaitEntered()} returns once a reload is waiting. */
    void hold() { gate = new CountDownLatch(1); }

    void release() { gate.countDown(); }

    void awaitEntered() throws InterruptedException {
        if (!entered.await(10, TimeUnit.SECONDS)) throw new AssertionError("reload() was not called within 10s");
    }

    int reloadCalls() { return reloadCalls.get(); }

    @Override public Engine current() { return engine; }

    @Override public ReloadResult reload() {
        reloadCalls.incrementAndGet();
        entered.countDown();
        try {
            if (!gate.await(10, TimeUnit.SECONDS)) throw new IllegalStateException("test never released the reload");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ReloadResult(false, "interrupted");
        }
        ReloadResult r = answer.get().get();
        if (r.applied()) reloads.incrementAndGet();
        return r;
    }

    @Override public int reloads() { return reloads.get(); }
}
