package org.stemreach.model.registrations;

import org.stemreach.model.TeacherId;

import java.time.Instant;

/** A teacher asked to be forgotten: personal data is gone; services drop anything else they hold about this id. */
public record TeacherForgotten(TeacherId teacherId, Instant forgottenAt) {
}
