package org.stemreach.registrations.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.stemreach.model.activity.ActivityTypes;
import org.stemreach.registrations.activity.Activities;
import org.stemreach.registrations.activity.Activity;
import org.stemreach.registrations.activity.ActivityFinder;
import org.stemreach.registrations.activity.ActivityPlanRequest;
import org.stemreach.registrations.activity.ActivityRuleException;
import org.stemreach.registrations.activity.OpsAccess;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The operations team plans activities on a page: a new one, a change, publishing a draft, cancelling. The same plan
 * and rules as the ops API ({@link ActivityPlanRequest}); what the rules refuse is said on the form, which keeps what
 * was typed.
 */
@Controller
class PlanPages {

    private final Activities activities;
    private final ActivityFinder finder;
    private final Validator validator;
    private final MessageSource messages;
    private final Clock clock;

    PlanPages(Activities activities, ActivityFinder finder, Validator validator, MessageSource messages, Clock clock) {
        this.activities = activities;
        this.finder = finder;
        this.validator = validator;
        this.messages = messages;
        this.clock = clock;
    }

    @InitBinder("plan")
    void sessionRows(WebDataBinder binder) {
        binder.setAutoGrowCollectionLimit(60);
    }

    @GetMapping("/ops/activities/new")
    String newActivity(Model model) {
        return page(PlanForm.empty(OpsAccess.networks()), null, model);
    }

    @PostMapping("/ops/activities/new")
    String create(@ModelAttribute("plan") PlanForm form, BindingResult binding, Model model, RedirectAttributes redirect) {
        return saved(form, binding, model, redirect, null, request -> activities.create(Activity.plan(request.toPlan(), clock.instant()),
                Boolean.TRUE.equals(request.publish())).id());
    }

    @GetMapping("/ops/activities/{id}/edit")
    String edit(@PathVariable String id, Model model) {
        Activity activity = OpsAccess.require(activities.get(id));
        return page(PlanForm.of(activity), activity, model);
    }

    @PostMapping("/ops/activities/{id}/edit")
    String change(@PathVariable String id, @ModelAttribute("plan") PlanForm form, BindingResult binding, Model model,
                  RedirectAttributes redirect) {
        Activity current = OpsAccess.require(activities.get(id));
        return saved(form, binding, model, redirect, current, request -> {
            Activity.Plan plan = request.toPlan();
            activities.change(id, activity -> {
                OpsAccess.require(activity); // in the change: it may have moved to another network since it was read
                activity.change(plan, clock.instant());
                return activity;
            });
            return id;
        });
    }

    /**
     * The form checked and, without problems, saved ({@code save} answers the activity's id): then on to the activity's
     * page; else the form again, with what was typed and what the rules refused.
     */
    private String saved(PlanForm form, BindingResult binding, Model model, RedirectAttributes redirect, Activity current,
                         java.util.function.Function<ActivityPlanRequest, String> save) {
        ActivityPlanRequest request = checked(form, binding, model, current);
        if (request == null) {
            return page(form, current, model);
        }
        try {
            OpsAccess.requireNetwork(request.network());
            if (current == null || !current.networkId().value().equals(request.network())) {
                OpsAccess.requireKnownOrNew(request.network(), request.newNetwork(), finder);
            }
            String id = save.apply(request);
            redirect.addAttribute("saved", "true");
            return "redirect:/ops/activities/" + id;
        } catch (ActivityRuleException refused) {
            return refused(form, current, refused, model);
        } catch (IllegalArgumentException invalid) {
            return refused(form, current, new ActivityRuleException(ActivityRuleException.Rule.INVALID_ACTIVITY, invalid.getMessage()), model);
        }
    }

    @PostMapping("/ops/activities/{id}/publish")
    String publish(@PathVariable String id, RedirectAttributes redirect) {
        activities.change(id, activity -> {
            OpsAccess.require(activity).publish();
            return activity;
        });
        redirect.addAttribute("saved", "true");
        return "redirect:/ops/activities/" + id;
    }

