package org.stemreach.model.activity;

/**
 * The category of an activity. The category alone decides how an activity counts in the KPIs
 * (shared/domain.md, section KPIs); networks may add their own activity types, each mapped to one category.
 */
public enum ActivityCategory {
    TRAINING,
    COACHING,
    DISSEMINATION,
    PRE_SERVICE
}
