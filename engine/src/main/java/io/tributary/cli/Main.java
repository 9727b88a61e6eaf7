package io.tributary.cli;

import io.tributary.config.ConfigDocument;
import io.tributary.engine.Engine;
import io.tributary.engine.PluginCatalog;
import io.tributary.engine.ServiceSettings;
import io.tributary.engine.Version;
import io.tributary.log.LogLevel;
import io.tributary.log.Logs;
import io.tributary.spi.ConfigException;
import io.tributary.spi.PluginFactory;
import io.tributary.spi.PluginLog;
import io.tributary.spi.PluginType;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/** {@code bin/tributary}: Fluent Bit's command line, then the pipeline until SIGTERM/SIGINT. */
public final class Main {
    private static final PluginLog LOG = PluginLog.of("engine");

    private Main() {}

    public static void main(String[] args) {
        NettyDefaults.apply();
        System.exit(run(args, System.getenv()));
    }

    /** What a stop signal does now: exit at once until the pipeline runs, then a graceful shutdown. */
    private static final java.util.concurrent.atomic.AtomicReference<Runnable> ON_STOP =
            new java.util.concurrent.atomic.AtomicReference<>(() -> Runtime.getRuntime().halt(0));

    static int run(String[] args, Map<String, String> processEnv) {
        // Take the signals first: a SIGTERM during start-up must not end the JVM with status 143.
        Signals.on("TERM", () -> ON_STOP.get().run());
        Signals.on("INT", () -> ON_STOP.get().run());
        Logs.installJulBridge();
        if (args.length > 0 && args[0].equals("--health-check")) return HealthCheck.run(args, processEnv);
        Map<String, String> env = new HashMap<>(processEnv);
        Optional<LogLevel> envLevel = Optional.empty();
        if (env.containsKey("FLB_LOG_LEVEL")) {
            try {
                envLevel = Optional.of(LogLevel.parse(env.get("FLB_LOG_LEVEL")));
                Logs.setLevel(envLevel.get());
            } catch (IllegalArgumentException e) {
                configErrors(List.of("environment: FLB_LOG_LEVEL: " + e.getMessage()));
                return 1;
            }
        }
        CliOptions options;
        try {
            options = CommandLine.parse(args);
        } catch (ConfigException e) {
            configErrors(e.problems());
            System.err.println("Try 'tributary --help' for the options.");
            return 1;
        }
        if (options.version()) {
            System.out.println("Tributary v" + Version.VERSION + " (Fluent Bit compatible)");
            return 0;
        }
        PluginCatalog catalog = PluginCatalog.load();
        if (options.help().isPresent()) return help(options.help().get(), catalog);
        for (String note : options.notes()) LOG.info(note);
        if (options.logLevel().isPresent() && envLevel.isEmpty()) {
            // FLB_LOG_LEVEL wins (the container contract); otherwise a -v/-q flag beats Log_Level.
            env.put("FLB_LOG_LEVEL", options.logLevel().get().name().toLowerCase(java.util.Locale.ROOT));
            Logs.setLevel(options.logLevel().get());
        }
        if (options.configFile().isEmpty() && options.sections().isEmpty()) {
            System.err.print(CommandLine.usage("tributary", allPlugins(catalog)));
            System.err.println("\nNo configuration: give -c FILE, or -i INPUT and -o OUTPUT.");
            return 1;
        }
        Supervisor.ConfigSource source = () -> CommandLine.toDocument(options, env);
        ConfigDocument doc;
        Engine engine;
        try {
            doc = source.load();
            engine = Engine.create(doc, env, catalog, new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
                    io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT));
        } catch (ConfigException e) {
            configErrors(e.problems());
            return 1;
        }
        if (options.dryRun()) {
            System.out.println("configuration test is successful");
            return 0;
        }
        if (!redirectLog(engine.service())) return 1;
        CountDownLatch stopped = new CountDownLatch(1);
        int[] exitCode = {0};
        java.util.function.Consumer<String> fatal = reason -> {
            LOG.error(reason);
            Runtime.getRuntime().halt(1);
        };
        engine.onFatal(fatal);
        Supervisor supervisor = new Supervisor(source, env, fatal, engine, doc);
        Runnable shutdown = () -> {
            synchronized (stopped) {
                if (stopped.getCount() == 0) return;
                LOG.info("received a stop signal");
                supervisor.shutdown();
                stopped.countDown();
            }
        };
        Signals.on("HUP", supervisor::reload);
        OldGenerationLimit.install();
        IdleHeapTrim.start(() -> {
            Engine current = supervisor.current();
            if (current != null) current.releaseSpareArrays();
        });
        try {
            ON_STOP.set(shutdown);
            engine.start();
        } catch (Exception e) {
            LOG.error("could not start: " + e.getMessage(), e);
            engine.stop(java.time.Duration.ZERO);
            return 1;
        }
        AutoCloseable http;
        try {
            http = HttpWiring.start(supervisor);
        } catch (Exception e) {
            LOG.error("could not start the HTTP server: " + e.getMessage(), e);
            supervisor.shutdown();
            return 1;
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (http != null) http.close();
        } catch (Exception ignored) {
            // exiting anyway
        }
        return exitCode[0];
    }

    private static boolean redirectLog(ServiceSettings service) {
        String file = service.get(ServiceSettings.LOG_FILE);
        if (file == null) return true;
        try {
            Logs.setSink(new PrintStream(new FileOutputStream(file, true), true, StandardCharsets.UTF_8));
            return true;
        } catch (IOException e) {
            configErrors(List.of(service.locationOf(ServiceSettings.LOG_FILE) + ": [SERVICE] Log_File: cannot open '"
                    + file + "': " + e.getMessage()));
            return false;
        }
    }

    private static int help(HelpRequest request, PluginCatalog catalog) {
        if (request.general()) {
            System.out.print(CommandLine.usage("tributary", allPlugins(catalog)));
            return 0;
        }
        Optional<PluginType> type = request.pluginType();
        Optional<PluginFactory> f = type.flatMap(t -> catalog.find(t, request.plugin()));
        if (f.isEmpty()) {
            configErrors(List.of("command line: unknown " + request.section().toLowerCase(java.util.Locale.ROOT)
                    + " plugin '" + request.plugin() + "'"));
            return 1;
        }
        System.out.print(PluginHelp.text(f.get()));
        return 0;
    }

    private static List<PluginFactory> allPlugins(PluginCatalog catalog) {
        List<PluginFactory> all = new ArrayList<>();
        for (PluginType t : PluginType.values()) all.addAll(catalog.all(t));
        all.removeIf(f -> f.getClass().getName().startsWith("io.tributary.testing."));
        return all;
    }

    private static void configErrors(List<String> problems) {
        PluginLog config = PluginLog.of("config");
        for (String p : problems) config.error(p);
    }
}
