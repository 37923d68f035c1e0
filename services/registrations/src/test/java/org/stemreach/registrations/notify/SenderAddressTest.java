package org.stemreach.registrations.notify;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The configured sender must be one address: otherwise no mail could be made, and each would pass for a teacher's bad address. */
class SenderAddressTest {

    @Test
    void oneAddressWithOrWithoutANameIsTakenAnythingElseStopsTheStart() {
        assertThat(RegistrationMailer.senderAddress("noreply@stemreach.be")).isEqualTo("noreply@stemreach.be");
        assertThat(RegistrationMailer.senderAddress("STEM Reach <noreply@stemreach.be>")).isEqualTo("STEM Reach <noreply@stemreach.be>");
        for (String bad : new String[]{"STEM Reach, Vlaanderen <noreply@stemreach.be>", "a@x.be, b@x.be", "not an address", ""}) {
            assertThatThrownBy(() -> RegistrationMailer.senderAddress(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("mail-from");
        }
    }
}
