package org.stemreach.registrations.registration;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import org.stemreach.registrations.activity.ActivityRuleException;
import org.stemreach.kit.outbox.HasOutbox;
import org.stemreach.kit.outbox.Outbox;
import org.stemreach.kit.outbox.OutboxEvent;
import org.stemreach.kit.outbox.OutboxRelay;
import org.stemreach.model.TeacherId;
import org.stemreach.model.event.EventCatalog;
import org.stemreach.model.registrations.TeacherForgotten;

import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Finds or creates the opaque id of a teacher by e-mail address, and forgets teachers on request. */
@Service
public class TeacherDirectory {

    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final OutboxRelay relay;

    /** How long a forget can take: a marker younger than this is a forget under way. */
    static final java.time.Duration FORGET_UNDER_WAY = java.time.Duration.ofMinutes(10);

    public TeacherDirectory(MongoTemplate mongo, Outbox outbox, OutboxRelay relay) {
        this.mongo = mongo;
        this.outbox = outbox;
        this.relay = relay;
    }

    /**
     * The id of the teacher with this e-mail address, created on first sight (concurrent first sights agree on
     * one id). A public registration proves nothing about who sends it, so the name, school and role are stored on
     * first sight only: a later registration never changes them, not even ones left empty (otherwise anyone knowing
     * an address could rename its teacher or give them a school or role). The teacher changes them behind the personal
     * link ({@link #correct}). One round trip; built as a plain update of the driver (this is in every registration).
     * A teacher being forgotten at this moment is refused (409 {@code TEACHER_BEING_FORGOTTEN}): a registration made now
     * would not be given up with the others; once forgotten, the address is a new teacher's.
     */
    public String identify(String email, String name, String school, String role) {
        Document byEmail = new Document("emailKey", Teacher.normalise(email));
        Document onInsert = new Document("_id", UUID.randomUUID().toString()).append("email", email.strip())
                .append("consentAt", Date.from(outbox.clock().instant()));
        putIfPresent(onInsert, "name", name);
        putIfPresent(onInsert, "school", school);
        putIfPresent(onInsert, "role", role);
        // A teacher marked as holding no registration (OrphanTeachers) is not removed now that they register again.
        Document update = new Document("$setOnInsert", onInsert).append("$unset", new Document(OrphanTeachers.MARK, ""));
        FindOneAndUpdateOptions upsert = new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER)
                .projection(new Document("_id", 1).append("forgettingSince", 1));
        String collection = mongo.getCollectionName(Teacher.class);
        Document teacher;
        try {
            teacher = mongo.execute(collection, teachers -> teachers.findOneAndUpdate(byEmail, update, upsert));
        } catch (DuplicateKeyException e) {
            // Two first registrations of the same address at once: the other one created the teacher.
            teacher = mongo.execute(collection, teachers -> teachers.findOneAndUpdate(byEmail, update, upsert));
        }
        // A forget stopped halfway (its marker older than a forget takes) refuses nothing: the teacher is known as before.
        if (teacher.get("forgettingSince") instanceof Date since
                && since.toInstant().isAfter(outbox.clock().instant().minus(FORGET_UNDER_WAY))) {
            throw new ActivityRuleException(ActivityRuleException.Rule.TEACHER_BEING_FORGOTTEN,
                    "this teacher's data is being erased at their request: register again in a minute");
        }
        return teacher.getString("_id");
    }

    /**
     * The teacher's own correction of their details, behind the personal link: a blank school or role is removed, a
     * blank name leaves the name as it is. Nothing changes for a forgotten teacher.
     *
     * @return whether the teacher was found and not forgotten
     */
    public boolean correct(String teacherId, String name, String school, String role) {
        Update update = new Update();
        if (name != null && !name.isBlank()) {
            update.set("name", name.strip());
        }
        for (Map.Entry<String, String> detail : Map.of("school", nullToEmpty(school), "role", nullToEmpty(role)).entrySet()) {
            if (detail.getValue().isBlank()) {
                update.unset(detail.getKey());
            } else {
                update.set(detail.getKey(), detail.getValue().strip());
            }
        }
        return mongo.updateFirst(new Query(Criteria.where("_id").is(teacherId).and("forgottenAt").exists(false)), update, Teacher.class)
                .getMatchedCount() > 0;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static void putIfPresent(Document set, String field, String value) {
        if (value != null && !value.isBlank()) {
            set.put(field, value.strip());
        }
    }

    /** The ids of the known (not forgotten) teachers among these e-mail addresses, by normalised address; nothing is created. */
    public Map<String, String> idsOf(Collection<String> emails) {
        if (emails.isEmpty()) {
            return Map.of();
        }
        List<String> keys = emails.stream().map(Teacher::normalise).distinct().toList();
        return mongo.find(new Query(Criteria.where("emailKey").in(keys)), Teacher.class).stream()
                .collect(Collectors.toMap(teacher -> Teacher.normalise(teacher.email()), Teacher::id, (a, b) -> a));
    }

    /** The teacher's current generation of personal links (0 for one who never asked for a new link, or is unknown). */
    public long linkGeneration(String teacherId) {
        Document teacher = mongo.getCollection(mongo.getCollectionName(Teacher.class)).find(new Document("_id", teacherId))
                .projection(new Document("linkGeneration", 1)).first();
        return teacher != null && teacher.get("linkGeneration") instanceof Number generation ? generation.longValue() : 0;
    }

    /**
     * Makes {@code generation} the teacher's current one (never going back), once the link of that generation was mailed:
     * the links mailed before no longer open.
     */
    public void replaceLinks(String teacherId, long generation) {
        mongo.getCollection(mongo.getCollectionName(Teacher.class)).updateOne(new Document("_id", teacherId),
                new Document("$max", new Document("linkGeneration", generation)));
    }

    public Optional<Teacher> find(String teacherId) {
        return Optional.ofNullable(mongo.findById(teacherId, Teacher.class));
    }

    public Map<String, Teacher> findAll(Collection<String> teacherIds) {
        if (teacherIds.isEmpty()) {
            return Map.of();
        }
        List<Teacher> teachers = mongo.find(new Query(Criteria.where("_id").in(teacherIds)), Teacher.class);
        return teachers.stream().collect(Collectors.toMap(Teacher::id, Function.identity()));
    }

    /**
     * Marks a teacher who asked to be forgotten, before anything else happens: mails no longer reach them (a waiting place
     * given up on their way out is not mailed). Returns false if there is no such teacher or they are forgotten already.
     */
    public boolean markForgetting(String teacherId) {
        return mongo.updateFirst(new Query(Criteria.where("_id").is(teacherId).and("forgottenAt").exists(false)),
                new Update().set("forgettingSince", outbox.clock().instant()), Teacher.class).getMatchedCount() > 0;
    }

    /**
     * Erases the teacher's personal data; the anonymous id stays so that counts do not change. One conditional
     * update with its event appended: a second request, or one racing this one, finds the teacher forgotten and
     * changes nothing, and the events already waiting in the document are left as they are.
     */
    public void forget(String teacherId) {
        Instant now = outbox.clock().instant();
        Teacher teacher = find(teacherId).orElseThrow(() -> new IllegalArgumentException("no teacher " + teacherId));
        if (teacher.isForgotten()) {
            return;
        }
        OutboxEvent event = outbox.event(EventCatalog.TEACHER_FORGOTTEN, "teacher", teacherId,
                new TeacherForgotten(TeacherId.of(teacherId), now), now);
        Update erase = new Update().set("emailKey", Teacher.FORGOTTEN_KEY_PREFIX + teacherId)
                .unset("email").unset("name").unset("school").unset("role").unset("forgettingSince").set("forgottenAt", now)
                .push(HasOutbox.FIELD, event);
        if (mongo.updateFirst(new Query(Criteria.where("_id").is(teacherId).and("forgottenAt").exists(false)), erase, Teacher.class)
                .getModifiedCount() > 0) {
            relay.nudge(mongo.getCollectionName(Teacher.class), teacherId);
        }
    }
}
