package io.swapguard.engine.senders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapguard.engine.InvalidSettingException;
import io.swapguard.engine.senders.SenderRegistry.Sender;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The folding and the bounded edit distance behind lookalike sender IDs, and the registry's own checks. */
class LookalikesTest {

    @Test
    void foldingKeepsEveryLatinLetterAndDropsTheRest() {
        assertThat(Lookalikes.canonical("ABCXYZ")).isEqualTo("ABCXYZ");
        assertThat(Lookalikes.canonical("az")).isEqualTo("AZ");
        assertThat(Lookalikes.canonical("B.C.A 2 ★")).as("digits without a look-alike, symbols").isEqualTo("BCA");
        assertThat(Lookalikes.canonical("ДЖBCA")).as("letters that imitate no Latin one").isEqualTo("BCA");
        assertThat(Lookalikes.canonical("Bançá")).as("accents").isEqualTo("BANCA");
        assertThat(Lookalikes.canonical("0134578l")).isEqualTo("OIEASTBI");
        assertThat(Lookalikes.canonical("ВСА")).as("Cyrillic").isEqualTo("BCA");
    }

    @Test
    void theDistanceIsExactUpToItsBoundAndBoundedPastIt() {
        assertThat(Lookalikes.distance("BCA", "BCA", 1)).isZero();
        assertThat(Lookalikes.distance("BCA", "BCE", 1)).isEqualTo(1);
        assertThat(Lookalikes.distance("BCA", "BCAX", 1)).as("lengths differing by the bound").isEqualTo(1);
        assertThat(Lookalikes.distance("BCA", "BCAXY", 1)).as("by more").isEqualTo(2);
        assertThat(Lookalikes.distance("", "AB", 2)).isEqualTo(2);
        assertThat(Lookalikes.distance("MANDIRI", "MANDRII", 2)).isEqualTo(2);
        assertThat(Lookalikes.distance("MANDIRI", "XYZDIRI", 1)).as("given up early").isEqualTo(2);
        assertThat(Lookalikes.distance("GOPAY", "GOPAAY", 1)).isEqualTo(1);
    }

    private static final SenderRegistry REGISTRY = new SenderRegistry(List.of(
            new Sender("BCA", "Bank Central Asia", null, List.of(), List.of(), null, null),
            new Sender("MANDIRI", "Bank Mandiri", null, List.of(), List.of(), null, null)));

    @Test
    void aRegisteredIdAsOneWordOfSeveralIsImitatedWhereverItStands() {
        assertThat(REGISTRY.imitated("PROMO BCA", 1)).extracting(Sender::id).isEqualTo("BCA");
        assertThat(REGISTRY.imitated("-BCA-PROMO", 1)).extracting(Sender::id).isEqualTo("BCA");
        assertThat(REGISTRY.imitated("PROMO", 1)).isNull();
        assertThat(REGISTRY.imitated("bca", 1)).as("registered, whatever the case").isNull();
        assertThat(REGISTRY.imitated(" ", 1)).isNull();
        assertThat(REGISTRY.imitated(null, 1)).isNull();
        assertThat(REGISTRY.imitated("MANDIRl", 0)).as("folded to the same").extracting(Sender::id).isEqualTo("MANDIRI");
        assertThat(REGISTRY.imitated("MANDIRU", 0)).as("no edits allowed").isNull();
        assertThat(REGISTRY.imitated("MANDIRU", 1)).extracting(Sender::id).isEqualTo("MANDIRI");
        assertThat(REGISTRY.imitated("BCE", 1)).as("too short for edit distance").isNull();
    }

    @Test
    void aSenderIsCheckedAsItIsRegistered() {
        assertThat(new Sender("ABCDEFGHIJKLMNOP", null, null, null, null, null, null).id()).hasSize(16);
        assertThatThrownBy(() -> new Sender("ABCDEFGHIJKLMNOPQ", null, null, null, null, null, null))
                .isInstanceOf(InvalidSettingException.class).hasMessage("must be 1..16 characters");
        assertThatThrownBy(() -> new Sender(" ", null, null, null, null, null, null))
                .isInstanceOf(InvalidSettingException.class);
        Sender plain = new Sender("BCA", null, false, null, null, true, null);
        assertThat(plain.otp()).isFalse();
        assertThat(plain.international()).isTrue();
        Sender defaults = new Sender("BCA", null, null, null, null, null, null);
        assertThat(defaults.otp()).isTrue();
        assertThat(defaults.international()).isFalse();
        assertThat(defaults.owner()).isEmpty();
        assertThat(new Sender("BCA", null, true, null, null, false, null).international()).isFalse();
    }

    @Test
    void aSenderRegisteredTwiceIsRefusedNamingBothEntries() {
        Sender bca = new Sender("BCA", null, null, null, null, null, null);
        Sender bni = new Sender("BNI", null, null, null, null, null, null);
        assertThatThrownBy(() -> new SenderRegistry.File(List.of(bca, bni, new Sender("bca ", null, null, null, null,
                null, null)))).isInstanceOfSatisfying(InvalidSettingException.class,
                        e -> assertThat(e.key()).isEqualTo("senders"))
                .hasMessage("sender ID 'bca ' is registered twice (entries 1 and 3): keep one");
        assertThat(new SenderRegistry.File(List.of(bca, bni)).senders()).containsExactly(bca, bni);
        assertThat(new SenderRegistry.File(null).senders()).isEmpty();
    }
}
