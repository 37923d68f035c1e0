package org.stemreach.downloads.external;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.stemreach.kit.security.Caller;
import org.stemreach.kit.web.ApiException;

import java.io.StringReader;
import java.util.List;

/** Operations enter or upload the figures of external channels. */
@RestController
@RequestMapping(path = "/api/ops/external-figures", produces = MediaType.APPLICATION_JSON_VALUE)
class ExternalFigureApi {

    private final ExternalFigures figures;

    ExternalFigureApi(ExternalFigures figures) {
        this.figures = figures;
    }

    record FigureRequest(@NotBlank String channel, @NotBlank String metric, @NotBlank String network, @NotBlank String period,
                         @NotNull Double value) {
    }

    @GetMapping
    List<ExternalFigures.Figure> list() {
        Caller caller = caller();
        return figures.of(caller.isAdmin() ? null : caller.operatedNetworks()).stream()
                .map(f -> new ExternalFigures.Figure(f.channel(), f.metric(), f.network(), f.period(), f.value())).toList();
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Void> report(@Valid @RequestBody FigureRequest request) {
        ExternalFigures.Figure figure = new ExternalFigures.Figure(request.channel().toLowerCase(), request.metric().toLowerCase(),
                request.network(), request.period(), request.value());
        List<String> problems = figures.problemsOf(figure).stream().map(ExternalFigures.Problem::message).toList();
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(String.join("; ", problems));
        }
        if (!caller().canOperate(figure.network())) {
            throw new ApiException(HttpStatus.FORBIDDEN, "Forbidden", "Only the operations team of " + figure.network() + " may report its figures.");
        }
        figures.report(figure);
        return ResponseEntity.noContent().build();
    }

    @PostMapping(consumes = "text/csv")
    ResponseEntity<?> upload(@RequestBody String csv) {
        Caller caller = caller();
        List<ExternalFigures.LineError> errors = figures.upload(new StringReader(csv), caller::canOperate);
        if (errors.isEmpty()) {
            return ResponseEntity.noContent().build();
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, errors.size() + " problem(s); nothing was reported");
        problem.setTitle("Invalid figures");
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static Caller caller() {
        return Caller.current().orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "Sign-in required", "Sign in through the gateway."));
    }
}
