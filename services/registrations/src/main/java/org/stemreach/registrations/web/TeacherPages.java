package org.stemreach.registrations.web;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.stemreach.kit.web.ApiException;
import org.stemreach.model.activity.ActivityTypes;
import org.stemreach.registrations.activity.Activities;
import org.stemreach.registrations.activity.Activity;
import org.stemreach.registrations.activity.ActivityFinder;
import org.stemreach.registrations.activity.ActivityRuleException;
import org.stemreach.registrations.activity.ActivityStatus;
import org.stemreach.registrations.activity.Grade;
import org.stemreach.registrations.registration.MyRegistrations;
import org.stemreach.registrations.registration.PersonalLinks;
import org.stemreach.registrations.registration.Registrations;
import org.stemreach.registrations.registration.TeacherDirectory;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** The teachers' pages: the catalogue with filters, an activity with its registration form, the confirmation, "my registrations". */
@Controller
class TeacherPages {

    private static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");

    private final ActivityFinder finder;
    private final Activities activities;
    private final Registrations registrations;
    private final MyRegistrations mine;
    private final PersonalLinks links;
    private final TeacherDirectory teachers;
    private final MessageSource messages;
    private final org.stemreach.registrations.notify.LinkRequests linkRequests;
    private final Clock clock;

    TeacherPages(ActivityFinder finder, Activities activities, Registrations registrations, MyRegistrations mine,
                 PersonalLinks links, TeacherDirectory teachers, MessageSource messages,
                 org.stemreach.registrations.notify.LinkRequests linkRequests, Clock clock) {
        this.finder = finder;
        this.activities = activities;
        this.registrations = registrations;
        this.mine = mine;
        this.links = links;
        this.teachers = teachers;
        this.messages = messages;
        this.linkRequests = linkRequests;
        this.clock = clock;
    }

    @GetMapping({"/", "/activities"})
    String catalogue(@RequestParam(required = false) String network, @RequestParam(required = false) String type,
                     @RequestParam(required = false) String region, @RequestParam(required = false) String month,
                     @RequestParam(required = false) String online, Model model) {
        YearMonth yearMonth = null;
        try {
            yearMonth = month == null || month.isBlank() ? null : YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            // Browsers without a month picker send what was typed: said, and the other filters still apply.
            model.addAttribute("monthProblem", true);
            month = null;
        }
        Boolean onlineFilter = "yes".equals(online) ? Boolean.TRUE : "no".equals(online) ? Boolean.FALSE : null;
        List<ActivityFinder.ActivitySummary> all = finder.open(new ActivityFinder.Filter(null, null, null, null, null, null));
        model.addAttribute("activities", finder.open(new ActivityFinder.Filter(network, type, region, null, yearMonth, onlineFilter)));
        model.addAttribute("networks", new TreeSet<>(all.stream().map(ActivityFinder.ActivitySummary::network).toList()));
        model.addAttribute("regions", new TreeSet<>(all.stream().map(ActivityFinder.ActivitySummary::region).filter(r -> r != null).toList()));
        model.addAttribute("types", ActivityTypes.defaults().keySet());
        model.addAttribute("filter", new String[]{network, type, region, month, online});
        model.addAttribute("now", clock.instant());
        return "activities";
    }

    @GetMapping("/activities/{id}")
    String activity(@PathVariable String id, Model model) {
        Activity activity = published(id);
        model.addAttribute("form", RegistrationForm.empty(activity.capacity().forSchools(), activity.capacity().maxTeachersPerSchool()));
        return page(activity, model);
    }

    /** A team form has at most its rows: a higher index (a hand-made request) is refused, not grown into a huge list. */
    @org.springframework.web.bind.annotation.InitBinder("form")
    void teamRows(org.springframework.web.bind.WebDataBinder binder) {
        binder.setAutoGrowCollectionLimit(RegistrationForm.MAX_TEAM);
    }

    @PostMapping("/activities/{id}/register")
    String register(@PathVariable String id, @ModelAttribute("form") RegistrationForm form, Model model, RedirectAttributes redirect) {
        Activity activity = published(id);
        boolean team = activity.capacity().forSchools();
        List<String[]> problems = form.problems(team);
        if (problems.isEmpty()) {
            try {
                Registrations.Outcome outcome = team
                        ? registrations.registerTeam(id, form.getSchool(), form.getPostcode(), form.filledMembers().stream()
                        .map(m -> new Registrations.Person(m.getName(), m.getEmail(), form.getSchool(), m.getGrade(), null)).toList())
                        : registrations.registerTeacher(id, new Registrations.Person(form.getName(), form.getEmail(), form.getSchool(),
                        form.getGrade(), form.getRole()), form.getPostcode());
                redirect.addAttribute("existing", outcome.created() ? null : "true");
                return "redirect:/activities/" + id + "/registered/" + outcome.entry().id();
            } catch (ActivityRuleException e) {
                problems.add(new String[]{"rule." + e.rule().name()});
            }
        }
        FormProblems.show(model, problems, RegistrationForm::fieldsOf, messages);
        form.padMembers(team, activity.capacity().maxTeachersPerSchool());
        return page(activity, model);
    }

