package org.stemreach.analytics.kpi;

import org.stemreach.model.activity.ActivityCategory;
import org.stemreach.model.activity.ActivityTypes;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

/** What analytics knows, as plain values: the input of {@link KpiCalculator}. */
public final class ReachFacts {

    private ReachFacts() {
    }

    /**
     * One activity with its participation.
     *
     * @param attendees       identified teachers who attended at least one session, with their school (or null)
     * @param headcount       the anonymous headcount, 0 if none
     * @param programmeLevel  BACHELOR or MASTER for pre-service sessions
     */
    public record Activity(String id, String network, String period, String partnerId, String partner, String locationId,
                           String location, String type, ActivityCategory category, LocalDate firstSession,
                           String programme, String programmeLevel, Map<String, String> attendees, int headcount, String title) {

        public long participants() {
            return attendees.size() + (long) headcount;
        }

        /** Direct reach: TRAINING, COACHING and DISSEMINATION, except coach-the-coach. */
        public boolean directReach() {
            return category != ActivityCategory.PRE_SERVICE && !ActivityTypes.countsAsTrainedCoaches(type);
        }

        public Set<String> teachers() {
            return attendees.keySet();
        }
    }

    /** Downloads of one project in the selection. */
    public record ProjectDownloads(String projectId, String title, long sheets, long materials) {
    }

    public record ExternalFigure(String channel, String metric, double value) {
    }

    public record Target(String kpi, double target) {
    }
}
