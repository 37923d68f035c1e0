package org.stemreach.registrations.activity;

import org.springframework.http.HttpStatus;
import org.stemreach.kit.security.Caller;
import org.stemreach.kit.web.ApiException;

import java.util.Set;

/** Operations users see and change only their networks' activities (administrators all). */
public final class OpsAccess {

    private OpsAccess() {
    }

    public static Caller caller() {
        return Caller.current().orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "Sign-in required", "Sign in through the gateway."));
    }

    /** The activity, if the caller operates its network; another network's activity answers 404, as if it did not exist. */
    public static Activity require(Activity activity) {
        if (!caller().canOperate(activity.networkId())) {
            throw ApiException.notFound("activity", activity.id());
        }
        return activity;
    }

    public static void requireNetwork(String network) {
        if (!caller().canOperate(network)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "Forbidden", "Only the operations team of " + network + " may plan its activities.");
        }
    }

    /** The networks the caller operates, or null for all (administrators). */
    public static Set<String> networks() {
        Caller caller = caller();
        return caller.isAdmin() ? null : caller.operatedNetworks();
    }
}
