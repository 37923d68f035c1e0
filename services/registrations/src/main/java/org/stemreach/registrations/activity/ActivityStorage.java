package org.stemreach.registrations.activity;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;

/** How activities are stored: the registrations inside them with {@link EntryConversions}. */
@Configuration(proxyBeanMethods = false)
class ActivityStorage {

    @Bean
    MongoCustomConversions mongoCustomConversions() {
        return MongoCustomConversions.create(conversions -> conversions.registerConverters(EntryConversions.all()));
    }
}
