package org.stemreach.model.registrations;

import org.stemreach.model.ActivityId;
import org.stemreach.model.NetworkId;

import java.time.Instant;

/**
 * The anonymous number of participants of an activity (an info stand, a lecture hall), as entered by the
 * operations team. The latest revision replaces earlier ones.
 */
public record HeadcountRecorded(
        ActivityId activityId,
        NetworkId network,
        int count,
        boolean approximate,
        Instant recordedAt,
        long revision) {
}
