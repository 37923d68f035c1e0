package org.stemreach.analytics.kpi;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.stemreach.kit.web.ApiException;
import org.stemreach.kit.web.SpreadsheetCells;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every table of the KPI document as CSV (one table) or XLSX (all tables, one sheet each). */
@RestController
class KpiExports {

    private final KpiService kpis;

    KpiExports(KpiService kpis) {
        this.kpis = kpis;
    }

    /** The tables of a document, each a header row and data rows; totals computed, as in the document. */
    static Map<String, List<List<Object>>> tables(KpiDocument d) {
        Map<String, List<List<Object>>> tables = new LinkedHashMap<>();
        List<List<Object>> reach = new ArrayList<>(List.of(List.of("kpi", "value", "previous_period")));
        KpiCalculator.reachFigures(d.reach()).forEach((k, v) -> reach.add(List.of(k, v,
                d.reach().previousPeriod() == null ? "" : d.reach().previousPeriod().getOrDefault(k, 0L))));
        tables.put("reach", reach);
        for (var entry : Map.of("trainings", d.trainings(), "coaching", d.coaching(), "dissemination", d.dissemination()).entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).toList()) {
            List<List<Object>> rows = new ArrayList<>(List.of(List.of("type", "activities", "participants")));
            entry.getValue().rows().forEach(r -> rows.add(List.of(r.type(), r.activities(), r.participants())));
            rows.add(List.of("TOTAL", entry.getValue().total().activities(), entry.getValue().total().participants()));
            tables.put(entry.getKey(), rows);
        }
        List<List<Object>> preService = new ArrayList<>(List.of(List.of("partner", "programme", "level", "students")));
        d.preService().rows().forEach(r -> preService.add(List.of(r.partner(), r.programme() == null ? "" : r.programme(), r.level(), r.students())));
        preService.add(List.of("TOTAL", "", "", d.preService().students()));
        tables.put("pre_service", preService);
        List<List<Object>> downloads = new ArrayList<>(List.of(List.of("project", "project_sheets", "lesson_materials", "total")));
        d.downloads().topProjects().forEach(p -> downloads.add(List.of(p.title(), p.projectSheets(), p.lessonMaterials(), p.total())));
        KpiCalculator.otherProjects(d.downloads()).ifPresent(o -> downloads.add(List.of("OTHER PROJECTS", o.projectSheets(), o.lessonMaterials(), o.total())));
        downloads.add(List.of("TOTAL", d.downloads().projectSheets(), d.downloads().lessonMaterials(), d.downloads().total()));
        tables.put("downloads", downloads);
        List<List<Object>> trajectories = new ArrayList<>(List.of(List.of("partner", "location", "type", "teachers", "schools")));
        d.trajectories().forEach(t -> trajectories.add(List.of(t.partner(), t.location(), t.type(), t.teachers(), t.schools())));
        tables.put("trajectories", trajectories);
        List<List<Object>> external = new ArrayList<>(List.of(List.of("channel", "metric", "value")));
        d.externalChannels().forEach(e -> external.add(List.of(e.channel(), e.metric(), e.value())));
        tables.put("external_channels", external);
        List<List<Object>> targets = new ArrayList<>(List.of(List.of("kpi", "target", "actual", "attainment")));
        d.targets().forEach(t -> targets.add(List.of(t.kpi(), t.target(), t.actual(), t.attainment())));
        tables.put("targets", targets);
        return tables;
    }

    @GetMapping("/api/kpis/export.csv")
    ResponseEntity<byte[]> csv(@RequestParam String network, @RequestParam String period, @RequestParam String table,
                               @RequestParam Optional<String> partner, @RequestParam Optional<String> location) {
        KpiDocument document = kpis.document(KpiAccess.allowed(new KpiQuery(network, period, partner, location)));
        List<List<Object>> rows = tables(document).get(table);
        if (rows == null) {
            throw ApiException.badRequest("table is one of " + tables(document).keySet());
        }
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = CSVFormat.Builder.create(CSVFormat.DEFAULT).setDelimiter(';').get().print(out)) {
            for (List<Object> row : rows) {
                // Titles, partners and places are typed by people: none may run as a formula when the file is opened.
                printer.printRecord(row.stream().map(cell -> cell instanceof String text ? SpreadsheetCells.text(text) : cell).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file(("\uFEFF" + out).getBytes(StandardCharsets.UTF_8), new MediaType("text", "csv", StandardCharsets.UTF_8),
                "kpi-" + network + "-" + period + "-" + table + ".csv");
    }

    @GetMapping("/api/kpis/export.xlsx")
    ResponseEntity<byte[]> xlsx(@RequestParam String network, @RequestParam String period,
                                @RequestParam Optional<String> partner, @RequestParam Optional<String> location) {
        KpiDocument document = kpis.document(KpiAccess.allowed(new KpiQuery(network, period, partner, location)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            Workbook workbook = new Workbook(bytes, "STEM Reach", "1.0");
            for (Map.Entry<String, List<List<Object>>> table : tables(document).entrySet()) {
                Worksheet sheet = workbook.newWorksheet(table.getKey());
                List<List<Object>> rows = table.getValue();
                for (int r = 0; r < rows.size(); r++) {
                    for (int c = 0; c < rows.get(r).size(); c++) {
                        Object value = rows.get(r).get(c);
                        if (value instanceof Number number) {
                            sheet.value(r, c, number);
                        } else {
                            sheet.value(r, c, String.valueOf(value));
                        }
                    }
                }
            }
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file(bytes.toByteArray(), MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                "kpi-" + network + "-" + period + ".xlsx");
    }

    private static ResponseEntity<byte[]> file(byte[] body, MediaType type, String name) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .body(body);
    }
}
