package org.stemreach.gateway.landing;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.stemreach.web.PageLanguages;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Clock;
import java.util.Locale;

/** Dutch (Belgium) first; {@code ?lang=en} switches to English and is remembered in a cookie. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    static final Locale DUTCH_BELGIUM = Locale.forLanguageTag("nl-BE");

    @Bean
    LocaleResolver localeResolver() {
        return PageLanguages.resolver();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // Dutch or English; any other or malformed ?lang= keeps the current language (not an error).
        registry.addInterceptor(PageLanguages.interceptor());
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
