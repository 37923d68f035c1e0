package org.stemreach.registrations.registration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One school however its name and postcode are written, and two schools of one name in two places. */
class SchoolTest {

    @Test
    void caseSpacesHyphensAndABelgianCountryPrefixMakeNoOtherSchool() {
        String key = School.key("Sint-Jozef", "8500");

        assertThat(School.key("  sint-jozef ", " 8500 ")).isEqualTo(key);
        assertThat(School.key("Sint-Jozef", "B-8500")).isEqualTo(key);
        assertThat(School.key("Sint-Jozef", "be 8500")).isEqualTo(key);
        assertThat(School.key("De Regenboog", "1234 ab")).isEqualTo(School.key("De Regenboog", "1234AB"));
    }

    @Test
    void anotherPostcodeOrNoneIsAnotherSchool() {
        assertThat(School.key("Sint-Jozef", "9000")).isNotEqualTo(School.key("Sint-Jozef", "8500"));
        assertThat(School.key("Sint-Jozef", null)).isNotEqualTo(School.key("Sint-Jozef", "8500"));
        assertThat(School.key("Sint-Jozef", "")).isEqualTo(School.key("Sint-Jozef", null));
    }
}
