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

    /**
     * An administrator may name any network, so a label typed wrong would start a network of its own and take the
     * activity out of the real one's figures: a network no activity has yet is taken only when {@code newNetwork} says
     * it is meant as a new one. Operations teams name only their own networks (their roles say which).
     */
    public static void requireKnownOrNew(String network, Boolean newNetwork, ActivityFinder finder) {
        if (!knownOrNew(finder, Boolean.TRUE.equals(newNetwork) ? Set.of(network) : Set.of()).test(network)) {
            throw new ActivityRuleException(ActivityRuleException.Rule.NEW_NETWORK_NOT_CONFIRMED, "network " + network
                    + " has no activities yet; to start it as a new network, send newNetwork: true (networks so far: " + finder.networks() + ")");
        }
    }

    /**
     * Which networks the caller may name without confirming them as new: for an administrator those that have
     * activities and those {@code confirmed} as new; for an operations team any (their roles name their own).
     */
    public static java.util.function.Predicate<String> knownOrNew(ActivityFinder finder, java.util.Collection<String> confirmed) {
        if (!caller().isAdmin()) {
            return network -> true;
        }
        Set<String> known = finder.networks();
        return network -> known.contains(network) || (confirmed != null && confirmed.contains(network));
    }

    /** The networks the caller operates, or null for all (administrators). */
    public static Set<String> networks() {
        Caller caller = caller();
        return caller.isAdmin() ? null : caller.operatedNetworks();
    }
}
