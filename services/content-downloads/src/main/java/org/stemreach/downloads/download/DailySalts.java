package org.stemreach.downloads.download;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A random salt per day (UTC) for the client keys, the same for every instance (collection {@code client_key_salts}),
 * removed two days later. Once it is gone, nobody can tell from the stored counting windows whose downloads they were,
 * not even with the secret and a dump of the database (trying every address and browser would need the day's salt).
 */
public class DailySalts {

    static final String COLLECTION = "client_key_salts";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MongoTemplate mongo;
    private final Clock clock;
    private final Map<LocalDate, String> known = new ConcurrentHashMap<>();

    public DailySalts(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** The day's salt: read once per instance, made by the first instance that needs it. */
    public String saltOf(LocalDate day) {
        String salt = known.get(day);
        if (salt == null) {
            salt = readOrMake(day);
            known.put(day, salt);
        }
        return salt;
    }

    private String readOrMake(LocalDate day) {
        var salts = mongo.getCollection(COLLECTION);
        Document found = salts.find(Filters.eq("_id", day.toString())).first();
        if (found != null) {
            return found.getString("salt");
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String salt = Base64.getEncoder().encodeToString(bytes);
        try {
            salts.insertOne(new Document("_id", day.toString()).append("salt", salt).append("at", Date.from(clock.instant())));
            return salt;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // Another instance made it a moment ago: theirs (unless forgotten at once, then this one's, made again).
            Document theirs = salts.find(Filters.eq("_id", day.toString())).first();
            return theirs != null ? theirs.getString("salt") : readOrMake(day);
        }
    }

    /**
     * Forgets the salts of days before yesterday (yesterday's is still needed just after midnight, when a download
     * continues the chain of a click made just before).
     */
    @Scheduled(fixedDelayString = "${stemreach.downloads.window-cleanup-interval:10m}")
    public void forgetOldSalts() {
        LocalDate keepFrom = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(1);
        // ISO dates sort as text.
        mongo.getCollection(COLLECTION).deleteMany(Filters.lt("_id", keepFrom.toString()));
        known.keySet().removeIf(day -> day.isBefore(keepFrom));
    }
}
