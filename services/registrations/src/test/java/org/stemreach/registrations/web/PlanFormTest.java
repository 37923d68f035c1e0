package org.stemreach.registrations.web;

import org.junit.jupiter.api.Test;
import org.stemreach.registrations.activity.Activity;
import org.stemreach.registrations.activity.ActivityBuilder;
import org.stemreach.registrations.activity.ActivityFinder;
import org.stemreach.registrations.activity.ActivityPlanRequest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PlanFormTest {

    private static final org.stemreach.model.registrations.Location KULAK =
            new org.stemreach.model.registrations.Location("kulak", "Campus Kulak", "Kortrijk", "West-Vlaanderen");
    private static final ActivityFinder.KnownPlaces KNOWN = new ActivityFinder.KnownPlaces(Map.of("ku leuven", "kuleuven"),
            Map.of("campus kulak", KULAK), List.of("KU Leuven"), List.of(KULAK));

    private static PlanForm workshop() {
        PlanForm form = PlanForm.empty(Set.of("ISTEM"));
        form.setTitle(" Programmeren met micro:bits ");
        form.setType("WORKSHOP");
        form.setPartner("KU  Leuven");
        form.setLocation("Campus Kulak");
        form.setCity("Kortrijk");
        form.setCapacity(20);
        form.setTargetGroups("secundair 2e graad, schoolleiders");
        form.getSessions().get(1).setDate("2027-03-18");
        form.getSessions().get(1).setStart("20:00");
        form.getSessions().get(0).setDate("2027-03-11");
        form.getSessions().get(0).setStart("20:00");
        form.getSessions().get(0).setEnd("21:30");
        form.setClosesAt("2027-03-10T12:00");
        return form;
    }

    @Test
    void aFormBecomesThePlanTheApiTakesWithKnownPartnersAndLocationsByTheirIds() {
        PlanForm form = workshop();

        assertThat(form.problems()).isEmpty();
        ActivityPlanRequest request = form.toRequest(KNOWN);

        assertThat(request.network()).isEqualTo("ISTEM");
        assertThat(request.title()).isEqualTo("Programmeren met micro:bits");
        assertThat(request.partner().id()).as("the known partner's id, whatever the spacing").isEqualTo("kuleuven");
        assertThat(request.location().id()).isEqualTo("kulak");
        assertThat(request.location().city()).isEqualTo("Kortrijk");
        assertThat(request.targetGroups()).containsExactly("secundair 2e graad", "schoolleiders");
        assertThat(request.sessions()).extracting(ActivityPlanRequest.Session::date)
                .containsExactly(LocalDate.of(2027, 3, 11), LocalDate.of(2027, 3, 18));
        assertThat(request.sessions().get(0).end()).isEqualTo(LocalTime.of(21, 30));
        assertThat(request.closesAt()).as("in Brussels time").isEqualTo(Instant.parse("2027-03-10T11:00:00Z"));
        assertThat(request.publish()).isTrue();
        assertThat(request.toPlan().capacity().limit()).isEqualTo(20);
    }

    @Test
    void aNewPartnerOrLocationGetsAnIdMadeFromItsName() {
        assertThat(PlanForm.slug("Hogeschool Vives – Campus Brugge")).isEqualTo("hogeschool-vives-campus-brugge");
        assertThat(PlanForm.slug("École Élan")).isEqualTo("ecole-elan");
        assertThat(PlanForm.slug("???")).startsWith("p-").matches("[a-z0-9][a-z0-9-]{0,79}");
        assertThat(PlanForm.slug("x".repeat(200))).hasSize(80);
    }

    @Test
    void whatIsMissingOrUnreadableIsSaidWithItsField() {
        PlanForm form = PlanForm.empty(Set.of("ISTEM", "STEMBASIS"));
        form.getSessions().get(2).setDate("11-03-2027");
        form.setOpensAt("morgen");
        form.setType("PRE_SERVICE_SESSION");

        List<String> fields = form.problems().stream().flatMap(problem -> PlanPages.fieldsOf(problem).stream()).toList();

        assertThat(fields).containsExactlyInAnyOrder("network", "title", "partner", "location", "capacity", "programme",
                "session-date-2", "opensAt");
        form.getSessions().get(2).setDate(null);
        assertThat(form.problems().stream().flatMap(problem -> PlanPages.fieldsOf(problem).stream()))
                .as("no session at all").contains("session-date-0");
    }

    @Test
    void anActivityGivesBackTheFormItWasPlannedWithItsSessionsIds() {
        Activity activity = ActivityBuilder.workshop().build();

        PlanForm form = PlanForm.of(activity);

        assertThat(form.getTitle()).isEqualTo(activity.title());
        assertThat(form.getSessions().get(0).getId()).isEqualTo("s1");
        assertThat(form.getSessions().get(0).getDate()).isEqualTo("2026-03-11");
        assertThat(form.getSessions()).as("with empty rows to add sessions").hasSizeGreaterThanOrEqualTo(PlanForm.SESSION_ROWS);
        assertThat(form.toRequest(KNOWN).sessions().get(0).id()).as("attendance stays with its session").isEqualTo("s1");
    }

    @Test
    void aLocationChosenByNameBringsItsTownAndRegion() {
        PlanForm form = workshop();
        form.setCity(null);

        ActivityPlanRequest request = form.toRequest(KNOWN);

        assertThat(request.location().city()).isEqualTo("Kortrijk");
        assertThat(request.location().region()).isEqualTo("West-Vlaanderen");
    }

    @Test
    void anUnchangedFormChangesNothingOfWhatThePageShowsDifferently() {
        Instant closes = Instant.parse("2026-03-10T22:59:59Z"); // 23:59:59 in Brussels: the form has no seconds
        Activity current = Activity.plan(new Activity.Plan(org.stemreach.model.NetworkId.of("ISTEM"),
                new org.stemreach.model.registrations.Partner("ku-leuven", "KU Leuven"), KULAK, false, "Traject", "Regel 1\nRegel 2",
                "SCHOOL_TRAJECTORY", org.stemreach.model.activity.ActivityCategory.COACHING, List.of("secundair, 2e graad"),
                ActivityBuilder.workshop().plan().sessions(), null,
                org.stemreach.registrations.activity.Capacity.schools(5, 1, 6, org.stemreach.registrations.activity.Capacity.Composition.LOWER_AND_UPPER_GRADES),
                null, closes), Instant.parse("2026-01-01T08:00:00Z"));
        PlanForm form = PlanForm.of(current);
        form.setDescription("Regel 1\r\nRegel 2"); // as a browser sends a text area

        ActivityPlanRequest request = form.toRequest(KNOWN, current);

        assertThat(request.partner().id()).as("its own id while its name stays, not another activity's").isEqualTo("ku-leuven");
        assertThat(request.closesAt()).isEqualTo(closes);
        assertThat(request.targetGroups()).containsExactly("secundair, 2e graad");
        assertThat(request.description()).isEqualTo("Regel 1\nRegel 2");
        assertThat(request.composition()).isEqualTo(org.stemreach.registrations.activity.Capacity.Composition.LOWER_AND_UPPER_GRADES);
    }

    @Test
    void aSchoolTrajectoryAsksForBothGradesOnlyWhenTickedAndABasicTrajectoryAlways() {
        PlanForm form = workshop();
        form.setType("SCHOOL_TRAJECTORY");
        assertThat(form.toRequest(KNOWN).composition()).isEqualTo(org.stemreach.registrations.activity.Capacity.Composition.NONE);
        assertThat(form.toRequest(KNOWN).toPlan().capacity().composition()).isEqualTo(org.stemreach.registrations.activity.Capacity.Composition.NONE);

        form.setBothGrades(true);
        assertThat(form.toRequest(KNOWN).toPlan().capacity().composition())
                .isEqualTo(org.stemreach.registrations.activity.Capacity.Composition.LOWER_AND_UPPER_GRADES);

        form.setType("BASIC_TRAJECTORY");
        form.setBothGrades(false);
        assertThat(form.toRequest(KNOWN).toPlan().capacity().composition()).as("a basic trajectory's rule, ticked or not")
                .isEqualTo(org.stemreach.registrations.activity.Capacity.Composition.LOWER_AND_UPPER_GRADES);

        form.setType("WORKSHOP");
        form.setBothGrades(true);
        assertThat(form.toRequest(KNOWN).toPlan().capacity().composition()).as("individual seats have no teams")
                .isEqualTo(org.stemreach.registrations.activity.Capacity.Composition.NONE);
    }

    @Test
    void aTickedRuleIsUntickedOnAChangeAndBothGradesWithAtMostOneTeacherIsSaidOnTheForm() {
        Activity current = Activity.plan(new Activity.Plan(org.stemreach.model.NetworkId.of("ISTEM"),
                new org.stemreach.model.registrations.Partner("ku-leuven", "KU Leuven"), KULAK, false, "Traject", null,
                "SCHOOL_TRAJECTORY", org.stemreach.model.activity.ActivityCategory.COACHING, null,
                ActivityBuilder.workshop().plan().sessions(), null,
                org.stemreach.registrations.activity.Capacity.schools(5, 1, 6, org.stemreach.registrations.activity.Capacity.Composition.LOWER_AND_UPPER_GRADES),
                null, null), Instant.parse("2026-01-01T08:00:00Z"));
        PlanForm form = PlanForm.of(current);
        assertThat(form.isBothGrades()).isTrue();

        form.setBothGrades(false);
        assertThat(form.toRequest(KNOWN, current).composition()).isEqualTo(org.stemreach.registrations.activity.Capacity.Composition.NONE);

        form.setBothGrades(true);
        form.setMaxTeachers(1);
        assertThat(form.problems().stream().flatMap(problem -> PlanPages.fieldsOf(problem).stream())).containsExactly("maxTeachers");
        assertThat(form.problems()).extracting(problem -> problem[0]).containsExactly("plan.problem.bothGrades");
    }

    @Test
    void atMostFewerTeachersThanAtLeastIsSaidOnTheForm() {
        PlanForm form = workshop();
        form.setType("BASIC_TRAJECTORY");
        form.setMaxTeachers(1);

        assertThat(form.problems().stream().flatMap(problem -> PlanPages.fieldsOf(problem).stream())).contains("maxTeachers");
    }

    @Test
    void aSessionEndingBeforeItStartsOrAWindowClosingBeforeItOpensIsSaidOnItsField() {
        PlanForm form = workshop();
        form.getSessions().get(1).setEnd("19:00");
        form.setOpensAt("2027-03-10T12:00");

        assertThat(form.problems().stream().flatMap(problem -> PlanPages.fieldsOf(problem).stream()))
                .containsExactlyInAnyOrder("session-end-1", "closesAt");
    }

    @Test
    void anotherKnownLocationChosenOnAChangeBringsItsOwnTownUnlessAnotherWasTyped() {
        org.stemreach.model.registrations.Location brugge = new org.stemreach.model.registrations.Location("vives-brugge", "Vives Brugge", "Brugge", "West-Vlaanderen");
        ActivityFinder.KnownPlaces known = new ActivityFinder.KnownPlaces(Map.of(), Map.of("vives brugge", brugge), List.of(), List.of(brugge));
        Activity current = ActivityBuilder.workshop().build(); // at Campus Kulak, Kortrijk
        PlanForm form = PlanForm.of(current);
        form.setLocation("Vives Brugge");

        assertThat(form.toRequest(known, current).location().city()).as("the town the page showed was Kulak's").isEqualTo("Brugge");
        form.setCity("Sint-Michiels");
        assertThat(form.toRequest(known, current).location().city()).isEqualTo("Sint-Michiels");
        form.setOwnType("");
        assertThat(form.getOwnType()).as("a type of the domain's own: no type of the network's own").isNull();
        form.setNetwork("istem");
        assertThat(form.problems()).isEmpty();
        assertThat(form.toRequest(known, current).network()).isEqualTo("ISTEM");
    }
}
