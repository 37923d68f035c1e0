package org.stemreach.kit.web;

import org.junit.jupiter.api.Test;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.ProblemDetail;

import static org.assertj.core.api.Assertions.assertThat;

class ApiProblemsTest {

    @Test
    void aConcurrentChangeIsAConflictThatSaysWhat() {
        ProblemDetail problem = new ApiProblems().concurrentChange(
                new OptimisticLockingFailureException("project p1 was changed meanwhile; try again"));

        assertThat(problem.getStatus()).isEqualTo(409);
        assertThat(problem.getTitle()).isEqualTo("Changed meanwhile");
        assertThat(problem.getDetail()).contains("p1");
    }
}
