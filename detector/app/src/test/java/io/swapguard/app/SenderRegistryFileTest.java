package io.swapguard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapguard.config.ConfigException;
import io.swapguard.engine.TestSenders;
import io.swapguard.engine.senders.SenderRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sender registry as read from its YAML file, and followed while it changes. */
class SenderRegistryFileTest {

    @Test
    void theShippedFileIsWhatTheEngineTestsAssume() {
        SenderRegistry shipped = SenderRegistryFile.load(Path.of("..", "..", "conf", "senders.yaml"));
        assertThat(shipped.senders()).isEqualTo(TestSenders.shipped().senders());
    }

    @Test
    void aMissingFileIsAnErrorAndAnEmptyPathIsTheExplicitNone(@TempDir Path dir) {
        assertThatThrownBy(() -> SenderRegistryFile.of(dir.resolve("none.yaml").toString()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(dir.resolve("none.yaml").toString())
                .hasMessageContaining("detector.senderRegistry").hasMessageContaining("does not exist");
        assertThat(SenderRegistryFile.of("").get().senders()).isEmpty();
    }

    @Test
    void theDefaultRelativePathIsFoundInTheInstallationFolder() {
        // The tests run in detector/app, where conf/senders.yaml is not: swapguard.home (the launcher's
        // installation folder, set by the build for tests) has it.
        assertThat(Files.exists(Path.of("conf", "senders.yaml"))).isFalse();
        assertThat(SenderRegistryFile.of("conf/senders.yaml").get().senders()).isEqualTo(TestSenders.shipped().senders());
    }

    @Test
    void aSenderIdTwiceIsAnError(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("senders.yaml"), "senders:\n  - id: BCA\n  - id: MANDIRI\n  - id: bca\n");
        assertThatThrownBy(() -> SenderRegistryFile.load(f)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("'bca' is registered twice (entries 1 and 3)");
    }

    @Test
    void aRegistryDeletedWhileRunningKeepsProtectingUntilItIsBack(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("senders.yaml"), "senders:\n  - id: ACME\n");
        SenderRegistryFile registry = new SenderRegistryFile(file);
        assertThat(registry.get().registered("ACME")).isNotNull();
        Files.delete(file);
        assertThat(registry.get().registered("ACME")).as("deleted: the last good registry").isNotNull();
        Files.writeString(file, "senders:\n  - id: ACME\n  - id: OTHER\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        assertThat(registry.get().registered("OTHER")).as("back: read again").isNotNull();
    }

    @Test
    void aBadEntryNamesTheFileAndTheKey(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("senders.yaml"), "senders:\n  - id: THIS-ID-IS-FAR-TOO-LONG\n");
        assertThatThrownBy(() -> SenderRegistryFile.load(f)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("id").hasMessageContaining("1..16");
        Path g = Files.writeString(dir.resolve("typo.yaml"), "senders:\n  - id: BCA\n    smscGt: [\"1\"]\n");
        assertThatThrownBy(() -> SenderRegistryFile.load(g)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("smscGt");
    }

    @Test
    void aChangedFileIsReadAgainAndABrokenEditKeepsTheRegistryThatWorked(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("senders.yaml"), "senders: []\n");
        SenderRegistryFile registry = new SenderRegistryFile(file);
        SenderRegistry empty = registry.get();
        assertThat(empty.senders()).isEmpty();
        assertThat(registry.get()).as("unchanged file, same registry").isSameAs(empty);

        Files.writeString(file, "senders:\n  - id: ACME\n    owner: Acme Bank\n    smscGts: [\"6281100900\"]\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        assertThat(registry.get().registered("ACME")).isNotNull();

        Files.writeString(file, "senders:\n  - idd: ACME\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 10_000));
        assertThat(registry.get().registered("ACME")).as("the last good registry").isNotNull();
    }
}
