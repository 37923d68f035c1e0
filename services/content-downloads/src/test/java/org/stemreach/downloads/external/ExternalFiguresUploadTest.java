package org.stemreach.downloads.external;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.stemreach.kit.outbox.Outbox;
import org.stemreach.kit.web.ApiException;

import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class ExternalFiguresUploadTest {

    @Test
    void aDatabaseFailingHalfwaySaysHowManyFiguresWereReportedAndHowToFinish() {
        MongoTemplate mongo = mock(MongoTemplate.class);
        Outbox outbox = mock(Outbox.class);
        when(outbox.clock()).thenReturn(Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC));
        when(mongo.upsert(any(), any(), any(Class.class))).thenReturn(null)
                .thenThrow(new DataAccessResourceFailureException("the database went away"));
        String csv = """
                channel;metric;network;period;value
                klascement;resources_viewed;ISTEM;2026;12500
                klascement;resources_used;ISTEM;2026;3400
                facebook;reach;ISTEM;2026;900
                """;

        assertThatThrownBy(() -> new ExternalFigures(mongo, outbox).upload(new StringReader(csv), network -> true))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(503);
                    assertThat(e.getMessage()).contains("after 1 of 3 figures").contains("send the same file again");
                });
    }

    @Test
    void aFileWithoutFiguresIsSaidToBeEmptyRatherThanSaved() {
        Outbox outbox = mock(Outbox.class);
        when(outbox.clock()).thenReturn(Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC));
        ExternalFigures figures = new ExternalFigures(mock(MongoTemplate.class), outbox);

        assertThat(figures.upload(new StringReader("channel;metric;network;period;value\n"), network -> true))
                .singleElement().satisfies(error -> assertThat(error.message()).contains("no figures"));
        assertThat(figures.upload(new StringReader(""), network -> true)).singleElement()
                .satisfies(error -> assertThat(error.message()).contains("no figures"));
    }
}
