package org.stemreach.downloads.project;

import org.junit.jupiter.api.Test;
import org.stemreach.downloads.TestFiles;

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
        assertThatThrownBy(() -> ZipInspector.entries(TestFiles.zip("ok.txt", "../../evil.sh")))
                .isInstanceOf(ProjectCatalog.InvalidAssetException.class).hasMessageContaining("unsafe path");
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
}
