package org.stemreach.local;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps README.md honest: its services table names every service module, with its canvas and the port it listens on
 * (the launcher's and the gateway's too); the "Where is X" table names only paths that exist; CI runs the README's test
 * command; the canvases' configuration tables name only keys the services read.
 */
class RepositoryLayoutTest {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    private static List<String> tableRows(String heading) throws IOException {
        List<String> rows = new ArrayList<>();
        boolean inSection = false;
        for (String line : Files.readAllLines(ROOT.resolve("README.md"))) {
            if (line.startsWith("## ")) {
                inSection = line.equals("## " + heading);
                continue;
            }
            if (inSection && line.startsWith("|") && !line.startsWith("|---") && !line.startsWith("| what |") && !line.startsWith("| service |")) {
                rows.add(line);
            }
        }
        assertThat(rows).as("rows of the table under '## %s'", heading).isNotEmpty();
        return rows;
    }

    private static List<String> codeIn(String cell) {
        List<String> paths = new ArrayList<>();
        Matcher matcher = CODE.matcher(cell);
        while (matcher.find()) {
            paths.add(matcher.group(1));
        }
        return paths;
    }

    @Test
    void theServicesTableListsEveryServiceModuleAndItsCanvas() throws IOException {
        List<String> listed = new ArrayList<>();
        for (String row : tableRows("Services")) {
            String[] cells = row.split("\\|");
            String module = codeIn(cells[2]).get(0);
            listed.add(module);
            assertThat(ROOT.resolve(module).resolve("pom.xml")).as(module).isRegularFile();
            assertThat(ROOT.resolve(codeIn(cells[5]).get(0))).as("canvas of " + module).isRegularFile();
            String port = cells[3].strip();
            @SuppressWarnings("unchecked")
            Map<String, Object> server = (Map<String, Object>) ((Map<String, Object>) new Yaml().load(
                    Files.readString(ROOT.resolve(module).resolve("src/main/resources/application.yml")))).get("server");
            assertThat(server).as(module + " sets server.port").isNotNull();
            assertThat(String.valueOf(server.get("port"))).as(module + " listens on " + port).isEqualTo(port);
            // The launcher starts it on that port, and the gateway's default route reaches it there.
            String name = module.substring("services/".length());
            ServiceSpec spec = ServiceSpec.ALL.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(
                    () -> new AssertionError("the launcher does not start " + name));
            assertThat(String.valueOf(spec.port())).as("the launcher's port of " + name).isEqualTo(port);
            if (spec.gatewayRoute() != null) {
                assertThat(gatewayRouteUri(spec.gatewayRoute())).as("the gateway's route to " + name).isEqualTo("http://localhost:" + port);
            }
        }
        try (Stream<Path> modules = Files.list(ROOT.resolve("services"))) {
            assertThat(modules.filter(m -> Files.exists(m.resolve("pom.xml"))).map(m -> "services/" + m.getFileName()))
                    .allMatch(listed::contains);
        }
    }

