package io.swapguard.ss7.tcap;

import io.swapguard.event.ComponentType;

/**
 * One TCAP component (ITU-T Q.773 §4.2.2). The parameter, when present, is the complete BER
 * element (tag, length, contents) at {@code buffer[parameterOffset, parameterOffset+parameterLength)}.
 *
 * @param invokeId the invoke id, -1 when a reject carried NULL
 * @param linkedId the linked id of an invoke, -1 when absent
 * @param opCode local operation code, -1 when absent or global
 * @param errorCode local error code of a ReturnError, -1 otherwise
 * @param problem reject problem as type × 256 + code, -1 otherwise
 */
public record TcapComponent(ComponentType type, int invokeId, int linkedId, int opCode, int errorCode, int problem,
        byte[] buffer, int parameterOffset, int parameterLength) {

    public boolean hasParameter() {
        return parameterLength > 0;
    }
}
