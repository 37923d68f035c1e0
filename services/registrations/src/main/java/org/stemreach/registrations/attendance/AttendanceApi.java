package org.stemreach.registrations.attendance;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.stemreach.kit.web.SpreadsheetCells;
import org.stemreach.registrations.activity.Activities;
import org.stemreach.registrations.activity.Activity;
import org.stemreach.registrations.activity.OpsAccess;
import org.stemreach.registrations.registration.ParticipantList;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Check-in per session (one or many teachers at once), no-shows, anonymous headcounts, and the participant list as CSV. */
@RestController
@RequestMapping("/api/ops/activities/{id}")
class AttendanceApi {

    private final Activities activities;
    private final ParticipantList participants;

    private final java.time.Clock clock;

    AttendanceApi(Activities activities, ParticipantList participants, java.time.Clock clock) {
        this.activities = activities;
        this.participants = participants;
        this.clock = clock;
    }

    /** {@code present=false} marks a no-show (or corrects a check-in). */
    record AttendanceRequest(@NotBlank @Size(max = 40) String sessionId,
                             @NotEmpty @Size(max = 1000) List<@NotBlank @Size(max = 64) String> teacherIds,
                             @NotNull Boolean present) {
    }

    record AttendanceResult(int changed) {
    }

    record HeadcountRequest(@NotNull @Min(0) @Max(1_000_000) Integer count, Boolean approximate) {
    }

    @PostMapping(path = "/attendance", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    AttendanceResult attendance(@PathVariable String id, @Valid @RequestBody AttendanceRequest request) {
        return new AttendanceResult(activities.change(id, activity ->
                OpsAccess.require(activity).recordAttendance(request.sessionId(), request.teacherIds(), request.present(), clock.instant())));
    }

    @PutMapping(path = "/headcount", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Void> headcount(@PathVariable String id, @Valid @RequestBody HeadcountRequest request) {
        activities.change(id, activity -> {
            OpsAccess.require(activity); // in the change: it may have moved to another network since it was read
            activity.recordHeadcount(request.count(), Boolean.TRUE.equals(request.approximate()), clock.instant());
            return activity;
        });
        return ResponseEntity.noContent().build();
    }

    @GetMapping(path = "/participants.csv")
    ResponseEntity<byte[]> export(@PathVariable String id) {
        Activity activity = OpsAccess.require(activities.get(id));
        StringWriter csv = new StringWriter();
        List<String> sessionIds = activity.sessions().stream().map(s -> s.id()).toList();
        try (CSVPrinter printer = CSVFormat.Builder.create(CSVFormat.DEFAULT).setDelimiter(';').get().print(csv)) {
            List<String> header = new java.util.ArrayList<>(List.of("registration", "status", "waitlist_position", "name", "email", "school", "grade"));
            activity.sessions().forEach(s -> header.add("session_" + s.id() + "_" + s.date()));
            printer.printRecord(header);
            for (ParticipantList.Row row : participants.rows(activity)) {
                List<Object> values = new java.util.ArrayList<>(List.of(row.registrationId(), row.status(),
                        row.waitlistPosition() == 0 ? "" : row.waitlistPosition(), SpreadsheetCells.text(row.name()),
                        SpreadsheetCells.text(row.email()), SpreadsheetCells.text(row.school()), nullToEmpty(row.grade())));
                // x: present; absent: a no-show; empty: nothing recorded (yet)
                sessionIds.forEach(session -> values.add(row.attendedSessions().contains(session) ? "x"
                        : row.missedSessions().contains(session) ? "absent" : ""));
                printer.printRecord(values);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] body = ("\uFEFF" + csv).getBytes(StandardCharsets.UTF_8);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("deelnemers-" + id + ".csv").build().toString())
                .body(body);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
