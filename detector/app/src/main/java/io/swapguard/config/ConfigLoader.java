package io.swapguard.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.swapguard.engine.InvalidSettingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads {@link SwapguardConfig} from YAML, strictly: an unknown key, a value of the wrong type or
 * out of range is a {@link ConfigException} naming file, key and reason, never a silent default.
 *
 * <p>Any string value may refer to environment variables as {@code ${NAME}} or
 * {@code ${NAME:-default}}, which is how secrets stay out of the file.
 */
public final class ConfigLoader {

    private static final Pattern NUMBER_OUT_OF_RANGE = Pattern.compile("\\((\\S+)\\) out of range of \\w+ \\((.*)\\)");
    private static final Pattern ENV_REF = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private final Function<String, String> environment;

    public ConfigLoader() {
        this(System::getenv);
    }

    /** With an explicit environment (tests). */
    public ConfigLoader(Map<String, String> environment) {
        this(environment::get);
    }

    private ConfigLoader(Function<String, String> environment) {
        this.environment = environment;
    }

    /**
     * Reads {@code swapguard.yaml}. Input files it names by a relative path are looked up beside it
     * first ({@link SwapguardConfig#withInputsFrom}).
     */
    public SwapguardConfig load(Path file) {
        return load(file, SwapguardConfig.class, SwapguardConfig.defaults())
                .withInputsFrom(file.toAbsolutePath().getParent());
    }

    /** Reads any strictly-validated YAML document (the sender registry, scenario files) the same way. */
    public <T> T load(Path file, Class<T> type, T empty) {
        String name = file.toString();
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(name, "", "file not found", 0, 0);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ConfigException(name, "", "not a text file (its bytes are not UTF-8): is it the right file?", 0, 0);
        } catch (IOException e) {
            throw new ConfigException(name, "", "cannot read: " + e.getMessage(), 0, 0);
        }
        return parse(name, text, type, empty);
    }

    /** Parses YAML text; {@code name} is what error messages call the file. */
    public SwapguardConfig parse(String name, String yaml) {
        return parse(name, yaml, SwapguardConfig.class, SwapguardConfig.defaults());
    }

    public <T> T parse(String name, String yaml, Class<T> type, T empty) {
        if (yaml.isBlank()) {
            return empty;
        }
        try {
            T config = mapper().readValue(yaml, type);
            return config == null ? empty : config;
        } catch (JsonMappingException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof com.fasterxml.jackson.core.exc.InputCoercionException number) {
                    // A number too large for its key: name the key, not only the line.
                    String key = e.getPath().stream()
                            .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                            .collect(Collectors.joining(".")).replace(".[", "[");
                    String said = number.getOriginalMessage().lines().findFirst().orElse("").trim();
                    Matcher m = NUMBER_OUT_OF_RANGE.matcher(said);
                    throw new ConfigException(name, key, m.find() ? m.group(1) + " is out of range: must be a whole number"
                            + " between " + m.group(2).replace(" - ", " and ") : said, line(number), column(number));
                }
                if (t instanceof StreamReadException syntax) {
                    throw syntaxError(name, syntax);
                }
            }
            throw translate(name, yaml, e);
        } catch (JsonProcessingException e) {
            throw syntaxError(name, e);
        }
    }

    private static ConfigException syntaxError(String name, JsonProcessingException e) {
        String problem = e.getOriginalMessage().lines().findFirst().orElse("").trim();
        return new ConfigException(name, "", "not valid YAML: " + problem, line(e), column(e));
    }

    private YAMLMapper mapper() {
        SimpleModule module = new SimpleModule("swapguard-config");
        module.addDeserializer(String.class, new JsonDeserializer<>() {
            @Override
            public String deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                if (!p.currentToken().isScalarValue()) {
                    return (String) ctx.handleUnexpectedToken(String.class, p);
                }
                return expand(p.getValueAsString());
            }
        });
        module.addDeserializer(Duration.class, new JsonDeserializer<>() {
            @Override
            public Duration deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                if (p.currentToken() != JsonToken.VALUE_STRING && p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                    return (Duration) ctx.handleUnexpectedToken(Duration.class, p);
                }
                return DurationSetting.parse(expand(p.getValueAsString()));
            }
        });
        return YAMLMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION) // a key twice: say so
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .addModule(module)
                .build();
    }

    /** Replaces {@code ${NAME}} and {@code ${NAME:-default}} with the environment's values. */
    String expand(String value) {
        if (value == null || value.indexOf("${") < 0) {
            return value;
        }
        Matcher m = ENV_REF.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = environment.apply(m.group(1));
            if (v == null) {
                v = m.group(2);
            }
            if (v == null) {
                throw new IllegalArgumentException("environment variable " + m.group(1) + " is not set");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }

    private ConfigException translate(String file, String yaml, JsonMappingException e) {
        String key = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        String reason;
        if (e instanceof UnrecognizedPropertyException u) {
            reason = "unknown key '" + u.getPropertyName() + "'; known keys here: "
                    + u.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
        } else if (e instanceof ValueInstantiationException && e.getCause() instanceof InvalidSettingException v) {
            key = key.isEmpty() ? v.key() : key + "." + v.key();
            reason = v.getMessage();
        } else if (e instanceof InvalidFormatException f) {
            reason = "'" + f.getValue() + "' is not " + describe(f.getTargetType());
        } else if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            reason = "expected " + describe(m.getTargetType());
        } else if (rootCause(e) instanceof IllegalArgumentException a) {
            reason = a.getMessage();
        } else {
            reason = e.getOriginalMessage();
        }
        // Records are built after their keys are read, so Jackson's location can be past the
        // offending key; look the key up in the source instead.
        JsonLocation at = locate(yaml, key);
        if (at != null) {
            return new ConfigException(file, key, reason, at.getLineNr(), at.getColumnNr());
        }
        return new ConfigException(file, key, reason, line(e), column(e));
    }

    /** Where the dotted key path (mapping keys only) is written in the YAML, or null. */
    private JsonLocation locate(String yaml, String key) {
        if (key.isEmpty() || key.contains("[")) {
            return null;
        }
        String[] want = key.split("\\.");
        Deque<String> path = new ArrayDeque<>();
        try (JsonParser p = mapper().getFactory().createParser(yaml)) {
            for (JsonToken t; (t = p.nextToken()) != null; ) {
                if (t == JsonToken.FIELD_NAME) {
                    while (path.size() > p.getParsingContext().getNestingDepth() - 1) {
                        path.removeLast();
                    }
                    path.addLast(p.currentName());
                    if (path.size() == want.length && String.join(".", path).equals(key)) {
                        return p.currentTokenLocation();
                    }
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
        return null;
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Duration.class) {
            return "a duration such as 30s, 15m, 12h or 7d";
        }
        if (type == String.class) {
            return "a text value";
        }
        if (type.isRecord()) {
            return "a section of keys";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a list, such as [a, b] or one \"- item\" per line";
        }
        return "a " + type.getSimpleName();
    }

    private static int line(JsonProcessingException e) {
        return e.getLocation() == null ? 0 : e.getLocation().getLineNr();
    }

    private static int column(JsonProcessingException e) {
        return e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
    }
}
