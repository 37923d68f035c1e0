package org.stemreach.analytics.projection;

import org.bson.Document;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.util.OptionalInt;

/**
 * Projections live in numbered generations ({@code g1_activity_facts}, ...). Reads and the live consumer use
 * the current one; a replay builds the next one from the start of the topics and then makes it current.
 */
@Component
public class Generations {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Generations.class);

    static final String META = "projection_meta";
    private static final String ID = "generation";

    private final MongoTemplate mongo;
    private volatile int current;
    private volatile Integer building;
    /** Tells this build of a generation from another one of the same number (started after this one was dropped). */
    private volatile String buildToken;

    public Generations(MongoTemplate mongo) {
        this.mongo = mongo;
        read();
    }

    private void read() {
        Document meta = mongo.findAndModify(new Query(Criteria.where("_id").is(ID)), new Update().setOnInsert("current", 1),
                FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, META);
        this.current = meta.getInteger("current", 1);
        this.building = meta.getInteger("building");
        this.buildToken = meta.getString("buildToken");
    }

    /**
     * Reads which generation is current again (another instance may have switched), for an instance that becomes the
     * projections' writer. A generation left half-built by a replay that no longer runs (its instance stopped) is
     * dropped: nothing would ever finish it, and a new replay could not start.
     *
     * @param replayRunning whether this instance runs a replay (its generation is kept)
     */
    public synchronized void reload(boolean replayRunning) {
        read();
        if (building != null && !replayRunning) {
            log.warn("generation {} was left half-built by a replay that no longer runs: dropped", building);
            abandon(building);
        }
    }

    public static String physical(int generation, String collection) {
        return "g" + generation + "_" + collection;
    }

    public int current() {
        return current;
    }

    public OptionalInt building() {
        return building == null ? OptionalInt.empty() : OptionalInt.of(building);
    }

    public String physical(String collection) {
        return physical(current, collection);
    }

    /**
     * Runs {@code work} while no generation is started, switched to, dropped or read again (those wait for it): the live
     * consumer's batch goes to the current generation and the one being built as they were when it began, and never to a
     * generation dropped meanwhile.
     */
    public synchronized <T> T whileUnchanged(java.util.function.Supplier<T> work) {
        return work.get();
    }

    /** Starts building the next generation; returns its number. */
    public synchronized int startBuilding() {
        if (building != null) {
            throw new IllegalStateException("generation " + building + " is being built already");
        }
        int next = current + 1;
        for (String name : mongo.getCollectionNames()) {
            if (name.startsWith("g" + next + "_")) {
                mongo.dropCollection(name);
            }
        }
        String token = java.util.UUID.randomUUID().toString();
        mongo.updateFirst(new Query(Criteria.where("_id").is(ID)), new Update().set("building", next).set("buildToken", token), META);
        buildToken = token;
        building = next;
        return next;
    }

    /**
     * Makes the built generation current and drops the old one; refused (nothing changes) when this build of it is no
     * longer the one being built (it was dropped meanwhile, e.g. by another instance that took over and may be building
     * a generation of the same number).
     */
    public synchronized void switchTo(int generation) {
        int old = current;
        if (mongo.updateFirst(thisBuild(generation), new Update().set("current", generation).unset("building").unset("buildToken"), META)
                .getMatchedCount() == 0) {
            throw new IllegalStateException("generation " + generation + " is no longer being built");
        }
        current = generation;
        building = null;
        drop(old);
    }

    /**
     * Drops a generation being built; nothing is dropped when this build of it is no longer the one being built, and then
     * which generation is current is read again: the replay that built it may just have switched to it (an instance that
     * took over from that replay's instance must then use the new generation, not the one that replay drops).
     */
    public synchronized void abandon(int generation) {
        if (mongo.updateFirst(thisBuild(generation), new Update().unset("building").unset("buildToken"), META).getMatchedCount() == 0) {
            read();
            return;
        }
        building = null;
        drop(generation);
    }

    /** The meta document while this build of the generation is the one being built. */
    private Query thisBuild(int generation) {
        return new Query(Criteria.where("_id").is(ID).and("building").is(generation).and("buildToken").is(buildToken));
    }

    private void drop(int generation) {
        for (String name : mongo.getCollectionNames()) {
            if (name.startsWith("g" + generation + "_")) {
                mongo.dropCollection(name);
            }
        }
    }
}
