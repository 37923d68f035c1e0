package org.stemreach.downloads.download;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.stemreach.testsupport.IntegrationTest;
import org.stemreach.testsupport.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** The client keys' daily salts in the test database: one per day for every instance, gone two days later. */
@IntegrationTest
class DailySaltsIT {

    @Autowired
    MongoTemplate mongo;

    @Test
    void everyInstanceUsesTheDaysOneSaltUntilItIsForgotten() {
        MutableClock clock = new MutableClock(Instant.parse("2031-05-10T09:00:00Z"));
        DailySalts one = new DailySalts(mongo, clock);
        DailySalts other = new DailySalts(mongo, clock);
        LocalDate today = LocalDate.of(2031, 5, 10);

        String salt = one.saltOf(today);

        assertThat(salt).hasSizeGreaterThanOrEqualTo(40);
        assertThat(other.saltOf(today)).as("another instance").isEqualTo(salt);
        assertThat(one.saltOf(today.minusDays(1))).isNotEqualTo(salt);

        clock.advance(Duration.ofDays(1));
        one.forgetOldSalts();
        assertThat(new DailySalts(mongo, clock).saltOf(today)).as("still there the next day: yesterday's is needed just after midnight")
                .isEqualTo(salt);

        clock.advance(Duration.ofDays(1));
        one.forgetOldSalts();
        assertThat(mongo.getCollection(DailySalts.COLLECTION).countDocuments(new org.bson.Document("_id", today.toString()))).isZero();
        assertThat(one.saltOf(today)).as("made anew: the old one is gone for good").isNotEqualTo(salt);
    }
}
