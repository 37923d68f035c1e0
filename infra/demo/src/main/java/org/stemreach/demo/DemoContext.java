package org.stemreach.demo;

import org.stemreach.model.period.ReportingPeriod;
import org.stemreach.model.period.ReportingPeriodScheme;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

/** What the contributors share: where the platform is, the periods, the progress kept, and HTTP helpers. */
public final class DemoContext {

    public static final long SEED = 20261215L;
    static final ZoneId ZONE = ZoneId.of("Europe/Brussels");

    private final String gateway;
    private final Map<String, String> services;
    private final GatewaySession admin;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final JsonMapper json = new JsonMapper();
    private final ReportingPeriod current;
    private final LocalDate today;
    private final DemoProgress progress;

    /** A demo load that keeps no progress: a load stopped halfway starts again from the beginning. */
    public DemoContext(String gateway, Map<String, String> services, Clock clock) {
        this(gateway, services, clock, null);
    }

    /**
     * @param progressFile where the load keeps what it did (see {@link DemoProgress}), or {@code null}. A load that
     *                     resumes also keeps the day the first one was anchored on, so that it plans the same year.
     */
    public DemoContext(String gateway, Map<String, String> services, Clock clock, Path progressFile) {
        this.gateway = gateway;
        this.services = Map.copyOf(services);
        this.admin = new GatewaySession(gateway, "admin", "stemreach");
        this.progress = progressFile == null ? DemoProgress.none() : DemoProgress.in(progressFile);
        this.today = progress.get("anchor").map(LocalDate::parse).orElse(LocalDate.now(clock.withZone(ZONE)));
        this.current = ReportingPeriodScheme.DEFAULT.periodOf(today);
    }

    DemoProgress progress() {
        return progress;
    }

    public GatewaySession admin() {
        return admin;
    }

    public String gateway() {
        return gateway;
    }

    /** A service's own address (for the teachers' public requests, each with its own client address). */
    public String service(String name) {
        return services.get(name);
    }

    public ReportingPeriod currentPeriod() {
        return current;
    }

    public ReportingPeriod previousPeriod() {
        return ReportingPeriodScheme.DEFAULT.previous(current);
    }

    public LocalDate today() {
        return today;
    }

    /**
     * Where the demo year starts: 300 days ago, so that it always ends a month from now, whatever the day of its period
     * (most of it happened, a few activities are still open). Anchored on today rather than on the current period: a
     * period that began last week would otherwise hold almost nothing, and its activities would all lie ahead.
     */
    public LocalDate yearStart() {
        return today.minusDays(300);
    }

    /** The year before the demo year (the archive imported from the networks' spreadsheets, for comparison). */
    public LocalDate archiveStart() {
        return yearStart().minusDays(365);
    }

    public JsonNode read(String body) {
        return json.readTree(body);
    }

    public String write(Object value) {
        return json.writeValueAsString(value);
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url));
    }
}
