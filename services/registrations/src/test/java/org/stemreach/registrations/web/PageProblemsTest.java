package org.stemreach.registrations.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Where a problem page leads back to. */
class PageProblemsTest {

    @Test
    void backToTheOpsActivityTheOpsListTheTeachersOwnPageOrTheActivities() {
        assertThat(PageProblems.backTo("/ops/activities/a-1/headcount", null)).containsExactly("/ops/activities/a-1", "problem.back.activity");
        assertThat(PageProblems.backTo("/ops/activities/a-1", null)).containsExactly("/ops/activities/a-1", "problem.back.activity");
        assertThat(PageProblems.backTo("/ops/import", null)).containsExactly("/ops/activities", "problem.back.ops");
        assertThat(PageProblems.backTo("/my/activities/a/registrations/r/cancel", "abc_DEF-1.~"))
                .containsExactly("/my?token=abc_DEF-1.~", "problem.back.my");
        assertThat(PageProblems.backTo("/my/details", "x\"><script>")).as("not a token: not put in a link").containsExactly("/activities", "problem.back");
        assertThat(PageProblems.backTo("/ops/activities/../../x/y", null)).as("not an id").containsExactly("/ops/activities", "problem.back.ops");
        assertThat(PageProblems.backTo("/activities/x/register", null)).containsExactly("/activities", "problem.back");
    }
}
