package org.stemreach.registrations.activity;

import org.junit.jupiter.api.Test;
import org.stemreach.model.activity.ActivityCategory;
import org.stemreach.model.activity.ActivityTypes;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.stemreach.registrations.activity.Activity.Registrant.team;
import static org.stemreach.registrations.activity.Activity.Registrant.teacher;

class ActivityTest {

    private static final Instant NOW = Instant.parse("2026-02-01T10:00:00Z");
    /** After every session of the builder's activities: participation can be recorded. */
    private static final Instant HELD = Instant.parse("2026-12-31T12:00:00Z");

    @Test
    void confirmsUntilFullThenWaitlistsFirstComeFirstServed() {
        Activity activity = ActivityBuilder.workshop().seats(2).build();

        Entry a = activity.register(teacher("a", Grade.SECONDARY), NOW);
        Entry b = activity.register(teacher("b", Grade.SECONDARY), NOW);
        Entry c = activity.register(teacher("c", Grade.SECONDARY), NOW);
        Entry d = activity.register(teacher("d", Grade.SECONDARY), NOW);

        assertThat(List.of(a.status(), b.status(), c.status(), d.status()))
                .containsExactly(EntryStatus.CONFIRMED, EntryStatus.CONFIRMED, EntryStatus.WAITLISTED, EntryStatus.WAITLISTED);
        assertThat(activity.waitlistPosition(c)).isEqualTo(1);
        assertThat(activity.waitlistPosition(d)).isEqualTo(2);
        assertThat(activity.drainFacts()).extracting(f -> f.getClass().getSimpleName())
                .containsExactly("Confirmed", "Confirmed", "Waitlisted", "Waitlisted");
    }

    @Test
    void registeringTwiceReturnsTheExistingRegistrationAndChangesNothing() {
        Activity activity = ActivityBuilder.workshop().build();
        Entry first = activity.register(teacher("a", Grade.SECONDARY), NOW);
        activity.drainFacts();

        Entry again = activity.register(teacher("a", Grade.GRADE_1), NOW.plusSeconds(60));

        assertThat(again).isSameAs(first);
        assertThat(activity.entries()).hasSize(1);
        assertThat(activity.drainFacts()).isEmpty();
    }

    @Test
    void aCancellationPromotesExactlyTheFirstWaitingRegistration() {
        Activity activity = ActivityBuilder.workshop().seats(1).build();
        Entry holder = activity.register(teacher("a", Grade.SECONDARY), NOW);
        Entry first = activity.register(teacher("b", Grade.SECONDARY), NOW);
        Entry second = activity.register(teacher("c", Grade.SECONDARY), NOW);
        activity.drainFacts();

        activity.cancelRegistration(holder.id(), NOW);

        assertThat(first.status()).isEqualTo(EntryStatus.CONFIRMED);
        assertThat(second.status()).isEqualTo(EntryStatus.WAITLISTED);
        assertThat(activity.waitlistPosition(second)).isEqualTo(1);
        assertThat(activity.confirmedCount()).isEqualTo(1);
        assertThat(activity.drainFacts()).extracting(f -> f.getClass().getSimpleName()).containsExactly("RegistrationCancelled", "Promoted");
    }

    @Test
    void onceTheActivityHasBegunATeacherCannotCancelAndAFreedPlaceGoesToNobody() {
        Activity activity = ActivityBuilder.workshop().seats(1).build(); // first session 11 March 2026, 20:00 in Brussels
        Entry holder = activity.register(teacher("a", Grade.SECONDARY), NOW);
        Entry waiting = activity.register(teacher("b", Grade.SECONDARY), NOW);
        Instant begun = Instant.parse("2026-03-11T19:00:00Z");
        activity.drainFacts();

        assertThat(activity.hasBegun(begun.minusSeconds(1))).isFalse();
        assertThat(activity.hasBegun(begun)).isTrue();
        assertRefused(ActivityRuleException.Rule.ACTIVITY_BEGUN, () -> activity.cancelOwnRegistration(holder.id(), begun));
        assertThat(activity.drainFacts()).isEmpty();

        activity.cancelRegistration(holder.id(), begun.plusSeconds(3600)); // the network's team corrects the list afterwards
        assertThat(waiting.status()).as("nobody is told of a place in an activity already under way").isEqualTo(EntryStatus.WAITLISTED);
        assertThat(activity.drainFacts()).extracting(f -> f.getClass().getSimpleName()).containsExactly("RegistrationCancelled");
        activity.change(ActivityBuilder.workshop().seats(1).title("Een titel zonder tikfout").plan(), begun.plusSeconds(7200));
        activity.change(ActivityBuilder.workshop().seats(2).title("Een titel zonder tikfout").plan(), begun.plusSeconds(7200));
        assertThat(waiting.status()).as("nor by a change made afterwards").isEqualTo(EntryStatus.WAITLISTED);
        assertThat(activity.isOpenFor(begun)).as("without a closing moment of its own, registration closes as it begins").isFalse();
        assertRefused(ActivityRuleException.Rule.REGISTRATION_CLOSED, () -> activity.register(teacher("c", Grade.SECONDARY), begun.plusSeconds(7200)));
        assertThat(activity.entries()).as("the free place went to no newcomer ahead of the one waiting").hasSize(2);

        activity.cancelOwnRegistration(waiting.id(), begun.plusSeconds(7200));
        assertThat(waiting.status()).as("one waiting, who holds no place, can still leave the list").isEqualTo(EntryStatus.CANCELLED);
    }

