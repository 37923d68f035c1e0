package org.stemreach.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.support.RequestContextUtils;

import java.util.Locale;
import java.util.Optional;

/**
 * The languages the pages are written in: Dutch (Belgium) first, and English. {@code ?lang=} switches between them; any
 * other value (French, a typo, something malformed) keeps the current language rather than showing Dutch text with
 * another language's dates and numbers, and remembering that for a year.
 */
public final class PageLanguages {

    public static final Locale DUTCH_BELGIUM = Locale.forLanguageTag("nl-BE");

    private PageLanguages() {
    }

    /** The page language a {@code lang} value asks for, if it is one of ours ({@code nl}, {@code nl-BE}, {@code en}, ...). */
    public static Optional<Locale> of(String tag) {
        if (tag == null || tag.isBlank()) {
            return Optional.empty();
        }
        String language = Locale.forLanguageTag(tag.strip().replace('_', '-')).getLanguage();
        return switch (language) {
            case "nl" -> Optional.of(DUTCH_BELGIUM);
            case "en" -> Optional.of(Locale.ENGLISH);
            default -> Optional.empty();
        };
    }

    /**
     * The reader's language, kept a year in the {@code STEMREACH_LANG} cookie (shared by the gateway and the services, which
     * sit behind one address), Dutch (Belgium) without one. A cookie naming another language (set by an earlier version,
     * or by hand) counts as none.
     */
    public static LocaleResolver resolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("STEMREACH_LANG") {
            @Override
            protected Locale parseLocaleValue(String value) {
                return of(value).orElse(null);
            }
        };
        resolver.setDefaultLocale(DUTCH_BELGIUM);
        resolver.setCookieMaxAge(java.time.Duration.ofDays(365));
        resolver.setCookiePath("/");
        return resolver;
    }

    /** The {@code ?lang=} switch, for our languages only. */
    public static LocaleChangeInterceptor interceptor() {
        LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                Optional<Locale> wanted = of(request.getParameter(getParamName()));
                LocaleResolver resolver = RequestContextUtils.getLocaleResolver(request);
                if (wanted.isPresent() && resolver != null) {
                    resolver.setLocale(request, response, wanted.get());
                }
                return true;
            }
        };
        interceptor.setParamName("lang");
        return interceptor;
    }
}
