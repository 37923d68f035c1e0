package org.stemreach.local;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The mail page shows a mail as its reader would: decoded, so a personal link can be copied from it. */
class MailCatcherTest {

    private static MimeMessage asSent(MimeMessage message) throws Exception {
        message.saveChanges();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        message.writeTo(wire);
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(wire.toByteArray()));
    }

    @Test
    void aQuotedPrintableMailIsShownDecoded() throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setText("Dag Chloë, je link: http://localhost:8080/registrations/my?token=abc.def=" + "x".repeat(80), "UTF-8");
        message.setHeader("Content-Transfer-Encoding", "quoted-printable");

        String shown = MailCatcher.text(asSent(message));

        assertThat(shown).contains("Chloë").contains("my?token=abc.def=" + "x".repeat(80)).doesNotContain("=C3=AB");
    }

    @Test
    void ofAMultipartMailItsTextPart() throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        MimeMultipart parts = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Dag Zoë", "UTF-8");
        parts.addBodyPart(text);
        message.setContent(parts);

        assertThat(MailCatcher.text(asSent(message))).isEqualTo("Dag Zoë");
    }
}
