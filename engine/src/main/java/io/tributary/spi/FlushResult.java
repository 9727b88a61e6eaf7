package io.tributary.spi;

import io.tributary.record.Chunk;

import java.util.List;
import java.util.Objects;

/**
 * What became of one flush, as Fluent Bit's FLB_OK / FLB_RETRY / FLB_ERROR, plus two things Fluent Bit lacks:
 * a RETRY may name just the records still to send (so accepted records are never resent), and any result may
 * report records dropped for a stated reason (oversize, rejected by the service).
 *
 * <ul>
 * <li>OK: every record was delivered, except those counted in {@code drops}.</li>
 * <li>RETRY: {@code remainder} (or, when null, the whole chunk) must be sent again later; the rest was
 *     delivered or counted in {@code drops}.</li>
 * <li>ERROR: the records not delivered cannot be delivered; the engine counts them as dropped.</li>
 * </ul>
 */
public record FlushResult(Status status, Chunk remainder, List<Drop> drops, String message) {
    public enum Status { OK, RETRY, ERROR }

    /** Records not delivered and not to be retried, with why. */
    public record Drop(String reason, long records) {}

    public FlushResult {
        Objects.requireNonNull(status, "status");
        drops = drops == null ? List.of() : List.copyOf(drops);
        message = message == null ? "" : message;
    }

    private static final FlushResult OK = new FlushResult(Status.OK, null, List.of(), "");

    public static FlushResult ok() { return OK; }

    public static FlushResult ok(List<Drop> drops) { return new FlushResult(Status.OK, null, drops, ""); }

    public static FlushResult retry(String why) { return new FlushResult(Status.RETRY, null, List.of(), why); }

    /** Only {@code remainder}'s records are to be retried; {@code drops} were given up. */
    public static FlushResult retry(Chunk remainder, List<Drop> drops, String why) {
        return new FlushResult(Status.RETRY, Objects.requireNonNull(remainder, "remainder"), drops, why);
    }

    public static FlushResult error(String why) { return new FlushResult(Status.ERROR, null, List.of(), why); }

    public long droppedRecords() {
        long n = 0;
        for (Drop d : drops) n += d.records();
        return n;
    }
}
