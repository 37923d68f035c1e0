package org.stemreach.analytics.dashboard;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.stemreach.analytics.projection.Projector;
import org.stemreach.analytics.projection.TypedEvent;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Server-sent events for the dashboards: after every applied batch each open dashboard gets a {@code kpis}
 * event naming the networks whose figures changed, and reloads them.
 */
@Component
public class LiveUpdates {

    private final List<SseEmitter> emitters = new CopyOnWriteArrayList<>();

    public LiveUpdates(Projector projector) {
        projector.onApplied(this::changed);
    }

    public SseEmitter subscribe() {
        SseEmitter emitter = new SseEmitter(Duration.ofMinutes(30).toMillis());
        emitter.onCompletion(() -> emitters.remove(emitter));
        emitter.onTimeout(() -> emitters.remove(emitter));
        emitter.onError(error -> emitters.remove(emitter));
        emitters.add(emitter);
        try {
            emitter.send(SseEmitter.event().name("hello").data("connected"));
        } catch (IOException e) {
            emitters.remove(emitter);
        }
        return emitter;
    }

    void changed(Projector.Applied applied) {
        Set<String> networks = new TreeSet<>();
        for (TypedEvent<?> event : applied.events()) {
            String network = network(event.raw().data());
            if (network != null) {
                networks.add(network);
            }
        }
        String data = String.join(",", networks);
        for (SseEmitter emitter : emitters) {
            try {
                emitter.send(SseEmitter.event().name("kpis").data(data, MediaType.TEXT_PLAIN));
            } catch (IOException | IllegalStateException e) {
                emitters.remove(emitter);
            }
        }
    }

    private static String network(tools.jackson.databind.JsonNode data) {
        return data != null && data.has("network") ? data.get("network").asString() : null;
    }
}
