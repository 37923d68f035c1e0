package org.stemreach.downloads.download;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.stemreach.kit.secret.KeptSecrets;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.io.IOException;
import java.io.InputStream;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class CountingConfiguration {

    /** Keyed with the configured secret, or else with a random one kept in this service's database (never a known default). */
    @Bean
    ClientKeys clientKeys(DownloadsProperties properties, MongoTemplate mongo, DailySalts salts) {
        return new ClientKeys(KeptSecrets.configuredOrKept(properties.clientKeySecret(), "stemreach.downloads.client-key-secret", mongo),
                salts::saltOf);
    }

    @Bean
    DailySalts dailySalts(MongoTemplate mongo, java.time.Clock clock) {
        return new DailySalts(mongo, clock);
    }

    @Bean
    RobotFilter robotFilter(DownloadsProperties properties, org.springframework.core.io.ResourceLoader resources) throws IOException {
        try (InputStream patterns = robots(properties.robotsResource(), resources).getInputStream()) {
            return RobotFilter.load(patterns);
        }
    }

    /**
     * The list of robots: a resource of the service ({@code counter-robots.txt}, as shipped) or, with a prefix, any other
     * ({@code file:/etc/stemreach/robots.txt}: a newer COUNTER list without a new release).
     */
    static org.springframework.core.io.Resource robots(String location, org.springframework.core.io.ResourceLoader resources) {
        return location.contains(":") ? resources.getResource(location) : new ClassPathResource(location);
    }
}
