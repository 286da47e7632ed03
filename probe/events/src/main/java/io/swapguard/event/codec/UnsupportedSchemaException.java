package io.swapguard.event.codec;

/**
 * A record written with a newer event schema than this build reads. Reading stops here rather
 * than misread it: the fix is to upgrade the reader, never to skip.
 */
public final class UnsupportedSchemaException extends EventDecodeException {

    private static final long serialVersionUID = 1L;

    private final int recordVersion;

    public UnsupportedSchemaException(int recordVersion) {
        super("record was written with event schema v" + recordVersion + " but this swapguard reads up to v"
                + EventCodec.SCHEMA_VERSION + "; upgrade swapguard to read this journal");
        this.recordVersion = recordVersion;
    }

    public int recordVersion() {
        return recordVersion;
    }
}
