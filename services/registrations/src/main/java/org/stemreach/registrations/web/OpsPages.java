package org.stemreach.registrations.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.stemreach.registrations.activity.Activities;
import org.stemreach.registrations.activity.Activity;
import org.stemreach.registrations.activity.ActivityFinder;
import org.stemreach.registrations.activity.OpsAccess;
import org.stemreach.registrations.attendance.CheckInSheet;
import org.stemreach.registrations.imports.PastLogImport;
import org.stemreach.registrations.imports.PastLogParser;
import org.stemreach.registrations.registration.ParticipantList;

import java.io.IOException;
import java.time.Clock;
import java.time.ZonedDateTime;

/** The operations team's pages (behind the gateway's sign-in): activities of their networks, check-in, headcounts, import. */
@Controller
class OpsPages {

    private final ActivityFinder finder;
    private final Activities activities;
    private final ParticipantList participants;
    private final PastLogImport imports;
    private final Clock clock;

    OpsPages(ActivityFinder finder, Activities activities, ParticipantList participants, PastLogImport imports, Clock clock) {
        this.finder = finder;
        this.activities = activities;
        this.participants = participants;
        this.imports = imports;
        this.clock = clock;
    }

    @GetMapping("/ops/activities")
    String list(Model model) {
        model.addAttribute("activities", finder.ofNetworks(OpsAccess.networks()));
        return "ops/activities";
    }

    @GetMapping("/ops/activities/{id}")
    String detail(@PathVariable String id, Model model) {
        Activity activity = OpsAccess.require(activities.get(id));
        model.addAttribute("activity", ActivityFinder.summary(activity, clock.instant()));
        model.addAttribute("rows", participants.rows(activity));
        model.addAttribute("today", java.time.LocalDate.ofInstant(clock.instant(), ActivityFinder.ZONE));
        return "ops/activity";
    }

    /** Bulk check-in, and with {@code restAbsent} the no-shows of the sessions held so far ({@link CheckInSheet}). */
    @PostMapping("/ops/activities/{id}/attendance")
    String attendance(@PathVariable String id, @RequestParam MultiValueMap<String, String> form,
                      @RequestParam(defaultValue = "false") boolean restAbsent, RedirectAttributes redirect) {
        CheckInSheet sheet = new CheckInSheet(form, restAbsent);
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(ActivityFinder.ZONE));
        activities.change(id, activity -> {
            OpsAccess.require(activity); // in the change: it may have moved to another network since it was read
            sheet.applyTo(activity, now);
            return activity;
        });
        redirect.addAttribute("saved", "true");
        return "redirect:/ops/activities/" + id;
    }

    @PostMapping("/ops/activities/{id}/headcount")
    String headcount(@PathVariable String id, @RequestParam int count, @RequestParam(defaultValue = "false") boolean approximate,
                     RedirectAttributes redirect) {
        activities.change(id, activity -> {
            OpsAccess.require(activity); // in the change: it may have moved to another network since it was read
            activity.recordHeadcount(count, approximate, clock.instant());
            return activity;
        });
        redirect.addAttribute("saved", "true");
        return "redirect:/ops/activities/" + id;
    }

    /**
     * A row's cancel button sends the check-in form it sits in: what was ticked on the page is recorded first (as Save
     * would), so a coordinator checking people in at the door loses no ticks by cancelling someone's registration.
     */
    @PostMapping("/ops/activities/{id}/registrations/{registrationId}/cancel")
    String cancel(@PathVariable String id, @PathVariable String registrationId, @RequestParam MultiValueMap<String, String> form,
                  RedirectAttributes redirect) {
        CheckInSheet sheet = new CheckInSheet(form, false);
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(ActivityFinder.ZONE));
        activities.change(id, activity -> {
            OpsAccess.require(activity).cancelRegistrationForTheNetwork(registrationId, now.toInstant());
            sheet.applyTo(activity, now); // the cancelled one is no longer confirmed: ticks of theirs change nothing
            return activity;
        });
        redirect.addAttribute("saved", "true");
        return "redirect:/ops/activities/" + id;
    }

    @GetMapping("/ops/import")
    String importPage() {
        OpsAccess.caller();
        return "ops/import";
    }

    @PostMapping("/ops/import")
    String importLog(@RequestParam("file") MultipartFile file, Model model) throws IOException {
        var caller = OpsAccess.caller();
        PastLogImport.Report report = imports.importLog(new java.io.StringReader(PastLogParser.decode(file.getBytes())), caller::canOperate,
                // On the page, a new network is started by planning its first activity (which asks to confirm it).
                OpsAccess.knownOrNew(finder, java.util.List.of()));
        model.addAttribute("report", report);
        return "ops/import";
    }
}
