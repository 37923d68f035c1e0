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
import org.springframework.web.bind.annotation.ResponseStatus;
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

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    ActivityFinder.ActivitySummary create(@Valid @RequestBody ActivityPlanRequest request) {
        OpsAccess.requireNetwork(request.network());
        Activity activity = Activity.plan(request.toPlan(), clock.instant());
        return ActivityFinder.summary(activities.create(activity, !Boolean.FALSE.equals(request.publish())), clock.instant());
    }

    @GetMapping("/{id}")
    ActivityView get(@PathVariable String id) {
        Activity activity = OpsAccess.require(activities.get(id));
        return new ActivityView(ActivityFinder.summary(activity, clock.instant()), participants.rows(activity));
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ActivityFinder.ActivitySummary change(@PathVariable String id, @Valid @RequestBody ActivityPlanRequest request) {
        OpsAccess.require(activities.get(id));
        OpsAccess.requireNetwork(request.network());
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
