package org.stemreach.local;

import java.util.List;

/** A service of the platform: its Maven module, its port, and what people open in a browser. */
record ServiceSpec(String name, int port, String description) {

    static final List<ServiceSpec> ALL = List.of(
            new ServiceSpec("registrations", 8081, "activities, registrations, attendance"),
            new ServiceSpec("coaching-trajectories", 8082, "school coaching trajectories"),
            new ServiceSpec("content-downloads", 8083, "lesson projects and downloads"),
            new ServiceSpec("analytics", 8084, "reach KPIs: GET /api/kpis?network=ALL&period=<year>"));

    ServiceSpec withPort(int newPort) {
        return new ServiceSpec(name, newPort, description);
    }
}
