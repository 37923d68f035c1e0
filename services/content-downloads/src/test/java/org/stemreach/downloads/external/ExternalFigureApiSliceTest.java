package org.stemreach.downloads.external;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.stemreach.kit.security.ServiceSecurity;
import org.stemreach.kit.web.ApiProblems;
import org.stemreach.testsupport.TestTokens;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The web layer of the external figures alone (a slice: binding, validation, the kit's security and problem details),
 * the catalogue behind it mocked: what reaches it, and what the client gets back.
 */
@WebMvcTest(controllers = ExternalFigureApi.class, properties = "stemreach.security.public-key=" + TestTokens.PUBLIC_KEY)
@ImportAutoConfiguration({org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration.class,
        org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration.class,
        org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration.class, ServiceSecurity.class})
@Import({ApiProblems.class, ExternalFigureApiSliceTest.Meters.class})
class ExternalFigureApiSliceTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class Meters {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    ExternalFigures figures;

    @Test
    void aFigureIsReportedForANetworkTheCallerOperates() {
        when(figures.problemsOf(any())).thenReturn(List.of());

        assertThat(mvc.post().uri("/api/ops/external-figures").header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"channel\": \"KlasCement\", \"metric\": \"resources_viewed\", \"network\": \"ISTEM\", \"period\": \"2026\", \"value\": 12500}"))
                .hasStatus(204);
        verify(figures).report(new ExternalFigures.Figure("klascement", "resources_viewed", "ISTEM", "2026", 12500));
    }

    @Test
    void anOperatorOfAnotherNetworkReportsNothing() {
        when(figures.problemsOf(any())).thenReturn(List.of());

        assertThat(mvc.post().uri("/api/ops/external-figures").header(HttpHeaders.AUTHORIZATION, TestTokens.ops("STEMBASIS"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"channel\": \"klascement\", \"metric\": \"resources_viewed\", \"network\": \"ISTEM\", \"period\": \"2026\", \"value\": 1}"))
                .hasStatus(403).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        verify(figures, never()).report(any());
    }

    @Test
    void badInputIsAProblemAndReachesNothing() {
        for (String body : List.of("{\"channel\": {\"$gt\": \"\"}, \"metric\": \"m\", \"network\": \"ISTEM\", \"period\": \"2026\", \"value\": 1}",
                "{\"channel\": \"c\", \"metric\": \"m\", \"network\": \"ISTEM\", \"period\": \"2026\"}", "{\"channel\": ", "[]")) {
            assertThat(mvc.post().uri("/api/ops/external-figures").header(HttpHeaders.AUTHORIZATION, TestTokens.admin())
                    .contentType(MediaType.APPLICATION_JSON).content(body))
                    .as(body).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        verify(figures, never()).report(any());
        verify(figures, never()).problemsOf(any());
    }

    @Test
    void withoutAValidTokenNothingIsAsked() {
        assertThat(mvc.get().uri("/api/ops/external-figures")).hasStatus(401).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(mvc.get().uri("/api/ops/external-figures").header(HttpHeaders.AUTHORIZATION, TestTokens.forged("ADMIN"))).hasStatus(401);
        verify(figures, never()).of(any());
    }

    @Test
    void aFileWithProblemsAnswersEachByLineWithTheKeyAPageWouldShow() {
        when(figures.upload(any(), any())).thenReturn(List.of(new ExternalFigures.LineError(2,
                ExternalFigures.Problem.of("fields", "expected 5 fields separated by ';'"))));

        var answer = mvc.post().uri("/api/ops/external-figures").header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM"))
                .contentType(MediaType.valueOf("text/csv")).content("channel;metric;network;period;value\nx;y\n");

        assertThat(answer).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer).bodyJson().extractingPath("$.errors[0].line").isEqualTo(2);
        assertThat(answer).bodyJson().extractingPath("$.errors[0].code").isEqualTo("fields");
        assertThat(answer).bodyJson().extractingPath("$.errors[0].message").isEqualTo("expected 5 fields separated by ';'");
    }
}
