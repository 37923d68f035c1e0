package org.stemreach.registrations.activity;

import org.bson.Document;
import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.ReadingConverter;
import org.springframework.data.convert.WritingConverter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Registrations as MongoDB documents, written out by hand. An activity holds all its registrations and every change
 * reads and writes them, so the reflective mapping was half of the service's time per registration; these produce
 * exactly the documents it produced ({@code EntryConversionsTest} compares both), so stored data reads as before.
 * An entry remembers the document it was read from or written as until it changes ({@link Entry#stored()}), so
 * only the registrations a change touched are converted again; those documents are shared, and never changed.
 */
public final class EntryConversions {

    private EntryConversions() {
    }

    /** The converters to register with the MongoDB mapping. */
    public static List<Object> all() {
        return List.of(new EntryWriter(), new EntryReader());
    }

    @WritingConverter
    static final class EntryWriter implements Converter<Entry, Document> {
        @Override
        public Document convert(Entry entry) {
            Document stored = entry.stored();
            if (stored == null) {
                stored = write(entry);
                entry.stored(stored);
            }
            return stored;
        }

        /** The entry's document, made anew. */
        static Document write(Entry entry) {
            Document document = new Document();
            put(document, "_id", entry.id());
            put(document, "schoolId", entry.schoolId());
            List<Document> participants = new ArrayList<>(entry.storedParticipants().size());
            for (Participant participant : entry.storedParticipants()) {
                Document stored = new Document();
                put(stored, "teacherId", participant.teacherId());
                put(stored, "grade", participant.grade() == null ? null : participant.grade().name());
                put(stored, "schoolId", participant.schoolId());
                stored.put("attended", new ArrayList<>(participant.storedAttendance()));
                stored.put("missed", new ArrayList<>(participant.storedMisses())); // absent from earlier versions' documents
                participants.add(stored);
            }
            document.put("participants", participants);
            put(document, "status", entry.status() == null ? null : entry.status().name());
            put(document, "registeredAt", date(entry.registeredAt()));
            put(document, "promotedAt", date(entry.promotedAt()));
            put(document, "cancelledAt", date(entry.cancelledAt()));
            return document;
        }

        private static void put(Document document, String field, Object value) {
            if (value != null) {
                document.put(field, value);
            }
        }

        private static Date date(Instant instant) {
            return instant == null ? null : Date.from(instant);
        }
    }

    @ReadingConverter
    static final class EntryReader implements Converter<Document, Entry> {
        @Override
        public Entry convert(Document document) {
            List<Participant> participants = new ArrayList<>();
            for (Document stored : document.getList("participants", Document.class, List.of())) {
                String grade = stored.getString("grade");
                participants.add(new Participant(stored.getString("teacherId"), grade == null ? null : Grade.valueOf(grade),
                        stored.getString("schoolId"), stored.getList("attended", String.class, List.of()),
                        stored.getList("missed", String.class, List.of())));
            }
            String status = document.getString("status");
            Entry entry = new Entry(document.getString("_id"), document.getString("schoolId"), participants,
                    status == null ? null : EntryStatus.valueOf(status), instant(document, "registeredAt"),
                    instant(document, "promotedAt"), instant(document, "cancelledAt"));
            entry.stored(document);
            return entry;
        }

        private static Instant instant(Document document, String field) {
            Date date = document.getDate(field);
            return date == null ? null : date.toInstant();
        }
    }
}
