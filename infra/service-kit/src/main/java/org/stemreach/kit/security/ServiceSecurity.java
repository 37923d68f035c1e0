package org.stemreach.kit.security;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

/**
 * The security every service shares. Services trust only the gateway's signed, short-lived tokens
 * (JWT: subject, name, roles such as {@code OPS:ISTEM}); anything not listed in
 * {@code stemreach.security.public-paths} needs one (401 problem details otherwise). Browser forms are
 * protected against CSRF with the {@code XSRF-TOKEN} cookie shared with the gateway; requests that carry
 * a bearer token (not sent by browsers on their own) need no CSRF token. Public requests listed under
 * {@code stemreach.security.rate-limit.paths} are limited per client.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ServiceSecurityProperties.class)
public class ServiceSecurity {

    public static final String ROLES_CLAIM = "roles";
    static final java.util.Set<String> SAFE_METHODS = java.util.Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    static final List<String> ALWAYS_PUBLIC = List.of("/actuator/health/**", "/actuator/info", "/actuator/prometheus",
            "/error", "/v3/api-docs/**", "/webjars/**", "/css/**", "/js/**", "/favicon.ico");

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain serviceSecurityFilterChain(HttpSecurity http, ServiceSecurityProperties properties, JwtDecoder decoder,
                                                   MeterRegistry meters) throws Exception {
        RequestMatcher publicRequests = RequestPatterns.of(properties.publicPaths());
        RequestMatcher withBearer = request -> bearer(request);
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers(ALWAYS_PUBLIC.toArray(String[]::new)).permitAll()
                        .requestMatchers(publicRequests).permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(rolesConverter()))
                        .authenticationEntryPoint((request, response, e) -> ProblemResponses.write(request, response, HttpStatus.UNAUTHORIZED,
                                null, "Sign-in required", "Sign in through the STEM Reach gateway; this request needs a valid token.")))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> ProblemResponses.write(request, response, HttpStatus.UNAUTHORIZED,
                                null, "Sign-in required", "Sign in through the STEM Reach gateway; this request needs a valid token."))
                        .accessDeniedHandler((request, response, e) -> {
                            if (e instanceof org.springframework.security.web.csrf.CsrfException) {
                                // A form kept open longer than its token (or a cookie lost): the reader sends it again.
                                ProblemResponses.write(request, response, HttpStatus.FORBIDDEN, "csrf", "Form expired",
                                        "The form's security token is missing or no longer valid: reload the page and send it again.");
                            } else {
                                ProblemResponses.write(request, response, HttpStatus.FORBIDDEN, null, "Forbidden", "Your role does not allow this request.");
                            }
                        }))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Services authenticate only by bearer token, never by cookie: CSRF matters for the public forms alone.
                .csrf(csrf -> csrf.spa().csrfTokenRepository(csrfTokens()).requireCsrfProtectionMatcher(request ->
                                !SAFE_METHODS.contains(request.getMethod()) && publicRequests.matches(request) && !withBearer.matches(request))
                        // A bearer token authenticates every request anew (stateless): rotating the CSRF token then, as after a
                        // sign-in, would replace the cookie the gateway shares with every page's forms on each stylesheet or
                        // script a signed-in page loads, and the form's token would no longer match when it is sent.
                        .sessionAuthenticationStrategy(new org.springframework.security.web.authentication.session.NullAuthenticatedSessionStrategy()))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'; form-action 'self'"))
                        .frameOptions(frame -> frame.deny())
                        // A personal link (/my?token=...) never leaves in a Referer header for another site.
                        .referrerPolicy(referrer -> referrer.policy(
                                org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .addFilterAfter(new RateLimitFilter(RequestPatterns.of(properties.rateLimit().paths()),
                        properties.rateLimit().requestsPerMinute(), meters), BasicAuthenticationFilter.class);
        return http.build();
    }

    /**
     * Before any filter reads a body (Spring's form-content filter reads a PUT form's whole body, long before the security
     * chain): the gateway limits bodies too, but a service reached another way must not read an unbounded one into memory.
     */
    @Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<BodyLimitFilter> bodyLimit(ServiceSecurityProperties properties) {
        var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(new BodyLimitFilter(properties.maxBodySize().toBytes()));
        registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /**
     * Forwarded headers believed from the gateway only (see {@link TrustedProxyHeaders}); first of all filters, on every
     * dispatch, as Spring Boot registers its own forwarded-header filter ({@code server.forward-headers-strategy=none}).
     */
    @Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<TrustedProxyHeaders> trustedProxyHeaders(ServiceSecurityProperties properties) {
        var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(new TrustedProxyHeaders(properties.trustedProxies()));
        registration.setDispatcherTypes(jakarta.servlet.DispatcherType.REQUEST, jakarta.servlet.DispatcherType.ASYNC,
                jakarta.servlet.DispatcherType.ERROR);
        registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** The CSRF cookie the gateway and every service share: same name, path "/", readable by the pages' scripts. */
    public static CookieCsrfTokenRepository csrfTokens() {
        CookieCsrfTokenRepository repository = CookieCsrfTokenRepository.withHttpOnlyFalse();
        repository.setCookiePath("/");
        return repository;
    }

    private static boolean bearer(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    static JwtAuthenticationConverter rolesConverter() {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName(ROLES_CLAIM);
        roles.setAuthorityPrefix("");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(roles);
        return converter;
    }

    /** Verifies signature (gateway key set, or a PEM key in tests), expiry, issuer and audience. */
    @Bean
    @ConditionalOnMissingBean
    JwtDecoder serviceJwtDecoder(ServiceSecurityProperties properties) {
        NimbusJwtDecoder decoder = properties.publicKey() != null
                ? NimbusJwtDecoder.withPublicKey(readPublicKey(properties)).build()
                : NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri()).build();
        OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<Collection<String>>("aud",
                aud -> aud != null && aud.contains(properties.audience()));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(properties.issuer()), audience));
        return decoder;
    }

    private static RSAPublicKey readPublicKey(ServiceSecurityProperties properties) {
        try (InputStream in = properties.publicKey().getInputStream()) {
            String pem = new String(in.readAllBytes()).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("stemreach.security.public-key is not an RSA public key (PEM)", e);
        }
    }
}
