package org.stemreach.model.registrations;

import org.stemreach.model.ActivityId;
import org.stemreach.model.NetworkId;

import java.time.Instant;

/** The activity will not take place; it no longer counts as an activity. */
public record ActivityCancelled(ActivityId activityId, NetworkId network, Instant cancelledAt, long revision) {
}
