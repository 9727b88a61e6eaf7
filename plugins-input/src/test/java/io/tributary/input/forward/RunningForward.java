package io.tributary.input.forward;

import io.tributary.spi.Parsers;
import io.tributary.spi.PluginEnvironment;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A forward input started through its factory on 127.0.0.1, an ephemeral port, with a recording context. */
final class RunningForward implements AutoCloseable {
    final RecordingInputContext context;
    final ForwardInput input;

    private RunningForward(RecordingInputContext context, ForwardInput input) {
        this.context = context;
        this.input = input;
    }

    /** Starts with {@code Listen 127.0.0.1}, {@code Port 0} and the given options. */
    static RunningForward start(RecordingInputContext context, String... options) throws Exception {
        List<String> kv = new ArrayList<>(List.of("Listen", "127.0.0.1", "Port", "0"));
        kv.addAll(Arrays.asList(options));
        return startExactly(context, kv.toArray(new String[0]));
    }

    /** Starts with exactly these options. */
    static RunningForward startExactly(RecordingInputContext context, String... options) throws Exception {
        MapPluginConfig config = MapPluginConfig.of(ForwardConfig.SPEC, options);
        ForwardInput input = (ForwardInput) new ForwardInputFactory().create(config, environment());
        input.start(context);
        return new RunningForward(context, input);
    }

    static PluginEnvironment environment() {
        return new PluginEnvironment() {
            @Override public Parsers parsers() { return Parsers.none(); }
            @Override public Map<String, String> env() { return Map.of(); }
            @Override public Optional<String> service(String key) { return Optional.empty(); }
            @Override public Optional<Path> storagePath() { return Optional.empty(); }
            @Override public Path configDirectory() { return Path.of(".").toAbsolutePath(); }
        };
    }

    int port() {
        for (SocketAddress a : input.boundAddresses()) if (a instanceof InetSocketAddress in) return in.getPort();
        throw new IllegalStateException("no TCP listener");
    }

    RawForwardClient connect() throws Exception { return new RawForwardClient(port()); }

    @Override public void close() { input.stop(); }
}
