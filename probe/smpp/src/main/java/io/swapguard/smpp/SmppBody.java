package io.swapguard.smpp;

import java.util.List;

/**
 * The body of a PDU after its 16-octet header, one record per shape of SMPP 3.4 (section 4).
 * Strings are the C-Octet strings without their NUL; octet strings are copied in and out, so a
 * body never changes once made. Every body keeps its optional parameters ({@link Tlv}) in order.
 */
public sealed interface SmppBody {

    /** The optional parameters, in the order they came. */
    default List<Tlv> tlvs() {
        return List.of();
    }

    /** A body with nothing in it: enquire_link, unbind, generic_nack, cancel_sm_resp, replace_sm_resp, their kin. */
    record Empty() implements SmppBody {
        public static final Empty INSTANCE = new Empty();
    }

    /** bind_transmitter, bind_receiver, bind_transceiver. */
    record Bind(String systemId, String password, String systemType, int interfaceVersion, int addrTon, int addrNpi,
            String addressRange) implements SmppBody {
    }

    /** The answer to a bind: the SMSC's system_id, and sc_interface_version as a TLV. */
    record BindResp(String systemId, List<Tlv> tlvs) implements SmppBody {
        public BindResp {
            tlvs = List.copyOf(tlvs);
        }
    }

    /** outbind: the SMSC asks the ESME to bind. */
    record Outbind(String systemId, String password) implements SmppBody {
    }

    /** submit_sm and deliver_sm (a delivery receipt or an MO message when deliver_sm). */
    record ShortMessage(String serviceType, SmppAddress source, SmppAddress destination, int esmClass, int protocolId,
            int priorityFlag, String scheduleDeliveryTime, String validityPeriod, int registeredDelivery,
            int replaceIfPresent, int dataCoding, int smDefaultMsgId, byte[] shortMessage, List<Tlv> tlvs)
            implements SmppBody {
        public ShortMessage {
            if (shortMessage.length > 254) {
                throw new IllegalArgumentException("short_message longer than 254 octets (use message_payload)");
            }
            shortMessage = shortMessage.clone();
            tlvs = List.copyOf(tlvs);
        }

        @Override
        public byte[] shortMessage() {
            return shortMessage.clone();
        }
    }

    /** data_sm: a message whose content is in TLVs (message_payload). */
    record DataSm(String serviceType, SmppAddress source, SmppAddress destination, int esmClass,
            int registeredDelivery, int dataCoding, List<Tlv> tlvs) implements SmppBody {
        public DataSm {
            tlvs = List.copyOf(tlvs);
        }
    }

    /** One destination of submit_multi: an address, or a distribution list's name. */
    record MultiDestination(SmppAddress address, String distributionList) {
    }

    /** submit_multi: one message to up to 254 destinations. */
    record SubmitMulti(String serviceType, SmppAddress source, List<MultiDestination> destinations, int esmClass,
            int protocolId, int priorityFlag, String scheduleDeliveryTime, String validityPeriod,
            int registeredDelivery, int replaceIfPresent, int dataCoding, int smDefaultMsgId, byte[] shortMessage,
            List<Tlv> tlvs) implements SmppBody {
        public SubmitMulti {
            if (destinations.size() > 254) {
                throw new IllegalArgumentException("more than 254 destinations");
            }
            destinations = List.copyOf(destinations);
            shortMessage = shortMessage.clone();
            tlvs = List.copyOf(tlvs);
        }

        @Override
        public byte[] shortMessage() {
            return shortMessage.clone();
        }
    }

    /** submit_sm_resp, deliver_sm_resp, data_sm_resp: the message id (empty for deliver_sm_resp). */
    record MessageIdResp(String messageId, List<Tlv> tlvs) implements SmppBody {
        public MessageIdResp {
            tlvs = List.copyOf(tlvs);
        }
    }

    /** A destination submit_multi could not take. */
    record Unsuccessful(SmppAddress address, int errorStatus) {
    }

    /** submit_multi_resp. */
    record SubmitMultiResp(String messageId, List<Unsuccessful> unsuccessful) implements SmppBody {
        public SubmitMultiResp {
            unsuccessful = List.copyOf(unsuccessful);
        }
    }

    /** query_sm. */
    record QuerySm(String messageId, SmppAddress source) implements SmppBody {
    }

    /** query_sm_resp. */
    record QuerySmResp(String messageId, String finalDate, int messageState, int errorCode) implements SmppBody {
    }

    /** cancel_sm. */
    record CancelSm(String serviceType, String messageId, SmppAddress source, SmppAddress destination)
            implements SmppBody {
    }

    /** replace_sm. */
    record ReplaceSm(String messageId, SmppAddress source, String scheduleDeliveryTime, String validityPeriod,
            int registeredDelivery, int smDefaultMsgId, byte[] shortMessage) implements SmppBody {
        public ReplaceSm {
            shortMessage = shortMessage.clone();
        }

        @Override
        public byte[] shortMessage() {
            return shortMessage.clone();
        }
    }

    /** alert_notification: a subscriber became reachable. */
    record AlertNotification(SmppAddress source, SmppAddress esme, List<Tlv> tlvs) implements SmppBody {
        public AlertNotification {
            tlvs = List.copyOf(tlvs);
        }
    }
}
