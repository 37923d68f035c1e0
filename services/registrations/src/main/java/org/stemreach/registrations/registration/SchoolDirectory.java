package org.stemreach.registrations.registration;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Finds or creates the opaque id of a school by name and postcode. */
@Service
public class SchoolDirectory {

    private final MongoTemplate mongo;

    public SchoolDirectory(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The school with this name and postcode, if known (nothing is created). */
    public java.util.Optional<School> find(String name, String postcode) {
        return java.util.Optional.ofNullable(mongo.findOne(new Query(Criteria.where("nameKey").is(School.key(name, postcode))), School.class));
    }

    public School identify(String name, String postcode) {
        Query byKey = new Query(Criteria.where("nameKey").is(School.key(name, postcode)));
        School found = mongo.findOne(byKey, School.class);
        if (found != null) {
            return found;
        }
        try {
            return mongo.insert(new School(UUID.randomUUID().toString(), name, postcode));
        } catch (DuplicateKeyException e) {
            return mongo.findOne(byKey, School.class);
        }
    }

    public Map<String, School> findAll(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return mongo.find(new Query(Criteria.where("_id").in(ids)), School.class).stream()
                .collect(Collectors.toMap(School::id, Function.identity()));
    }
}
