package org.stemreach.web;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class PageLanguagesTest {

    @Test
    void dutchAndEnglishOnly() {
        assertThat(PageLanguages.of("nl-BE")).contains(PageLanguages.DUTCH_BELGIUM);
        assertThat(PageLanguages.of("nl")).contains(PageLanguages.DUTCH_BELGIUM);
        assertThat(PageLanguages.of("en")).contains(Locale.ENGLISH);
        assertThat(PageLanguages.of("en_GB")).contains(Locale.ENGLISH);
        assertThat(PageLanguages.of("fr")).isEmpty();
        assertThat(PageLanguages.of("<")).isEmpty();
        assertThat(PageLanguages.of("")).isEmpty();
        assertThat(PageLanguages.of(null)).isEmpty();
    }
}
