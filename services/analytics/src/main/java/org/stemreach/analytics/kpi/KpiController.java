package org.stemreach.analytics.kpi;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.stemreach.kit.security.Caller;
import org.stemreach.kit.web.ApiException;

import java.util.List;
import java.util.Optional;

/** The KPI document of the funder contract, the activities behind a figure, and the targets. */
@RestController
class KpiController {

    private final KpiService kpis;
    private final Targets targets;

    KpiController(KpiService kpis, Targets targets) {
        this.kpis = kpis;
        this.targets = targets;
    }

    @GetMapping(path = "/api/kpis", produces = MediaType.APPLICATION_JSON_VALUE)
    KpiDocument kpis(@RequestParam String network, @RequestParam String period,
                     @RequestParam Optional<String> partner, @RequestParam Optional<String> location) {
        return kpis.document(KpiAccess.allowed(new KpiQuery(network, period, partner, location)));
    }

    record ActivityRow(String id, String network, String title, String type, String category, String partner, String location,
                       String firstSession, long identified, int headcount, long participants) {
    }

    /**
     * Drill-down: the activities behind a figure, optionally of one type or category, with its first session in one month
     * ({@code month}, e.g. {@code 2026-03}: a bar of the participants per month), or behind one figure of the document
     * ({@code kpi}, e.g. {@code directParticipations}: the activities whose participants make it up).
     */
    @GetMapping(path = "/api/kpis/activities", produces = MediaType.APPLICATION_JSON_VALUE)
    List<ActivityRow> activities(@RequestParam String network, @RequestParam String period, @RequestParam Optional<String> partner,
                                 @RequestParam Optional<String> location, @RequestParam Optional<String> type,
                                 @RequestParam Optional<String> category, @RequestParam Optional<String> kpi,
                                 @RequestParam Optional<String> month) {
        KpiQuery query = KpiAccess.allowed(new KpiQuery(network, period, partner, location));
        java.util.function.Predicate<ReachFacts.Activity> behind = kpi.map(KpiCalculator::behind).orElse(a -> true);
        Optional<java.time.YearMonth> inMonth = month.map(KpiController::month);
        return kpis.activities(query).stream()
                .filter(behind)
                .filter(a -> inMonth.map(m -> m.equals(java.time.YearMonth.from(a.firstSession()))).orElse(true))
                .filter(a -> type.map(a.type()::equals).orElse(true))
                .filter(a -> category.map(c -> c.equals(a.category().name())).orElse(true))
                .sorted(java.util.Comparator.comparing(ReachFacts.Activity::firstSession))
                .map(a -> new ActivityRow(a.id(), a.network(), a.title(), a.type(), a.category().name(), a.partner(), a.location(),
                        a.firstSession().toString(), a.attendees().size(), a.headcount(), a.participants()))
                .toList();
    }

    private static java.time.YearMonth month(String value) {
        try {
            return java.time.YearMonth.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("month is a year and month such as 2026-03");
        }
    }

    record TargetRequest(@NotBlank @Pattern(regexp = "[A-Z][A-Z0-9_-]{1,31}") String network,
                         @NotBlank @Pattern(regexp = "\\d{4}") String period,
                         @NotBlank String kpi, @NotNull Double target) {
    }

    @PutMapping(path = "/api/targets", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Void> target(@Valid @RequestBody TargetRequest request) {
        if (!Caller.current().map(c -> c.canOperate(request.network())).orElse(false)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "Forbidden", "Only the operations team of " + request.network() + " may set its targets.");
        }
        targets.set(request.network(), request.period(), request.kpi(), request.target());
        return ResponseEntity.noContent().build();
    }
}
