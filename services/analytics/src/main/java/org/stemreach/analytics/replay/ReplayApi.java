package org.stemreach.analytics.replay;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.stemreach.analytics.kpi.KpiAccess;
import org.stemreach.kit.web.ApiException;

/** Administrators rebuild the projections from the topics (e.g. after a change of KPI definitions). */
@RestController
class ReplayApi {

    private final Replay replay;

    ReplayApi(Replay replay) {
        this.replay = replay;
    }

    @PostMapping(path = "/api/ops/replay", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Replay.Status> start() {
        requireAdmin();
        try {
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(replay.start());
        } catch (IllegalStateException e) {
            throw new ApiException(HttpStatus.CONFLICT, "Replay running", e.getMessage());
        }
    }

    @GetMapping(path = "/api/ops/replay", produces = MediaType.APPLICATION_JSON_VALUE)
    Replay.Status status() {
        requireAdmin();
        return replay.status();
    }

    private static void requireAdmin() {
        if (!KpiAccess.caller().isAdmin()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "Forbidden", "Only administrators rebuild the projections.");
        }
    }
}
