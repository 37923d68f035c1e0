package org.stemreach.analytics.kpi;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Optional;

/** The KPI document of the funder contract, for one network (or ALL) and one reporting period. */
@RestController
class KpiController {

    private final KpiService kpis;

    KpiController(KpiService kpis) {
        this.kpis = kpis;
    }

    @GetMapping(path = "/api/kpis", produces = MediaType.APPLICATION_JSON_VALUE)
    KpiDocument kpis(@RequestParam String network, @RequestParam String period,
                     @RequestParam Optional<String> partner, @RequestParam Optional<String> location) {
        return kpis.document(new KpiQuery(network, period, partner, location));
    }
}
