package org.stemreach.analytics.kpi;

import org.springframework.http.HttpStatus;
import org.stemreach.kit.security.Caller;
import org.stemreach.kit.web.ApiException;

/** Operations teams see their networks' figures; administrators also all networks together. */
public final class KpiAccess {

    private KpiAccess() {
    }

    public static Caller caller() {
        return Caller.current().orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "Sign-in required", "Sign in through the gateway."));
    }

    public static KpiQuery allowed(KpiQuery query) {
        Caller caller = caller();
        boolean allowed = query.allNetworks() ? caller.isAdmin() : caller.canOperate(query.network());
        if (!allowed) {
            throw new ApiException(HttpStatus.FORBIDDEN, "Forbidden", query.allNetworks()
                    ? "Figures of all networks are for administrators."
                    : "Only the operations team of " + query.network() + " may read its figures.");
        }
        return query;
    }
}
