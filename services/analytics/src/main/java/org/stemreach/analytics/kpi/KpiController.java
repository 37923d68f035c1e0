package org.stemreach.analytics.kpi;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.stemreach.kit.security.Caller;
import org.stemreach.kit.web.ApiException;

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
        KpiQuery query = new KpiQuery(network, period, partner, location);
        Caller caller = Caller.current().orElseThrow();
        boolean allowed = query.allNetworks() ? caller.isAdmin() : caller.canOperate(query.network());
        if (!allowed) {
            throw new ApiException(HttpStatus.FORBIDDEN, "Forbidden", query.allNetworks()
                    ? "Figures of all networks are for administrators."
                    : "Only the operations team of " + query.network() + " may read its figures.");
        }
        return kpis.document(query);
    }
}
