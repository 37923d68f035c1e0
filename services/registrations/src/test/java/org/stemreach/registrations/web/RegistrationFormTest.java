package org.stemreach.registrations.web;

import org.junit.jupiter.api.Test;
import org.stemreach.registrations.activity.Grade;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The page form's own checks (the API's are its DTO's constraints). */
class RegistrationFormTest {

    private static RegistrationForm teacher(String postcode) {
        RegistrationForm form = RegistrationForm.empty(false);
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
        RegistrationForm form = RegistrationForm.empty(false);
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
        RegistrationForm form = RegistrationForm.empty(true);
        form.setConsent(true);

        assertThat(codes(form, true)).containsExactly("field.required:register.school");
    }

    @Test
    void aTeamsProblemsNameTheTeachersRowAndSkipEmptyRows() {
        RegistrationForm form = RegistrationForm.empty(true);
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
        RegistrationForm form = RegistrationForm.empty(true);
        form.setConsent(true);
        form.setSchool("De Regenboog");
        form.getMembers().get(1).setName("Bo");
        form.getMembers().get(1).setEmail("bo@school.be");

        List<String[]> problems = form.problems(true);

        assertThat(problems).hasSize(1);
        assertThat(RegistrationForm.fieldsOf(problems.get(0))).as("the grade alone was left out").containsExactly("member-grade-1");
        assertThat(RegistrationForm.invalidFields(problems)).containsExactly("member-grade-1");
    }
}
