package org.stemreach.registrations.registration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.stemreach.kit.web.ApiException;
import org.stemreach.registrations.activity.Activities;
import org.stemreach.registrations.activity.Activity;
import org.stemreach.registrations.activity.ActivityFinder;
import org.stemreach.registrations.activity.Grade;

import java.time.Clock;
import java.time.YearMonth;
import java.util.List;

/** The public API teachers' pages and apps use: find activities, register alone or as a school team. */
@RestController
@RequestMapping(path = "/api/activities", produces = MediaType.APPLICATION_JSON_VALUE)
class PublicRegistrationApi {

    private final ActivityFinder finder;
    private final Activities activities;
    private final Registrations registrations;
    private final Clock clock;

    PublicRegistrationApi(ActivityFinder finder, Activities activities, Registrations registrations, Clock clock) {
        this.finder = finder;
        this.activities = activities;
        this.registrations = registrations;
        this.clock = clock;
    }

    record Member(@NotBlank @Size(max = 120) String name,
                  @NotBlank @Email @Size(max = 254) String email,
                  @NotNull Grade grade) {
    }

    record Team(@NotBlank @Size(max = 200) String school,
                @Pattern(regexp = School.POSTCODE_PATTERN) String postcode,
                @NotNull @Size(min = 1, max = 30) List<@NotNull @Valid Member> teachers) {
    }

    /**
     * One teacher (name, email, school and its postcode, grade) or, for school-team activities, a team. The school a
     * teacher alone names is identified as a team's is (name and postcode), to count the schools reached.
     */
    record RegistrationRequest(@Size(max = 120) String name,
                               @Email @Size(max = 254) String email,
                               @Size(max = 200) String school,
                               @Pattern(regexp = School.POSTCODE_PATTERN) String postcode,
                               Grade grade,
                               @Size(max = 80) String role,
                               @Valid Team team,
                               @NotNull @AssertTrue(message = "consent to the processing of your data is required") Boolean consent) {
    }

    record RegistrationView(String activityId, String registrationId, String status, Integer waitlistPosition) {
    }

    @GetMapping
    List<ActivityFinder.ActivitySummary> list(@RequestParam(required = false) String network,
                                              @RequestParam(required = false) String type,
                                              @RequestParam(required = false) String region,
                                              @RequestParam(required = false) String location,
                                              @RequestParam(required = false) YearMonth month,
                                              @RequestParam(required = false) Boolean online) {
        return finder.open(new ActivityFinder.Filter(network, type, region, location, month, online));
    }

    @GetMapping("/{id}")
    ActivityFinder.ActivitySummary get(@PathVariable String id) {
        Activity activity = activities.find(id).filter(a -> a.status() != org.stemreach.registrations.activity.ActivityStatus.DRAFT)
                .orElseThrow(() -> ApiException.notFound("activity", id));
        return ActivityFinder.summary(activity, clock.instant());
    }

    @PostMapping(path = "/{id}/registrations", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<RegistrationView> register(@PathVariable String id, @Valid @RequestBody RegistrationRequest request) {
        Registrations.Outcome outcome;
        if (request.team() != null) {
            Team team = request.team();
            outcome = registrations.registerTeam(id, team.school(), team.postcode(), team.teachers().stream()
                    .map(m -> new Registrations.Person(m.name(), m.email(), team.school(), m.grade(), null)).toList());
        } else {
            if (blank(request.name()) || blank(request.email()) || request.grade() == null) {
                throw ApiException.badRequest("name, email and grade are required (or a team for school-team activities)");
            }
            outcome = registrations.registerTeacher(id, new Registrations.Person(request.name(), request.email(), request.school(),
                    request.grade(), request.role()), request.postcode());
        }
        RegistrationView view = new RegistrationView(id, outcome.entry().id(), outcome.status().name(),
                outcome.waitlistPosition() == 0 ? null : outcome.waitlistPosition());
        return ResponseEntity.status(outcome.created() ? HttpStatus.CREATED : HttpStatus.OK).body(view);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
