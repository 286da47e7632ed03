package io.swapguard.journal;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** The journal has cut-off files; opening it would hide the damage, so it is not opened. */
public final class JournalDamagedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<JournalCheck.DamagedFile> damaged;

    JournalDamagedException(Path dir, List<JournalCheck.DamagedFile> damaged) {
        super("journal " + dir + " is damaged: "
                + damaged.stream().map(JournalCheck.DamagedFile::describe).collect(Collectors.joining("; "))
                + ". Run 'swapguard journal check --quarantine --journal " + dir
                + "' to move the damaged files to " + dir.resolve("damaged") + " (kept for forensics), then restart.");
        this.damaged = List.copyOf(damaged);
    }

    public List<JournalCheck.DamagedFile> damaged() {
        return damaged;
    }
}
