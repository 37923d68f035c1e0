package org.stemreach.registrations.activity;

import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.stemreach.registrations.registration.ParticipantList;

import java.time.Clock;
import java.util.List;

/** The operations team plans activities: create, change, publish, cancel; sees who registered. */
@RestController
@RequestMapping(path = "/api/ops/activities", produces = MediaType.APPLICATION_JSON_VALUE)
class OpsActivityApi {

    private final Activities activities;
    private final ActivityFinder finder;
    private final ParticipantList participants;
    private final Clock clock;

    OpsActivityApi(Activities activities, ActivityFinder finder, ParticipantList participants, Clock clock) {
        this.activities = activities;
        this.finder = finder;
        this.participants = participants;
        this.clock = clock;
    }

    record ActivityView(ActivityFinder.ActivitySummary activity, List<ParticipantList.Row> registrations) {
    }

    @GetMapping
    List<ActivityFinder.ActivitySummary> list() {
        return finder.ofNetworks(OpsAccess.networks());
    }

    /** An idempotency key as clients send them (a UUID, usually): visible ASCII, not too long. */
    private static final java.util.regex.Pattern IDEMPOTENCY_KEY = java.util.regex.Pattern.compile("[\\x21-\\x7E]{1,255}");

    /**
     * Plans an activity (201). With an {@code Idempotency-Key} header, sending the same request again (an answer lost on
     * the way, a script run twice) plans nothing more: the activity planned the first time answers, with 200. The key
     * names one activity of the network; used again for another title or type it is refused (422). The answer is the
     * activity as it is now (published or not as the first request, or a later change, made it).
     */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    org.springframework.http.ResponseEntity<ActivityFinder.ActivitySummary> create(@Valid @RequestBody ActivityPlanRequest request,
            @org.springframework.web.bind.annotation.RequestHeader(name = "Idempotency-Key", required = false) String key) {
        OpsAccess.requireNetwork(request.network());
        OpsAccess.requireKnownOrNew(request.network(), request.newNetwork(), finder);
        boolean publish = !Boolean.FALSE.equals(request.publish());
        if (key == null) {
            Activity activity = Activity.plan(request.toPlan(), clock.instant());
            return org.springframework.http.ResponseEntity.status(HttpStatus.CREATED)
                    .body(ActivityFinder.summary(activities.create(activity, publish), clock.instant()));
        }
        if (!IDEMPOTENCY_KEY.matcher(key).matches()) {
            throw org.stemreach.kit.web.ApiException.badRequest("Idempotency-Key is 1 to 255 visible ASCII characters");
        }
        Activities.Planned planned = activities.createOnce(Activity.plan(Activities.idOf(request.network(), key), request.toPlan(),
                clock.instant()), publish);
        Activity activity = OpsAccess.require(planned.activity()); // moved to another network since: not found, as elsewhere
        return org.springframework.http.ResponseEntity.status(planned.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(ActivityFinder.summary(activity, clock.instant()));
    }

    @GetMapping("/{id}")
    ActivityView get(@PathVariable String id) {
        Activity activity = OpsAccess.require(activities.get(id));
        return new ActivityView(ActivityFinder.summary(activity, clock.instant()), participants.rows(activity));
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ActivityFinder.ActivitySummary change(@PathVariable String id, @Valid @RequestBody ActivityPlanRequest request) {
        Activity before = OpsAccess.require(activities.get(id));
        OpsAccess.requireNetwork(request.network());
        if (!before.networkId().value().equals(request.network())) {
            OpsAccess.requireKnownOrNew(request.network(), request.newNetwork(), finder);
        }
        Activity.Plan plan = request.toPlan();
        return ActivityFinder.summary(activities.change(id, activity -> {
            OpsAccess.require(activity); // in the change: it may have moved to another network since it was read
            activity.change(plan, clock.instant());
            return activity;
        }), clock.instant());
    }

    @PostMapping("/{id}/publish")
    ActivityFinder.ActivitySummary publish(@PathVariable String id) {
        return ActivityFinder.summary(activities.change(id, activity -> {
            OpsAccess.require(activity); // in the change: it may have moved to another network since it was read
            activity.publish();
            return activity;
        }), clock.instant());
    }

    @PostMapping("/{id}/cancel")
    ActivityFinder.ActivitySummary cancel(@PathVariable String id) {
        return ActivityFinder.summary(activities.change(id, activity -> {
            OpsAccess.require(activity); // in the change: it may have moved to another network since it was read
            activity.cancelActivity(clock.instant());
            return activity;
        }), clock.instant());
    }

    @PostMapping("/{id}/registrations/{registrationId}/cancel")
    ActivityView cancelRegistration(@PathVariable String id, @PathVariable String registrationId) {
        Activity activity = activities.change(id, a -> {
            OpsAccess.require(a); // in the change: it may have moved to another network since it was read
            a.cancelRegistrationForTheNetwork(registrationId, clock.instant());
            return a;
        });
        return new ActivityView(ActivityFinder.summary(activity, clock.instant()), participants.rows(activity));
    }
}
