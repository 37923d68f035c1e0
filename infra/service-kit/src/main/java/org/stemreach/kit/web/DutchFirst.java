package org.stemreach.kit.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.stemreach.web.PageLanguages;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.Locale;

/**
 * Pages speak Dutch (Belgium) first; {@code ?lang=en} switches to English, remembered in the
 * {@code STEMREACH_LANG} cookie that the gateway and every service share.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class DutchFirst implements WebMvcConfigurer {

    public static final Locale DUTCH_BELGIUM = Locale.forLanguageTag("nl-BE");

    @Bean
    LocaleResolver localeResolver() {
        return PageLanguages.resolver();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // Dutch or English; any other or malformed ?lang= keeps the current language (not an error).
        registry.addInterceptor(PageLanguages.interceptor());
    }
}
