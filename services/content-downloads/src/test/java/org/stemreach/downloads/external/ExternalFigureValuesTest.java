package org.stemreach.downloads.external;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Values as people write them in a Belgian spreadsheet or in English. */
class ExternalFigureValuesTest {

    @Test
    void thousandsAndDecimalsInDutchAndEnglish() {
        assertThat(ExternalFigures.parseValue("12500")).isEqualTo(12500);
        assertThat(ExternalFigures.parseValue("12.500")).as("nl-BE thousands").isEqualTo(12500);
        assertThat(ExternalFigures.parseValue("1.234.567")).isEqualTo(1234567);
        assertThat(ExternalFigures.parseValue("12 500")).isEqualTo(12500);
        assertThat(ExternalFigures.parseValue("12\u202F500")).as("narrow no-break space").isEqualTo(12500);
        assertThat(ExternalFigures.parseValue("12,5")).as("nl-BE decimal").isEqualTo(12.5);
        assertThat(ExternalFigures.parseValue("12.5")).isEqualTo(12.5);
        assertThat(ExternalFigures.parseValue("12.500,75")).isEqualTo(12500.75);
        assertThat(ExternalFigures.parseValue("12,500.75")).isEqualTo(12500.75);
        assertThat(ExternalFigures.parseValue("1,234,567")).isEqualTo(1234567);
    }

    @Test
    void anythingElseIsNoValue() {
        assertThat(ExternalFigures.parseValue("twaalf")).isEqualTo(-1);
        assertThat(ExternalFigures.parseValue("-5")).isEqualTo(-1);
        assertThat(ExternalFigures.parseValue("")).isEqualTo(-1);
        assertThat(ExternalFigures.parseValue("1e9")).isEqualTo(-1);
    }
}