    @Test
    void anActivityWithAClosingMomentOfItsOwnKeepsItEvenAfterItBegan() {
        Instant begun = Instant.parse("2026-03-11T19:00:00Z");
        Activity activity = ActivityBuilder.workshop().seats(3).window(null, begun.plusSeconds(3600)).build();

        assertThat(activity.isOpenFor(begun.plusSeconds(60))).isTrue();
        assertThat(activity.register(teacher("late", Grade.SECONDARY), begun.plusSeconds(60)).status()).isEqualTo(EntryStatus.CONFIRMED);
        assertRefused(ActivityRuleException.Rule.REGISTRATION_CLOSED, () -> activity.register(teacher("later", Grade.SECONDARY), begun.plusSeconds(3600)));
    }

    @Test
    void theNetworkCannotCancelARegistrationOfACancelledActivityAgain() {
        Activity activity = ActivityBuilder.workshop().seats(1).build();
        Entry holder = activity.register(teacher("a", Grade.SECONDARY), NOW);
        activity.cancelActivity(NOW);
        activity.drainFacts();

        assertRefused(ActivityRuleException.Rule.ACTIVITY_CANCELLED, () -> activity.cancelRegistrationForTheNetwork(holder.id(), NOW));
        assertThat(activity.drainFacts()).isEmpty();
    }

    @Test
    void aTeacherCannotCancelARegistrationOfACancelledActivity() {
        Activity activity = ActivityBuilder.workshop().seats(1).build();
        Entry holder = activity.register(teacher("a", Grade.SECONDARY), NOW);
        activity.cancelActivity(NOW);
        activity.drainFacts();

        assertRefused(ActivityRuleException.Rule.ACTIVITY_CANCELLED, () -> activity.cancelOwnRegistration(holder.id(), NOW));
        assertThat(activity.drainFacts()).isEmpty();
    }

    @Test
    void cancellingAWaitingRegistrationPromotesNobody() {
        Activity activity = ActivityBuilder.workshop().seats(1).build();
        activity.register(teacher("a", Grade.SECONDARY), NOW);
        Entry waiting = activity.register(teacher("b", Grade.SECONDARY), NOW);
        Entry last = activity.register(teacher("c", Grade.SECONDARY), NOW);
        activity.drainFacts();

        activity.cancelRegistration(waiting.id(), NOW);
        activity.cancelRegistration(waiting.id(), NOW);

        assertThat(last.status()).isEqualTo(EntryStatus.WAITLISTED);
        assertThat(activity.waitlistPosition(last)).isEqualTo(1);
        assertThat(activity.drainFacts()).hasSize(1);
    }

    @Test
    void aCancelledTeacherMayRegisterAgain() {
        Activity activity = ActivityBuilder.workshop().build();
        Entry first = activity.register(teacher("a", Grade.SECONDARY), NOW);
        activity.cancelRegistration(first.id(), NOW);

        Entry again = activity.register(teacher("a", Grade.SECONDARY), NOW);

        assertThat(again.id()).isNotEqualTo(first.id());
        assertThat(again.status()).isEqualTo(EntryStatus.CONFIRMED);
    }

