package org.stemreach.web;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class LanguageLinkTest {

    @Test
    void aPageKeepsItsQueryWithTheOtherLanguage() {
        assertThat(LanguageLink.of("GET", "token=abc.DEF-1_x", null, "en")).isEqualTo("?token=abc.DEF-1_x&lang=en");
        assertThat(LanguageLink.of("GET", "network=ISTEM&lang=en&type=WORKSHOP", null, "nl-BE"))
                .isEqualTo("?network=ISTEM&type=WORKSHOP&lang=nl-BE");
        assertThat(LanguageLink.of("GET", null, null, "en")).isEqualTo("?lang=en");
    }

    @Test
    void aPageAnsweringAFormLinksToThePageTheFormWasOn() {
        assertThat(LanguageLink.of("POST", null, "http://localhost:8080/registrations/my?token=abc#details", "en"))
                .isEqualTo("/registrations/my?token=abc&lang=en");
        assertThat(LanguageLink.of("POST", null, null, "en")).isEqualTo("?lang=en");
        assertThat(LanguageLink.of("POST", null, "https://evil.example/phish?x=1", "en")).isEqualTo("/phish?x=1&lang=en");
        assertThat(LanguageLink.of("POST", null, "javascript:alert(1)", "en")).isEqualTo("?lang=en");
        assertThat(LanguageLink.of("POST", null, "//evil.example/x", "en")).isEqualTo("/x?lang=en");
    }

    @Test
    void dutchFirstEnglishTheOther() {
        assertThat(LanguageLink.otherLanguage(Locale.forLanguageTag("nl-BE"))).isEqualTo("en");
        assertThat(LanguageLink.otherLanguage(Locale.ENGLISH)).isEqualTo("nl-BE");
    }
}
