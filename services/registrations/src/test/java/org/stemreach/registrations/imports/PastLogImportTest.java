package org.stemreach.registrations.imports;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PastLogImportTest {

    @Test
    void anImportedPreServiceSessionIsAMastersWhenItsTitleOrTargetGroupSaysSo() {
        assertThat(PastLogImport.levelOf("Gastles STEM in de educatieve master", "hoger onderwijs")).isEqualTo("MASTER");
        assertThat(PastLogImport.levelOf("Gastles STEM", "Master of Teaching")).isEqualTo("MASTER");
        assertThat(PastLogImport.levelOf("Sessie lerarenopleiding lager onderwijs", "hoger onderwijs")).isEqualTo("BACHELOR");
        assertThat(PastLogImport.levelOf("Sessie masterclass-begeleiding", "")).as("a word that only begins like it")
                .isEqualTo("BACHELOR");
    }
}
