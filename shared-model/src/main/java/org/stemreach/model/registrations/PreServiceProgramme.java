package org.stemreach.model.registrations;

/** The teacher-training programme a pre-service session belongs to, at level BACHELOR or MASTER. */
public record PreServiceProgramme(String name, String level) {
}
