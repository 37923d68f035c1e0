package org.stemreach.registrations.imports;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.stemreach.kit.web.ApiException;
import org.stemreach.registrations.activity.Activities;
import org.stemreach.registrations.activity.Activity;

import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class PastLogImportTest {

    @Test
    void anImportedPreServiceSessionIsAMastersWhenItsTitleOrTargetGroupSaysSo() {
        assertThat(PastLogImport.levelOf("Gastles STEM in de educatieve master", "hoger onderwijs")).isEqualTo("MASTER");
        assertThat(PastLogImport.levelOf("Gastles STEM", "Master of Teaching")).isEqualTo("MASTER");
        assertThat(PastLogImport.levelOf("Sessie lerarenopleiding lager onderwijs", "hoger onderwijs")).isEqualTo("BACHELOR");
        assertThat(PastLogImport.levelOf("Gastcollege in de educatieve masteropleiding", "")).as("a Dutch compound").isEqualTo("MASTER");
        assertThat(PastLogImport.levelOf("Sessie masterclass-begeleiding", "")).as("a word that only begins like it")
                .isEqualTo("BACHELOR");
    }

    @Test
    void aDatabaseFailingHalfwaySaysHowFarTheImportCameAndHowToFinishIt() {
        Activities activities = mock(Activities.class);
        when(activities.find(anyString())).thenReturn(Optional.empty());
        when(activities.createIfAbsent(any(Activity.class))).thenReturn(true)
                .thenThrow(new DataAccessResourceFailureException("the database went away"));
        PastLogImport importer = new PastLogImport(activities, Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC));
        String csv = """
                date;network;partner;location;title;type;target_group;participants
                12-jan-23;ISTEM;KU Leuven;Kulak;Infostand beurs;LECTURE_OR_INFO_STAND;secundair;ca. 200
                2023-02-10;ISTEM;KU Leuven;Kulak;Lezing STEM;LECTURE_OR_INFO_STAND;secundair;80
                2023-03-10;ISTEM;KU Leuven;Kulak;Lezing wiskunde;LECTURE_OR_INFO_STAND;secundair;60
                """;

        assertThatThrownBy(() -> importer.importLog(new StringReader(csv), network -> true))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(503);
                    assertThat(e.getMessage()).contains("after 1 of 3 activities").contains("import the same file again");
                });
    }
}
