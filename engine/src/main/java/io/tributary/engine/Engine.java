package io.tributary.engine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tributary.buffer.FileStorage;
import io.tributary.buffer.StorageSettings;
import io.tributary.buffer.StoredChunk;
import io.tributary.config.ConfigDocument;
import io.tributary.config.ConfigSection;
import io.tributary.flush.Backoff;
import io.tributary.flush.RetryPolicy;
import io.tributary.log.LogLevel;
import io.tributary.log.Logs;
import io.tributary.route.Routes;
import io.tributary.route.TagMatcher;
import io.tributary.spi.ConfigException;
import io.tributary.spi.FilterFactory;
import io.tributary.spi.FilterPlugin;
import io.tributary.spi.InputFactory;
import io.tributary.spi.InputPlugin;
import io.tributary.spi.OutputFactory;
import io.tributary.spi.OutputPlugin;
import io.tributary.spi.Parsers;
import io.tributary.spi.PluginConfig;
import io.tributary.spi.PluginFactory;
import io.tributary.spi.PluginLog;
import io.tributary.spi.PluginType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.PatternSyntaxException;

/**
 * One pipeline: inputs, filters and outputs built from a validated configuration, the memory buffers, the flush
 * tick, retries and the send-failure watchdog. Build it with {@link #create} (validates everything, starts
 * nothing: this is also the dry run), then {@link #start()} and {@link #stop(Duration)}.
 */
public final class Engine {
    private static final PluginLog LOG = PluginLog.of("engine");

    private final ServiceSettings service;
    private final MeterRegistry registry;
    private final Parsers parsers;
    private final List<InputInstance> inputs;
    private final List<FilterInstance> filters;
    private final List<OutputInstance> outputs;
    private final Routes<FilterInstance, OutputInstance> routes;
    private final Optional<Duration> sendFailureTimeout;
    private final Map<String, String> env;
    /** Null when no storage.path is set. */
    private final FileStorage storage;
    /** Where the filesystem backlog found at start enters, as Fluent Bit's storage_backlog input; null until then. */
    private volatile InputInstance backlog;

    private final ScheduledExecutorService timer;
    private final ExecutorService flushExecutor;
    private final Semaphore flushSlots;
    private final AtomicLong chunkIds = new AtomicLong();
    /** 32 MB: a throttled output's Mem_Buf_Limit 32M of full chunks, and about 10 chunks in flight on a fast one. */
    /** At most 32 MB, and a sixteenth of a small (sidecar) heap, which also holds the buffer and the outputs' work. */
    private final SpareChunkArrays spareArrays = new SpareChunkArrays(
            Math.min(32L * 1024 * 1024, java.lang.Runtime.getRuntime().maxMemory() / 16));
    private final MemoryBudget memoryBudget;
    private final List<InputInstance> emitters = new CopyOnWriteArrayList<>();
    private final Map<FilterInstance, InputInstance> emitterByFilter = new ConcurrentHashMap<>();
    private final Object idle = new Object();
    private final long startedMillis = System.currentTimeMillis();

    private volatile boolean accepting = true;
    private volatile boolean shuttingDown;
    private volatile boolean started;
    private boolean drained;
    private volatile Consumer<String> fatalHandler = reason -> {
        LOG.error(reason);
        System.exit(1);
    };

