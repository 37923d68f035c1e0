package org.stemreach.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.servlet.support.RequestContextUtils;

import java.util.Map;

/**
 * An address nothing answers, asked for by a browser (its {@code Accept} names HTML): the error page
 * ({@code templates/error.html}) with 404, in the service's layout and with its language link. Anything else (a script,
 * a page's own fetch, a client that accepts anything) still gets the problem document: this resolver comes first and
 * passes those on.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class MissingPages {

    @Bean
    HandlerExceptionResolver missingPageResolver() {
        return new Resolver();
    }

    static boolean asksForAPage(String accept) {
        return accept != null && accept.contains(MediaType.TEXT_HTML_VALUE);
    }

    private static final class Resolver implements HandlerExceptionResolver, Ordered {

        @Override
        public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler, Exception failure) {
            if (!(failure instanceof NoResourceFoundException) || !asksForAPage(request.getHeader(HttpHeaders.ACCEPT))) {
                return null;
            }
            String languageUrl = LanguageLink.of(request.getMethod(), request.getQueryString(), request.getHeader(HttpHeaders.REFERER),
                    LanguageLink.otherLanguage(RequestContextUtils.getLocale(request)));
            return new ModelAndView("error", Map.of("status", HttpStatus.NOT_FOUND.value(), "languageUrl", languageUrl), HttpStatus.NOT_FOUND);
        }

        @Override
        public int getOrder() {
            // After Spring Boot's DefaultErrorAttributes (which only notes the failure), before Spring MVC's own resolvers.
            return Ordered.HIGHEST_PRECEDENCE + 1;
        }
    }
}
