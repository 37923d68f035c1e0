package org.stemreach.downloads.project;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.ModelAndView;

import static org.assertj.core.api.Assertions.assertThat;

/** A change that lost a race on an operations page is said on a page in the reader's language, not as the API's JSON. */
class OpsPageProblemsTest {

    @Test
    void aChangeMadeMeanwhileByAnotherIsAConflictSaidOnThePage() {
        ModelAndView page = new OpsPageProblems().changedMeanwhile();

        assertThat(page.getViewName()).isEqualTo("ops/problem");
        assertThat(page.getStatus()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(page.getModel()).containsEntry("message", "ops.problem.changedMeanwhile");
    }
}
