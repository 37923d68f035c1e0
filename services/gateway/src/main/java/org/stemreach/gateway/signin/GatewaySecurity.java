package org.stemreach.gateway.signin;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.config.annotation.web.configurers.oauth2.client.OidcBackChannelLogoutHandler;
import org.springframework.security.oauth2.client.oidc.session.InMemoryOidcSessionRegistry;
import org.springframework.security.oauth2.client.oidc.session.OidcSessionRegistry;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.stemreach.gateway.GatewayProperties;
import org.stemreach.gateway.identity.Grants;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sign-in happens here and only here. Operations pages of every service ({@code /<service>/ops/**}) need a
 * signed-in user (a browser is sent to the sign-in page); everything else passes, and the services decide
 * (their APIs answer 401 without the relayed identity). Local sign-in uses the configured users; in the
 * compose stack it is OpenID Connect against Keycloak ({@code stemreach.gateway.login=oidc}).
 */
@Configuration(proxyBeanMethods = false)
class GatewaySecurity {

    private static final String END_SESSION = "end_session_endpoint";
    static final String[] PUBLIC = {"/", "/login", "/error", "/.well-known/jwks.json", "/css/**", "/favicon.ico",
            "/actuator/health/**", "/actuator/info", "/actuator/prometheus"};

    @Bean
    SecurityFilterChain gatewaySecurityFilterChain(HttpSecurity http, GatewayProperties properties,
                                                   ObjectProvider<ClientRegistrationRepository> registrations,
                                                   @Value("${stemreach.gateway.oidc.end-session-uri:}") String endSessionUri,
                                                   @Value("${stemreach.gateway.oidc.issuer:}") String issuer,
                                                   @Value("${server.servlet.session.cookie.name:JSESSIONID}") String sessionCookie) throws Exception {
        boolean oidc = "oidc".equals(properties.login());
        ClientRegistrationRepository providers = oidc ? completed(registrations.getObject(), issuer, endSessionUri) : null;
        // Signing out sends the browser on to the provider's end-session page: the form's redirect must be allowed there.
        String formAction = "'self'" + (oidc ? endSessionOrigins(providers) : "");
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers(PUBLIC).permitAll()
                        .requestMatchers("/*/ops", "/*/ops/**").authenticated()
                        .anyRequest().permitAll())
                // The XSRF-TOKEN cookie is shared with the services, so forms they render pass here too.
                .csrf(csrf -> csrf.spa().csrfTokenRepository(sharedCsrfCookie()))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'; form-action " + formAction))
                        .frameOptions(frame -> frame.deny())
                        // A personal link (/my?token=...) never leaves in a Referer header for another site.
                        .referrerPolicy(referrer -> referrer.policy(
                                org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .httpStrictTransportSecurity(hsts -> hsts.maxAgeInSeconds(31_536_000).includeSubDomains(true)))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .exceptionHandling(exceptions -> exceptions.defaultAccessDeniedHandlerFor(Problems.accessDenied(), Problems::notAPage))
                .logout(logout -> logout.logoutSuccessUrl("/?signedOut").deleteCookies(sessionCookie));
        if (oidc) {
            // The gateway's own sign-in page (Dutch first, a button to the network account), not Spring's generated one.
            http.oauth2Login(login -> login.loginPage("/login").userInfoEndpoint(userInfo -> userInfo.oidcUserService(rolesFromClaims())))
                    // Signing out here also ends the session at the identity provider (RP-initiated logout), so the next
                    // sign-in asks for the password again and picks up changed roles; it then comes back to the landing page.
                    .logout(logout -> logout.logoutSuccessHandler(endSessionAtProvider(providers)));
            if (everyIssuerKnown(providers)) {
                // Back-channel logout: when a session ends at the provider (the user signs out elsewhere, or an
                // administrator ends it), the provider tells the gateway, which ends the sessions it signed in with it.
                // The logout token is checked against the provider's keys and issuer (stemreach.gateway.oidc.issuer).
                OidcSessionRegistry sessions = new InMemoryOidcSessionRegistry();
                // Each session is ended by a request to this very instance (whose registry and sessions they are), on the
                // port the provider's request came in on: never to the address that request names (its Host header),
                // which another instance or host could answer, with the session's cookie.
                org.springframework.security.web.authentication.logout.LogoutHandler endsSessions = (request, response, logoutToken) -> {
                    OidcBackChannelLogoutHandler handler = new OidcBackChannelLogoutHandler(sessions);
                    handler.setSessionCookieName(sessionCookie);
                    handler.setLogoutUri("http://127.0.0.1:" + request.getLocalPort() + "{basePath}/logout/connect/back-channel/{registrationId}");
                    handler.logout(request, response, logoutToken);
                };
                http.oauth2Login(login -> login.oidcSessionRegistry(sessions))
                        .oidcLogout(logout -> logout.clientRegistrationRepository(providers).oidcSessionRegistry(sessions)
                                .backChannel(backChannel -> backChannel.logoutHandler(endsSessions)));
            } else {
                org.slf4j.LoggerFactory.getLogger(GatewaySecurity.class).warn("OpenID Connect back-channel logout is off: the provider's "
                        + "issuer is not known (set stemreach.gateway.oidc.issuer), so a session ended at the provider lasts here "
                        + "until it expires or its user signs out");
            }
        } else {
            http.formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).failureHandler(keepingTheUserName()).permitAll())
                    // For scripts reading figures (GET): state-changing requests still need the CSRF token.
                    .httpBasic(basic -> basic.authenticationEntryPoint(Problems.basicChallenge()));
        }
        return http.build();
    }

    /** A wrong password: back to the form, which keeps the user name typed ({@link LastUserName}). */
    private static org.springframework.security.web.authentication.AuthenticationFailureHandler keepingTheUserName() {
        return (request, response, failure) -> {
            LastUserName.remember(request);
            response.sendRedirect(request.getContextPath() + "/login?error");
        };
    }

    /**
     * The registrations, each with the provider's end-session endpoint and issuer: from its discovery document (an issuer
     * URI), or else {@code stemreach.gateway.oidc.end-session-uri} and {@code stemreach.gateway.oidc.issuer} (providers
     * configured endpoint by endpoint, as in compose, where the gateway must start before Keycloak answers). A known
     * issuer is also checked in every ID token.
     */
    static ClientRegistrationRepository completed(ClientRegistrationRepository registrations, String issuer, String endSessionUri) {
        boolean noEndSession = endSessionUri == null || endSessionUri.isBlank();
        boolean noIssuer = issuer == null || issuer.isBlank();
        if (noEndSession && noIssuer) {
            return registrations;
        }
        List<ClientRegistration> completed = new ArrayList<>();
        if (registrations instanceof Iterable<?> all) {
            for (Object each : all) {
                ClientRegistration registration = (ClientRegistration) each;
                Map<String, Object> metadata = new HashMap<>(registration.getProviderDetails().getConfigurationMetadata());
                if (!noEndSession) {
                    metadata.putIfAbsent(END_SESSION, endSessionUri);
                }
                ClientRegistration.Builder builder = ClientRegistration.withClientRegistration(registration).providerConfigurationMetadata(metadata);
                if (!noIssuer && registration.getProviderDetails().getIssuerUri() == null) {
                    builder.issuerUri(issuer);
                }
                completed.add(builder.build());
            }
        }
        return completed.isEmpty() ? registrations : new InMemoryClientRegistrationRepository(completed);
    }

    /** Whether every provider's issuer is known: a back-channel logout token is only believed from its issuer. */
    static boolean everyIssuerKnown(ClientRegistrationRepository registrations) {
        boolean any = false;
        if (registrations instanceof Iterable<?> all) {
            for (Object each : all) {
                any = true;
                String issuer = ((ClientRegistration) each).getProviderDetails().getIssuerUri();
                if (issuer == null || issuer.isBlank()) {
                    return false;
                }
            }
        }
        return any;
    }

    /** Sessions that end (expire, sign out) are forgotten by the back-channel logout's registry of sessions. */
    @Bean
    org.springframework.security.web.session.HttpSessionEventPublisher sessionEvents() {
        return new org.springframework.security.web.session.HttpSessionEventPublisher();
    }

    /** The origins of the providers' end-session endpoints, each preceded by a space (for a CSP source list). */
    static String endSessionOrigins(ClientRegistrationRepository registrations) {
        StringBuilder origins = new StringBuilder();
        if (registrations instanceof Iterable<?> all) {
            for (Object each : all) {
                Object endpoint = ((ClientRegistration) each).getProviderDetails().getConfigurationMetadata().get(END_SESSION);
                if (endpoint != null) {
                    URI uri = URI.create(endpoint.toString());
                    origins.append(' ').append(uri.getScheme()).append("://").append(uri.getAuthority());
                }
            }
        }
        return origins.toString();
    }

    static LogoutSuccessHandler endSessionAtProvider(ClientRegistrationRepository registrations) {
        OidcClientInitiatedLogoutSuccessHandler handler = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        handler.setPostLogoutRedirectUri("{baseUrl}/?signedOut");
        handler.setDefaultTargetUrl("/?signedOut");
        return handler;
    }

    static CookieCsrfTokenRepository sharedCsrfCookie() {
        CookieCsrfTokenRepository repository = CookieCsrfTokenRepository.withHttpOnlyFalse();
        repository.setCookiePath("/");
        return repository;
    }

    @Bean
    UserDetailsService configuredUsers(GatewayProperties properties, @Value("${server.address:}") String address,
                                       @Value("${server.forward-headers-strategy:none}") String forwardHeaders) {
        List<UserDetails> users = new ArrayList<>();
        for (GatewayProperties.User user : properties.users()) {
            List<String> roles = user.roles() == null ? List.of() : user.roles();
            roles.stream().filter(role -> !Grants.isGrant(role)).findFirst().ifPresent(role -> {
                throw new IllegalStateException("user " + user.username() + " has an unknown role " + role
                        + " (use ADMIN, OPS:<NETWORK> or COACH:<NETWORK>)");
            });
            if (user.password() == null || !user.password().startsWith("{bcrypt}")) {
                throw new IllegalStateException("user " + user.username() + " needs a {bcrypt} password hash");
            }
            users.add(User.withUsername(user.username()).password(user.password())
                    .authorities(roles.stream().map(SimpleGrantedAuthority::new).toList()).build());
        }
        List<String> development = withTheDevelopmentPassword(properties.users());
        if (!"oidc".equals(properties.login()) && !development.isEmpty()) {
            // Behind a proxy (which forwards the clients' addresses), a loopback address is no longer this machine only.
            if (!loopback(address) || !"none".equalsIgnoreCase(forwardHeaders.strip())) {
                // Anyone who can reach this gateway would sign in as an administrator with a password written in the repository.
                throw new IllegalStateException("local sign-in with the development password \"" + DEVELOPMENT_PASSWORD + "\" for "
                        + development + " is for this machine only (server.address 127.0.0.1 and no proxy in front, as the local platform "
                        + "runs it), not on " + (address.isBlank() ? "every address" : address) + (loopback(address) ? " behind a proxy" : "")
                        + ". Sign in through OpenID Connect (STEMREACH_GATEWAY_LOGIN=oidc, "
                        + "as the compose stack does) or set stemreach.gateway.users with passwords of your own");
            }
            org.slf4j.LoggerFactory.getLogger(GatewaySecurity.class).warn("local sign-in with the development password \"{}\" for {}, "
                    + "on this machine only: for development only", DEVELOPMENT_PASSWORD, development);
        }
        return new InMemoryUserDetailsManager(users);
    }

    /** Whether the gateway listens on a loopback address only (blank: every address). */
    static boolean loopback(String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        try {
            return java.net.InetAddress.getByName(address.strip()).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** The password of the bundled development users (application.yml). */
    static final String DEVELOPMENT_PASSWORD = "stemreach";

    /** The configured users whose password is the development one. */
    static List<String> withTheDevelopmentPassword(List<GatewayProperties.User> users) {
        var bcrypt = new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder();
        return users.stream().filter(user -> user.password() != null && user.password().startsWith("{bcrypt}")
                && bcrypt.matches(DEVELOPMENT_PASSWORD, user.password().substring("{bcrypt}".length()))).map(GatewayProperties.User::username).toList();
    }

    /** Keycloak puts the user's realm roles (ADMIN, OPS:ISTEM, ...) in the {@code roles} claim (see infra/keycloak). */
    private static OAuth2UserService<OidcUserRequest, OidcUser> rolesFromClaims() {
        OidcUserService delegate = new OidcUserService();
        return request -> {
            OidcUser user = delegate.loadUser(request);
            List<String> roles = user.getClaimAsStringList("roles");
            List<org.springframework.security.core.GrantedAuthority> authorities = new ArrayList<>(user.getAuthorities());
            if (roles != null) {
                roles.stream().filter(Grants::isGrant).map(SimpleGrantedAuthority::new).forEach(authorities::add);
            }
            return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(), "preferred_username");
        };
    }
}
