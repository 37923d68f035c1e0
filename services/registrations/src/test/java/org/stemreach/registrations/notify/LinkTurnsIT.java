package org.stemreach.registrations.notify;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.stemreach.registrations.registration.TeacherDirectory;
import org.stemreach.testsupport.IntegrationTest;
import org.stemreach.testsupport.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** How often a teacher can be mailed a new personal link, against the test database (one atomic update per turn). */
@IntegrationTest
class LinkTurnsIT {

    @Autowired
    TeacherDirectory teachers;
    @Autowired
    RegistrationMailer mailer;
    @Autowired
    MongoTemplate mongo;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T08:00:00Z"));

    @Test
    void aTeacherGetsANewLinkAtMostOnceEveryTenMinutesAndFiveTimesADay() {
        LinkRequests requests = new LinkRequests(teachers, mailer, mongo, new SimpleMeterRegistry(), clock);
        String teacher = "teacher-" + UUID.randomUUID();

        assertThat(requests.claim(teacher)).as("the first").isTrue();
        assertThat(requests.claim(teacher)).as("at once again").isFalse();
        clock.advance(Duration.ofMinutes(9));
        assertThat(requests.claim(teacher)).as("nine minutes later").isFalse();
        for (int turn = 2; turn <= LinkRequests.AT_MOST_PER_DAY; turn++) {
            clock.advance(Duration.ofMinutes(11));
            assertThat(requests.claim(teacher)).as("turn " + turn + " of the day").isTrue();
        }
        clock.advance(Duration.ofMinutes(11));
        assertThat(requests.claim(teacher)).as("one more the same day").isFalse();
        clock.advance(Duration.ofHours(16));
        assertThat(requests.claim(teacher)).as("the next day").isTrue();
        assertThat(requests.claim("teacher-" + UUID.randomUUID())).as("another teacher meanwhile").isTrue();
    }

    @Test
    void turnsOfDaysGoneByAreForgotten() {
        LinkRequests requests = new LinkRequests(teachers, mailer, mongo, new SimpleMeterRegistry(), clock);
        String teacher = "teacher-" + UUID.randomUUID();
        requests.claim(teacher);

        clock.advance(Duration.ofDays(3));
        requests.forgetOldTurns();

        assertThat(mongo.getCollection("link_mails").countDocuments(new org.bson.Document("_id", teacher))).isZero();
    }
}