    /** Cancelling the activity (the page asks first): its registrations end, and everyone registered is told. */
    @PostMapping("/ops/activities/{id}/cancel-activity")
    String cancel(@PathVariable String id, RedirectAttributes redirect) {
        activities.change(id, activity -> {
            OpsAccess.require(activity).cancelActivity(clock.instant());
            return activity;
        });
        redirect.addAttribute("saved", "true");
        return "redirect:/ops/activities/" + id;
    }

    /** The plan of a form without problems of its own, checked as the API checks its body; null (and the problems shown) if not. */
    private ActivityPlanRequest checked(PlanForm form, BindingResult binding, Model model, Activity current) {
        List<String[]> problems = form.problems();
        // A number field sent with something else than a number (a browser without the field's own check): said as such.
        binding.getFieldErrors().stream().map(error -> fieldOf(error.getField()))
                .filter(field -> problems.stream().noneMatch(problem -> fieldsOf(problem).contains(field)))
                .distinct().forEach(field -> problems.add(new String[]{"plan.problem.invalid", "", field}));
        ActivityPlanRequest request = null;
        if (problems.isEmpty()) {
            request = form.toRequest(finder.knownPlaces(OpsAccess.networks()), current);
            Set<String> invalid = new TreeSet<>();
            for (ConstraintViolation<ActivityPlanRequest> violation : validator.validate(request)) {
                invalid.add(violation.getPropertyPath().toString());
            }
            // Lengths and forms the fields' own limits keep a browser from sending: said once, by the fields' names.
            invalid.forEach(path -> problems.add(new String[]{"plan.problem.invalid", "", fieldOf(path)}));
        }
        if (!problems.isEmpty()) {
            FormProblems.show(model, problems, PlanPages::fieldsOf, messages);
            return null;
        }
        return request;
    }

    private String refused(PlanForm form, Activity current, ActivityRuleException refused, Model model) {
        // A network not confirmed as new: said at the network field, whose checkbox confirms it.
        String[] problem = refused.rule() == ActivityRuleException.Rule.NEW_NETWORK_NOT_CONFIRMED
                ? new String[]{"rule." + refused.rule().name(), "", "network"} : new String[]{"rule." + refused.rule().name()};
        FormProblems.show(model, List.<String[]>of(problem), PlanPages::fieldsOf, messages);
        return page(form, current, model);
    }

    static List<String> fieldsOf(String[] problem) {
        return problem.length > 2 && !problem[2].isEmpty() ? List.of(problem[2].split(",")) : List.of();
    }

    /** The form's field for a property of the plan the API's checks refused. */
    static String fieldOf(String path) {
        String root = path.replaceAll("[.\\[].*", "");
        return switch (root) {
            case "partner" -> "partner";
            case "location" -> "location";
            case "sessions" -> "session-date-0";
            case "programme" -> "programme";
            case "targetGroups" -> "targetGroups";
            case "minTeachersPerSchool" -> "minTeachers";
            case "maxTeachersPerSchool" -> "maxTeachers";
            default -> root;
        };
    }

    private String page(PlanForm form, Activity current, Model model) {
        form.padSessions();
        ActivityFinder.KnownPlaces known = finder.knownPlaces(OpsAccess.networks());
        model.addAttribute("plan", form);
        model.addAttribute("current", current);
        model.addAttribute("networks", OpsAccess.networks() == null ? finder.networks() : new TreeSet<>(OpsAccess.networks()));
        // An administrator may plan for a network that has no activity yet: the field takes any network's label.
        model.addAttribute("anyNetwork", OpsAccess.networks() == null);
        model.addAttribute("types", new ArrayList<>(ActivityTypes.defaults().keySet()));
        model.addAttribute("teamTypes", ActivityTypes.defaults().keySet().stream().filter(ActivityTypes::isSchoolTeamType).toList());
        model.addAttribute("partners", known.partnerNames());
        model.addAttribute("locations", known.locationList());
        return "ops/plan";
    }
}
