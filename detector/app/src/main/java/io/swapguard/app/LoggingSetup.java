package io.swapguard.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import io.swapguard.config.LoggingConfig;
import io.swapguard.event.SubscriberMasking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies the {@code logging:} settings to Logback and to subscriber masking. */
public final class LoggingSetup {

    static final String HUMAN_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSS'Z',UTC} %-5level %logger{24} - %msg%n";

    private LoggingSetup() {
    }

    public static void apply(LoggingConfig config) {
        SubscriberMasking.enabled(config.maskSubscribers());
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another SLF4J binding is in charge (embedding); leave it alone
        }
        context.reset();
        Encoder<ILoggingEvent> encoder;
        if (config.format() == LoggingConfig.Format.json) {
            JsonEncoder json = new JsonEncoder();
            json.setWithSequenceNumber(false);
            json.setWithNanoseconds(false);
            json.setWithContext(false);
            // One readable message per line; the raw pattern and arguments would only repeat it.
            json.setWithFormattedMessage(true);
            json.setWithMessage(false);
            json.setWithArguments(false);
            encoder = json;
        } else {
            PatternLayoutEncoder pattern = new PatternLayoutEncoder();
            pattern.setPattern(HUMAN_PATTERN);
            encoder = pattern;
        }
        encoder.setContext(context);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(config.level().name()));
        root.addAppender(stderr);
        // Chronicle logs file mappings at INFO; only its warnings matter to an operator.
        context.getLogger("net.openhft").setLevel(Level.WARN);
        // The API's contracts are loaded as schema documents: their OpenAPI keywords (paths, info)
        // are unknown to JSON Schema, which is right, and would be warned about at every start.
        context.getLogger(UNKNOWN_KEYWORDS).setLevel(Level.ERROR);
    }

    static final String UNKNOWN_KEYWORDS = "com.networknt.schema.keyword.UnknownKeywordFactory";
}