    @Test
    void registrationOnlyWithinTheWindow() {
        Activity activity = ActivityBuilder.workshop().window(NOW, NOW.plusSeconds(3600)).build();

        assertRefused(ActivityRuleException.Rule.REGISTRATION_NOT_OPEN_YET, () -> activity.register(teacher("a", Grade.SECONDARY), NOW.minusSeconds(1)));
        assertRefused(ActivityRuleException.Rule.REGISTRATION_CLOSED, () -> activity.register(teacher("a", Grade.SECONDARY), NOW.plusSeconds(3600)));
        assertThat(activity.register(teacher("a", Grade.SECONDARY), NOW).status()).isEqualTo(EntryStatus.CONFIRMED);
    }

    @Test
    void schoolTeamQuotasCountSchools() {
        Activity activity = ActivityBuilder.basicTrajectory(1).build();

        Entry first = activity.register(team("school-1", List.of(new Participant("t1", Grade.GRADE_1), new Participant("t2", Grade.GRADE_5))), NOW);
        Entry second = activity.register(team("school-2", List.of(new Participant("t3", Grade.PRESCHOOL), new Participant("t4", Grade.GRADE_3),
                new Participant("t5", Grade.GRADE_6))), NOW);

        assertThat(first.status()).isEqualTo(EntryStatus.CONFIRMED);
        assertThat(second.status()).isEqualTo(EntryStatus.WAITLISTED);
        assertThat(activity.confirmedCount()).isEqualTo(1);
        assertThat(activity.register(team("school-1", List.of(new Participant("t9", Grade.GRADE_2), new Participant("t8", Grade.GRADE_4))), NOW))
                .as("the same school again").isSameAs(first);
    }

    @Test
    void aCompositionRuleNoTeamCanMeetIsRefusedWhenPlanned() {
        Capacity impossible = Capacity.schools(5, 1, 1, Capacity.Composition.LOWER_AND_UPPER_GRADES);
        assertThat(impossible.maxTeachersPerSchool()).as("as stored by an earlier version: still read").isEqualTo(1);

        assertRefused(ActivityRuleException.Rule.INVALID_ACTIVITY, () -> ActivityBuilder.basicTrajectory(5).capacity(impossible).build());
        assertThat(ActivityBuilder.basicTrajectory(5).capacity(Capacity.schools(5, 2, 2, Capacity.Composition.LOWER_AND_UPPER_GRADES))
                .build().capacity().maxTeachersPerSchool()).isEqualTo(2);
    }

    @Test
    void basicTrajectoryTeamsNeedALowerAndAnUpperGradeTeacher() {
        Activity activity = ActivityBuilder.basicTrajectory(10).build();

        assertThatThrownBy(() -> activity.register(team("s", List.of(new Participant("t1", Grade.GRADE_1), new Participant("t2", Grade.GRADE_2))), NOW))
                .isInstanceOfSatisfying(ActivityRuleException.class, e -> {
                    assertThat(e.rule()).isEqualTo(ActivityRuleException.Rule.TEAM_COMPOSITION);
                    assertThat(e.getMessage()).contains("grade 2").contains("grades 3 to 6");
                });
        assertRefused(ActivityRuleException.Rule.TEAM_TOO_SMALL, () -> activity.register(team("s", List.of(new Participant("t1", Grade.GRADE_4))), NOW));
        assertRefused(ActivityRuleException.Rule.TEAM_REQUIRED, () -> activity.register(teacher("t1", Grade.GRADE_4), NOW));
        assertThat(activity.entries()).isEmpty();
    }

    @Test
    void attendanceIsRecordedPerSessionForConfirmedTeachersOnly() {
        Activity activity = ActivityBuilder.workshop().seats(1).build();
        activity.register(teacher("a", Grade.SECONDARY), NOW);
        activity.register(teacher("b", Grade.SECONDARY), NOW);
        activity.drainFacts();

        assertThat(activity.recordAttendance("s1", List.of("a"), true, HELD)).isEqualTo(1);
        assertThat(activity.recordAttendance("s1", List.of("a"), true, HELD)).as("checking in twice changes nothing").isZero();
        assertRefused(ActivityRuleException.Rule.NOT_A_PARTICIPANT, () -> activity.recordAttendance("s1", List.of("b"), true, HELD));
        assertRefused(ActivityRuleException.Rule.UNKNOWN_SESSION, () -> activity.recordAttendance("s9", List.of("a"), true, HELD));
        assertThat(activity.recordAttendance("s1", List.of("a"), false, HELD)).as("a no-show corrects the check-in").isEqualTo(1);
        assertThat(activity.drainFacts()).hasSize(2);
        assertThat(activity.entries().get(0).participants().get(0).missed()).containsExactly("s1");
    }

