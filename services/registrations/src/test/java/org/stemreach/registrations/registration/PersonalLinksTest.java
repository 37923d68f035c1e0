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
    void aChangedOrForeignLinkIsRefused() {
        String token = links.tokenFor("teacher-1");
        String otherTeacher = new PersonalLinks("a-secret-of-at-least-16", Duration.ofDays(30), clock).tokenFor("teacher-2");
        String forged = otherTeacher.substring(0, otherTeacher.indexOf('.')) + token.substring(token.indexOf('.'));

        assertThatThrownBy(() -> links.teacherOf(forged)).isInstanceOf(PersonalLinks.InvalidLinkException.class);
        assertThatThrownBy(() -> new PersonalLinks("another-secret-16chars", Duration.ofDays(30), clock).teacherOf(token))
                .isInstanceOf(PersonalLinks.InvalidLinkException.class);
        assertThatThrownBy(() -> links.teacherOf("garbage")).isInstanceOf(PersonalLinks.InvalidLinkException.class);
        assertThatThrownBy(() -> links.teacherOf(null)).isInstanceOf(PersonalLinks.InvalidLinkException.class);
    }
}
