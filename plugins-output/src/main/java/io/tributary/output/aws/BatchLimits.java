package io.tributary.output.aws;

/**
 * What one batch call of a service accepts: entries per call, bytes per call and bytes per entry, each counted as
 * the service counts them (see {@link BatchApi#encodedSize}).
 */
public record BatchLimits(int maxRecords, long maxRequestBytes, int maxRecordBytes) {
    /** Kinesis PutRecords: 500 records, 5 MiB per call (10 MiB where raised), 1 MiB per record including its partition key. */
    public static final BatchLimits KINESIS = new BatchLimits(500, 5L << 20, 1 << 20);
    /** The largest request Kinesis PutRecords accepts since AWS raised the limit. */
    public static final long KINESIS_MAX_REQUEST_BYTES = 10L << 20;
    /** Firehose PutRecordBatch: 500 records, 4 MiB per call, 1,000 KiB per record. */
    public static final BatchLimits FIREHOSE = new BatchLimits(500, 4L << 20, 1_000 * 1024);

    public BatchLimits {
        if (maxRecords < 1) throw new IllegalArgumentException("maxRecords " + maxRecords);
        if (maxRecordBytes < 1 || maxRequestBytes < maxRecordBytes) {
            throw new IllegalArgumentException("maxRequestBytes " + maxRequestBytes + " < maxRecordBytes " + maxRecordBytes);
        }
    }

    /** These limits with a smaller count or request size, as a user may set them; never above the service's own. */
    public BatchLimits narrowedTo(int records, long requestBytes) {
        return new BatchLimits(Math.min(maxRecords, records), Math.max(maxRecordBytes, Math.min(maxRequestBytes, requestBytes)),
                maxRecordBytes);
    }
}
