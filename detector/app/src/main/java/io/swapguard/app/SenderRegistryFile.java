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
 * when the file changes. A broken edit, or the file deleted or moved while running, keeps the
 * registry that worked and says so (an error a minute until it is fixed): masking protection is
 * never turned off by accident. A file that is missing at start is an error; {@code ""} is the
 * explicit "no registry".
 */
public final class SenderRegistryFile implements Supplier<SenderRegistry> {

    private static final Logger log = LoggerFactory.getLogger(SenderRegistryFile.class);

    private static final long MISSING_WARNING_EVERY_MILLIS = 60_000;

    private final Path file;
    private volatile SenderRegistry current;
    private long modified;
    private long missingWarned;

    /** Reads the file now; a bad file is a {@link io.swapguard.config.ConfigException} naming it. */
    public SenderRegistryFile(Path file) {
        this.file = file;
        this.modified = modified(file);
        this.current = load(file);
    }

    /**
     * The registry {@code detector.senderRegistry} names: {@code ""} for none; a relative path that
     * is not found from the working directory is looked up in the installation folder
     * ({@code swapguard.home}, set by the launcher), where the shipped conf/senders.yaml lives.
     * Missing either way: an {@link IllegalArgumentException} saying so.
     */
    public static Supplier<SenderRegistry> of(String configured) {
        if (configured.isBlank()) {
            SenderRegistry none = SenderRegistry.empty();
            return () -> none;
        }
        Path p = Path.of(configured);
        String home = System.getProperty("swapguard.home");
        if (!p.isAbsolute() && !Files.exists(p) && home != null && Files.exists(Path.of(home).resolve(p))) {
            p = Path.of(home).resolve(p);
        }
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("sender registry " + p.toAbsolutePath() + " (detector.senderRegistry)"
                    + " does not exist: give its path, or \"\" to run without one (no masking protection)");
        }
        return new SenderRegistryFile(p);
    }

    /** Reads the registry file; a bad file is a {@link io.swapguard.config.ConfigException} naming it. */
    public static SenderRegistry load(Path file) {
        return new SenderRegistry(new ConfigLoader().load(file, SenderRegistry.File.class,
                new SenderRegistry.File(null)).senders());
    }

    /** The registry in use, re-read first when the file changed since the last call. */
    @Override
    public SenderRegistry get() {
        if (!Files.exists(file)) {
            long now = System.currentTimeMillis();
            if (now - missingWarned >= MISSING_WARNING_EVERY_MILLIS) {
                missingWarned = now;
                log.error("sender registry {} is gone (deleted or moved); keeping the previous one ({} senders) until"
                        + " it is back", file, current.senders().size());
            }
            return current; // and modified stays, so the file is read again when it returns
        }
        missingWarned = 0;
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
