package org.stemreach.model.registrations;

import org.stemreach.model.ActivityId;
import org.stemreach.model.NetworkId;
import org.stemreach.model.SchoolId;
import org.stemreach.model.TeacherId;

import java.time.Instant;

/** A registered teacher was checked in for a session ({@code present}), or marked absent (a no-show, or a correction). */
public record AttendanceRecorded(
        ActivityId activityId,
        NetworkId network,
        String sessionId,
        TeacherId teacherId,
        SchoolId schoolId,
        boolean present,
        Instant recordedAt) {
}
