package io.swapguard.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit journal: one JSON line per answer, one file per UTC day, old days deleted past the retention. */
class ApiAuditFileTest {

    @Test
    void oneLinePerAnswerOneFilePerDayOldDaysExpire(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("audit-2026-10-01.jsonl"), "{}\n"); // 50 days before: past a 30-day retention
        Files.writeString(dir.resolve("audit-2026-11-05.jsonl"), "{}\n"); // inside it
        Files.writeString(dir.resolve("audit-notes.jsonl"), "kept\n");   // not a day file
        try (ApiAuditFile audit = new ApiAuditFile(dir, 30)) {
            audit.record(new ApiQuery(Instant.parse("2026-11-20T23:59:59Z"), "bank-a", "checkSimSwap", "+6281100000001",
                    200, "swapped=true", "c-1"));
            audit.record(new ApiQuery(Instant.parse("2026-11-21T00:00:01Z"), "bank-b", "retrieveSimSwapDate",
                    "+6281100000002", 404, "IDENTIFIER_NOT_FOUND", ""));
            List<String> first = Files.readAllLines(audit.file(LocalDate.parse("2026-11-20")));
            List<String> second = Files.readAllLines(audit.file(LocalDate.parse("2026-11-21")));
            assertThat(first).hasSize(1);
            assertThat(second).hasSize(1);
            JsonNode line = new ObjectMapper().readTree(first.get(0));
            assertThat(line.path("client").asText()).isEqualTo("bank-a");
            assertThat(line.path("phoneNumber").asText()).as("the audit keeps the number in full").isEqualTo("+6281100000001");
            assertThat(line.path("status").asInt()).isEqualTo(200);
            assertThat(line.path("correlator").asText()).isEqualTo("c-1");
            assertThat(new ObjectMapper().readTree(second.get(0)).path("result").asText()).isEqualTo("IDENTIFIER_NOT_FOUND");
        }
        assertThat(dir.resolve("audit-2026-10-01.jsonl")).doesNotExist();
        assertThat(dir.resolve("audit-2026-11-05.jsonl")).exists();
        assertThat(dir.resolve("audit-notes.jsonl")).exists();
    }
}
