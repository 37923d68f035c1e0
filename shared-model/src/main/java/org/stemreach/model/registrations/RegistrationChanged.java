package org.stemreach.model.registrations;

import org.stemreach.model.ActivityId;
import org.stemreach.model.NetworkId;
import org.stemreach.model.SchoolId;
import org.stemreach.model.TeacherId;

import java.time.Instant;
import java.util.List;

/**
 * A registration was confirmed, put on the waiting list, promoted from it, or cancelled (the event type says
 * which). One teacher, or a school team ({@code schoolId} with its teachers). Opaque ids only.
 *
 * @param waitlistPosition 1-based position, for waitlisted registrations
 */
public record RegistrationChanged(
        ActivityId activityId,
        NetworkId network,
        String registrationId,
        SchoolId schoolId,
        List<TeacherId> teacherIds,
        Integer waitlistPosition,
        Instant at) {

    public RegistrationChanged {
        teacherIds = teacherIds == null ? List.of() : List.copyOf(teacherIds);
    }
}
