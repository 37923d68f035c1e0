package org.stemreach.local;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The local platform's mail catcher: an SMTP server (GreenMail) that keeps every mail the services send, and a
 * page listing them (newest first), so an operator sees what teachers would receive. Nothing leaves the machine.
 */
final class MailCatcher {

    private final int smtpPort;
    private final int webPort;
    private GreenMail smtp;
    private HttpServer web;

    MailCatcher(int smtpPort, int webPort) {
        this.smtpPort = smtpPort;
        this.webPort = webPort;
    }

    void start() {
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            web = HttpServer.create(new InetSocketAddress("127.0.0.1", webPort), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        web.createContext("/", exchange -> {
            byte[] page = page().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        web.start();
    }

    String url() {
        return "http://localhost:" + webPort;
    }

    int smtpPort() {
        return smtpPort;
    }

    private String page() {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>Verzonden mails</title>"
                + "<style>body{font-family:system-ui,sans-serif;max-width:900px;margin:20px auto}article{border:1px solid #ccc;"
                + "border-radius:6px;padding:8px 16px;margin:12px 0}pre{white-space:pre-wrap}</style></head><body>"
                + "<h1>Verzonden mails (lokaal platform)</h1>");
        MimeMessage[] messages = smtp.getReceivedMessages();
        if (messages.length == 0) {
            html.append("<p>Nog geen mails.</p>");
        }
        Arrays.stream(messages).sorted(Comparator.comparing(MailCatcher::sent).reversed()).forEach(message -> {
            try {
                html.append("<article><p><strong>").append(escape(message.getSubject())).append("</strong><br>aan ")
                        .append(escape(Arrays.toString(message.getAllRecipients()))).append(" · ").append(sent(message))
                        .append("</p><pre>").append(escape(text(message))).append("</pre></article>");
            } catch (MessagingException e) {
                html.append("<article>unreadable mail</article>");
            }
        });
        return html.append("</body></html>").toString();
    }

    private static java.util.Date sent(MimeMessage message) {
        try {
            return message.getSentDate() == null ? new java.util.Date(0) : message.getSentDate();
        } catch (MessagingException e) {
            return new java.util.Date(0);
        }
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    void stop() {
        if (web != null) {
            web.stop(0);
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    /** A mail's text as the reader sees it (decoded: no quoted-printable, the first text part of a multipart mail). */
    static String text(Part part) {
        try {
            Object content = part.getContent();
            if (content instanceof String text) {
                return text;
            }
            if (content instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    if (multipart.getBodyPart(i).isMimeType("text/*")) {
                        return text(multipart.getBodyPart(i));
                    }
                }
            }
        } catch (Exception e) {
            // Shown as it came.
        }
        return part instanceof jakarta.mail.internet.MimeMessage message ? GreenMailUtil.getBody(message) : "";
    }
}
