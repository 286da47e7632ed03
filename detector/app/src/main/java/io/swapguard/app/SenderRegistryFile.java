package io.swapguard.app;

import io.swapguard.config.ConfigLoader;
import io.swapguard.engine.senders.SenderRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sender registry from its YAML file (conf/senders.yaml documents the format), read again
 * when the file changes. A broken edit keeps the registry that worked and says so.
 */
public final class SenderRegistryFile implements Supplier<SenderRegistry> {

    private static final Logger log = LoggerFactory.getLogger(SenderRegistryFile.class);

    private final Path file;
    private volatile SenderRegistry current;
    private long modified;

    /** Reads the file now; a bad file is a {@link io.swapguard.config.ConfigException} naming it. */
    public SenderRegistryFile(Path file) {
        this.file = file;
        this.modified = modified(file);
        this.current = load(file);
    }

    /** Reads the registry; a missing file is an empty registry (nothing registered, nothing masked). */
    public static SenderRegistry load(Path file) {
        if (!Files.exists(file)) {
            return SenderRegistry.empty();
        }
        return new SenderRegistry(new ConfigLoader().load(file, SenderRegistry.File.class,
                new SenderRegistry.File(null)).senders());
    }

    /** The registry in use, re-read first when the file changed since the last call. */
    @Override
    public SenderRegistry get() {
        long m = modified(file);
        if (m != modified) {
            modified = m;
            try {
                current = load(file);
                log.info("sender registry {} reloaded ({} senders)", file, current.senders().size());
            } catch (RuntimeException e) {
                log.error("sender registry {} not reloaded, keeping the previous one: {}", file, e.getMessage());
            }
        }
        return current;
    }

    private static long modified(Path file) {
        try {
            return Files.exists(file) ? Files.getLastModifiedTime(file).toMillis() : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
