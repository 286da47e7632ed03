package io.swapguard.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecoveryCopyTest {

    @Test
    void aRecoveryCutShortIsUndoneSoTheNextStartsFromTheFilesAsTheCrashLeftThem(@TempDir Path dir) throws Exception {
        for (String f : RecoveryCopy.FILES) {
            Files.writeString(dir.resolve(f), "as the crash left " + f);
        }
        RecoveryCopy.prepare(dir);
        // The recovery rewrites the files in place, and is killed half-way.
        Files.writeString(dir.resolve("subscribers.dat"), "half recovered");
        Files.writeString(dir.resolve("meta.dat"), "half recovered");

        RecoveryCopy.prepare(dir); // the next start
        for (String f : RecoveryCopy.FILES) {
            assertThat(Files.readString(dir.resolve(f))).isEqualTo("as the crash left " + f);
        }
        // Recovered this time: the copy goes before anything is written, so it never undoes later writes.
        Files.writeString(dir.resolve("subscribers.dat"), "recovered");
        RecoveryCopy.done(dir);
        assertThat(dir.resolve(RecoveryCopy.DIR)).doesNotExist();
        Files.writeString(dir.resolve("subscribers.dat"), "written after");
        RecoveryCopy.prepare(dir); // a later crash
        assertThat(Files.readString(dir.resolve("subscribers.dat"))).isEqualTo("written after");
    }

    @Test
    void aCopyThatWasNotFinishedIsNotRestored(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("subscribers.dat"), "as the crash left it");
        Path copy = Files.createDirectories(dir.resolve(RecoveryCopy.DIR));
        Files.writeString(copy.resolve("subscribers.dat"), "a copy cut short"); // no completion mark
        RecoveryCopy.prepare(dir);
        assertThat(Files.readString(dir.resolve("subscribers.dat"))).isEqualTo("as the crash left it");
        assertThat(Files.readString(copy.resolve("subscribers.dat"))).isEqualTo("as the crash left it");
    }
}
