package org.stemreach.registrations.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Where a problem page leads back to. */
class PageProblemsTest {

    @Test
    void backToTheOpsActivityTheOpsListTheTeachersOwnPageOrTheActivities() {
        assertThat(PageProblems.backTo("/ops/activities/a-1/headcount", null, false)).containsExactly("/ops/activities/a-1", "problem.back.activity");
        assertThat(PageProblems.backTo("/ops/activities/a-1", null, false)).containsExactly("/ops/activities/a-1", "problem.back.activity");
        assertThat(PageProblems.backTo("/ops/import", null, false)).containsExactly("/ops/activities", "problem.back.ops");
        assertThat(PageProblems.backTo("/my/activities/a/registrations/r/cancel", "abc_DEF-1.~", false))
                .containsExactly("/my?token=abc_DEF-1.~", "problem.back.my");
        assertThat(PageProblems.backTo("/my/details", "x\"><script>", false)).as("not a token: not put in a link").containsExactly("/activities", "problem.back");
        assertThat(PageProblems.backTo("/ops/activities/../../x/y", null, false)).as("not an id").containsExactly("/ops/activities", "problem.back.ops");
        assertThat(PageProblems.backTo("/activities/x/register", null, false)).containsExactly("/activities", "problem.back");
        assertThat(PageProblems.backTo("/ops/activities/gone/headcount", null, true)).as("not back to what was not found")
                .containsExactly("/ops/activities", "problem.back.ops");
    }

    @Test
    void aProblemIsSaidForWhatTheReaderCanDo() {
        assertThat(PageProblems.messageFor(org.springframework.http.HttpStatus.NOT_FOUND)).isEqualTo("problem.notFound");
        assertThat(PageProblems.messageFor(org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE)).as("an import broken off: the same again")
                .isEqualTo("problem.unavailable");
        assertThat(PageProblems.messageFor(org.springframework.http.HttpStatus.FORBIDDEN)).isEqualTo("problem.forbidden");
        assertThat(PageProblems.messageFor(org.springframework.http.HttpStatus.INTERNAL_SERVER_ERROR)).isEqualTo("problem.failed");
        assertThat(PageProblems.messageFor(org.springframework.http.HttpStatus.BAD_REQUEST)).isEqualTo("problem.badRequest");
    }
}