    @Test
    void aNoShowIsRecordedApartFromNothingRecordedAndACheckInCorrectsIt() {
        Activity activity = ActivityBuilder.workshop().seats(2).build();
        activity.register(teacher("a", Grade.SECONDARY), NOW);
        activity.register(teacher("b", Grade.SECONDARY), NOW);
        activity.drainFacts();

        assertThat(activity.recordAttendance("s1", List.of("a"), false, HELD)).as("a no-show without a check-in before it").isEqualTo(1);
        assertThat(activity.recordAttendance("s1", List.of("a"), false, HELD)).as("twice changes nothing").isZero();
        Participant a = activity.entries().get(0).participants().get(0);
        Participant b = activity.entries().get(1).participants().get(0);
        assertThat(a.missed()).containsExactly("s1");
        assertThat(a.hasAttendance("s1")).isTrue();
        assertThat(b.hasAttendance("s1")).as("nothing recorded").isFalse();
        assertThat(activity.drainFacts()).singleElement().isInstanceOfSatisfying(ActivityFact.Attendance.class,
                fact -> assertThat(fact.present()).isFalse());

        activity.recordAttendance("s1", List.of("a"), true, HELD);
        a = activity.entries().get(0).participants().get(0);
        assertThat(a.attended()).containsExactly("s1");
        assertThat(a.missed()).as("the check-in replaces the no-show").isEmpty();
    }

    @Test
    void headcountsReplaceEachOtherAndAreNeverNegative() {
        Activity activity = ActivityBuilder.workshop().type(ActivityTypes.LECTURE_OR_INFO_STAND, ActivityCategory.DISSEMINATION).build();
        long revision = activity.revision();

        activity.recordHeadcount(536, false, HELD);
        activity.recordHeadcount(540, true, HELD);

        assertThat(activity.headcount()).isEqualTo(540);
        assertThat(activity.headcountApproximate()).isTrue();
        assertThat(activity.revision()).isEqualTo(revision + 2);
        assertThatThrownBy(() -> activity.recordHeadcount(-1, false, HELD)).isInstanceOf(ActivityRuleException.class);
        activity.drainFacts();

        activity.recordHeadcount(540, true, HELD); // sent again
        assertThat(activity.revision()).isEqualTo(revision + 2);
        assertThat(activity.drainFacts()).isEmpty();
        activity.recordHeadcount(540, false, HELD);
        assertThat(activity.drainFacts()).hasSize(1);
    }

    @Test
    void theSamePlanAgainChangesNothingAndTellsNobody() {
        Activity activity = ActivityBuilder.workshop().seats(2).build();
        activity.change(ActivityBuilder.workshop().seats(2).plan(), NOW); // as built: no change at all
        activity.drainFacts();
        long revision = activity.revision();

        activity.change(ActivityBuilder.workshop().seats(3).plan(), NOW);
        activity.change(ActivityBuilder.workshop().seats(3).plan(), NOW); // a retried request

        assertThat(activity.revision()).isEqualTo(revision + 1);
        assertThat(activity.drainFacts()).extracting(f -> f.getClass().getSimpleName()).containsExactly("Changed");
    }

    @Test
    void aChangeThatARegisteredSchoolTeamWouldBreakIsRefusedAndABasicTrajectoryKeepsItsRule() {
        Activity activity = ActivityBuilder.basicTrajectory(5).build();
        activity.register(team("school-1", List.of(new Participant("t1", Grade.GRADE_1), new Participant("t2", Grade.GRADE_5),
                new Participant("t3", Grade.GRADE_6))), NOW);
        activity.drainFacts();

        assertRefused(ActivityRuleException.Rule.TEAM_TOO_LARGE, () -> activity.change(ActivityBuilder.basicTrajectory(5)
                .capacity(Capacity.schools(5, 2, 2, Capacity.Composition.LOWER_AND_UPPER_GRADES)).plan(), NOW));
        assertThat(activity.capacity().maxTeachersPerSchool()).as("nothing changed").isEqualTo(6);
        assertThat(activity.drainFacts()).isEmpty();
        assertThatThrownBy(() -> activity.change(ActivityBuilder.basicTrajectory(5)
                .capacity(Capacity.schools(5, 1, 6, Capacity.Composition.NONE)).plan(), NOW))
                .isInstanceOf(ActivityRuleException.class).hasMessageContaining("LOWER_AND_UPPER_GRADES");
        activity.change(ActivityBuilder.basicTrajectory(6).plan(), NOW); // more schools: the team fits
        assertThat(activity.capacity().limit()).isEqualTo(6);
    }

