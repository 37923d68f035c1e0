package org.stemreach.registrations.registration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.stemreach.kit.web.ApiException;

/** Behind the personal link (no password): see, cancel, correct one's details, or ask to be forgotten. */
@RestController
@RequestMapping(path = "/api/my", produces = MediaType.APPLICATION_JSON_VALUE)
class MyRegistrationsApi {

    private final PersonalLinks links;
    private final MyRegistrations mine;
    private final Registrations registrations;
    private final TeacherDirectory teachers;
    private final org.stemreach.registrations.notify.LinkRequests linkRequests;

    MyRegistrationsApi(PersonalLinks links, MyRegistrations mine, Registrations registrations, TeacherDirectory teachers,
                       org.stemreach.registrations.notify.LinkRequests linkRequests) {
        this.links = links;
        this.mine = mine;
        this.registrations = registrations;
        this.teachers = teachers;
        this.linkRequests = linkRequests;
    }

    /** The address a new personal link is asked for. */
    record LinkRequest(@NotBlank @jakarta.validation.constraints.Email @Size(max = 254) String email) {
    }

    /**
     * Asks for a new personal link (the old one expired or was lost): 202 whether the address is known or not; a known
     * teacher's address gets a fresh link by mail, at most once every 10 minutes.
     */
    @PostMapping(path = "/link", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Void> link(@Valid @RequestBody LinkRequest request) {
        linkRequests.request(request.email().strip());
        return ResponseEntity.accepted().build();
    }

    @GetMapping
    MyRegistrations.Overview overview(@RequestParam String token) {
        return overviewOf(links.teacherOf(token));
    }

    /** The teacher's overview; 404 once forgotten (also by a request that came in meanwhile). */
    private MyRegistrations.Overview overviewOf(String teacherId) {
        return mine.of(teacherId).orElseThrow(() -> ApiException.notFound("teacher", "of this link"));
    }

    @PostMapping("/activities/{activityId}/registrations/{registrationId}/cancel")
    MyRegistrations.Overview cancel(@RequestParam String token, @PathVariable String activityId, @PathVariable String registrationId) {
        String teacherId = links.teacherOf(token);
        registrations.cancelOwn(teacherId, activityId, registrationId);
        return overviewOf(teacherId);
    }

    /** A teacher's own details; a blank school or role removes it. */
    record Details(@NotBlank @Size(max = 120) String name, @Size(max = 200) String school, @Size(max = 80) String role) {
    }

    /** The teacher corrects their name, school or role (registrations never replace stored details). */
    @PutMapping(path = "/details", consumes = MediaType.APPLICATION_JSON_VALUE)
    MyRegistrations.Overview correct(@RequestParam String token, @Valid @RequestBody Details details) {
        String teacherId = links.teacherOf(token);
        if (!teachers.correct(teacherId, details.name(), details.school(), details.role())) {
            throw ApiException.notFound("teacher", "of this link");
        }
        return overviewOf(teacherId);
    }

    /**
     * Erases the teacher's personal data; places on waiting lists and in activities still to begin are given up, those of
     * activities under way stay as anonymous records, so counts do not change ({@link Registrations#forget}).
     */
    @PostMapping("/forget")
    ResponseEntity<Void> forget(@RequestParam String token) {
        registrations.forget(links.teacherOf(token));
        return ResponseEntity.noContent().build();
    }
}
