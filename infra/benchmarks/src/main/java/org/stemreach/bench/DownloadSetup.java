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
        String created = ops.send("POST", "/content/api/projects", "{\"network\":\"ISTEM\",\"title\":\"Benchmark " + UUID.randomUUID() + "\"}").body();
        String id = new JsonMapper().readTree(created).get("id").asString();
        String boundary = "bench" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"lesmateriaal.zip\"\r\n"
                + "Content-Type: application/zip\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(zip);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        int status = ops.sendMultipart("/content/api/projects/" + id + "/assets/material", boundary, body.toByteArray());
        if (status != 200) {
            throw new IllegalStateException("upload failed with " + status);
        }
        System.out.println("/api/projects/" + id + "/assets/material");
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
