package org.stemreach.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.Locale;

/**
 * The page's "other language" link ({@code languageUrl} in every page's model): the same page with {@code lang}
 * switched, its query (a personal link's token, the filters) kept. A page shown in answer to a form (a POST, e.g. with
 * its errors) links to the page the form was on (the {@code Referer}'s path and query: never another site), since its own
 * address takes no GET.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ControllerAdvice
public class LanguageLink {

    /** Dutch (Belgium) first; English the other one. */
    static String otherLanguage(Locale current) {
        return "en".equals(current.getLanguage()) ? "nl-BE" : "en";
    }

    @ModelAttribute("languageUrl")
    public String languageUrl(HttpServletRequest request, Locale locale) {
        return of(request.getMethod(), request.getQueryString(), request.getHeader(HttpHeaders.REFERER), otherLanguage(locale));
    }

    static String of(String method, String query, String referer, String language) {
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            if (referer == null || referer.isBlank()) {
                return "?lang=" + language;
            }
            try {
                // Its path and query only: a link on this site, whatever site a Referer names.
                var from = UriComponentsBuilder.fromUriString(referer).build();
                String path = from.getPath();
                if (path == null || !path.startsWith("/") || path.startsWith("//")) {
                    return "?lang=" + language;
                }
                return UriComponentsBuilder.newInstance().path(path).query(from.getQuery()).replaceQueryParam("lang", language)
                        .build().toUriString();
            } catch (IllegalArgumentException e) {
                return "?lang=" + language;
            }
        }
        // Relative to the page itself (behind the gateway its path has a prefix the service does not see).
        return UriComponentsBuilder.newInstance().query(query).replaceQueryParam("lang", language).build().toUriString();
    }
}
