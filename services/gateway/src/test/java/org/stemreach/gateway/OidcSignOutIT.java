package org.stemreach.gateway;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;


import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * With OpenID Connect, signing out also ends the session at the identity provider. Configured as in the compose stack:
 * the provider endpoint by endpoint (no discovery), the end-session endpoint from {@code stemreach.gateway.oidc.end-session-uri}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK, properties = {
        "stemreach.gateway.login=oidc",
        "stemreach.gateway.oidc.end-session-uri=" + OidcSignOutIT.END_SESSION,
        "spring.security.oauth2.client.registration.keycloak.client-id=stemreach-gateway",
        "spring.security.oauth2.client.registration.keycloak.client-secret=secret",
        "spring.security.oauth2.client.registration.keycloak.authorization-grant-type=authorization_code",
        "spring.security.oauth2.client.registration.keycloak.scope=openid,profile,email",
        "spring.security.oauth2.client.registration.keycloak.redirect-uri={baseUrl}/login/oauth2/code/{registrationId}",
        "spring.security.oauth2.client.provider.keycloak.authorization-uri=http://keycloak.test:8180/realms/stemreach/protocol/openid-connect/auth",
        "spring.security.oauth2.client.provider.keycloak.token-uri=http://keycloak:8080/realms/stemreach/protocol/openid-connect/token",
        "spring.security.oauth2.client.provider.keycloak.jwk-set-uri=http://keycloak:8080/realms/stemreach/protocol/openid-connect/certs",
        "spring.security.oauth2.client.provider.keycloak.user-info-uri=http://keycloak:8080/realms/stemreach/protocol/openid-connect/userinfo",
        "spring.security.oauth2.client.provider.keycloak.user-name-attribute=preferred_username"})
class OidcSignOutIT {

    static final String END_SESSION = "http://keycloak.test:8180/realms/stemreach/protocol/openid-connect/logout";

    @Autowired
    WebApplicationContext context;
    @Autowired
    ClientRegistrationRepository registrations;
    MockMvc mvc;

    @BeforeEach
    void mvc() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    }

    @Test
    void signingOutEndsTheSessionAtTheProviderAndComesBackToTheLandingPage() throws Exception {
        ClientRegistration keycloak = registrations.findByRegistrationId("keycloak");
        assertThat(keycloak.getProviderDetails().getConfigurationMetadata()).as("no discovery, as in compose").isEmpty();

        MvcResult result = mvc.perform(post("/logout").with(csrf())
                .with(oidcLogin().clientRegistration(keycloak).idToken(token -> token.tokenValue("the-id-token").subject("ops-istem"))))
                .andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(302);
        assertThat(result.getResponse().getRedirectedUrl()).startsWith(END_SESSION).contains("id_token_hint=the-id-token")
                .contains("post_logout_redirect_uri=http://localhost/?signedOut");
    }

    @Test
    void thePagesLetTheSignOutFormGoOnToTheProvider() throws Exception {
        String policy = mvc.perform(get("/")).andReturn().getResponse().getHeader("Content-Security-Policy");

        assertThat(policy).contains("form-action 'self' http://keycloak.test:8180");
    }

    @Test
    void theSignInPageIsTheGatewaysOwnWithAButtonToTheNetworkAccount() throws Exception {
        MvcResult page = mvc.perform(get("/login").accept(org.springframework.http.MediaType.TEXT_HTML)).andReturn();
        MvcResult ops = mvc.perform(get("/registrations/ops/activities").accept(org.springframework.http.MediaType.TEXT_HTML)).andReturn();

        assertThat(page.getResponse().getStatus()).isEqualTo(200);
        assertThat(page.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("Aanmelden via het netwerkaccount").contains("href=\"/oauth2/authorization/keycloak\"").doesNotContain("id=\"password\"");
        assertThat(ops.getResponse().getRedirectedUrl()).as("an operations page asks to sign in there").endsWith("/login");
    }

    @Test
    void withoutAnOidcSessionSigningOutJustComesBack() throws Exception {
        MvcResult result = mvc.perform(post("/logout").with(csrf())).andReturn();

        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/?signedOut");
    }
}
