package io.swapguard.api;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where the provisioning endpoint's records go: the BSS CSV format of the probe's import
 * ({@code time,kind,msisdn,imsi,previous_imsi,imei,channel,reference}), journalled like any other
 * source. The app implements it over the signals journal; the API knows no journal.
 */
@FunctionalInterface
public interface ProvisioningIntake {

    /**
     * Journals every record of one CSV document, or none when a line is bad.
     *
     * @param source names the document in logs and rejections (the client and request)
     * @return completed once the records are in the journal (or refused)
     */
    CompletableFuture<Result> accept(String source, String csv);

    /**
     * @param accepted records journalled
     * @param rejected "line N: why" of each bad line (then nothing was journalled)
     */
    record Result(long accepted, List<String> rejected) {
    }
}
