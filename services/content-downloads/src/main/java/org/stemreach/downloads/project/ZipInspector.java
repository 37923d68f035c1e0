package org.stemreach.downloads.project;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Lists the documents in a lesson-material ZIP and refuses archives that would write outside the folder they
 * are unpacked into (path traversal: {@code ../}, absolute paths, drive letters), empty archives and archives
 * that are not readable.
 */
public final class ZipInspector {

    static final int MAX_ENTRIES = 2000;

    private ZipInspector() {
    }

    public static List<String> entries(byte[] zip) {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                String name = entry.getName();
                if (unsafe(name)) {
                    throw new ProjectCatalog.InvalidAssetException("the ZIP contains an unsafe path: " + name);
                }
                if (!entry.isDirectory()) {
                    names.add(name);
                }
                if (names.size() > MAX_ENTRIES) {
                    throw new ProjectCatalog.InvalidAssetException("the ZIP holds more than " + MAX_ENTRIES + " files");
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new ProjectCatalog.InvalidAssetException("the ZIP cannot be read: " + e.getMessage());
        }
        if (names.isEmpty()) {
            throw new ProjectCatalog.InvalidAssetException("the ZIP contains no documents");
        }
        return names;
    }

    static boolean unsafe(String name) {
        String path = name.replace('\\', '/');
        if (path.startsWith("/") || path.matches("^[A-Za-z]:.*") || path.contains("\0")) {
            return true;
        }
        for (String segment : path.split("/")) {
            if (segment.equals("..")) {
                return true;
            }
        }
        return false;
    }
}
