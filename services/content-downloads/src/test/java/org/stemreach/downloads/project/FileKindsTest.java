package org.stemreach.downloads.project;

import org.junit.jupiter.api.Test;
import org.stemreach.downloads.TestFiles;
import org.stemreach.model.downloads.AssetKind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileKindsTest {

    @Test
    void recognisesFilesByTheirMagicBytes() {
        assertThat(FileKinds.matches(AssetKind.SHEET, TestFiles.pdf("x"))).isTrue();
        assertThat(FileKinds.matches(AssetKind.MATERIAL, TestFiles.zip("a.txt"))).isTrue();
        assertThat(FileKinds.matches(AssetKind.SHEET, TestFiles.zip("a.txt"))).isFalse();
        assertThat(FileKinds.matches(AssetKind.MATERIAL, TestFiles.pdf("x"))).isFalse();
        assertThat(FileKinds.matches(AssetKind.SHEET, new byte[]{'%', 'P'})).isFalse();
    }

    @Test
    void parsesPathSegments() {
        assertThat(FileKinds.parse("sheet")).isEqualTo(AssetKind.SHEET);
        assertThat(FileKinds.parse("MATERIAL")).isEqualTo(AssetKind.MATERIAL);
        assertThatThrownBy(() -> FileKinds.parse("video")).isInstanceOf(IllegalArgumentException.class);
    }
}