    private Engine(ServiceSettings service, MeterRegistry registry, Parsers parsers, Map<String, String> env,
                   Optional<Duration> sendFailureTimeout, ScheduledExecutorService timer,
                   List<PendingInput> pendingInputs, List<PendingFilter> pendingFilters, List<PendingOutput> pendingOutputs) {
        this.service = service;
        this.registry = registry;
        this.parsers = parsers;
        this.env = env;
        this.sendFailureTimeout = sendFailureTimeout;
        this.timer = timer;
        this.flushExecutor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("flush-", 0).factory());
        this.flushSlots = new Semaphore(service.get(ServiceSettings.FLUSH_CONCURRENCY));
        Backoff backoff = new Backoff(service.get(ServiceSettings.SCHEDULER_BASE), service.get(ServiceSettings.SCHEDULER_CAP),
                ThreadLocalRandom.current());
        OutputInstance.FlushRuntime runtime = new Runtime();
        List<OutputInstance> outs = new ArrayList<>();
        for (PendingOutput p : pendingOutputs) {
            outs.add(new OutputInstance(p.name, p.plugin, p.instance, p.matcher, p.workers, p.retry, backoff, registry, runtime,
                    p.storageLimitBytes));
        }
        this.outputs = List.copyOf(outs);
        List<FilterInstance> fs = new ArrayList<>();
        for (PendingFilter p : pendingFilters) {
            fs.add(new FilterInstance(p.name, p.plugin, p.instance, p.matcher, parsers, registry, timer));
        }
        this.filters = List.copyOf(fs);
        List<Routes.Matched<FilterInstance>> fm = new ArrayList<>();
        for (FilterInstance f : filters) fm.add(new Routes.Matched<>(f, f.matcher()));
        List<Routes.Matched<OutputInstance>> om = new ArrayList<>();
        for (OutputInstance o : outputs) om.add(new Routes.Matched<>(o, o.matcher()));
        this.routes = new Routes<>(fm, om);
        this.memoryBudget = new MemoryBudget(MemoryBudget.resolve(service.get(ServiceSettings.STORAGE_TOTAL_MEM_LIMIT),
                java.lang.Runtime.getRuntime().maxMemory()));
        Pipeline pipeline = new EnginePipeline();
        for (FilterInstance f : filters) f.attach(pipeline);
        this.storage = service.storagePath().map(path -> new FileStorage(new StorageSettings(path,
                "full".equals(service.get(ServiceSettings.STORAGE_SYNC)), service.get(ServiceSettings.STORAGE_MAX_CHUNKS_UP),
                service.get(ServiceSettings.STORAGE_BACKLOG_MEM_LIMIT),
                service.get(ServiceSettings.STORAGE_DELETE_IRRECOVERABLE)))).orElse(null);
        List<InputInstance> ins = new ArrayList<>();
        for (PendingInput p : pendingInputs) {
            ins.add(new InputInstance(p.name, p.plugin, p.instance, p.tag, p.memBufLimit, pipeline, parsers, registry, null,
                    p.tagConfigured, p.filesystem ? storage : null, p.pauseOnChunksOverlimit));
        }
        this.inputs = List.copyOf(ins);
    }

    /** An engine from classic-format config text (tests, embedding). */
    public static Engine fromText(String classicConfig, Map<String, String> env) throws ConfigException {
        return create(io.tributary.config.ConfigLoader.parseClassic(classicConfig, Path.of("inline.conf"), env), env);
    }

    /** An engine from a config file, classic or YAML by its extension. */
    public static Engine load(Path file, Map<String, String> env) throws ConfigException {
        return create(io.tributary.config.ConfigLoader.load(file, env), env);
    }

    /** Validates the whole configuration and creates (but does not start) every plugin. */
    public static Engine create(ConfigDocument doc, Map<String, String> env) throws ConfigException {
        return create(doc, env, PluginCatalog.load(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    public static Engine create(ConfigDocument doc, Map<String, String> env, PluginCatalog catalog, MeterRegistry registry)
            throws ConfigException {
        List<String> problems = new ArrayList<>();
        ServiceSettings service = ServiceSettings.from(doc.sections("SERVICE"), problems);
        Optional<Duration> sendFailure = Optional.empty();
        try {
            sendFailure = SendFailureTimeout.parse(env.get("SEND_FAILURE_TIMEOUT"));
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        if (env.containsKey("FLB_LOG_LEVEL")) {
            try {
                LogLevel.parse(env.get("FLB_LOG_LEVEL"));
            } catch (IllegalArgumentException e) {
                problems.add("environment: FLB_LOG_LEVEL: " + e.getMessage());
            }
        }
        Parsers parsers = ParserSetup.load(doc, service, env, problems);
        EngineEnvironment pluginEnv = new EngineEnvironment(parsers, Map.copyOf(env), service, doc.directory());

        Map<String, Integer> indexes = new HashMap<>();
        List<PendingInput> ins = new ArrayList<>();
        List<PendingFilter> fs = new ArrayList<>();
        List<PendingOutput> outs = new ArrayList<>();
        Map<String, String> instanceNames = new HashMap<>();
        for (ConfigSection s : doc.sections()) {
            PluginType type = switch (s.name().toUpperCase(Locale.ROOT)) {
                case "INPUT" -> PluginType.INPUT;
                case "FILTER" -> PluginType.FILTER;
                case "OUTPUT" -> PluginType.OUTPUT;
                default -> null;
            };
            if (type == null) continue;
            Optional<String> pluginName = s.get("name");
            if (pluginName.isEmpty() || pluginName.get().isBlank()) {
                problems.add(s.location() + ": " + type.section() + ": missing required key 'Name'");
                continue;
            }
            String name = pluginName.get().trim();
            Optional<PluginFactory> factory = catalog.find(type, name);
            if (factory.isEmpty()) {
                problems.add(s.entry("name").get().location() + ": " + type.section() + ": unknown " + type.name().toLowerCase(Locale.ROOT)
                        + " plugin '" + name + "'" + nearest(name, catalog.names(type)));
                continue;
            }
            String key = type + ":" + factory.get().name();
            int index = indexes.merge(key, 1, Integer::sum) - 1;
            String instanceName = s.get("alias").map(String::trim).filter(a -> !a.isEmpty())
                    .orElse(factory.get().name() + "." + index);
            String previous = instanceNames.put(type + ":" + instanceName, s.location().toString());
            if (previous != null) {
                problems.add(s.location() + ": " + type.section() + " " + name + ": instance name '" + instanceName
                        + "' is already used at " + previous);
            }
            int before = problems.size();
            ValidConfig cfg = SectionValidator.validate(s, type, name, instanceName, factory.get().spec(), problems);
            if (problems.size() > before) continue;
            try {
                switch (type) {
                    case INPUT -> ins.add(pendingInput(cfg, (InputFactory) factory.get(), pluginEnv, service, problems));
                    case FILTER -> fs.add(pendingFilter(cfg, (FilterFactory) factory.get(), pluginEnv, problems));
                    case OUTPUT -> outs.add(pendingOutput(cfg, (OutputFactory) factory.get(), pluginEnv, problems));
                }
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            } catch (RuntimeException e) {
                problems.add(s.location() + ": " + type.section() + " " + name + ": " + e.getMessage());
            }
        }
        fs.removeIf(java.util.Objects::isNull);
        outs.removeIf(java.util.Objects::isNull);
        if (!problems.isEmpty()) throw new ConfigException(problems);
        if (ins.isEmpty()) LOG.warn("no inputs configured");
        if (outs.isEmpty() && !ins.isEmpty()) LOG.warn("no outputs configured: records will be discarded");
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "tributary-timer");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        return new Engine(service, registry, parsers, Map.copyOf(env), sendFailure, timer, ins, fs, outs);
    }

    private static String nearest(String name, List<String> names) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String n : names) {
            int d = SectionValidator.editDistance(name.toLowerCase(Locale.ROOT), n);
            if (d < bestD) { bestD = d; best = n; }
        }
        return best != null && bestD <= Math.max(2, name.length() / 3) ? " (did you mean '" + best + "'?)" : "";
    }

    private record PendingInput(String name, String plugin, InputPlugin instance, String tag, long memBufLimit,
                                boolean tagConfigured, boolean filesystem, boolean pauseOnChunksOverlimit) {}
    private record PendingFilter(String name, String plugin, FilterPlugin instance, TagMatcher matcher) {}
    private record PendingOutput(String name, String plugin, OutputPlugin instance, TagMatcher matcher, int workers,
                                 RetryPolicy retry, long storageLimitBytes) {}

    private static PendingInput pendingInput(ValidConfig cfg, InputFactory f, EngineEnvironment env, ServiceSettings service,
                                             List<String> problems) throws ConfigException {
        boolean filesystem = "filesystem".equals(cfg.get(CommonOptions.STORAGE_TYPE));
        if (filesystem && service.storagePath().isEmpty()) {
            problems.add(cfg.locationOf(CommonOptions.STORAGE_TYPE) + ": [INPUT] " + cfg.pluginName() + " (" + cfg.instanceName()
                    + "): storage.type filesystem needs storage.path in [SERVICE]");
        }
        InputPlugin p = f.create(cfg, env);
        String tag = Optional.ofNullable(cfg.get(CommonOptions.TAG)).filter(t -> !t.isBlank()).orElse(cfg.instanceName());
        Long limit = cfg.get(CommonOptions.MEM_BUF_LIMIT);
        return new PendingInput(cfg.instanceName(), f.name(), p, tag, limit == null ? 0 : limit,
                cfg.get(CommonOptions.TAG) != null && !cfg.get(CommonOptions.TAG).isBlank(), filesystem,
                cfg.get(CommonOptions.STORAGE_PAUSE_ON_OVERLIMIT));
    }

    private static PendingFilter pendingFilter(ValidConfig cfg, FilterFactory f, EngineEnvironment env, List<String> problems)
            throws ConfigException {
        TagMatcher m = matcher(cfg, PluginType.FILTER, problems);
        FilterPlugin p = f.create(cfg, env);
        return m == null ? null : new PendingFilter(cfg.instanceName(), f.name(), p, m);
    }

    private static PendingOutput pendingOutput(ValidConfig cfg, OutputFactory f, EngineEnvironment env, List<String> problems)
            throws ConfigException {
        TagMatcher m = matcher(cfg, PluginType.OUTPUT, problems);
        int retries;
        try {
            retries = CommonOptions.parseRetryLimit(cfg.get(CommonOptions.RETRY_LIMIT));
        } catch (IllegalArgumentException e) {
            problems.add(cfg.locationOf(CommonOptions.RETRY_LIMIT) + ": [OUTPUT] " + cfg.pluginName() + ": " + e.getMessage());
            return null;
        }
        Integer workers = cfg.get(CommonOptions.WORKERS);
        OutputPlugin p = f.create(cfg, env);
        int w = workers == null || workers == 0 ? Math.max(1, f.defaultWorkers()) : workers;
        Long storageLimit = cfg.get(CommonOptions.STORAGE_TOTAL_LIMIT);
        return m == null ? null : new PendingOutput(cfg.instanceName(), f.name(), p, m, w, new RetryPolicy(retries),
                storageLimit == null ? 0 : storageLimit);
    }

    private static TagMatcher matcher(PluginConfig cfg, PluginType type, List<String> problems) {
        String regex = cfg.get(CommonOptions.MATCH_REGEX);
        String match = cfg.get(CommonOptions.MATCH);
        if (regex != null) {
            try {
                return TagMatcher.regex(regex);
            } catch (PatternSyntaxException e) {
                problems.add(cfg.locationOf(CommonOptions.MATCH_REGEX) + ": " + type.section() + " " + cfg.pluginName()
                        + ": Match_Regex is not a valid regular expression: " + e.getDescription());
                return null;
            }
        }
        if (match != null) return TagMatcher.wildcard(match);
        LOG.warn(cfg.location() + ": " + type.section() + " " + cfg.pluginName() + " (" + cfg.instanceName()
                + ") has no Match or Match_Regex: it receives no records");
        return TagMatcher.NONE;
    }

    /** Starts outputs, then filters, then inputs, then the flush tick. A plugin that fails to start stops the rest. */
    public synchronized void start() throws Exception {
        if (started) throw new IllegalStateException("already started");
        LogLevel level = env.containsKey("FLB_LOG_LEVEL") ? LogLevel.parse(env.get("FLB_LOG_LEVEL")) : service.logLevel();
        Logs.setLevel(level);
        List<Runnable> stops = new ArrayList<>();
        try {
            for (OutputInstance o : outputs) {
                o.plugin().start(o);
                stops.add(0, o.plugin()::stop);
            }
            for (FilterInstance f : filters) {
                f.plugin().start(f);
                stops.add(0, f.plugin()::stop);
            }
            if (storage != null) {
                String unwritable = storage.checkWritable();
                if (unwritable != null) {
                    LOG.error("storage.path " + storage.settings().path() + " is not writable (" + unwritable
                            + "): filesystem inputs refuse records (their senders get no ack) until it is");
                }
                replayBacklog();
            }
            for (InputInstance i : inputs) {
                i.plugin().start(i);
                stops.add(0, i.plugin()::stop);
            }
        } catch (Exception e) {
            for (Runnable r : stops) {
                try {
                    r.run();
                } catch (RuntimeException ignored) {
                    // already failing; the first error is the one to report
                }
            }
            timer.shutdownNow();
            flushExecutor.shutdownNow();
            throw e;
        }
        long flushNanos = Math.max(1_000_000L, service.flush().toNanos());
        timer.scheduleAtFixedRate(this::tick, flushNanos, flushNanos, TimeUnit.NANOSECONDS);
        sendFailureTimeout.ifPresent(limit -> {
            long every = Math.max(100, Math.min(1000, limit.toMillis() / 4));
            timer.scheduleAtFixedRate(() -> watch(limit), every, every, TimeUnit.MILLISECONDS);
        });
        started = true;
        LOG.info("Tributary " + Version.VERSION + " started (pid=" + ProcessHandle.current().pid() + ", "
                + inputs.size() + " input(s), " + filters.size() + " filter(s), " + outputs.size() + " output(s), flush "
                + service.flush().toMillis() / 1000.0 + "s)");
    }

    /**
     * Checks storage.path and hands every chunk file found there (the backlog of an earlier run) to the outputs
     * whose match rules take its tag, oldest first, skipping outputs that delivered it before the restart.
     * Chunks no output matches stay on disk for a later configuration.
     */
    private synchronized void replayBacklog() {
        List<StoredChunk> found = storage.loadBacklog();
        if (found.isEmpty()) return;
        InputInstance in = backlog;
        if (in == null) {
            in = new InputInstance("storage_backlog.0", "storage_backlog", null, "storage_backlog.0", 0,
                    new EnginePipeline(), parsers, registry, null, false, storage, false);
            backlog = in;
            // Listed with the internal inputs, so /api/v1/storage and the metrics show it (as Fluent Bit's storage_backlog).
            emitters.add(in);
        }
        long records = 0;
        long bytes = 0;
        int unmatched = 0;
        for (StoredChunk c : found) {
            List<OutputInstance> targets = new ArrayList<>();
            for (OutputInstance o : routes.route(c.header().tag()).outputs()) {
                if (!c.doneOutputs().contains(o.name())) targets.add(o);
            }
            if (targets.isEmpty() && c.doneOutputs().isEmpty()) {
                unmatched++;
                continue;
            }
            records += c.records();
            bytes += c.payloadBytes();
            in.adopt(c, targets);
        }
        LOG.info("storage backlog: " + (found.size() - unmatched) + " chunk(s), " + records + " record(s), " + bytes
                + " bytes to deliver from " + storage.settings().path());
        if (unmatched > 0) {
            LOG.warn("storage backlog: " + unmatched + " chunk(s) match no output and stay in " + storage.settings().path());
        }
    }

    /**
     * Delivers chunk files that no running pipeline holds. After a hot reload the previous pipeline keeps its chunks
     * while it drains; what it could not deliver within Grace is handed to this one here, not left for the next start.
     */
    public void adoptBacklog() {
        if (storage == null || shuttingDown) return;
        replayBacklog();
    }

    private void tick() {
        try {
            for (InputInstance i : inputs) i.sealAll();
            for (InputInstance e : emitters) e.sealAll();
        } catch (RuntimeException e) {
            LOG.error("flush tick failed: " + e, e);
        }
    }

    private void watch(Duration limit) {
        long now = System.nanoTime();
        for (OutputInstance o : outputs) {
            Duration stalled = o.stalledFor(now);
            if (stalled.compareTo(limit) >= 0) {
                Consumer<String> h = fatalHandler;
                fatalHandler = r -> {};
                h.accept("output " + o.name() + " has not sent any record successfully for " + stalled.toSeconds()
                        + "s (SEND_FAILURE_TIMEOUT " + limit.toSeconds() + "s) with " + o.pendingRecords()
                        + " record(s) pending; exiting so the orchestrator restarts the task");
                return;
            }
        }
    }

    /** Called when SEND_FAILURE_TIMEOUT expires; the default logs and exits with status 1. */
    public void onFatal(Consumer<String> handler) { this.fatalHandler = handler; }

    /**
     * Stops inputs, flushes what is buffered for up to {@code grace}, then stops filters and outputs.
     * Returns the number of records that could not be flushed.
     */
    public long stop(Duration grace) {
        stopInputs();
        return drain(grace);
    }

    /**
     * First half of a stop: inputs stop (their ports are free afterwards), filters flush what they hold, and
     * everything buffered is sealed for delivery. New appends are refused, so a sender keeps what we did not
     * take. A hot reload starts the new pipeline between this and {@link #drain}.
     */
    public void stopInputs() {
        synchronized (this) {
            if (shuttingDown) return;
            shuttingDown = true;
        }
        for (InputInstance i : inputs) stopQuietly(() -> i.plugin().stop(), i.name());
        for (FilterInstance f : filters) stopQuietly(() -> f.plugin().stop(), f.name());
        accepting = false;
        tick();
    }

    /** Second half of a stop: waits up to {@code grace} for the outputs to deliver, then stops them. */
    public long drain(Duration grace) {
        stopInputs();
        synchronized (this) {
            if (drained) return 0;
            drained = true;
        }
        LOG.info("flushing buffered records (grace " + grace.toSeconds() + "s)");
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (idle) {
            while (pendingTasks() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) break;
                try {
                    idle.wait(Math.max(1, Math.min(100, TimeUnit.NANOSECONDS.toMillis(left))));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        long unflushed = 0;
        for (OutputInstance o : outputs) unflushed += o.pendingRecords();
        timer.shutdownNow();
        flushExecutor.shutdownNow();
        for (OutputInstance o : outputs) stopQuietly(() -> o.plugin().stop(), o.name());
        if (storage != null) {
            int kept = 0;
            for (StorageState s : storageStates().values()) if (s.type().equals("filesystem")) kept += s.chunksTotal();
            if (kept > 0) LOG.info(kept + " filesystem chunk(s) stay in " + storage.settings().path() + " for the next start");
            storage.releaseAll();
        }
        if (unflushed > 0) {
            LOG.warn("stopped with " + unflushed + " record(s) not flushed within Grace " + grace.toSeconds() + "s");
        } else {
            LOG.info("stopped: every buffered record was flushed");
        }
        return unflushed;
    }

    private static void stopQuietly(Runnable r, String name) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.error("stopping " + name + " failed: " + e, e);
        }
    }

    private int pendingTasks() {
        int n = 0;
        for (OutputInstance o : outputs) n += o.pendingTasks();
        return n;
    }

    public MeterRegistry meters() { return registry; }

    public ServiceSettings service() { return service; }

    public Parsers parsers() { return parsers; }

    public long startedMillis() { return startedMillis; }

    public boolean isRunning() { return started && !shuttingDown; }

    /**
     * Every input's buffer by instance name, in configuration order, for {@code /api/v1/storage}: the inputs, the
     * filters' emitters and, when a filesystem backlog was found at start, {@code storage_backlog.0}.
     */
    public Map<String, StorageState> storageStates() {
        Map<String, StorageState> out = new java.util.LinkedHashMap<>();
        for (InputInstance i : inputs) out.put(i.name(), i.storageState());
        for (InputInstance e : emitters) out.put(e.name(), e.storageState());
        return out;
    }

    /** Record bytes in memory across all inputs, against storage.total_mem_limit (tests). */
    MemoryBudget memoryBudget() { return memoryBudget; }

    /**
     * Lets go of the arrays kept for the next full-sized chunks (up to 32 MB), so that a collection after a burst
     * can give their memory back; the next burst makes new ones.
     */
    public void releaseSpareArrays() { spareArrays.clear(); }

    /** Arrays of delivered full-sized chunks kept for the next ones (tests). */
    SpareChunkArrays spareArrays() { return spareArrays; }

    /** A read-only view of the instances, for the HTTP server and tests. */
    public EngineView view() { return new EngineView(inputs, emitters, filters, outputs); }

    private final class EnginePipeline implements Pipeline {
        @Override public Routes.Route<FilterInstance, OutputInstance> route(String tag) { return routes.route(tag); }

        @Override public long nextChunkId() { return chunkIds.incrementAndGet(); }

        @Override public SpareChunkArrays spareArrays() { return spareArrays; }

        @Override public MemoryBudget memoryBudget() { return memoryBudget; }

        @Override public void dispatch(Delivery delivery, List<OutputInstance> targets) {
            for (OutputInstance o : targets) o.submit(delivery);
        }

        @Override public boolean accepting() { return accepting; }

        @Override public InputInstance emitterFor(FilterInstance filter) {
            return emitterByFilter.computeIfAbsent(filter, f -> {
                InputInstance e = new InputInstance("emitter_for_" + f.name(), "emitter", null, "emitter_for_" + f.name(),
                        0, this, parsers, registry, f, false);
                emitters.add(e);
                return e;
            });
        }
    }

    private final class Runtime implements OutputInstance.FlushRuntime {
        @Override public java.util.concurrent.Executor executor() { return flushExecutor; }
        @Override public ScheduledExecutorService timer() { return timer; }
        @Override public boolean tryAcquireSlot() { return flushSlots.tryAcquire(); }
        @Override public void releaseSlot() { flushSlots.release(); }
        @Override public void pumpAll() { for (OutputInstance o : outputs) o.pump(); }
        @Override public boolean isShuttingDown() { return shuttingDown; }
        @Override public void taskFinished() {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    /** Config directory helper for callers that need to resolve paths the way plugins do. */
    public static Path directoryOf(ConfigDocument doc) { return doc.directory(); }
}
