package io.swapguard.cli;

import io.swapguard.api.ApiConfig;
import io.swapguard.api.TokenIssuer;
import io.swapguard.app.ApiService;
import io.swapguard.config.ConfigLoader;
import io.swapguard.config.SwapguardConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "token", mixinStandardHelpOptions = true,
        description = {"Issues an access token for the CAMARA API from swapguard's embedded issuer, to try the",
            "API without an authorisation server (docs/api.md). Prints the token alone on stdout.",
            "Two-legged by default (the request names the phoneNumber); --phone makes a three-legged token for",
            "that subscriber. Refused when api.auth.jwks names an external authorisation server."})
final class TokenCommand implements Callable<Integer> {

    /** Every scope the served operations accept. */
    static final List<String> ALL_SCOPES = List.of("sim-swap", "device-swap",
            "call-forwarding-signal:unconditional-call-forwardings:read", "call-forwarding-signal:call-forwardings:read",
            "sim-swap-subscriptions:org.camaraproject.sim-swap-subscriptions.v0.swapped:create",
            "sim-swap-subscriptions:read", "sim-swap-subscriptions:delete",
            "swapguard-subscriptions:create", "swapguard-subscriptions:read", "swapguard-subscriptions:delete");

    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "swapguard.yaml (its api.auth section).")
    Path config;

    @Option(names = "--client", paramLabel = "ID", defaultValue = "demo-bank",
            description = "The client the token is for (limits and audit go by it). Default: ${DEFAULT-VALUE}.")
    String client;

    @Option(names = "--phone", paramLabel = "+E164",
            description = "Make a three-legged token for this subscriber (its 'sub' is tel:+...).")
    String phone;

    @Option(names = "--scope", paramLabel = "SCOPE", split = ",",
            description = "Scopes to grant (default: every scope of the served operations).")
    List<String> scopes;

    @Option(names = "--lifetime", paramLabel = "DURATION",
            description = "How long the token is valid (default: api.auth.tokenLifetime, 1h).")
    Duration lifetime;

    @Override
    public Integer call() {
        SwapguardConfig cfg = config == null ? SwapguardConfig.defaults() : new ConfigLoader().load(config);
        ApiConfig api = cfg.api();
        if (!api.auth().embedded()) {
            throw new IllegalArgumentException("api.auth.jwks is " + api.auth().jwks() + ": tokens come from that"
                    + " authorisation server, swapguard token signs only for the embedded issuer");
        }
        if (phone != null && !phone.matches("^\\+[1-9][0-9]{4,14}$")) {
            throw new IllegalArgumentException("--phone " + phone + " is not an E.164 number with + (e.g. +6281100000001)");
        }
        TokenIssuer issuer = ApiService.issuer(api);
        String token = issuer.issue(client, api.auth().audiences().get(0), scopes == null ? ALL_SCOPES : scopes, phone,
                Instant.now(), lifetime == null ? api.auth().tokenLifetime() : lifetime);
        PrintWriter out = spec.commandLine().getOut();
        out.println(token);
        out.flush();
        return ExitCode.OK;
    }
}
