package org.stemreach.kit.secret;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

/**
 * A service's secret (to sign links, to key hashes) when none is configured: a random one, made by the first instance
 * that needs it and kept in the service's own database, so that every instance and every restart uses the same one.
 * Without it, a deployment that forgot the setting would run on a development value that anyone can read in the
 * source. A configured secret (a setting, e.g. from the environment) always wins and is never written anywhere.
 */
public final class KeptSecrets {

    private static final Logger log = LoggerFactory.getLogger(KeptSecrets.class);
    static final String COLLECTION = "kept_secrets";
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeptSecrets() {
    }

    /** {@code configured} if it is set, otherwise the secret kept under {@code name}, made now if there is none yet. */
    public static String configuredOrKept(String configured, String name, MongoTemplate mongo) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        Query query = new Query(Criteria.where("_id").is(name));
        Update update = new Update()
                .setOnInsert("value", Base64.getUrlEncoder().withoutPadding().encodeToString(random))
                .setOnInsert("createdAt", Instant.now());
        FindAndModifyOptions upsert = FindAndModifyOptions.options().upsert(true).returnNew(true);
        Document kept;
        try {
            kept = mongo.findAndModify(query, update, upsert, Document.class, COLLECTION);
        } catch (DuplicateKeyException e) {
            // Another instance made it at the same moment: its secret is the one.
            kept = mongo.findOne(query, Document.class, COLLECTION);
        }
        if (kept == null || kept.getString("value") == null || kept.getString("value").length() < 16) {
            throw new IllegalStateException("the secret " + name + " kept in " + COLLECTION + " is missing or too short");
        }
        log.info("{} is not configured: using the random secret kept in this service's database ({}, made {})", name,
                COLLECTION, kept.get("createdAt"));
        return kept.getString("value");
    }
}