    @SuppressWarnings("unchecked")
    private static String gatewayRouteUri(String route) throws IOException {
        Map<String, Object> yaml = new Yaml().load(Files.readString(ROOT.resolve("services/gateway/src/main/resources/application.yml")));
        Map<String, Object> routes = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) yaml.get("stemreach")).get("gateway")).get("routes");
        return String.valueOf(((Map<String, Object>) routes.get(route)).get("uri"));
    }

    @Test
    void theReadmeNamesTheJdkTheBuildCompilesFor() throws IOException {
        Matcher release = Pattern.compile("<java.version>(\\d+)</java.version>").matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertThat(release.find()).as("the parent pom sets java.version").isTrue();
        assertThat(Files.readString(ROOT.resolve("README.md"))).contains("JDK (" + release.group(1) + " or newer)");
    }

    /**
     * Every {@code stemreach.*} key in a service canvas's configuration table is one the service reads: set in its
     * application.yml, named in its code (a {@code @Value}), or a component of a {@code @ConfigurationProperties} record.
     */
    @Test
    void everyKeyInACanvasConfigurationTableIsOneTheServiceReads() throws IOException {
        List<String> unknown = new ArrayList<>();
        try (Stream<Path> modules = Files.list(ROOT.resolve("services"))) {
            for (Path module : modules.filter(m -> Files.exists(m.resolve("README.md"))).toList()) {
                String sources = sources(module.resolve("src/main/java")) + sources(ROOT.resolve("infra/service-kit/src/main/java"));
                String yaml = Files.readString(module.resolve("src/main/resources/application.yml"));
                for (String key : canvasKeys(module.resolve("README.md"))) {
                    if (!readBy(key, sources, flatKeys(new Yaml().load(yaml), ""))) {
                        unknown.add(module.getFileName() + ": " + key);
                    }
                }
            }
        }
        assertThat(unknown).as("keys a canvas documents that nothing reads").isEmpty();
    }

    private static List<String> canvasKeys(Path canvas) throws IOException {
        List<String> keys = new ArrayList<>();
        boolean inSection = false;
        for (String line : Files.readAllLines(canvas)) {
            if (line.startsWith("## ")) {
                inSection = line.equals("## Configuration");
            } else if (inSection && line.startsWith("| `stemreach.")) {
                String key = codeIn(line.split("\\|")[1]).get(0);
                // a map's entries (<LABEL>, <name>): the map itself
                keys.add(key.contains(".<") ? key.substring(0, key.indexOf(".<")) : key);
            }
        }
        return keys;
    }

    private static boolean readBy(String key, String sources, List<String> yamlKeys) {
        if (yamlKeys.stream().anyMatch(k -> k.equals(key) || k.startsWith(key + ".")) || sources.contains(key)) {
            return true;
        }
        int dot = key.lastIndexOf('.');
        String prefix = key.substring(0, dot);
        String component = Pattern.compile("-([a-z])").matcher(key.substring(dot + 1)).replaceAll(m -> m.group(1).toUpperCase());
        return sources.contains("@ConfigurationProperties(\"" + prefix + "\")") && Pattern.compile("\\b" + component + "\\b").matcher(sources).find();
    }

    @SuppressWarnings("unchecked")
    private static List<String> flatKeys(Object node, String prefix) {
        List<String> keys = new ArrayList<>();
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                String key = prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k;
                keys.add(key);
                keys.addAll(flatKeys(v, key));
            });
        }
        return keys;
    }

    private static String sources(Path root) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                all.append(Files.readString(file)).append('\n');
            }
        }
        return all.toString();
    }

    @Test
    void everyPathInWhereIsXExists() throws IOException {
        for (String row : tableRows("Where is X")) {
            String[] cells = row.split("\\|");
            List<String> paths = codeIn(cells[2]);
            assertThat(paths).as(row).isNotEmpty();
            for (String path : paths) {
                assertThat(ROOT.resolve(path)).as(row).exists();
            }
        }
    }

    @Test
    void theReadmeCommandsAreTheOnesCiAndTheLauncherUse() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String ci = Files.readString(ROOT.resolve(".ci/run"));

        assertThat(readme).contains("./mvnw verify").contains("java -jar infra/local/target/stemreach-local.jar");
        List<String> commands = ci.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        // The last command, before what it does when it fails ("|| ..."): the README's test command, nothing added to it.
        assertThat(commands.get(commands.size() - 1).split("\\|\\|")[0].strip()).as("CI ends with the README's test command")
                .endsWith(" ./mvnw -B -ntp verify");
        assertThat(Files.isExecutable(ROOT.resolve(".ci/run"))).isTrue();
        assertThat(Files.isExecutable(ROOT.resolve("mvnw"))).isTrue();
        assertThat(Files.readString(ROOT.resolve("infra/local/pom.xml"))).contains("<finalName>stemreach-local</finalName>");
    }
}
