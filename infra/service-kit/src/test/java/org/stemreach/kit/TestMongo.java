package org.stemreach.kit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.stemreach.testsupport.TestBackends;

import java.util.UUID;

/** A MongoTemplate on a fresh database of the shared test Mongo-wire server (no Spring context needed). */
public final class TestMongo {

    private static MongoClient client;

    private TestMongo() {
    }

    public static synchronized MongoTemplate freshDatabase() {
        if (client == null) {
            client = MongoClients.create(TestBackends.endpoints().mongoUri());
        }
        return new MongoTemplate(client, "kit-" + UUID.randomUUID().toString().substring(0, 8));
    }
}
