package io.tributary.output.aws;

import software.amazon.awssdk.utils.SdkAutoCloseable;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The keep-alive connections to one endpoint: at most {@code maxConnections} open at once (callers beyond that
 * wait for one), idle ones reused most-recent first, closed after {@link #MAX_IDLE} (AWS drops idle connections;
 * ours go first so no call meets a dead socket), and checked for a close by the server before reuse after a
 * short idle. Locks, not monitors: callers are virtual threads.
 */
final class AwsHttpPool implements SdkAutoCloseable {
    static final Duration MAX_IDLE = Duration.ofSeconds(20);
    static final Duration STALE_CHECK_AFTER = Duration.ofMillis(1500);
    private static final Duration LEASE_TIMEOUT = Duration.ofSeconds(10);

    private final AwsHttpDialer dialer;
    private final int maxConnections;
    private final long maxIdleNanos;
    private final long staleCheckNanos;
    private final Semaphore leases;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition closing = lock.newCondition();
    private final ArrayDeque<AwsHttpConnection> idle = new ArrayDeque<>();   // most recently used first
    private boolean closed;

    AwsHttpPool(AwsHttpDialer dialer, int maxConnections) {
        this(dialer, maxConnections, MAX_IDLE, STALE_CHECK_AFTER);
    }

    AwsHttpPool(AwsHttpDialer dialer, int maxConnections, Duration maxIdle, Duration staleCheckAfter) {
        this.dialer = dialer;
        this.maxConnections = maxConnections;
        this.maxIdleNanos = maxIdle.toNanos();
        this.staleCheckNanos = staleCheckAfter.toNanos();
        this.leases = new Semaphore(maxConnections);
        Thread.ofVirtual().name("aws-http-idle-closer").start(this::closeIdleUntilClosed);
    }

    /**
     * The pool for one endpoint of an output: sized as the SDK's was (max(8, max_concurrency + 4)), read timeout
     * {@code http_request_timeout}, through the environment's proxy if any. {@code tls} is null for http.
     */
    static AwsHttpPool open(AwsSettings s, java.net.URI endpoint, javax.net.ssl.SSLSocketFactory tls) {
        HttpProxy proxy = HttpProxy.forEndpoint(s.env(), endpoint);
        int readTimeout = (int) Math.min(Integer.MAX_VALUE, s.httpRequestTimeout().toMillis());
        return new AwsHttpPool(new AwsHttpDialer(endpoint, tls, s.tlsVerify(), proxy, readTimeout),
                Math.max(8, s.maxConcurrency() + 4));
    }

    AwsHttpDialer dialer() { return dialer; }

    /** The proxy the connections go through, or null. */
    HttpProxy proxy() { return dialer.proxy(); }

    /** A live connection for one exchange: an idle one, or a new one. Give it back with {@link #release}. */
    AwsHttpConnection lease() throws IOException {
        try {
            if (!leases.tryAcquire(LEASE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("all " + maxConnections + " connections stayed busy for " + LEASE_TIMEOUT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for a connection");
        }
        try {
            while (true) {
                AwsHttpConnection c;
                lock.lock();
                try {
                    if (closed) throw new IOException("connection pool closed");
                    c = idle.pollFirst();
                } finally {
                    lock.unlock();
                }
                if (c == null) return dialer.open();
                long idleNanos = System.nanoTime() - c.idleSince();
                if (idleNanos > maxIdleNanos || (idleNanos > staleCheckNanos && c.isStale())) {
                    c.close();
                    continue;
                }
                return c;
            }
        } catch (IOException | RuntimeException | Error e) {
            leases.release();
            throw e;
        }
    }

    /** Takes a leased connection back: kept for reuse when its last answer left it reusable, else closed. */
    void release(AwsHttpConnection c, boolean reusable) {
        try {
            if (reusable) {
                c.idle(System.nanoTime());
                lock.lock();
                try {
                    if (!closed) {
                        idle.offerFirst(c);
                        return;
                    }
                } finally {
                    lock.unlock();
                }
            }
            c.close();
        } finally {
            leases.release();
        }
    }

    int idleCount() {
        lock.lock();
        try {
            return idle.size();
        } finally {
            lock.unlock();
        }
    }

    /** Closes connections idle too long even when no call comes to notice them; runs until the pool closes. */
    private void closeIdleUntilClosed() {
        long period = Math.max(TimeUnit.MILLISECONDS.toNanos(50), maxIdleNanos / 4);
        List<AwsHttpConnection> expired = new ArrayList<>();
        while (true) {
            lock.lock();
            try {
                if (closed) return;
                try {
                    closing.awaitNanos(period);
                } catch (InterruptedException e) {
                    return;
                }
                long now = System.nanoTime();
                // The oldest are at the end.
                while (!idle.isEmpty() && now - idle.peekLast().idleSince() > maxIdleNanos) expired.add(idle.pollLast());
            } finally {
                lock.unlock();
            }
            for (AwsHttpConnection c : expired) c.close();   // outside the lock: a TLS close writes to the socket
            expired.clear();
        }
    }

    @Override public void close() {
        List<AwsHttpConnection> toClose;
        lock.lock();
        try {
            closed = true;
            toClose = new ArrayList<>(idle);
            idle.clear();
            closing.signalAll();
        } finally {
            lock.unlock();
        }
        for (AwsHttpConnection c : toClose) c.close();
    }
}
