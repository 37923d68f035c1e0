package org.stemreach.downloads.download;

import org.junit.jupiter.api.Test;
import org.springframework.http.ContentDisposition;

import static org.assertj.core.api.Assertions.assertThat;

class AttachmentHeaderTest {

    @Test
    void theHeaderCarriesTheNameInUtf8() {
        String header = DownloadController.attachment("Ideeën voor één les.pdf");

        assertThat(ContentDisposition.parse(header).getFilename()).isEqualTo("Ideeën voor één les.pdf");
        assertThat(header).startsWith("attachment; filename=\"Ideeen voor een les.pdf\"; filename*=UTF-8''").matches("\\p{ASCII}*");
        assertThat(DownloadController.attachment("Урок \"1\".zip")).startsWith("attachment; filename=\"____ _1_.zip\"");
    }
}
