package org.stemreach.local;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Docker engine runs here, so the compose stack is checked by reading it: every service, image recipe,
 * port, volume and provisioned file it references must exist and fit together.
 */
class DeploymentFilesTest {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(Path file) throws IOException {
        return (Map<String, Object>) new Yaml().load(Files.readString(file));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> composeServices() throws IOException {
        return (Map<String, Map<String, Object>>) yaml(ROOT.resolve("docker-compose.yml")).get("services");
    }

    private static List<String> serviceModules() throws IOException {
        try (Stream<Path> modules = Files.list(ROOT.resolve("services"))) {
            return modules.filter(m -> Files.exists(m.resolve("pom.xml"))).map(m -> m.getFileName().toString()).sorted().toList();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @Test
    void everyServiceModuleIsInTheStackBuiltFromItsOwnJar() throws IOException {
        Map<String, Map<String, Object>> services = composeServices();

        assertThat(services).containsKeys("kafka", "mongo", "prometheus", "grafana", "mailpit");
        for (String module : serviceModules()) {
            assertThat(services).as("compose service for services/" + module).containsKey(module);
            Map<String, Object> build = map(services.get(module).get("build"));
            assertThat(ROOT.resolve((String) build.get("context")).resolve((String) build.get("dockerfile"))).isRegularFile();
            assertThat(map(build.get("args")).get("SERVICE")).isEqualTo(module);
            assertThat(Files.readString(ROOT.resolve("services").resolve(module).resolve("pom.xml")))
                    .as("the Dockerfile copies services/%s/target/%s.jar", module, module)
                    .contains("<finalName>${project.artifactId}</finalName>");
        }
        assertThat(Files.readString(ROOT.resolve("infra/docker/Dockerfile"))).contains("services/${SERVICE}/target/${SERVICE}.jar");
    }

    @Test
    void portsAreUniqueAndMatchWhatTheServicesListenOn() throws IOException {
        Set<String> hostPorts = new HashSet<>();
        for (Map.Entry<String, Map<String, Object>> service : composeServices().entrySet()) {
            List<Object> ports = (List<Object>) service.getValue().getOrDefault("ports", List.of());
            for (Object port : ports) {
                // [host address:]host port:container port
                String[] parts = String.valueOf(port).split(":");
                String hostPort = parts[parts.length - 2];
                String containerPort = parts[parts.length - 1];
                assertThat(hostPorts.add(hostPort)).as("host port %s used twice", hostPort).isTrue();
                Object serverPort = map(service.getValue().get("environment")).get("SERVER_PORT");
                if (serverPort != null) {
                    assertThat(containerPort).as(service.getKey() + " publishes its SERVER_PORT").isEqualTo(serverPort);
                }
                if (!service.getKey().matches("gateway|keycloak")) {
                    // Services, the mail catcher (personal links), Prometheus and Grafana: others come through the gateway.
                    assertThat(parts[0]).as("%s is published for this machine only", service.getKey()).isEqualTo("127.0.0.1");
                }
                Object managementPort = map(service.getValue().get("environment")).get("MANAGEMENT_SERVER_PORT");
                assertThat(containerPort).as("%s's actuator port is not published", service.getKey()).isNotEqualTo(managementPort);
            }
        }
    }

    @Test
    void volumesAndDependenciesExist() throws IOException {
        Map<String, Object> compose = yaml(ROOT.resolve("docker-compose.yml"));
        Set<String> namedVolumes = map(compose.get("volumes")).keySet();
        Map<String, Map<String, Object>> services = composeServices();
        for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
            for (Object volume : (List<Object>) service.getValue().getOrDefault("volumes", List.of())) {
                String source = String.valueOf(volume).split(":")[0];
                if (source.startsWith("./")) {
                    assertThat(ROOT.resolve(source)).as(service.getKey() + " mounts " + source).exists();
                } else if (source.startsWith("/")) {
                    // The host itself: only the node exporter, read-only.
                    assertThat(service.getKey() + " " + volume).isEqualTo("node-exporter /:/host:ro,rslave");
                } else {
                    assertThat(namedVolumes).as(service.getKey() + " uses volume " + source).contains(source);
                }
            }
            Object dependsOn = service.getValue().get("depends_on");
            if (dependsOn instanceof Map<?, ?> conditions) {
                conditions.forEach((target, condition) -> {
                    assertThat(services).containsKey((String) target);
                    if ("service_healthy".equals(map(condition).get("condition"))) {
                        assertThat(services.get(target)).as(target + " needs a healthcheck").containsKey("healthcheck");
                    }
                });
            } else if (dependsOn instanceof List<?> targets) {
                assertThat(services.keySet()).containsAll((List<String>) targets);
            }
            assertThat(service.getValue()).as(service.getKey() + " has a memory limit").containsKey("mem_limit");
        }
    }

    @Test
    void prometheusScrapesEveryServiceAtItsPort() throws IOException {
        Map<String, Map<String, Object>> services = composeServices();
        List<String> targets = new ArrayList<>();
        List<String> exporters = new ArrayList<>();
        for (Object job : (List<Object>) yaml(ROOT.resolve("infra/prometheus/prometheus.yml")).get("scrape_configs")) {
            boolean ours = "stemreach".equals(map(job).get("job_name"));
            assertThat(map(job).get("metrics_path")).isEqualTo(ours ? "/actuator/prometheus" : "/metrics");
            for (Object config : (List<Object>) map(job).get("static_configs")) {
                (ours ? targets : exporters).addAll((List<String>) map(config).get("targets"));
            }
        }
        // The host's disks: the node exporter, reading the host's root read-only, reached inside the stack.
        assertThat(exporters).containsExactly("node-exporter:9100");
        assertThat((List<Object>) services.get("node-exporter").get("volumes")).contains("/:/host:ro,rslave");
        assertThat(String.valueOf(yaml(ROOT.resolve("infra/prometheus/alerts.yml")))).contains("node_filesystem_avail_bytes")
                .as("the backups' metric, written by mongo-backup where the node exporter reads it").contains("backup_last_success_timestamp_seconds");
        assertThat(String.valueOf(services.get("node-exporter").get("command"))).contains("--collector.textfile.directory=/backup-metrics");
        assertThat((List<Object>) services.get("mongo-backup").get("volumes")).contains("backup-metrics:/backup-metrics");
        assertThat(String.valueOf(services.get("mongo-backup").get("command"))).contains("mongodump").contains("backup_last_success_timestamp_seconds")
                .contains("/backup-metrics/backup.prom");
        for (String target : targets) {
            String[] hostPort = target.split(":");
            assertThat(services).containsKey(hostPort[0]);
            Map<String, Object> environment = map(services.get(hostPort[0]).get("environment"));
            assertThat(environment.getOrDefault("MANAGEMENT_SERVER_PORT", environment.get("SERVER_PORT"))).isEqualTo(hostPort[1]);
        }
        for (String module : serviceModules()) {
            assertThat(targets).anyMatch(t -> t.startsWith(module + ":"));
        }
    }

    @Test
    void prometheusLoadsAlertRulesOnMetricsTheServicesRegister() throws IOException {
        Map<String, Object> prometheus = yaml(ROOT.resolve("infra/prometheus/prometheus.yml"));
        assertThat((List<Object>) prometheus.get("rule_files")).containsExactly("/etc/prometheus/alerts.yml");
        assertThat((List<Object>) composeServices().get("prometheus").get("volumes"))
                .contains("./infra/prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro");

        String sources = mainSources();
        java.util.regex.Pattern metric = java.util.regex.Pattern.compile("stemreach_[a-z_]+");
        int rules = 0;
        for (Object group : (List<Object>) yaml(ROOT.resolve("infra/prometheus/alerts.yml")).get("groups")) {
            for (Object rule : (List<Object>) map(group).get("rules")) {
                Map<String, Object> alert = map(rule);
                assertThat(alert).containsKeys("alert", "expr", "labels", "annotations");
                assertThat(map(alert.get("annotations"))).containsKeys("summary", "description");
                java.util.regex.Matcher names = metric.matcher(String.valueOf(alert.get("expr")));
                while (names.find()) {
                    // As Micrometer names it for Prometheus: dots become underscores, counters end in _total.
                    String meter = names.group().replaceFirst("_(total|seconds|seconds_max|seconds_count|seconds_sum)$", "").replace('_', '.');
                    assertThat(sources).as(alert.get("alert") + ": a meter named " + meter).contains("\"" + meter + "\"");
                }
                rules++;
            }
        }
        assertThat(rules).isGreaterThanOrEqualTo(5);
    }

    @Test
    void alertsReachSomeoneThroughTheAlertmanager() throws IOException {
        Map<String, Map<String, Object>> services = composeServices();
        List<String> managers = new ArrayList<>();
        for (Object manager : (List<Object>) map(yaml(ROOT.resolve("infra/prometheus/prometheus.yml")).get("alerting")).get("alertmanagers")) {
            for (Object config : (List<Object>) map(manager).get("static_configs")) {
                managers.addAll((List<String>) map(config).get("targets"));
            }
        }
        assertThat(managers).isNotEmpty();
        for (String target : managers) {
            String[] hostPort = target.split(":");
            assertThat(services).as("Prometheus sends alerts to " + target).containsKey(hostPort[0]);
            assertThat((List<Object>) services.get(hostPort[0]).get("ports")).anyMatch(port -> String.valueOf(port).endsWith(":" + hostPort[1]));
        }
        Map<String, Object> alertmanager = yaml(ROOT.resolve("infra/alertmanager/alertmanager.yml"));
        assertThat((List<Object>) services.get("alertmanager").get("volumes"))
                .contains("./infra/alertmanager/alertmanager.yml:/etc/alertmanager/alertmanager.yml:ro");
        String receiver = (String) map(alertmanager.get("route")).get("receiver");
        assertThat((List<Object>) alertmanager.get("receivers")).as("the route's receiver is defined and mails someone")
                .anyMatch(r -> receiver.equals(map(r).get("name")) && map(r).containsKey("email_configs"));
        String smarthost = (String) map(alertmanager.get("global")).get("smtp_smarthost");
        assertThat(services).as("the mail server the alerts go to, as shipped").containsKey(smarthost.split(":")[0]);
    }

    @Test
    void theTeachersMailGoesToAServerTheOperatorNames() throws IOException {
        Map<String, Object> environment = map(composeServices().get("registrations").get("environment"));
        for (String variable : List.of("SPRING_MAIL_HOST", "SPRING_MAIL_PORT", "SPRING_MAIL_USERNAME", "SPRING_MAIL_PASSWORD",
                "SPRING_MAIL_PROPERTIES_MAIL_SMTP_AUTH", "SPRING_MAIL_PROPERTIES_MAIL_SMTP_STARTTLS_ENABLE", "STEMREACH_REGISTRATIONS_MAIL_FROM")) {
            assertThat(String.valueOf(environment.get(variable))).as(variable + ": set from .env, the mail catcher only by default")
                    .matches("\\$\\{[A-Z_]+:-[^}]*}");
        }
    }

    /** The Java sources of the services and the kit, where the meters are named. */
    private static String mainSources() throws IOException {
        StringBuilder sources = new StringBuilder();
        for (Path root : List.of(ROOT.resolve("services"), ROOT.resolve("infra/service-kit"))) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/")).toList()) {
                    sources.append(Files.readString(file));
                }
            }
        }
        return sources.toString();
    }

    @Test
    void grafanaProvisionsItsDatasourceAndDashboards() throws IOException {
        Map<String, Object> datasources = yaml(ROOT.resolve("infra/grafana/provisioning/datasources/prometheus.yml"));
        Set<String> uids = new HashSet<>();
        for (Object datasource : (List<Object>) datasources.get("datasources")) {
            uids.add((String) map(datasource).get("uid"));
            assertThat((String) map(datasource).get("url")).startsWith("http://prometheus:");
        }
        Map<String, Object> providers = yaml(ROOT.resolve("infra/grafana/provisioning/dashboards/stemreach.yml"));
        String dashboardPath = (String) map(map(((List<Object>) providers.get("providers")).get(0)).get("options")).get("path");
        List<Object> grafanaVolumes = (List<Object>) composeServices().get("grafana").get("volumes");
        assertThat(grafanaVolumes).anyMatch(v -> String.valueOf(v).startsWith("./infra/grafana/dashboards:" + dashboardPath));

        try (Stream<Path> files = Files.list(ROOT.resolve("infra/grafana/dashboards"))) {
            List<Path> dashboards = files.filter(f -> f.toString().endsWith(".json")).toList();
            assertThat(dashboards).isNotEmpty();
            for (Path file : dashboards) {
                JsonNode dashboard = new JsonMapper().readTree(file.toFile());
                assertThat(dashboard.get("uid").asString()).isNotBlank();
                for (JsonNode panel : dashboard.get("panels")) {
                    assertThat(uids).as(file.getFileName() + " panel " + panel.get("title").asString())
                            .contains(panel.get("datasource").get("uid").asString());
                    assertThat(panel.get("targets")).isNotEmpty();
                }
            }
        }
    }

    @Test
    void keycloakDefinesTheGatewaysClientAndTheGrantsAsRoles() throws IOException {
        Map<String, Object> gateway = map(composeServices().get("gateway").get("environment"));
        JsonNode realm = new JsonMapper().readTree(ROOT.resolve("infra/keycloak/stemreach-realm.json").toFile());
        JsonNode client = realm.get("clients").get(0);

        assertThat(gateway.get("STEMREACH_GATEWAY_LOGIN")).isEqualTo("oidc");
        assertThat(client.get("clientId").asString()).isEqualTo(gateway.get("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_KEYCLOAK_CLIENT_ID"));
        // Where browsers reach the gateway, from the same variable everywhere (Keycloak fills in the realm's placeholders).
        Map<String, Object> keycloak = map(composeServices().get("keycloak").get("environment"));
        String publicUrl = "${STEMREACH_PUBLIC_URL:-http://localhost:8080}";
        assertThat(client.get("redirectUris").get(0).asString()).isEqualTo("${STEMREACH_PUBLIC_URL}/login/oauth2/code/keycloak");
        assertThat(client.get("attributes").get("post.logout.redirect.uris").asString()).isEqualTo("${STEMREACH_PUBLIC_URL}/*");
        assertThat(keycloak.get("STEMREACH_PUBLIC_URL")).isEqualTo(publicUrl);
        assertThat(map(composeServices().get("registrations").get("environment")).get("STEMREACH_REGISTRATIONS_PUBLIC_BASE_URL"))
                .isEqualTo(publicUrl + "/registrations");
        String keycloakUrl = (String) keycloak.get("KC_HOSTNAME");
        assertThat((String) gateway.get("SPRING_SECURITY_OAUTH2_CLIENT_PROVIDER_KEYCLOAK_AUTHORIZATION_URI")).startsWith(keycloakUrl + "/realms/");
        assertThat((String) gateway.get("STEMREACH_GATEWAY_OIDC_END_SESSION_URI")).startsWith(keycloakUrl + "/realms/");
        // Back-channel logout: Keycloak tells the gateway (inside the compose network) when a session ends there; the
        // gateway believes the logout token only from the issuer Keycloak writes in its tokens.
        assertThat(gateway.get("STEMREACH_GATEWAY_OIDC_ISSUER")).isEqualTo(keycloakUrl + "/realms/" + realm.get("realm").asString());
        assertThat(client.get("attributes").get("backchannel.logout.url").asString())
                .isEqualTo("http://gateway:8080/logout/connect/back-channel/keycloak");
        assertThat(client.get("attributes").get("backchannel.logout.session.required").asString()).isEqualTo("true");
        // The client secret comes from the same variable as the gateway's (Keycloak fills in the placeholder on import).
        assertThat(client.get("secret").asString()).isEqualTo("${KEYCLOAK_GATEWAY_SECRET}");
        assertThat(map(composeServices().get("keycloak").get("environment")).get("KEYCLOAK_GATEWAY_SECRET"))
                .isEqualTo(gateway.get("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_KEYCLOAK_CLIENT_SECRET"));
        assertThat(client.get("protocolMappers").get(0).get("config").get("claim.name").asString()).isEqualTo("roles");
        assertThat((String) gateway.get("SPRING_SECURITY_OAUTH2_CLIENT_PROVIDER_KEYCLOAK_TOKEN_URI"))
                .startsWith("http://keycloak:8080/realms/" + realm.get("realm").asString() + "/");
        // Sign-in through Keycloak is throttled as the gateway's own is: guessing is slowed down after 10 failures.
        assertThat(realm.get("bruteForceProtected").asBoolean()).isTrue();
        assertThat(realm.get("failureFactor").asInt()).isBetween(3, 20);
        for (JsonNode role : realm.get("roles").get("realm")) {
            assertThat(role.get("name").asString()).matches("ADMIN|(OPS|COACH):[A-Z][A-Z0-9_-]{1,31}");
        }
        for (JsonNode user : realm.get("users")) {
            assertThat(user.get("realmRoles")).isNotEmpty();
            // Its password is in this repository: Keycloak has it replaced at the first sign-in.
            assertThat(user.get("credentials")).allSatisfy(credential -> assertThat(credential.get("temporary").asBoolean()).isTrue());
        }
        List<Object> keycloakVolumes = (List<Object>) composeServices().get("keycloak").get("volumes");
        assertThat(keycloakVolumes).anyMatch(v -> String.valueOf(v).startsWith("./infra/keycloak:/opt/keycloak/data/import"));
    }

    /** {@code ${NAME:-default}} as compose reads it with the variable unset. */
    private static String unset(Object value) {
        return String.valueOf(value).replaceAll("\\$\\{[A-Z_]+:-([^}]*)}", "$1");
    }

    private static long address(String dotted) {
        long value = 0;
        for (String part : dotted.split("\\.")) {
            value = value << 8 | Integer.parseInt(part);
        }
        return value;
    }

    private static boolean within(String address, String cidr) {
        String[] parts = cidr.split("/");
        long mask = -1L << (32 - Integer.parseInt(parts[1])) & 0xFFFFFFFFL;
        return (address(address) & mask) == (address(parts[0]) & mask);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theServicesBelieveForwardedHeadersFromTheGatewaysFixedAddressAlone() throws IOException {
        Map<String, Object> network = map(map(yaml(ROOT.resolve("docker-compose.yml")).get("networks")).get("default"));
        Map<String, Object> range = (Map<String, Object>) ((List<Object>) map(network.get("ipam")).get("config")).get(0);
        String gateway = unset(map(map(composeServices().get("gateway").get("networks")).get("default")).get("ipv4_address"));

        assertThat(within(gateway, unset(range.get("subnet")))).as("the gateway's address is in the network").isTrue();
        assertThat(within(gateway, unset(range.get("ip_range")))).as("and never handed to another container").isFalse();
        for (String module : serviceModules()) {
            if (!module.equals("gateway")) {
                assertThat(unset(map(composeServices().get(module).get("environment")).get("STEMREACH_SECURITY_TRUSTEDPROXIES")))
                        .as(module).isEqualTo(gateway + "/32");
            }
        }
    }
}
