package io.tributary.testing;

import io.tributary.spi.ConfigSpec;
import io.tributary.spi.InputContext;
import io.tributary.spi.InputFactory;
import io.tributary.spi.InputPlugin;
import io.tributary.spi.Option;
import io.tributary.spi.PluginConfig;
import io.tributary.spi.PluginEnvironment;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test input {@code push}: does nothing by itself; a test takes its context with {@link #context(String)} and
 * appends records directly. Counts pause and resume calls.
 */
public final class PushInput implements InputFactory {
    static final Option<String> ID = Option.string("id").defaultValue("default").doc("Name to find the context by.");

    private static final Map<String, InputContext> CONTEXTS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> PAUSES = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> RESUMES = new ConcurrentHashMap<>();

    public static InputContext context(String id) {
        InputContext c = CONTEXTS.get(id);
        if (c == null) throw new IllegalStateException("no push input '" + id + "' started");
        return c;
    }

    public static int pauses(String id) { return PAUSES.getOrDefault(id, new AtomicInteger()).get(); }

    public static int resumes(String id) { return RESUMES.getOrDefault(id, new AtomicInteger()).get(); }

    @Override public String name() { return "push"; }

    @Override public String description() { return "Test input driven by the test itself."; }

    @Override public ConfigSpec spec() { return ConfigSpec.of(ID); }

    @Override
    public InputPlugin create(PluginConfig c, PluginEnvironment env) {
        String id = c.get(ID);
        PAUSES.put(id, new AtomicInteger());
        RESUMES.put(id, new AtomicInteger());
        return new InputPlugin() {
            @Override public void start(InputContext context) { CONTEXTS.put(id, context); }
            @Override public void pause() { PAUSES.get(id).incrementAndGet(); }
            @Override public void resume() { RESUMES.get(id).incrementAndGet(); }
            @Override public void stop() { CONTEXTS.remove(id); }
        };
    }
}
