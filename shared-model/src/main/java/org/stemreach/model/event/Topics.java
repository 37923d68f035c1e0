package org.stemreach.model.event;

import java.util.List;

/**
 * The Kafka topics: one per producing service; the record key is the aggregate id, and the events written in one
 * document stay in order. Documents that share a key are not ordered among themselves (a project and its download
 * windows: a download may arrive after the project's withdrawal), so a consumer must not depend on that order.
 * Each is also the prefix of its service's event types: {@code stemreach.coaching} is coaching-trajectories', whose events
 * (trajectory sessions, coaching requests, evaluations) come in a later version.
 */
public final class Topics {

    public static final String REGISTRATIONS = "stemreach.registrations";
    public static final String COACHING = "stemreach.coaching";
    public static final String DOWNLOADS = "stemreach.downloads";

    private Topics() {
    }

    public static List<String> all() {
        return List.of(REGISTRATIONS, COACHING, DOWNLOADS);
    }
}
