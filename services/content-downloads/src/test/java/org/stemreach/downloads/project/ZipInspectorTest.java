package org.stemreach.downloads.project;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.stemreach.downloads.TestFiles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ZipInspectorTest {

    @Test
    void listsTheDocuments() {
        assertThat(ZipInspector.entries(TestFiles.zip("les1/werkblad.docx", "les1/", "handleiding.pdf")))
                .containsExactly("les1/werkblad.docx", "handleiding.pdf");
    }

    @Test
    void refusesPathsThatLeaveTheFolder() {
        for (String evil : new String[]{"../evil.sh", "les/../../etc/passwd", "/etc/passwd", "C:\\\\Windows\\\\x.dll", "a\\\\..\\\\..\\\\b"}) {
            assertThat(ZipInspector.unsafe(evil.replace("\\\\", "\\"))).as(evil).isTrue();
        }
        assertThat(ZipInspector.unsafe("les1/..werkblad.docx")).isFalse();
        for (String hidden : new String[]{"werkblad\u202Efdp.exe", "les1/\u2066x\u2069.docx", "a\u0007b.pdf", "a\nb.pdf", "\u200Fles.pdf"}) {
            assertThat(ZipInspector.unsafe(hidden)).as("a name that shows something else than it is").isTrue();
        }
        assertThat(ZipInspector.unsafe("les 1/wérkblad – ✓.docx")).as("letters, dashes and signs of any script are fine").isFalse();
        assertThat(ZipInspector.visible("werkblad\u202Efdp.exe")).isEqualTo("werkblad\\u202Efdp.exe");
        assertThatThrownBy(() -> ZipInspector.entries(TestFiles.zip("ok.txt", "../../evil.sh")))
                .isInstanceOf(ProjectCatalog.InvalidAssetException.class).hasMessageContaining("unsafe path");
    }

    @Test
    void refusesAnArchiveThatUnpacksToFarMoreThanItWeighsWhateverItsHeadersSay() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("les1/nullen.txt"));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 3; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        byte[] bomb = bytes.toByteArray();

        assertThat(bomb.length).isLessThan(20_000);
        assertThatThrownBy(() -> ZipInspector.entries(bomb, 2 * 1024 * 1024)).isInstanceOf(ProjectCatalog.InvalidAssetException.class)
                .hasMessageContaining("unpacks to more than 2 MB");
        assertThat(ZipInspector.entries(bomb, 4 * 1024 * 1024)).containsExactly("les1/nullen.txt");

        // The central directory made to declare 1 byte: what actually unpacks is counted.
        byte[] lying = bomb.clone();
        for (int i = lying.length - 22; i >= 0; i--) {
            if (lying[i] == 0x50 && lying[i + 1] == 0x4b && lying[i + 2] == 0x01 && lying[i + 3] == 0x02) {
                lying[i + 24] = 1;
                lying[i + 25] = 0;
                lying[i + 26] = 0;
                lying[i + 27] = 0;
                break;
            }
        }
        assertThatThrownBy(() -> ZipInspector.entries(lying, 2 * 1024 * 1024)).isInstanceOf(ProjectCatalog.InvalidAssetException.class)
                .hasMessageContaining("unpacks to more than 2 MB");
    }

    @Test
    void refusesSymbolicLinks() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            ZipArchiveEntry link = new ZipArchiveEntry("les1/x");
            link.setUnixMode(0120777); // a symbolic link to ../../..
            zip.putArchiveEntry(link);
            zip.write("../../..".getBytes(StandardCharsets.UTF_8));
            zip.closeArchiveEntry();
            zip.putArchiveEntry(new ZipArchiveEntry("les1/x/evil.sh"));
            zip.write("echo".getBytes(StandardCharsets.UTF_8));
            zip.closeArchiveEntry();
        }

        assertThatThrownBy(() -> ZipInspector.entries(bytes.toByteArray())).isInstanceOf(ProjectCatalog.InvalidAssetException.class)
                .hasMessageContaining("symbolic link: les1/x");
    }

    @Test
    void refusesLocalEntriesItsDirectoryDoesNotList() {
        // An archive in front of another: unzip tools read the last directory (one harmless document), tools that unpack
        // from the stream write the first archive's entries too.
        byte[] hidden = TestFiles.zip("les9/verborgen.sh");
        byte[] shown = TestFiles.zip("les1/werkblad.docx");
        byte[] both = java.util.Arrays.copyOf(hidden, hidden.length + shown.length);
        System.arraycopy(shown, 0, both, hidden.length, shown.length);

        assertThatThrownBy(() -> ZipInspector.entries(both)).isInstanceOf(ProjectCatalog.InvalidAssetException.class)
                .hasMessageContaining("does not list: les9/verborgen.sh");
    }

    @Test
    void refusesADirectoryThatListsEntriesNoLocalHeaderHolds() {
        byte[] zip = TestFiles.zip("les1/a.txt", "les1/b.txt");
        // The second local header's signature broken: a reader of the stream stops there, the directory still lists both.
        int second = -1;
        for (int i = 4, found = 0; i < zip.length - 4; i++) {
            if (zip[i] == 0x50 && zip[i + 1] == 0x4b && zip[i + 2] == 0x03 && zip[i + 3] == 0x04 && ++found == 1) {
                second = i;
                break;
            }
        }
        assertThat(second).isPositive();
        zip[second + 3] = 0x09;

        assertThatThrownBy(() -> ZipInspector.entries(zip)).isInstanceOf(ProjectCatalog.InvalidAssetException.class)
                .hasMessageContaining("local headers do not hold");
    }

    @Test
    void refusesEmptyAndBrokenArchives() {
        assertThatThrownBy(() -> ZipInspector.entries(TestFiles.zip())).hasMessageContaining("no documents");
        byte[] broken = TestFiles.zip("a.txt");
        broken[10] ^= 0x7f;
        broken[30] ^= 0x7f;
        assertThatThrownBy(() -> ZipInspector.entries(java.util.Arrays.copyOf(broken, 20)))
                .isInstanceOf(ProjectCatalog.InvalidAssetException.class);
    }

    private static byte[] zip(Charset names, String... entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes, names)) {
            for (String entry : entries) {
                out.putNextEntry(new ZipEntry(entry));
                out.write(("inhoud van " + entry).getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void readsNamesInUtf8AndInTheCodePageWindowsExplorerUses() throws IOException {
        assertThat(ZipInspector.entries(zip(StandardCharsets.UTF_8, "les1/proefjes_één.docx", "les2/")))
                .containsExactly("les1/proefjes_één.docx");
        // Written without the UTF-8 flag, in CP437: as Windows Explorer's "compressed folder" does.
        assertThat(ZipInspector.entries(zip(Charset.forName("IBM437"), "les1/proefjes_één.docx", "les1/ideeën.pdf")))
                .containsExactly("les1/proefjes_één.docx", "les1/ideeën.pdf");
    }

    @Test
    void refusesUnsafePathsEmptyArchivesAndWhatIsNoZip() throws IOException {
        assertThatThrownBy(() -> ZipInspector.entries(zip(Charset.forName("IBM437"), "les1/ok.txt", "..\\..\\windows\\evil.bat")))
                .isInstanceOf(ProjectCatalog.InvalidAssetException.class).hasMessageContaining("unsafe path");
        assertThatThrownBy(() -> ZipInspector.entries(zip(StandardCharsets.UTF_8, "map/")))
                .isInstanceOf(ProjectCatalog.InvalidAssetException.class).hasMessageContaining("no documents");
        assertThatThrownBy(() -> ZipInspector.entries("geen zip".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ProjectCatalog.InvalidAssetException.class).hasMessageContaining("cannot be read");
    }
}
