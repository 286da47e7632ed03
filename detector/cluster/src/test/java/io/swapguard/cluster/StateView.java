package io.swapguard.cluster;

import io.swapguard.engine.state.SubscriberState;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.function.LongUnaryOperator;

/**
 * A subscriber's state as text, every field, with the fields that hold an event's index passed
 * through {@code index} (a cluster's rules see partition offsets where one box sees journal
 * indexes; mapped back, the two must read the same).
 */
final class StateView {

    private StateView() {
    }

    static String of(SubscriberState s, LongUnaryOperator index) {
        StringBuilder out = new StringBuilder();
        for (Field f : SubscriberState.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            try {
                Object v = f.get(s);
                String text = switch (f.getName()) {
                    case "lastIndex" -> Long.toHexString(index.applyAsLong((Long) v));
                    // 0 with no time is "none", not an index (an offset may well be 0)
                    case "riskIndex" -> Long.toHexString(s.riskTime == 0 ? s.riskIndex : index.applyAsLong(s.riskIndex));
                    case "incidentIndex" -> Arrays.toString(java.util.stream.IntStream.range(0, s.incidentIndex.length)
                            .mapToLong(r -> s.incidentLast[r] == 0 ? s.incidentIndex[r] : index.applyAsLong(s.incidentIndex[r]))
                            .toArray());
                    case "sims" -> s.sims.stream().map(c -> new SubscriberState.SimChange(c.timeNanos(), c.oldImsi(),
                            c.newImsi(), c.source(), c.trusted(), c.channel(), index.applyAsLong(c.index()))).toList().toString();
                    case "devices" -> s.devices.stream().map(c -> new SubscriberState.DeviceChange(c.timeNanos(), c.oldImei(),
                            c.newImei(), c.registered(), index.applyAsLong(c.index()))).toList().toString();
                    default -> v instanceof long[] l ? Arrays.toString(l) : v instanceof int[] i ? Arrays.toString(i) : String.valueOf(v);
                };
                out.append(f.getName()).append('=').append(text).append(' ');
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return out.toString();
    }
}
