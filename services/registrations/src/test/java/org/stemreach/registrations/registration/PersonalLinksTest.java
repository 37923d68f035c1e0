package org.stemreach.registrations.registration;

import org.junit.jupiter.api.Test;
import org.stemreach.testsupport.MutableClock;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PersonalLinksTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final PersonalLinks links = new PersonalLinks("a-secret-of-at-least-16", Duration.ofDays(30), clock);

    @Test
    void aLinkLeadsBackToItsTeacherUntilItExpires() {
        String token = links.tokenFor("teacher-1");

        assertThat(links.teacherOf(token)).isEqualTo("teacher-1");
        clock.advance(Duration.ofDays(31));
        assertThatThrownBy(() -> links.teacherOf(token)).hasMessageContaining("expired");
    }

    @Test
    void aNewerLinkReplacesTheOnesBeforeItAndAnExpiredOneStaysExpired() {
        java.util.Map<String, Long> generations = new java.util.HashMap<>();
        PersonalLinks replaceable = new PersonalLinks("a-secret-of-at-least-16", Duration.ofDays(30), clock,
                teacher -> generations.getOrDefault(teacher, 0L), (teacher, generation) -> generations.merge(teacher, generation, Math::max));
        String first = replaceable.tokenFor("teacher-1");
        String before = links.tokenFor("teacher-1", 0);
        String second = replaceable.tokenFor("teacher-1", 1);
        assertThat(replaceable.teacherOf(first)).as("until a newer one is current").isEqualTo("teacher-1");

        generations.put("teacher-1", 1L); // mailed, and recorded as current
        assertThat(replaceable.teacherOf(second)).isEqualTo("teacher-1");
        assertThatThrownBy(() -> replaceable.teacherOf(first)).hasMessageContaining("replaced");
        assertThat(replaceable.teacherOf(replaceable.tokenFor("teacher-1", 2))).as("mailed, but not recorded: it opens, and is current")
                .isEqualTo("teacher-1");
        assertThat(generations).containsEntry("teacher-1", 2L);
        assertThatThrownBy(() -> replaceable.teacherOf(second)).hasMessageContaining("replaced");
        assertThatThrownBy(() -> replaceable.teacherOf(before)).hasMessageContaining("replaced");
        assertThat(replaceable.teacherOf(replaceable.tokenFor("teacher-2"))).as("another teacher's links stay").isEqualTo("teacher-2");
        clock.advance(Duration.ofDays(31));
        assertThatThrownBy(() -> replaceable.teacherOf(second)).hasMessageContaining("expired");
    }

    @Test
    void aChangedOrForeignLinkIsRefused() {
        String token = links.tokenFor("teacher-1");
        char[] changed = token.toCharArray();
        changed[token.length() / 2] = changed[token.length() / 2] == 'A' ? 'B' : 'A';

        assertThatThrownBy(() -> links.teacherOf(new String(changed))).isInstanceOf(PersonalLinks.InvalidLinkException.class);
        assertThatThrownBy(() -> new PersonalLinks("another-secret-16chars", Duration.ofDays(30), clock).teacherOf(token))
                .isInstanceOf(PersonalLinks.InvalidLinkException.class);
        assertThatThrownBy(() -> links.teacherOf("garbage")).isInstanceOf(PersonalLinks.InvalidLinkException.class);
        assertThatThrownBy(() -> links.teacherOf("")).isInstanceOf(PersonalLinks.InvalidLinkException.class);
        assertThatThrownBy(() -> links.teacherOf(null)).isInstanceOf(PersonalLinks.InvalidLinkException.class);
    }

    @Test
    void theTeacherIdCannotBeReadFromTheLink() {
        String token = links.tokenFor("teacher-1");

        assertThat(token).doesNotContain(".");
        assertThat(new String(java.util.Base64.getUrlDecoder().decode(token), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("teacher-1");
        assertThat(links.tokenFor("teacher-1")).as("two links of one teacher do not even look alike").isNotEqualTo(token);
    }

    @Test
    void aLinkOfTheEarlierFormIsStillHonouredUntilItExpiresAndNotIfForged() throws Exception {
        String payload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("teacher-1." + Instant.parse("2026-01-10T00:00:00Z").getEpochSecond()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec("a-secret-of-at-least-16".getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        String earlier = payload + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        assertThat(links.teacherOf(earlier)).isEqualTo("teacher-1");
        assertThatThrownBy(() -> links.teacherOf(payload + ".AAAA")).isInstanceOf(PersonalLinks.InvalidLinkException.class);
        clock.advance(Duration.ofDays(10));
        assertThatThrownBy(() -> links.teacherOf(earlier)).hasMessageContaining("expired");
    }
}
