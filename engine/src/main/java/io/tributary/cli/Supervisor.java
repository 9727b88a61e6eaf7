package io.tributary.cli;

import io.tributary.config.ConfigDocument;
import io.tributary.engine.Engine;
import io.tributary.engine.PipelineControl;
import io.tributary.engine.ServiceSettings;
import io.tributary.spi.ConfigException;
import io.tributary.spi.PluginLog;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Owns the running engine and replaces it on a hot reload: the new configuration is validated first (a bad
 * one is refused and the old pipeline keeps running), then the old inputs stop (freeing their ports), the new
 * pipeline starts, and the old outputs drain what they still buffer in the background, so nothing is lost.
 */
final class Supervisor implements PipelineControl {
    private static final PluginLog LOG = PluginLog.of("reload");

    /** Re-reads the configuration from the same files and flags as at start. */
    interface ConfigSource {
        ConfigDocument load() throws ConfigException;
    }

    private final ConfigSource source;
    private final Map<String, String> env;
    private final Consumer<String> fatal;
    private final AtomicInteger reloads = new AtomicInteger();
    private volatile Engine current;
    private ConfigDocument currentDoc;

    Supervisor(ConfigSource source, Map<String, String> env, Consumer<String> fatal, Engine initial, ConfigDocument doc) {
        this.source = source;
        this.env = env;
        this.fatal = fatal;
        this.current = initial;
        this.currentDoc = doc;
    }

    @Override public Engine current() { return current; }

    @Override public int reloads() { return reloads.get(); }

    @Override
    public synchronized ReloadResult reload() {
        Engine old = current;
        if (!old.service().get(ServiceSettings.HOT_RELOAD)) {
            String why = "hot reload is not enabled (set Hot_Reload On in [SERVICE])";
            LOG.warn(why);
            return new ReloadResult(false, why);
        }
        ConfigDocument doc;
        Engine next;
        try {
            doc = source.load();
            next = Engine.create(doc, env);
        } catch (ConfigException e) {
            LOG.error("new configuration rejected, the running pipeline is kept:\n" + e.getMessage());
            return new ReloadResult(false, e.getMessage());
        }
        LOG.info("reloading: stopping inputs of the running pipeline");
        old.stopInputs();
        try {
            next.onFatal(fatal);
            next.start();
        } catch (Exception e) {
            LOG.error("new pipeline failed to start (" + e.getMessage() + "); starting the previous configuration again");
            try {
                Engine again = Engine.create(currentDoc, env);
                again.onFatal(fatal);
                again.start();
                current = again;
            } catch (Exception restore) {
                fatal.accept("could not restore the previous pipeline after a failed reload: " + restore.getMessage());
            }
            drainInBackground(old);
            return new ReloadResult(false, "new pipeline failed to start: " + e.getMessage());
        }
        current = next;
        currentDoc = doc;
        int n = reloads.incrementAndGet();
        drainInBackground(old);
        LOG.info("reload #" + n + " applied");
        return new ReloadResult(true, "reload applied");
    }

    private void drainInBackground(Engine old) {
        Thread.ofPlatform().name("drain-previous-pipeline").start(() -> {
            old.drain(old.service().grace());
            // Filesystem chunks the old pipeline could not deliver in time go to the running one.
            current.adoptBacklog();
        });
    }

    /** Stops the current pipeline within its Grace. */
    synchronized long shutdown() {
        Engine e = current;
        return e.stop(e.service().grace());
    }
}
