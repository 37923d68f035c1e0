package org.stemreach.registrations.registration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.stemreach.kit.secret.KeptSecrets;

import java.time.Clock;
import java.time.Duration;

@Configuration(proxyBeanMethods = false)
class PersonalLinksConfiguration {

    /** Signed with the configured secret, or else with a random one kept in this service's database (never a known default). */
    @Bean
    PersonalLinks personalLinks(@Value("${stemreach.registrations.link-secret:}") String secret,
                                @Value("${stemreach.registrations.link-validity:180d}") Duration validity, Clock clock,
                                MongoTemplate mongo, TeacherDirectory teachers) {
        return new PersonalLinks(KeptSecrets.configuredOrKept(secret, "stemreach.registrations.link-secret", mongo), validity, clock,
                teachers::linkGeneration, teachers::replaceLinks);
    }
}