    @Test
    void plansAreCheckedAsAWhole() {
        assertThatThrownBy(() -> Activity.plan(ActivityBuilder.workshop().type(ActivityTypes.WORKSHOP, ActivityCategory.COACHING).plan(), NOW))
                .hasMessageContaining("belongs to category TRAINING");
        assertThatThrownBy(() -> Activity.plan(ActivityBuilder.workshop().type(ActivityTypes.BASIC_TRAJECTORY, ActivityCategory.COACHING).plan(), NOW))
                .hasMessageContaining("registers schools");
        assertThatThrownBy(() -> Activity.plan(ActivityBuilder.workshop().type(ActivityTypes.PRE_SERVICE_SESSION, ActivityCategory.PRE_SERVICE).plan(), NOW))
                .hasMessageContaining("programme");
        Activity custom = Activity.plan(ActivityBuilder.workshop().type("LEARNING_COMMUNITY_MEETING", ActivityCategory.COACHING).plan(), NOW);
        assertThat(custom.category()).as("a network's own type counts in the category it gives").isEqualTo(ActivityCategory.COACHING);
    }

    @Test
    void aCancelledActivityTakesNoRegistrationsAndPublishesItsCancellation() {
        Activity activity = ActivityBuilder.workshop().build();

        activity.cancelActivity(NOW);

        assertThat(activity.drainFacts()).extracting(f -> f.getClass().getSimpleName()).containsExactly("Cancelled");
        assertRefused(ActivityRuleException.Rule.ACTIVITY_CANCELLED, () -> activity.register(teacher("a", Grade.SECONDARY), NOW));
    }

    @Test
    void moreCapacityPromotesWaitingRegistrations() {
        Activity activity = ActivityBuilder.workshop().seats(1).build();
        activity.register(teacher("a", Grade.SECONDARY), NOW);
        Entry waiting = activity.register(teacher("b", Grade.SECONDARY), NOW);
        activity.drainFacts();

        activity.change(ActivityBuilder.workshop().seats(2).plan(), NOW);

        assertThat(waiting.status()).isEqualTo(EntryStatus.CONFIRMED);
        assertThat(activity.drainFacts()).extracting(f -> f.getClass().getSimpleName()).containsExactly("Changed", "Promoted");
    }

    @Test
    void capacityCannotGoBelowThePlacesTaken() {
        Activity activity = ActivityBuilder.workshop().seats(3).build();
        activity.register(teacher("a", Grade.SECONDARY), NOW);
        activity.register(teacher("b", Grade.SECONDARY), NOW);
        activity.drainFacts();

        assertRefused(ActivityRuleException.Rule.CAPACITY_BELOW_CONFIRMED, () -> activity.change(ActivityBuilder.workshop().seats(1).plan(), NOW));
        assertThat(activity.capacity().limit()).isEqualTo(3);
        assertThat(activity.drainFacts()).isEmpty();

        activity.change(ActivityBuilder.workshop().seats(2).plan(), NOW);
        assertThat(activity.capacity().limit()).isEqualTo(2);
    }

    @Test
    void aDraftEditedOrCancelledIsAChangeWithoutEvents() {
        Activity draft = ActivityBuilder.workshop().seats(3).draft().build();

        draft.change(ActivityBuilder.workshop().seats(5).plan(), NOW);
        assertThat(draft.changedWithoutFacts()).isTrue();
        assertThat(draft.drainFacts()).isEmpty();
        assertThat(draft.changedWithoutFacts()).isFalse();

        draft.cancelActivity(NOW);
        assertThat(draft.changedWithoutFacts()).isTrue();
        assertThat(draft.status()).isEqualTo(ActivityStatus.CANCELLED);
    }

