package org.stemreach.local;

import java.util.List;

/**
 * A service of the platform: its Maven module, its port, what it is for, and the name of its route at the
 * gateway (its path prefix there), or {@code null} for the gateway itself.
 */
public record ServiceSpec(String name, int port, String description, String gatewayRoute) {

    public static final String GATEWAY = "gateway";

    static final List<ServiceSpec> ALL = List.of(
            new ServiceSpec(GATEWAY, 8080, "start here: sign-in and every page", null),
            new ServiceSpec("registrations", 8081, "activities, registrations, attendance", "registrations"),
            new ServiceSpec("coaching-trajectories", 8082, "school coaching trajectories", "coaching"),
            new ServiceSpec("content-downloads", 8083, "lesson projects and downloads", "content"),
            new ServiceSpec("analytics", 8084, "reach KPIs and dashboards", "analytics"));

    ServiceSpec withPort(int newPort) {
        return new ServiceSpec(name, newPort, description, gatewayRoute);
    }

    /** The environment variable that moves this service's port ({@code STEMREACH_CONTENT_DOWNLOADS_PORT}, ...). */
    String portVariable() {
        return "STEMREACH_" + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_PORT";
    }

    boolean isGateway() {
        return gatewayRoute == null;
    }
}
