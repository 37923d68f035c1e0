package org.stemreach.analytics.kpi;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.stemreach.analytics.projection.Generations;
import org.stemreach.analytics.projection.Projector;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class FactStoreTest {

    @Test
    void theLatestMarkOfASessionDecidesByTheActivitysSequenceWhateverTheWritersClocks() {
        // Checked in at 10:00:00 on one instance, corrected to absent 3 s later on another whose clock is 5 s behind.
        Document corrected = new Document("s1", new Document("s7", true).append("s8", false));
        assertThat(FactStore.attended(new Document("s1", new Document("s7", true)))).isTrue();
        assertThat(FactStore.attended(corrected)).as("the later change, by sequence").isFalse();
        assertThat(FactStore.attended(new Document("s1", new Document("s10", true).append("s9", false)))).as("10 after 9, not as text").isTrue();
        // Marks without a sequence (events of before it): by time.
        assertThat(FactStore.attended(new Document("s1", new Document("t1000", false).append("t2000", true)))).isTrue();
        assertThat(FactStore.attended(new Document("s1", new Document("s3", false)).append("s2", new Document("t5", true))))
                .as("present at one session is enough").isTrue();
        // Both kinds (a rolling upgrade: one instance writes sequences, another not yet): the one without wins only if later.
        Document mixed = new Document("s1", new Document("s12", true).append("t2000", false));
        assertThat(FactStore.attended(mixed, new Document("s1", new Document("s12", 1000L)))).as("corrected after, by an older instance").isFalse();
        assertThat(FactStore.attended(mixed, new Document("s1", new Document("s12", 3000L)))).as("the sequence mark is the later one").isTrue();
        assertThat(FactStore.attended(mixed, null)).as("no time known for the sequence mark: it counts as the later").isTrue();
    }

    @Test
    void refreshesAtOnceOnlyAfterALiveSizedBatchThatLeavesFewDocumentsToRead() {
        assertThat(FactStore.refreshNow(1, 3)).isTrue();
        assertThat(FactStore.refreshNow(FactStore.EAGER_REFRESH_BATCH, FactStore.EAGER_REFRESH_DOCUMENTS)).isTrue();
        assertThat(FactStore.refreshNow(FactStore.EAGER_REFRESH_BATCH + 1, 3)).as("a large batch").isFalse();
        assertThat(FactStore.refreshNow(1, FactStore.EAGER_REFRESH_DOCUMENTS + 1)).as("a small batch after large ones").isFalse();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aBatchCompletedAfterItsWritesFailedHalfwayIsReadAgainInFull() {
        MongoTemplate mongo = mock(MongoTemplate.class);
        Generations generations = mock(Generations.class);
        when(generations.physical(anyString())).thenAnswer(call -> "g0_" + call.getArgument(0));
        when(mongo.stream(any(Query.class), eq(Document.class), anyString())).thenAnswer(call -> Stream.empty());
        when(mongo.find(any(Query.class), eq(Document.class), anyString())).thenReturn(List.of());
        when(mongo.stream(any(Query.class), eq(Document.class), eq("g0_" + Projector.STATS)))
                .thenAnswer(call -> Stream.of(new Document("_id", "events").append("applied", 10)));
        Projector projector = mock(Projector.class);
        FactStore facts = new FactStore(mongo, generations, projector);
        ArgumentCaptor<Consumer<Projector.Applied>> listener = ArgumentCaptor.forClass(Consumer.class);
        verify(projector).onApplied(listener.capture());
        assertThat(facts.eventsApplied()).isEqualTo(10);

        // The failed attempt's writes reached MongoDB; the batch that completed them names none of its documents.
        when(mongo.stream(any(Query.class), eq(Document.class), eq("g0_" + Projector.STATS)))
                .thenAnswer(call -> Stream.of(new Document("_id", "events").append("applied", 25)));
        listener.getValue().accept(new Projector.Applied(List.of(), List.of(), true));

        assertThat(facts.eventsApplied()).isEqualTo(25);
    }
}