    @Test
    void noAttendanceOrHeadcountOnACancelledActivityNorAHeadcountOnADraft() {
        Activity activity = ActivityBuilder.workshop().seats(3).build();
        activity.register(teacher("a", Grade.SECONDARY), NOW);
        activity.cancelActivity(NOW);
        activity.drainFacts();

        assertRefused(ActivityRuleException.Rule.ACTIVITY_CANCELLED, () -> activity.recordAttendance(activity.sessions().get(0).id(), List.of("a"), true, HELD));
        assertRefused(ActivityRuleException.Rule.ACTIVITY_CANCELLED, () -> activity.recordHeadcount(10, false, HELD));
        assertRefused(ActivityRuleException.Rule.NOT_PUBLISHED, () -> ActivityBuilder.workshop().draft().build().recordHeadcount(10, false, HELD));
        assertThat(activity.drainFacts()).isEmpty();
    }

    @Test
    void sessionsSentWithoutIdsKeepTheIdsOfTheSessionsTheyReplace() {
        java.time.LocalTime eight = java.time.LocalTime.of(20, 0);
        java.time.LocalTime late = java.time.LocalTime.of(21, 30);
        java.time.LocalDate first = java.time.LocalDate.of(2026, 3, 11);
        java.time.LocalDate second = java.time.LocalDate.of(2026, 3, 18);
        Activity activity = ActivityBuilder.workshop().seats(3).sessions(new org.stemreach.model.registrations.SessionSlot(null, first, eight, late),
                new org.stemreach.model.registrations.SessionSlot(null, second, eight, late)).build();
        assertThat(activity.sessions()).extracting(org.stemreach.model.registrations.SessionSlot::id).containsExactly("s1", "s2");
        activity.register(teacher("a", Grade.SECONDARY), NOW);
        activity.recordAttendance("s2", List.of("a"), true, HELD);

        // An earlier session added, all sent without ids: the new one gets a new id, the others keep theirs.
        activity.change(ActivityBuilder.workshop().seats(3).sessions(
                new org.stemreach.model.registrations.SessionSlot(null, first.minusWeeks(1), eight, late),
                new org.stemreach.model.registrations.SessionSlot(null, first, eight, late),
                new org.stemreach.model.registrations.SessionSlot(null, second, eight, late)).plan(), HELD);

        assertThat(activity.sessions()).extracting(org.stemreach.model.registrations.SessionSlot::id).containsExactly("s3", "s1", "s2");
        assertThat(activity.entries().get(0).participants().get(0).attended()).containsExactly("s2");
    }

    @Test
    void aSessionWithAttendanceCannotBeDroppedNorItsIdGivenToAnother() {
        java.time.LocalTime eight = java.time.LocalTime.of(20, 0);
        java.time.LocalDate first = java.time.LocalDate.of(2026, 3, 11);
        java.time.LocalDate second = java.time.LocalDate.of(2026, 3, 18);
        Activity activity = ActivityBuilder.workshop().seats(3).sessions(new org.stemreach.model.registrations.SessionSlot(null, first, eight, null),
                new org.stemreach.model.registrations.SessionSlot(null, second, eight, null)).build();
        activity.register(teacher("a", Grade.SECONDARY), NOW);
        activity.recordAttendance("s2", List.of("a"), true, HELD);

        assertRefused(ActivityRuleException.Rule.SESSION_HAS_ATTENDANCE, () -> activity.change(ActivityBuilder.workshop().seats(3).sessions(
                new org.stemreach.model.registrations.SessionSlot(null, first, eight, null)).plan(), HELD));
        assertThat(activity.sessions()).extracting(org.stemreach.model.registrations.SessionSlot::id).containsExactly("s1", "s2");

        activity.recordAttendance("s2", List.of("a"), false, HELD);
        activity.change(ActivityBuilder.workshop().seats(3).sessions(
                new org.stemreach.model.registrations.SessionSlot(null, first, eight, null)).plan(), HELD);
        assertThat(activity.sessions()).extracting(org.stemreach.model.registrations.SessionSlot::id).as("without attendance it may go")
                .containsExactly("s1");
        assertThat(activity.entries().get(0).participants().get(0).missed()).as("its no-show went with it").isEmpty();
        activity.change(ActivityBuilder.workshop().seats(3).sessions(new org.stemreach.model.registrations.SessionSlot(null, first, eight, null),
                new org.stemreach.model.registrations.SessionSlot(null, second.plusDays(7), eight, null)).plan(), HELD);
        String added = activity.sessions().get(1).id();
        assertThat(activity.entries().get(0).participants().get(0).hasAttendance(added)).as("a new session (%s) starts with nothing recorded", added)
                .isFalse();
    }

