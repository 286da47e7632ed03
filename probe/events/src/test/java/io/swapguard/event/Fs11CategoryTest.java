package io.swapguard.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The FS.11 category of each MAP operation, as docs/rules.md tabulates it. */
class Fs11CategoryTest {

    @Test
    void everyOperationHasTheCategoryOfTheTable() {
        Map<Fs11Category, Integer> counts = new EnumMap<>(Fs11Category.class);
        for (MapOperation op : MapOperation.values()) {
            counts.merge(op.fs11Category(), 1, Integer::sum);
        }
        assertThat(counts).containsEntry(Fs11Category.CATEGORY_1, 9).containsEntry(Fs11Category.CATEGORY_2, 11)
                .containsEntry(Fs11Category.CATEGORY_3, 17);
        assertThat(MapOperation.ANY_TIME_INTERROGATION.fs11Category()).isEqualTo(Fs11Category.CATEGORY_1);
        assertThat(MapOperation.SEND_ROUTING_INFO.fs11Category()).isEqualTo(Fs11Category.CATEGORY_1);
        assertThat(MapOperation.INSERT_SUBSCRIBER_DATA.fs11Category()).isEqualTo(Fs11Category.CATEGORY_2);
        assertThat(MapOperation.PROVIDE_SUBSCRIBER_LOCATION.fs11Category()).isEqualTo(Fs11Category.CATEGORY_2);
        assertThat(MapOperation.UPDATE_LOCATION.fs11Category()).isEqualTo(Fs11Category.CATEGORY_3);
        assertThat(MapOperation.MO_FORWARD_SM.fs11Category()).isEqualTo(Fs11Category.CATEGORY_3);
        assertThat(MapOperation.MT_FORWARD_SM.fs11Category()).isEqualTo(Fs11Category.NONE);
        assertThat(MapOperation.ALERT_SERVICE_CENTRE.fs11Category()).isEqualTo(Fs11Category.NONE);
        assertThat(MapOperation.UNKNOWN.fs11Category()).isEqualTo(Fs11Category.NONE);
    }

    @Test
    void theLabelsAreTheMetricTagValues() {
        assertThat(Fs11Category.CATEGORY_1.label()).isEqualTo("1");
        assertThat(Fs11Category.CATEGORY_2.label()).isEqualTo("2");
        assertThat(Fs11Category.CATEGORY_3.label()).isEqualTo("3");
        assertThat(Fs11Category.NONE.label()).isEqualTo("none");
    }
}
