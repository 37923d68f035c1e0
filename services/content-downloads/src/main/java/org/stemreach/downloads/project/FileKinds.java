package org.stemreach.downloads.project;

import org.stemreach.model.downloads.AssetKind;

import java.util.Arrays;
import java.util.Locale;

/** Which file each asset kind must be, recognised by its magic bytes rather than the declared name or type. */
public final class FileKinds {

    private static final byte[] PDF = "%PDF-".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] ZIP = {'P', 'K', 3, 4};

    private FileKinds() {
    }

    public static String contentType(AssetKind kind) {
        return switch (kind) {
            case SHEET -> "application/pdf";
            case MATERIAL -> "application/zip";
        };
    }

    public static String extension(AssetKind kind) {
        return switch (kind) {
            case SHEET -> ".pdf";
            case MATERIAL -> ".zip";
        };
    }

    /** True when the first bytes of the file are those of the kind's format. */
    public static boolean matches(AssetKind kind, byte[] head) {
        byte[] magic = kind == AssetKind.SHEET ? PDF : ZIP;
        return head.length >= magic.length && Arrays.equals(head, 0, magic.length, magic, 0, magic.length);
    }

    /** Parses the path segment: {@code sheet} or {@code material}. */
    public static AssetKind parse(String segment) {
        return switch (segment.toLowerCase(Locale.ROOT)) {
            case "sheet" -> AssetKind.SHEET;
            case "material" -> AssetKind.MATERIAL;
            default -> throw new IllegalArgumentException("asset kind is 'sheet' (project sheet, PDF) or 'material' (lesson material, ZIP), not '" + segment + "'");
        };
    }
}
