package org.stemreach.registrations.registration;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.CollectionCallback;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.stemreach.kit.outbox.Outbox;
import org.stemreach.kit.outbox.OutboxRelay;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The path a real MongoDB rarely takes: two first sights of one address racing, the loser's upsert hitting the unique key. */
class TeacherDirectoryTest {

    private final MongoTemplate mongo = mock(MongoTemplate.class);
    private final Outbox outbox = mock(Outbox.class);
    private final TeacherDirectory teachers = new TeacherDirectory(mongo, outbox, mock(OutboxRelay.class));

    TeacherDirectoryTest() {
        when(outbox.clock()).thenReturn(Clock.systemUTC());
        when(mongo.getCollectionName(Teacher.class)).thenReturn("teachers");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFirstSightThatLosesTheRaceFindsTheTeacherTheOtherCreated() {
        when(mongo.execute(eq("teachers"), any(CollectionCallback.class)))
                .thenThrow(new DuplicateKeyException("E11000 duplicate key error: emailKey"))
                .thenReturn(new Document("_id", "teacher-1"));

        assertThat(teachers.identify("an@school.be", "An", null, null)).isEqualTo("teacher-1");
        verify(mongo, times(2)).execute(eq("teachers"), any(CollectionCallback.class));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSecondDuplicateKeyIsNotHidden() {
        when(mongo.execute(eq("teachers"), any(CollectionCallback.class)))
                .thenThrow(new DuplicateKeyException("E11000 duplicate key error: emailKey"));

        assertThatThrownBy(() -> teachers.identify("an@school.be", "An", null, null)).isInstanceOf(DuplicateKeyException.class);
    }
}
