package org.stemreach.registrations.web;

import org.junit.jupiter.api.Test;
import org.stemreach.registrations.activity.Grade;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The page form's own checks (the API's are its DTO's constraints). */
class RegistrationFormTest {

    private static RegistrationForm teacher(String postcode) {
        RegistrationForm form = RegistrationForm.empty(false, 0);
        form.setName("Els Peeters");
        form.setEmail("els@school.be");
        form.setGrade(Grade.SECONDARY);
        form.setSchool("Sint-Jozef");
        form.setPostcode(postcode);
        form.setConsent(true);
        return form;
    }

    private static List<String> codes(RegistrationForm form, boolean team) {
        return form.problems(team).stream().map(problem -> String.join(":", java.util.Arrays.asList(problem).subList(0, Math.min(2, problem.length)))).toList();
    }

    @Test
    void aCompleteTeacherHasNoProblemsWithOrWithoutPostcode() {
        assertThat(codes(teacher("B-3000"), false)).isEmpty();
        assertThat(codes(teacher("1012 AB"), false)).isEmpty();
        assertThat(codes(teacher(""), false)).isEmpty();
        assertThat(codes(teacher(null), false)).isEmpty();
    }

    @Test
    void aPostcodeTheApiWouldRefuseIsAProblemOnThePageToo() {
        // The same pattern as the API's (School.POSTCODE_PATTERN): what one refuses, the other does.
        for (String bad : List.of("{\"$gt\": \"\"}", "30000000000", "3000;", "<b>3000</b>")) {
            assertThat(codes(teacher(bad), false)).as(bad).containsExactly("field.postcode");
        }
    }

    @Test
    void aTeacherAloneNeedsNameValidEmailGradeAndConsent() {
        RegistrationForm form = RegistrationForm.empty(false, 0);
        form.setEmail("not-an-email");

        assertThat(codes(form, false)).containsExactly("field.consent", "field.required:register.name", "field.email",
                "field.grade");
    }

    @Test
    void anAddressIsOneAMailCanGoToExactlyAsTyped() {
        for (String good : List.of("els@school.be", "els.peeters+stem@sint-jozef.be", "  els@school.be ")) {
            RegistrationForm form = teacher("");
            form.setEmail(good);
            assertThat(codes(form, false)).as(good).isEmpty();
        }
        for (String bad : List.of("jan,piet@school.be", "Els <els@school.be>", "els@school.be;jan@school.be", "els(at)@school.be", "\"els@school.be")) {
            RegistrationForm form = teacher("");
            form.setEmail(bad);
            assertThat(codes(form, false)).as(bad).containsExactly("field.email");
        }
    }

    @Test
    void eachProblemNamesTheFieldsItIsAbout() {
        assertThat(RegistrationForm.invalidFields(List.of(new String[]{"field.required", "register.name"}, new String[]{"field.email"},
                new String[]{"field.grade"}, new String[]{"field.consent"}, new String[]{"field.member", "2"}, new String[]{"field.memberEmail", "3"},
                new String[]{"rule.TEAM_TOO_SMALL"})))
                .containsExactlyInAnyOrder("name", "email", "grade", "consent", "member-name-1", "member-email-1", "member-grade-1", "member-email-2");
    }

    @Test
    void aTeamNeedsItsSchool() {
        RegistrationForm form = RegistrationForm.empty(true, 6);
        form.setConsent(true);

        assertThat(codes(form, true)).containsExactly("field.required:register.school");
    }

    @Test
    void aTeamsProblemsNameTheTeachersRowAndSkipEmptyRows() {
        RegistrationForm form = RegistrationForm.empty(true, 6);
        form.setSchool("De Regenboog");
        form.setConsent(true);
        form.getMembers().get(0).setName("An");
        form.getMembers().get(0).setEmail("an@school.be");
        form.getMembers().get(0).setGrade(Grade.GRADE_1);
        form.getMembers().get(2).setName("Bo");
        form.getMembers().get(3).setName("Cas");
        form.getMembers().get(3).setEmail("cas-at-school");
        form.getMembers().get(3).setGrade(Grade.GRADE_4);

        assertThat(codes(form, true)).containsExactly("field.member:3", "field.memberEmail:4");
        assertThat(form.filledMembers()).hasSize(3);
    }

    @Test
    void aTeachersRowMarksOnlyTheFieldsLeftEmpty() {
        RegistrationForm form = RegistrationForm.empty(true, 6);
        form.setConsent(true);
        form.setSchool("De Regenboog");
        form.getMembers().get(1).setName("Bo");
        form.getMembers().get(1).setEmail("bo@school.be");

        List<String[]> problems = form.problems(true);

        assertThat(problems).hasSize(1);
        assertThat(RegistrationForm.fieldsOf(problems.get(0))).as("the grade alone was left out").containsExactly("member-grade-1");
        assertThat(RegistrationForm.invalidFields(problems)).containsExactly("member-grade-1");
    }

    @Test
    void aTeamFormHasARowForEachTeacherASchoolMaySendUpToWhatOneRegistrationTakes() {
        assertThat(RegistrationForm.empty(true, 12).getMembers()).hasSize(12);
        assertThat(RegistrationForm.empty(true, 50).getMembers()).hasSize(RegistrationForm.MAX_TEAM);
        assertThat(RegistrationForm.empty(false, 0).getMembers()).isEmpty();
    }

    @Test
    void fieldsLongerThanTheApiTakesAreSaidOnTheirFieldNotStored() {
        RegistrationForm form = RegistrationForm.empty(false, 0);
        form.setConsent(true);
        form.setName("N".repeat(121));
        form.setEmail("an@school.be");
        form.setGrade(Grade.SECONDARY);
        form.setSchool("S".repeat(201));
        form.setRole("R".repeat(81));

        assertThat(codes(form, false)).containsExactly("field.tooLong:register.school", "field.tooLong:register.name", "field.tooLong:register.roleName");
        assertThat(RegistrationForm.invalidFields(form.problems(false))).containsExactly("school", "name", "role");

        RegistrationForm team = RegistrationForm.empty(true, 6);
        team.setConsent(true);
        team.setSchool("De Regenboog");
        team.getMembers().get(1).setName("B".repeat(121));
        team.getMembers().get(1).setEmail("bo@school.be");
        team.getMembers().get(1).setGrade(Grade.GRADE_1);
        assertThat(RegistrationForm.invalidFields(team.problems(true))).containsExactly("member-name-1");
    }
}
