package org.stemreach.analytics.kpi;

import org.junit.jupiter.api.Test;
import org.stemreach.model.activity.ActivityTypes;
import org.stemreach.model.period.ReportingPeriodScheme;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KpiCalculatorTest {

    private static final KpiCalculator.Context CONTEXT = new KpiCalculator.Context("ISTEM",
            ReportingPeriodScheme.DEFAULT.period("2031"), Instant.parse("2031-12-20T08:00:00Z"), 1234, null);

    private static KpiDocument document(List<ReachFacts.Activity> activities, List<ReachFacts.ProjectDownloads> downloads) {
        return KpiCalculator.document(CONTEXT, activities, downloads, List.of(), List.of(), Map.of());
    }

    /** shared/domain.md, "Worked example". */
    @Test
    void theWorkedExampleOfTheDomainBrief() {
        Facts facts = new Facts();
        // Trainings: 3 nocturnes (40, 35, 25), 2 workshops (20, 30), a three-day course (12): 162 participants.
        // 30 of the nocturnes' teachers come back to a workshop: 172 identified participations, 142 teachers.
        List<String> firstNocturne = facts.freshTeachers(40);
        facts.activity(ActivityTypes.NOCTURNE, firstNocturne, 0)
                .activity(ActivityTypes.NOCTURNE, 35).activity(ActivityTypes.NOCTURNE, 25);
        List<String> workshop = new ArrayList<>(firstNocturne.subList(0, 20));
        facts.activity(ActivityTypes.WORKSHOP, workshop, 0);
        List<String> secondWorkshop = new ArrayList<>(firstNocturne.subList(20, 30));
        secondWorkshop.addAll(facts.freshTeachers(20));
        facts.activity(ActivityTypes.WORKSHOP, secondWorkshop, 0).activity(ActivityTypes.MULTI_DAY_COURSE, 12);
        // 4 coaching sessions with 10 in all, a coach-the-coach day with 8, an info stand with a headcount of 200.
        facts.activity(ActivityTypes.COACHING_SESSION, 3).activity(ActivityTypes.COACHING_SESSION, 3)
                .activity(ActivityTypes.COACHING_SESSION, 2).activity(ActivityTypes.COACHING_SESSION, 2)
                .activity(ActivityTypes.COACH_THE_COACH, 8)
                .headcount(ActivityTypes.LECTURE_OR_INFO_STAND, 200);

        KpiDocument document = document(facts.build(), List.of(new ReachFacts.ProjectDownloads("p1", "Windmolens", 500, 400),
                new ReachFacts.ProjectDownloads("p2", "Robots", 400, 300)));

        assertThat(document.trainings().total()).isEqualTo(new KpiDocument.Totals(6, 162));
        assertThat(document.reach().directParticipations()).isEqualTo(372);
        assertThat(document.reach().trainedCoachesAndLeaders()).isEqualTo(8);
        assertThat(document.reach().indirect()).isEqualTo(1600);
        assertThat(document.reach().distinctTeachers()).isEqualTo(142);
        assertThat(document.coaching().rows()).extracting(KpiDocument.TypeRow::type, KpiDocument.TypeRow::activities, KpiDocument.TypeRow::participants)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("COACHING_SESSION", 4L, 10L), org.assertj.core.groups.Tuple.tuple("COACH_THE_COACH", 1L, 8L));
        assertThat(document.dissemination().total()).isEqualTo(new KpiDocument.Totals(1, 200));
    }

    @Test
    void aTeacherInFiveActivitiesCountsOnceAndHeadcountsHaveNoTeachers() {
        Facts facts = new Facts();
        List<String> loyal = facts.freshTeachers(1);
        for (int i = 0; i < 5; i++) {
            facts.activity(ActivityTypes.NOCTURNE, loyal, 0);
        }
        facts.headcount(ActivityTypes.STUDY_DAY, 300);

        KpiDocument.Reach reach = document(facts.build(), List.of()).reach();

        assertThat(reach.directParticipations()).isEqualTo(305);
        assertThat(reach.distinctTeachers()).isEqualTo(1);
    }

    @Test
    void coachTheCoachAndPreServiceAreNotDirectReach() {
        Facts facts = new Facts();
        List<String> coach = facts.freshTeachers(1);
        facts.activity(ActivityTypes.COACH_THE_COACH, coach, 4).activity(ActivityTypes.PRE_SERVICE_SESSION, 25);

        KpiDocument document = document(facts.build(), List.of());

        assertThat(document.reach().directParticipations()).isZero();
        assertThat(document.reach().distinctTeachers()).isZero();
        assertThat(document.reach().trainedCoachesAndLeaders()).isEqualTo(5);
        assertThat(document.reach().preServiceStudents()).isEqualTo(25);
        assertThat(document.preService().bachelorProgrammes()).isEqualTo(1);
        assertThat(document.preService().rows()).singleElement().satisfies(row -> assertThat(row.students()).isEqualTo(25));
    }

    @Test
    void theDownloadsTableOfTheTopProjectsAddsUpToItsTotalRow() {
        List<ReachFacts.ProjectDownloads> projects = new java.util.ArrayList<>();
        for (int p = 1; p <= 14; p++) {
            projects.add(new ReachFacts.ProjectDownloads("p" + p, "Project " + p, 10L * p, p));
        }
        KpiDocument document = document(List.of(), projects);

        List<List<Object>> table = KpiExports.tables(document, false).get("downloads");
        List<List<Object>> rows = table.subList(1, table.size() - 1);
        assertThat(rows).hasSize(11).last().satisfies(other -> assertThat(other).containsExactly("OTHER PROJECTS", 100L, 10L, 110L));
        List<Object> total = table.get(table.size() - 1);
        for (int column = 1; column <= 3; column++) {
            int c = column;
            assertThat(rows.stream().mapToLong(row -> (Long) row.get(c)).sum()).as("column " + column).isEqualTo(total.get(column));
        }
        assertThat(KpiCalculator.otherProjects(document(List.of(), projects.subList(0, 10)).downloads())).as("ten projects: no other row")
                .isEmpty();
    }

    @Test
    void preServiceStudentsPerPartnersProgrammeAndLevel() {
        Facts facts = new Facts().preService("KU Leuven", "Bachelor secundair onderwijs", "BACHELOR", 20)
                .preService("KU Leuven", "Bachelor secundair onderwijs", "BACHELOR", 10)
                .preService("UCLL", "Bachelor secundair onderwijs", "BACHELOR", 30)
                .preService("UCLL", "Bachelor lager onderwijs", "BACHELOR", 12)
                .preService("UCLL", "Educatieve master STEM", "MASTER", 15);

        KpiDocument.PreService preService = document(facts.build(), List.of()).preService();

        assertThat(preService.rows()).extracting(KpiDocument.PreServiceRow::partner, KpiDocument.PreServiceRow::programme,
                KpiDocument.PreServiceRow::level, KpiDocument.PreServiceRow::students).containsExactly(
                org.assertj.core.groups.Tuple.tuple("KU Leuven", "Bachelor secundair onderwijs", "BACHELOR", 30L),
                org.assertj.core.groups.Tuple.tuple("UCLL", "Bachelor lager onderwijs", "BACHELOR", 12L),
                org.assertj.core.groups.Tuple.tuple("UCLL", "Bachelor secundair onderwijs", "BACHELOR", 30L),
                org.assertj.core.groups.Tuple.tuple("UCLL", "Educatieve master STEM", "MASTER", 15L));
        assertThat(preService.bachelorProgrammes()).as("two at UCLL, one at KU Leuven").isEqualTo(3);
        assertThat(preService.masterProgrammes()).isEqualTo(1);
        assertThat(preService.students()).isEqualTo(87);
    }

    @Test
    void everyTotalIsTheSumOfItsRows() {
        Facts facts = new Facts().activity(ActivityTypes.NOCTURNE, 10).activity(ActivityTypes.WORKSHOP, 7)
                .activity(ActivityTypes.SCHOOL_TRAJECTORY, 12).headcount(ActivityTypes.ROUND_TABLE, 15)
                .activity(ActivityTypes.PRE_SERVICE_SESSION, 30);
        KpiDocument document = document(facts.build(), List.of(new ReachFacts.ProjectDownloads("p", "x", 3, 4)));

        for (KpiDocument.TypeTable table : List.of(document.trainings(), document.coaching(), document.dissemination())) {
            assertThat(table.total().activities()).isEqualTo(table.rows().stream().mapToLong(KpiDocument.TypeRow::activities).sum());
            assertThat(table.total().participants()).isEqualTo(table.rows().stream().mapToLong(KpiDocument.TypeRow::participants).sum());
        }
        assertThat(document.preService().students()).isEqualTo(document.preService().rows().stream().mapToLong(KpiDocument.PreServiceRow::students).sum());
        assertThat(document.downloads().total()).isEqualTo(document.downloads().projectSheets() + document.downloads().lessonMaterials());
        assertThat(document.reach().directParticipations()).isEqualTo(document.trainings().total().participants()
                + document.coaching().total().participants() + document.dissemination().total().participants());
    }

    @Test
    void trajectoriesCountTeachersAndSchoolsPerLocationAndType() {
        Map<String, String> attendees = new java.util.LinkedHashMap<>();
        attendees.put("x", "school-a");
        attendees.put("y", "school-a");
        attendees.put("z", "school-b");
        attendees.put("w", null); // a teacher whose registration names no school
        Facts facts = new Facts().attended(ActivityTypes.BASIC_TRAJECTORY, attendees, 0);

        KpiDocument.TrajectoryRow row = document(facts.build(), List.of()).trajectories().get(0);

        assertThat(row.type()).isEqualTo("BASIC_TRAJECTORY");
        assertThat(row.location()).isEqualTo("Campus Kulak");
        assertThat(row.teachers()).isEqualTo(4);
        assertThat(row.schools()).as("two teachers of one school count one school").isEqualTo(2);
    }

    @Test
    void anExtensionTrajectoryOfIndividualTeachersCountsTheSchoolsTheyNamed() {
        Map<String, String> attendees = new java.util.LinkedHashMap<>();
        attendees.put("x", "school-a");
        attendees.put("y", "school-b");
        attendees.put("z", "school-b");
        Facts facts = new Facts().attended(ActivityTypes.EXTENSION_TRAJECTORY, attendees, 0);

        KpiDocument.TrajectoryRow row = document(facts.build(), List.of()).trajectories().get(0);

        assertThat(row.type()).isEqualTo("EXTENSION_TRAJECTORY");
        assertThat(row.teachers()).isEqualTo(3);
        assertThat(row.schools()).isEqualTo(2);
    }

    @Test
    void aTrajectoryOfThePastLogCountsItsHeadcountAsTeachersWithoutSchools() {
        Map<String, String> attendees = new java.util.LinkedHashMap<>();
        attendees.put("x", "school-a");
        Facts facts = new Facts().attended(ActivityTypes.EXTENSION_TRAJECTORY, attendees, 0)
                .headcount(ActivityTypes.EXTENSION_TRAJECTORY, 15);

        KpiDocument document = document(facts.build(), List.of());
        KpiDocument.TrajectoryRow row = document.trajectories().get(0);

        assertThat(document.trajectories()).as("both at the same place and of the same type").hasSize(1);
        assertThat(row.teachers()).as("one who attended and the 15 of the headcount").isEqualTo(16);
        assertThat(row.schools()).isEqualTo(1);
        assertThat(row.teachers()).isEqualTo(document.coaching().total().participants());
    }

    @Test
    void targetsCanBeSetForTheTablesFiguresToo() {
        Facts facts = new Facts().activity(ActivityTypes.NOCTURNE, 30).activity(ActivityTypes.WORKSHOP, 10)
                .preService("UCLL", "Educatieve master STEM", "MASTER", 15);

        KpiDocument document = KpiCalculator.document(CONTEXT, facts.build(), List.of(new ReachFacts.ProjectDownloads("p", "x", 80, 20)),
                List.of(), List.of(new ReachFacts.Target("downloads.projectSheets", 100), new ReachFacts.Target("trainings.activities", 4),
                        new ReachFacts.Target("preService.masterProgrammes", 2), new ReachFacts.Target("trainings.participants", 80)), Map.of());

        assertThat(document.targets()).extracting(KpiDocument.TargetRow::kpi, KpiDocument.TargetRow::actual, KpiDocument.TargetRow::attainment)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("trainings.activities", 2.0, 0.5),
                        org.assertj.core.groups.Tuple.tuple("trainings.participants", 40.0, 0.5),
                        org.assertj.core.groups.Tuple.tuple("preService.masterProgrammes", 1.0, 0.5),
                        org.assertj.core.groups.Tuple.tuple("downloads.projectSheets", 80.0, 0.8));
        assertThat(KpiCalculator.targetable(document.reach(), document.trainings(), document.coaching(),
                document.dissemination(), document.preService(), document.downloads()).keySet()).containsExactlyInAnyOrderElementsOf(Targets.KPIS);
    }

    @Test
    void targetsShowActualAndAttainment() {
        Facts facts = new Facts().activity(ActivityTypes.NOCTURNE, 30);

        KpiDocument document = KpiCalculator.document(CONTEXT, facts.build(), List.of(), List.of(),
                List.of(new ReachFacts.Target("directParticipations", 40), new ReachFacts.Target("unknownKpi", 10)), Map.of());

        assertThat(document.targets()).singleElement().satisfies(target -> {
            assertThat(target.actual()).isEqualTo(30);
            assertThat(target.attainment()).isEqualTo(0.75);
        });
    }

    @Test
    void allNetworksSumOnlyTheTargetsSetAndTheActualsOfTheNetworksThatSetThem() {
        var a = List.of(new KpiDocument.TargetRow("indirect", 100, 80, 0.8), new KpiDocument.TargetRow("distinctTeachers", 10, 5, 0.5));
        var b = List.of(new KpiDocument.TargetRow("indirect", 50, 50, 1.0));
        List<KpiDocument.TargetRow> c = List.of();

        List<KpiDocument.TargetRow> merged = KpiCalculator.mergeTargets(List.of(), List.of(a, b, c));

        assertThat(merged).containsExactly(new KpiDocument.TargetRow("distinctTeachers", 10, 5, 0.5),
                new KpiDocument.TargetRow("indirect", 150, 130, 0.867));
        // A target set for ALL itself is ALL's own.
        var own = new KpiDocument.TargetRow("indirect", 1000, 1130, 1.13);
        assertThat(KpiCalculator.mergeTargets(List.of(own), List.of(a, b))).contains(own).doesNotContain(merged.get(1));
    }

    @Test
    void theActivitiesBehindAFigureAreExactlyThoseThatMakeItUp() {
        Facts facts = new Facts().activity(ActivityTypes.NOCTURNE, 10).headcount(ActivityTypes.LECTURE_OR_INFO_STAND, 200)
                .activity(ActivityTypes.COACH_THE_COACH, 8).activity(ActivityTypes.COACHING_SESSION, 3)
                .preService("UCLL", "Educatieve master STEM", "MASTER", 15);
        List<ReachFacts.Activity> activities = facts.build();

        assertThat(activities.stream().filter(KpiCalculator.behind("distinctTeachers")).map(ReachFacts.Activity::type))
                .as("a headcount names no teacher").containsExactlyInAnyOrder(ActivityTypes.NOCTURNE, ActivityTypes.COACHING_SESSION);
        assertThat(activities.stream().filter(KpiCalculator.behind("directParticipations")).map(ReachFacts.Activity::type))
                .containsExactlyInAnyOrder(ActivityTypes.NOCTURNE, ActivityTypes.LECTURE_OR_INFO_STAND, ActivityTypes.COACHING_SESSION);
        assertThat(activities.stream().filter(KpiCalculator.behind("coaching.participants")).map(ReachFacts.Activity::type))
                .containsExactlyInAnyOrder(ActivityTypes.COACH_THE_COACH, ActivityTypes.COACHING_SESSION);
        assertThat(activities.stream().filter(KpiCalculator.behind("preService.masterProgrammes")).map(ReachFacts.Activity::type))
                .containsExactly(ActivityTypes.PRE_SERVICE_SESSION);
        assertThat(activities.stream().filter(KpiCalculator.behind("downloads.projectSheets"))).isEmpty();
        for (String kpi : Targets.KPIS_IN_ORDER) {
            assertThat(KpiCalculator.behind(kpi)).as(kpi).isNotNull();
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KpiCalculator.behind("directParticipation"))
                .as("a name of no figure is refused, not answered with every activity").isInstanceOf(IllegalArgumentException.class);
    }
}
