package org.stemreach.kit.secret;

import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.stemreach.kit.TestMongo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class KeptSecretsIT {

    private final MongoTemplate mongo = TestMongo.freshDatabase();

    @Test
    void aConfiguredSecretWinsAndIsNotWritten() {
        assertThat(KeptSecrets.configuredOrKept("a-configured-secret-value", "links", mongo)).isEqualTo("a-configured-secret-value");

        assertThat(mongo.getCollection(KeptSecrets.COLLECTION).countDocuments()).isZero();
    }

    @Test
    void withoutOneEveryInstanceAndRestartGetsTheSameRandomSecret() throws Exception {
        List<Future<String>> instances = new ArrayList<>();
        ExecutorService starting = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 8; i++) {
            instances.add(starting.submit(() -> KeptSecrets.configuredOrKept("", "links", mongo)));
        }
        starting.shutdown();
        String secret = instances.get(0).get();

        assertThat(secret).hasSizeGreaterThanOrEqualTo(40);
        for (Future<String> instance : instances) {
            assertThat(instance.get()).isEqualTo(secret);
        }
        assertThat(KeptSecrets.configuredOrKept(null, "links", mongo)).as("after a restart").isEqualTo(secret);
        assertThat(KeptSecrets.configuredOrKept(null, "client-keys", mongo)).as("another secret").isNotEqualTo(secret);
        assertThat(KeptSecrets.configuredOrKept(null, "links", TestMongo.freshDatabase())).as("another database").isNotEqualTo(secret);
    }
}