    @Test
    void aSessionWithAttendanceCannotMoveToADayStillToCome() {
        java.time.LocalTime eight = java.time.LocalTime.of(20, 0);
        java.time.LocalDate held = java.time.LocalDate.of(2026, 3, 11);
        Activity activity = ActivityBuilder.workshop().sessions(new org.stemreach.model.registrations.SessionSlot(null, held, eight, null)).build();
        activity.register(teacher("a", Grade.SECONDARY), NOW);
        Instant dayAfter = Instant.parse("2026-03-12T09:00:00Z");
        activity.recordAttendance("s1", List.of("a"), true, dayAfter);

        assertRefused(ActivityRuleException.Rule.SESSION_HAS_ATTENDANCE, () -> activity.change(ActivityBuilder.workshop().sessions(
                new org.stemreach.model.registrations.SessionSlot("s1", held.plusWeeks(1), eight, null)).plan(), dayAfter));
        activity.change(ActivityBuilder.workshop().sessions(
                new org.stemreach.model.registrations.SessionSlot("s1", held.minusDays(1), eight, null)).plan(), dayAfter);
        assertThat(activity.sessions().get(0).date()).as("a date corrected into the past is fine").isEqualTo(held.minusDays(1));
    }

    @Test
    void aTeacherCannotBeInTwoSchoolTeamsOfOneActivity() {
        Activity trajectory = ActivityBuilder.basicTrajectory(5).build();
        trajectory.register(Activity.Registrant.team("school-a", List.of(new Participant("x", Grade.GRADE_1), new Participant("y", Grade.GRADE_4))), NOW);
        trajectory.drainFacts();

        assertRefused(ActivityRuleException.Rule.TEACHER_ALREADY_REGISTERED, () -> trajectory.register(Activity.Registrant.team("school-b",
                List.of(new Participant("x", Grade.GRADE_2), new Participant("z", Grade.GRADE_5))), NOW));
        assertThat(trajectory.entries()).hasSize(1);
        assertThat(trajectory.drainFacts()).isEmpty();
    }

    @Test
    void anActivityWithParticipationRecordedTookPlaceAndCannotBeCancelled() {
        Activity attended = ActivityBuilder.workshop().build();
        attended.register(teacher("a", Grade.SECONDARY), NOW);
        attended.recordAttendance("s1", List.of("a"), true, HELD);
        Activity counted = ActivityBuilder.workshop().build();
        counted.recordHeadcount(40, false, HELD);
        Activity noShows = ActivityBuilder.workshop().build();
        noShows.register(teacher("a", Grade.SECONDARY), NOW);
        noShows.recordAttendance("s1", List.of("a"), false, HELD);
        List.of(attended, counted, noShows).forEach(Activity::drainFacts);

        assertRefused(ActivityRuleException.Rule.PARTICIPATION_RECORDED, () -> attended.cancelActivity(HELD));
        assertRefused(ActivityRuleException.Rule.PARTICIPATION_RECORDED, () -> counted.cancelActivity(HELD));
        assertThat(List.of(attended.status(), counted.status())).containsOnly(ActivityStatus.PUBLISHED);
        noShows.cancelActivity(HELD);
        assertThat(noShows.status()).as("nobody came: it can still be called off").isEqualTo(ActivityStatus.CANCELLED);
    }

    @Test
    void participationIsRecordedFromTheSessionsDayOnNeverBefore() {
        Activity activity = ActivityBuilder.workshop().build(); // its session: 11 March 2026, 20:00 in Brussels
        activity.register(teacher("a", Grade.SECONDARY), NOW);
        activity.drainFacts();
        Instant dayBefore = Instant.parse("2026-03-10T22:59:59Z"); // 23:59:59 in Brussels
        Instant morningOfTheDay = Instant.parse("2026-03-10T23:00:00Z");

        assertRefused(ActivityRuleException.Rule.SESSION_NOT_HELD_YET, () -> activity.recordAttendance("s1", List.of("a"), true, dayBefore));
        assertRefused(ActivityRuleException.Rule.SESSION_NOT_HELD_YET, () -> activity.recordAttendance("s1", List.of("a"), false, dayBefore));
        assertRefused(ActivityRuleException.Rule.SESSION_NOT_HELD_YET, () -> activity.recordHeadcount(40, false, dayBefore));
        assertThat(activity.drainFacts()).as("nothing recorded, nothing published").isEmpty();

        assertThat(activity.recordAttendance("s1", List.of("a"), true, morningOfTheDay)).as("an early arrival, on the day").isEqualTo(1);
        activity.recordHeadcount(40, false, morningOfTheDay);
        assertThat(activity.headcount()).isEqualTo(40);
    }

