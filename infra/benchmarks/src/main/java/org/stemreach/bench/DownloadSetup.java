package org.stemreach.bench;

import org.stemreach.demo.GatewaySession;

import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Prepares the download benchmark: a published project whose lesson material is a ZIP of the given size
 * (stored, not compressed, with random content), uploaded through the gateway; the same file is written to
 * {@code --out} for nginx. Prints the download path of the service.
 */
final class DownloadSetup {

    private DownloadSetup() {
    }

    static void run(Options options) throws Exception {
        int size = options.getInt("size", 2 * 1024 * 1024);
        Path out = Path.of(options.get("out", "/tmp/stemreach-bench/lesmateriaal.zip"));
        byte[] zip = zip(size);
        Files.createDirectories(out.getParent());
        Files.write(out, zip);

        GatewaySession ops = new GatewaySession(options.get("gateway", "http://localhost:8080"), options.get("user", "admin"),
                options.get("password", "stemreach"));
        String id = project(ops, "ISTEM", "material", "lesmateriaal.zip", zip);
        System.out.println("/api/projects/" + id + "/assets/material");
    }

    /** A published project of the network with a small project sheet (PDF); returns its id. */
    static String smallProject(GatewaySession ops, String network) throws Exception {
        byte[] pdf = "%PDF-1.4\n% benchmark\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        return project(ops, network, "sheet", "projectfiche.pdf", pdf);
    }

    /** Creates a project with one asset through the gateway; returns its id. */
    static String project(GatewaySession ops, String network, String kind, String filename, byte[] content) throws Exception {
        String created = ops.call("POST", "/content/api/projects", "{\"network\":\"" + network + "\",\"title\":\"Benchmark " + UUID.randomUUID() + "\"}");
        String id = new JsonMapper().readTree(created).get("id").asString();
        String boundary = "bench" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        int status = ops.sendMultipart("/content/api/projects/" + id + "/assets/" + kind, boundary, body.toByteArray());
        if (status != 200) {
            throw new IllegalStateException("upload failed with " + status);
        }
        return id;
    }

    static byte[] zip(int size) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(0);
            byte[] content = new byte[Math.max(1, size - 200)];
            new Random(42).nextBytes(content);
            zip.putNextEntry(new ZipEntry("les1/lesmateriaal.bin"));
            zip.write(content);
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
