package org.stemreach.gateway;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** With OpenID Connect (the compose stack's Keycloak), signing out also ends the session at the identity provider. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK, properties = "stemreach.gateway.login=oidc")
class OidcSignOutIT {

    static final String END_SESSION = "http://keycloak.test/realms/stemreach/protocol/openid-connect/logout";

    @TestConfiguration
    static class Keycloak {
        @Bean
        ClientRegistrationRepository keycloak() {
            return new InMemoryClientRegistrationRepository(registration());
        }
    }

    static ClientRegistration registration() {
        return ClientRegistration.withRegistrationId("keycloak").clientId("stemreach-gateway").clientSecret("secret")
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE).redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope("openid").authorizationUri("http://keycloak.test/auth").tokenUri("http://keycloak.test/token")
                .jwkSetUri("http://keycloak.test/certs").userNameAttributeName(IdTokenClaimNames.SUB)
                .providerConfigurationMetadata(Map.of("end_session_endpoint", END_SESSION)).build();
    }

    @Autowired
    WebApplicationContext context;
    MockMvc mvc;

    @BeforeEach
    void mvc() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    }

    @Test
    void signingOutEndsTheSessionAtTheProviderAndComesBackToTheLandingPage() throws Exception {
        OidcIdToken idToken = new OidcIdToken("the-id-token", Instant.now(), Instant.now().plusSeconds(300), Map.of("sub", "ops-istem"));

        MvcResult result = mvc.perform(post("/logout").with(csrf())
                .with(oidcLogin().clientRegistration(registration()).idToken(token -> token.tokenValue(idToken.getTokenValue())
                        .subject("ops-istem")))).andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(302);
        String location = result.getResponse().getRedirectedUrl();
        assertThat(location).startsWith(END_SESSION).contains("id_token_hint=the-id-token")
                .contains("post_logout_redirect_uri=http://localhost/?signedOut");
    }

    @Test
    void withoutAnOidcSessionSigningOutJustComesBack() throws Exception {
        MvcResult result = mvc.perform(post("/logout").with(csrf())).andReturn();

        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/?signedOut");
    }
}