    @Test
    void aForgottenTeacherGivesUpPlacesStillToComeAndKeepsThoseOfActivitiesUnderWay() {
        Instant begun = Instant.parse("2026-03-11T19:00:00Z"); // the builder's first session, 20:00 in Brussels
        Activity ahead = ActivityBuilder.workshop().seats(1).build();
        Entry holder = ahead.register(teacher("a", Grade.SECONDARY), NOW);
        Entry waiting = ahead.register(teacher("b", Grade.SECONDARY), NOW);
        ahead.drainFacts();

        ahead.forgetTeacher(holder.id(), "a", begun.minusSeconds(1));

        assertThat(holder.status()).isEqualTo(EntryStatus.CANCELLED);
        assertThat(waiting.status()).as("the place goes to the first waiting").isEqualTo(EntryStatus.CONFIRMED);
        assertThat(ahead.drainFacts()).extracting(f -> f.getClass().getSimpleName()).containsExactly("RegistrationCancelled", "Promoted");

        Activity underWay = ActivityBuilder.workshop().seats(1).build();
        Entry held = underWay.register(teacher("a", Grade.SECONDARY), NOW);
        Entry queued = underWay.register(teacher("b", Grade.SECONDARY), NOW);
        underWay.drainFacts();

        underWay.forgetTeacher(held.id(), "a", begun);
        underWay.forgetTeacher(queued.id(), "b", begun);

        assertThat(held.status()).as("a place in an activity under way stays, anonymously: its counts do not change").isEqualTo(EntryStatus.CONFIRMED);
        assertThat(queued.status()).as("a waiting place is given up whenever").isEqualTo(EntryStatus.CANCELLED);
        assertThat(underWay.drainFacts()).extracting(f -> f.getClass().getSimpleName()).containsExactly("RegistrationCancelled");
    }

    @Test
    void aTeacherCheckedInBeforeTheStartKeepsTheirPlaceWhetherTheyCancelOrAreForgotten() {
        Instant early = Instant.parse("2026-03-11T18:50:00Z"); // 19:50 in Brussels, ten minutes before the first session
        Activity activity = ActivityBuilder.workshop().seats(2).build();
        Entry cancelling = activity.register(teacher("a", Grade.SECONDARY), NOW);
        Entry forgotten = activity.register(teacher("b", Grade.SECONDARY), NOW);
        Entry waiting = activity.register(teacher("c", Grade.SECONDARY), NOW);
        activity.recordAttendance("s1", List.of("a", "b"), true, early);
        activity.drainFacts();

        assertThat(activity.mayCancelOwn(cancelling, early)).as("so no cancel button is offered").isFalse();
        assertThat(activity.mayCancelOwn(waiting, early)).isTrue();
        assertRefused(ActivityRuleException.Rule.ACTIVITY_BEGUN, () -> activity.cancelOwnRegistration(cancelling.id(), early));
        activity.forgetTeacher(forgotten.id(), "b", early);

        assertThat(List.of(cancelling.status(), forgotten.status())).as("their places count: they came")
                .containsExactly(EntryStatus.CONFIRMED, EntryStatus.CONFIRMED);
        assertThat(waiting.status()).as("no place is given twice").isEqualTo(EntryStatus.WAITLISTED);
        assertThat(activity.drainFacts()).isEmpty();
    }

    @Test
    void aForgottenTeacherKeepsTheirSchoolTeamsRegistrationWhichIsTheNetworks() {
        Activity trajectory = ActivityBuilder.basicTrajectory(5).build();
        Entry team = trajectory.register(Activity.Registrant.team("school-a", List.of(new Participant("x", Grade.GRADE_1),
                new Participant("y", Grade.GRADE_4))), NOW);
        trajectory.drainFacts();

        trajectory.forgetTeacher(team.id(), "x", NOW);

        assertThat(team.status()).isEqualTo(EntryStatus.CONFIRMED);
        assertThat(trajectory.drainFacts()).isEmpty();
    }

    /** The change is refused by {@code rule}. */
    private static void assertRefused(ActivityRuleException.Rule rule, org.assertj.core.api.ThrowableAssert.ThrowingCallable change) {
        assertThatThrownBy(change).isInstanceOfSatisfying(ActivityRuleException.class, e -> assertThat(e.rule()).isEqualTo(rule));
    }
}