    @GetMapping("/activities/{id}/registered/{registrationId}")
    String registered(@PathVariable String id, @PathVariable String registrationId,
                      @RequestParam(required = false) String existing, Model model) {
        Activity activity = published(id);
        var entry = activity.entry(registrationId).orElseThrow(() -> ApiException.notFound("registration", registrationId));
        model.addAttribute("activity", ActivityFinder.summary(activity, clock.instant()));
        model.addAttribute("status", entry.status().name());
        model.addAttribute("position", activity.waitlistPosition(entry));
        model.addAttribute("existing", existing != null);
        return "registered";
    }

    @GetMapping("/my")
    String my(@RequestParam(required = false) String token, Model model) {
        return myPage(token, model);
    }

    /** A new personal link, for a teacher whose link expired or was lost: they give their e-mail address. */
    @GetMapping("/my/link")
    String linkForm() {
        return "link";
    }

    /** The same answer whether the address is known or not; a known teacher gets a fresh link by mail. */
    @PostMapping("/my/link")
    String link(@RequestParam(defaultValue = "") String email, Model model) {
        if (email.length() > 254 || !RegistrationForm.mailable(email)) {
            model.addAttribute("linkProblem", true);
            model.addAttribute("email", email.length() > 254 ? "" : email);
            return "link";
        }
        linkRequests.request(email.strip());
        // Redirected, so that reloading the page asks nothing again.
        return "redirect:/my/link?asked";
    }

    @PostMapping("/my/activities/{activityId}/registrations/{registrationId}/cancel")
    String cancel(@RequestParam String token, @PathVariable String activityId, @PathVariable String registrationId,
                  RedirectAttributes redirect) {
        String teacherId = teacherOf(token);
        if (teacherId != null) {
            registrations.cancelOwn(teacherId, activityId, registrationId);
            redirect.addAttribute("cancelled", "true");
        }
        redirect.addAttribute("token", token);
        return "redirect:/my";
    }

    /** The teacher corrects their details; a blank or too long name is refused with a message, nothing is written. */
    @PostMapping("/my/details")
    String details(@RequestParam String token, @RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String school,
                   @RequestParam(defaultValue = "") String role, Model model, RedirectAttributes redirect) {
        String teacherId = teacherOf(token);
        if (teacherId != null) {
            if (name.isBlank() || name.length() > 120 || school.length() > 200 || role.length() > 80) {
                // Shown again as typed, to be corrected.
                model.addAttribute("detailsProblem", true);
                model.addAttribute("typed", java.util.Map.of("name", name, "school", school, "role", role));
                return myPage(token, model);
            }
            if (teachers.correct(teacherId, name, school, role)) {
                redirect.addAttribute("updated", "true");
            }
        }
        redirect.addAttribute("token", token);
        return "redirect:/my";
    }

    @PostMapping("/my/forget")
    String forget(@RequestParam String token, @RequestParam(required = false) String confirm, Model model) {
        String teacherId = teacherOf(token);
        if (teacherId != null && !"yes".equals(confirm)) {
            // Erasing cannot be undone: only with the box ticked.
            model.addAttribute("forgetUnconfirmed", true);
            return myPage(token, model);
        }
        if (teacherId != null) {
            registrations.forget(teacherId);
            model.addAttribute("forgotten", true);
        }
        model.addAttribute("invalid", teacherId == null);
        return "my";
    }

    private String myPage(String token, Model model) {
        String teacherId = teacherOf(token);
        MyRegistrations.Overview overview = teacherId == null ? null : mine.of(teacherId).orElse(null);
        model.addAttribute("invalid", overview == null);
        model.addAttribute("forgotten", false);
        model.addAttribute("overview", overview);
        model.addAttribute("token", token);
        return "my";
    }

    private String teacherOf(String token) {
        try {
            return links.teacherOf(token);
        } catch (PersonalLinks.InvalidLinkException e) {
            return null;
        }
    }

    private String page(Activity activity, Model model) {
        Instant now = clock.instant();
        model.addAttribute("activity", ActivityFinder.summary(activity, now));
        // The registration window in Brussels time: when it opens (not yet open) or until when it runs.
        if (activity.opensAt() != null && now.isBefore(activity.opensAt())) {
            model.addAttribute("opensAt", LocalDateTime.ofInstant(activity.opensAt(), BRUSSELS));
        }
        if (activity.closesAt() != null) {
            model.addAttribute("closesAt", LocalDateTime.ofInstant(activity.closesAt(), BRUSSELS));
        }
        model.addAttribute("team", activity.capacity().forSchools());
        // What a school team must be, said before the form rather than only when a team is refused.
        model.addAttribute("teamMin", activity.capacity().minTeachersPerSchool());
        model.addAttribute("teamMax", Math.min(activity.capacity().maxTeachersPerSchool(), RegistrationForm.MAX_TEAM));
        model.addAttribute("bothGrades", activity.capacity().composition() == org.stemreach.registrations.activity.Capacity.Composition.LOWER_AND_UPPER_GRADES);
        model.addAttribute("grades", Grade.values());
        return "activity";
    }

    private Activity published(String id) {
        return activities.find(id).filter(a -> a.status() != ActivityStatus.DRAFT)
                .orElseThrow(() -> ApiException.notFound("activity", id));
    }
}
