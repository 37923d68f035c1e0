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

    /**
     * The tables of a document, each a header row and data rows; totals computed, as in the document; a table's figures
     * as numbers (an attainment or change in percent, rounded to one decimal), an empty cell where there is none.
     * Filtered by a partner or location ({@code filtered}), the network's own figures (downloads, external channels,
     * targets) are left out, and indirect reach is an empty cell: they belong to no partner or location, and a 0 would
     * read as a figure.
     */
    static Map<String, List<List<Object>>> tables(KpiDocument d, boolean filtered) {
        return tables(d, null, filtered);
    }

    /**
     * The same, with the participants per type of the previous period ({@code previous}, the same selection's document of
     * the period before; null: none) beside each type and total, and the change in percent; below the totals of the
     * downloads and the trajectories, the previous period's totals and the change in percent.
     */
    static Map<String, List<List<Object>>> tables(KpiDocument d, KpiDocument previous, boolean filtered) {
        Map<String, List<List<Object>>> tables = new LinkedHashMap<>();
        List<List<Object>> reach = new ArrayList<>(List.of(List.of("kpi", "value", "previous_period", "change_pct")));
        Map<String, Long> figures = KpiCalculator.reachFigures(d.reach());
        Map<String, Double> changes = KpiCalculator.changes(figures, d.reach().previousPeriod());
        figures.forEach((k, v) -> reach.add(filtered && k.equals("indirect") ? List.of(k, "", "", "") : List.of(k, v,
                d.reach().previousPeriod() == null ? "" : d.reach().previousPeriod().getOrDefault(k, 0L),
                changes.get(k) == null ? "" : percent(changes.get(k)))));
        tables.put("reach", reach);
        Map<String, KpiDocument.TypeTable> before = previous == null ? Map.of()
                : Map.of("trainings", previous.trainings(), "coaching", previous.coaching(), "dissemination", previous.dissemination());
        for (var entry : Map.of("trainings", d.trainings(), "coaching", d.coaching(), "dissemination", d.dissemination()).entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).toList()) {
            List<List<Object>> rows = new ArrayList<>(List.of(List.of("type", "activities", "participants", "previous_period_participants",
                    "change_pct")));
            for (KpiCalculator.TypeComparison row : KpiCalculator.compare(entry.getValue(), before.get(entry.getKey()))) {
                rows.add(List.of(row.type(), row.activities(), row.participants(), row.previous() == null ? "" : row.previous(),
                        row.change() == null ? "" : percent(row.change())));
            }
            tables.put(entry.getKey(), rows);
        }
        List<List<Object>> preService = new ArrayList<>(List.of(List.of("partner", "programme", "level", "students")));
        d.preService().rows().forEach(r -> preService.add(List.of(r.partner(), r.programme() == null ? "" : r.programme(), r.level(), r.students())));
        preService.add(List.of("TOTAL", "", "", d.preService().students()));
        tables.put("pre_service", preService);
        tables.put("pre_service_programmes", List.of(List.of("level", "programmes"),
                List.of("BACHELOR", d.preService().bachelorProgrammes()), List.of("MASTER", d.preService().masterProgrammes())));
        List<List<Object>> downloads = new ArrayList<>(List.of(List.of("project", "project_sheets", "lesson_materials", "total")));
        d.downloads().topProjects().forEach(p -> downloads.add(List.of(p.title(), p.projectSheets(), p.lessonMaterials(), p.total())));
        KpiCalculator.otherProjects(d.downloads()).ifPresent(o -> downloads.add(List.of("OTHER PROJECTS", o.projectSheets(), o.lessonMaterials(), o.total())));
        downloads.add(List.of("TOTAL", d.downloads().projectSheets(), d.downloads().lessonMaterials(), d.downloads().total()));
        if (previous != null) {
            compared(downloads, List.of(), KpiCalculator.downloadFigures(d.downloads()), KpiCalculator.downloadFigures(previous.downloads()));
        }
        tables.put("downloads", downloads);
        tables.put("downloads_ratio", List.of(List.of("lesson_materials_per_project_sheet"),
                List.of(d.downloads().lessonMaterialPerSheet() == null ? "" : (Object) d.downloads().lessonMaterialPerSheet())));
        List<List<Object>> trajectories = new ArrayList<>(List.of(List.of("partner", "location", "type", "teachers", "schools")));
        d.trajectories().forEach(t -> trajectories.add(List.of(t.partner(), t.location(), t.type(), t.teachers(), t.schools())));
        trajectories.add(List.of("TOTAL", "", "", d.trajectories().stream().mapToLong(KpiDocument.TrajectoryRow::teachers).sum(),
                d.trajectories().stream().mapToLong(KpiDocument.TrajectoryRow::schools).sum()));
        if (previous != null) {
            compared(trajectories, List.of("", ""), KpiCalculator.trajectoryFigures(d.trajectories()),
                    KpiCalculator.trajectoryFigures(previous.trajectories()));
        }
        tables.put("trajectories", trajectories);
        List<List<Object>> external = new ArrayList<>(List.of(List.of("channel", "metric", "value")));
        d.externalChannels().forEach(e -> external.add(List.of(e.channel(), e.metric(), e.value())));
        tables.put("external_channels", external);
        List<List<Object>> targets = new ArrayList<>(List.of(List.of("kpi", "target", "actual", "attainment_pct")));
        d.targets().forEach(t -> targets.add(List.of(t.kpi(), t.target(), t.actual(), percent(t.attainment()))));
        tables.put("targets", targets);
        if (filtered) {
            List.of("downloads", "downloads_ratio", "external_channels", "targets").forEach(tables::remove);
        }
        return tables;
    }

    /**
     * Below a table's total row, the previous period's totals ({@code PREVIOUS PERIOD}) and the change in percent
     * ({@code CHANGE PCT}; an empty cell from 0), each in its figure's column after the {@code blanks} of the columns
     * that have no total.
     */
    private static void compared(List<List<Object>> table, List<Object> blanks, Map<String, Long> now, Map<String, Long> before) {
        List<Object> previousRow = new ArrayList<>(List.of("PREVIOUS PERIOD"));
        List<Object> changeRow = new ArrayList<>(List.of("CHANGE PCT"));
        previousRow.addAll(blanks);
        changeRow.addAll(blanks);
        now.forEach((figure, value) -> {
            Double change = KpiCalculator.change(value, before.get(figure));
            previousRow.add(before.get(figure));
            changeRow.add(change == null ? "" : percent(change));
        });
        table.add(previousRow);
        table.add(changeRow);
    }

    private static boolean filtered(KpiQuery query) {
        return query.partner().isPresent() || query.location().isPresent();
    }

    /** A fraction in percent, to one decimal (0.9534 is 95.3). */
    private static double percent(double fraction) {
        return Math.round(fraction * 1000d) / 10d;
    }

    /**
     * A cell of the CSV, for spreadsheets set to Dutch (Belgium) as the file's semicolons are: a whole number without
     * decimals or exponent, any other with a decimal comma and no grouping; text that could run as a formula neutralised.
     */
    static Object csvCell(Object cell) {
        if (cell instanceof String text) {
            return SpreadsheetCells.text(text); // typed by people: none may run as a formula when the file is opened
        }
        if (cell instanceof Double || cell instanceof Float) {
            java.math.BigDecimal value = java.math.BigDecimal.valueOf(((Number) cell).doubleValue()).stripTrailingZeros();
            return (value.scale() <= 0 ? value.setScale(0) : value).toPlainString().replace('.', ',');
        }
        return cell;
    }

    /** The file's name: the network, the period and the partner or location it is filtered by, as far as a name allows. */
    static String fileName(KpiQuery query, String suffix) {
        StringBuilder name = new StringBuilder("kpi-").append(query.network()).append('-').append(query.period());
        query.partner().ifPresent(p -> name.append("-partner-").append(safe(p)));
        query.location().ifPresent(l -> name.append("-location-").append(safe(l)));
        return name.append(suffix).toString();
    }

    private static String safe(String value) {
        String plain = java.text.Normalizer.normalize(value, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .replaceAll("[^A-Za-z0-9_-]+", "_");
        return plain.length() > 40 ? plain.substring(0, 40) : plain;
    }

    @GetMapping("/api/kpis/export.csv")
    ResponseEntity<byte[]> csv(@RequestParam String network, @RequestParam String period, @RequestParam String table,
                               @RequestParam Optional<String> partner, @RequestParam Optional<String> location) {
        KpiQuery query = KpiAccess.allowed(new KpiQuery(network, period, partner, location));
        KpiDocument document = kpis.document(query);
        Map<String, List<List<Object>>> tables = tables(document, kpis.previous(query, document).orElse(null), filtered(query));
        List<List<Object>> rows = tables.get(table);
        if (rows == null) {
            throw ApiException.badRequest("table is one of " + tables.keySet()
                    + (filtered(query) ? " (downloads, external channels and targets belong to the network: not for a partner or location)" : ""));
        }
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = CSVFormat.Builder.create(CSVFormat.DEFAULT).setDelimiter(';').get().print(out)) {
            for (List<Object> row : rows) {
                printer.printRecord(row.stream().map(KpiExports::csvCell).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file(("\uFEFF" + out).getBytes(StandardCharsets.UTF_8), new MediaType("text", "csv", StandardCharsets.UTF_8),
                fileName(query, "-" + table + ".csv"));
    }

    @GetMapping("/api/kpis/export.xlsx")
    ResponseEntity<byte[]> xlsx(@RequestParam String network, @RequestParam String period,
                                @RequestParam Optional<String> partner, @RequestParam Optional<String> location) {
        KpiQuery query = KpiAccess.allowed(new KpiQuery(network, period, partner, location));
        KpiDocument document = kpis.document(query);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            Workbook workbook = new Workbook(bytes, "STEM Reach", "1.0");
            for (Map.Entry<String, List<List<Object>>> table : tables(document, kpis.previous(query, document).orElse(null), filtered(query)).entrySet()) {
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
                fileName(query, ".xlsx"));
    }

    private static ResponseEntity<byte[]> file(byte[] body, MediaType type, String name) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .body(body);
    }


}
