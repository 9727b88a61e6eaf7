package io.tributary.output.aws;

/**
 * One HTTP answer as a connection read it: the status, the few headers the AWS outputs look at, and the body in a
 * buffer the connection reuses for its next answer (so the body is valid only until then).
 */
final class HttpAnswer {
    /** Bodies are kept for reuse up to this size; a rare larger one is let go after its call. */
    private static final int KEPT_CAPACITY = 1 << 20;
    private static final int FIRST_CAPACITY = 16 * 1024;

    private byte[] body = new byte[FIRST_CAPACITY];
    private int length;
    private int status;
    private String errorType;
    private String requestId;
    private boolean keepAlive;

    void reset() {
        length = 0;
        status = 0;
        errorType = null;
        requestId = null;
        keepAlive = false;
    }

    /** Room for {@code more} bytes after the body's current end: the array to write into at {@link #length()}. */
    byte[] room(int more) {
        long needed = (long) length + more;
        if (needed > body.length) {
            if (needed > Integer.MAX_VALUE - 16) throw new IllegalStateException("answer larger than 2 GiB");
            long grown = Math.max(needed, Math.min(Integer.MAX_VALUE - 16L, body.length * 2L));
            body = java.util.Arrays.copyOf(body, (int) grown);
        }
        return body;
    }

    void grew(int n) { length += n; }

    /** After the caller is done with a large body: do not keep megabytes per idle connection. */
    void shrink() {
        if (body.length > KEPT_CAPACITY) body = new byte[FIRST_CAPACITY];
    }

    void status(int status) { this.status = status; }
    void errorType(String v) { errorType = v; }
    void requestId(String v) { requestId = v; }
    void keepAlive(boolean v) { keepAlive = v; }

    int status() { return status; }
    String errorType() { return errorType; }
    String requestId() { return requestId; }
    boolean keepAlive() { return keepAlive; }
    byte[] body() { return body; }
    int length() { return length; }
}
