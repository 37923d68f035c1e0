package org.stemreach.model.registrations;

import org.stemreach.model.ActivityId;
import org.stemreach.model.NetworkId;
import org.stemreach.model.SchoolId;
import org.stemreach.model.TeacherId;

import java.time.Instant;

/**
 * A registered teacher was checked in for a session ({@code present}), or marked absent (a no-show, or a correction).
 *
 * @param sequence the activity's version once this change is written: one teacher's marks for one session are ordered by
 *                 it, whatever the clocks of the instances that wrote them ({@code recordedAt} may go back when an instance's
 *                 clock lags). Null in events written before it existed, which are ordered by {@code recordedAt}.
 */
public record AttendanceRecorded(
        ActivityId activityId,
        NetworkId network,
        String sessionId,
        TeacherId teacherId,
        SchoolId schoolId,
        boolean present,
        Instant recordedAt,
        Long sequence) {
}
