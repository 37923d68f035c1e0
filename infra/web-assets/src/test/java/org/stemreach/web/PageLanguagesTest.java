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

    @Test
    void aCookieNamingAnotherLanguageCountsAsNone() {
        org.springframework.mock.web.MockHttpServletRequest french = new org.springframework.mock.web.MockHttpServletRequest();
        french.setCookies(new jakarta.servlet.http.Cookie("STEMREACH_LANG", "fr"));
        org.springframework.mock.web.MockHttpServletRequest english = new org.springframework.mock.web.MockHttpServletRequest();
        english.setCookies(new jakarta.servlet.http.Cookie("STEMREACH_LANG", "en"));

        assertThat(PageLanguages.resolver().resolveLocale(french)).isEqualTo(PageLanguages.DUTCH_BELGIUM);
        assertThat(PageLanguages.resolver().resolveLocale(english)).isEqualTo(Locale.ENGLISH);
        assertThat(PageLanguages.resolver().resolveLocale(new org.springframework.mock.web.MockHttpServletRequest()))
                .isEqualTo(PageLanguages.DUTCH_BELGIUM);
    }
}
