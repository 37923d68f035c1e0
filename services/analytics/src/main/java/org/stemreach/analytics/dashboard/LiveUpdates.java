package org.stemreach.analytics.dashboard;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.stemreach.analytics.projection.Projector;
import org.stemreach.analytics.projection.TypedEvent;
import org.stemreach.kit.security.Caller;
import org.stemreach.kit.web.ApiException;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Server-sent events for the dashboards: after every applied batch each open dashboard gets a {@code kpis}
 * event naming the networks whose figures changed, of those its reader may see, and reloads them.
 *
 * <p>Only an operations team's member or an administrator may listen, with at most {@link #PER_USER} streams at once
 * (each holds a connection through the gateway). A stream ends after {@link #LENGTH}; the page opens the next one with
 * the identity of that moment, so a signed-out or demoted reader hears nothing more for long.
 */
@Component
public class LiveUpdates {

    static final int PER_USER = 5;
    static final Duration LENGTH = Duration.ofMinutes(10);

    private record Subscription(Caller caller, SseEmitter emitter) {
    }

    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

    @Autowired // the one Spring uses (the other is for tests)
    public LiveUpdates(Projector projector) {
        projector.onApplied(this::changed);
    }

    /** For tests: no projector to listen to. */
    LiveUpdates() {
    }

    public synchronized SseEmitter subscribe(Caller caller) {
        if (!caller.isAdmin() && caller.operatedNetworks().isEmpty()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "Forbidden", "The live figures are for the operations teams.");
        }
        if (subscriptions.stream().filter(s -> s.caller().subject().equals(caller.subject())).count() >= PER_USER) {
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "Too many live streams",
                    "At most " + PER_USER + " dashboards per user follow the figures live; close one first.");
        }
        SseEmitter emitter = new SseEmitter(LENGTH.toMillis());
        Subscription subscription = new Subscription(caller, emitter);
        emitter.onCompletion(() -> subscriptions.remove(subscription));
        emitter.onTimeout(() -> subscriptions.remove(subscription));
        emitter.onError(error -> subscriptions.remove(subscription));
        subscriptions.add(subscription);
        try {
            emitter.send(SseEmitter.event().name("hello").data("connected"));
        } catch (IOException e) {
            subscriptions.remove(subscription);
        }
        return emitter;
    }

    /**
     * A comment on every stream now and then: a closed page's stream fails on it and is let go, so it neither counts
     * towards its reader's streams nor waits for its end (a proxy also keeps a stream that carries something open).
     */
    @Scheduled(fixedDelayString = "${stemreach.analytics.stream-heartbeat:15s}")
    public void heartbeat() {
        for (Subscription subscription : subscriptions) {
            try {
                subscription.emitter().send(SseEmitter.event().comment("still here"));
            } catch (IOException | IllegalStateException e) {
                subscriptions.remove(subscription);
            }
        }
    }

    /** The open streams (for tests and the gauge's sake). */
    int open() {
        return subscriptions.size();
    }

    void changed(Projector.Applied applied) {
        Set<String> networks = new TreeSet<>();
        for (TypedEvent<?> event : applied.events()) {
            String network = network(event.raw().data());
            if (network != null) {
                networks.add(network);
            }
        }
        for (Subscription subscription : subscriptions) {
            String visible = visibleTo(subscription.caller(), networks);
            if (visible.isEmpty()) {
                continue;
            }
            try {
                subscription.emitter().send(SseEmitter.event().name("kpis").data(visible, MediaType.TEXT_PLAIN));
            } catch (IOException | IllegalStateException e) {
                subscriptions.remove(subscription);
            }
        }
    }

    /** The changed networks this reader may see, comma-separated (an administrator: all of them); empty if none. */
    static String visibleTo(Caller caller, Set<String> changed) {
        return String.join(",", changed.stream().filter(network -> caller.isAdmin() || caller.canOperate(network)).toList());
    }

    private static String network(tools.jackson.databind.JsonNode data) {
        return data != null && data.has("network") ? data.get("network").asString() : null;
    }
}
