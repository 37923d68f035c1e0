package org.stemreach.registrations.notify;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MailFailuresTest {

    private static final String ADDRESS = "jan.peeters@school.be";

    @Test
    void aRefusedAddressIsAFailureForGood() throws Exception {
        SendFailedException refused = new SendFailedException("550 5.1.1 <" + ADDRESS + ">: Recipient address rejected: User unknown",
                null, new Address[0], new Address[0], new Address[] {new InternetAddress(ADDRESS)});
        MailSendException failure = new MailSendException(Map.of(new Object(), refused));

        assertThat(MailFailures.addressRefused(failure)).isTrue();
        assertThat(MailFailures.addressRefused(refusedWith("553 sorry, that domain isn't in my list of allowed rcpthosts"))).isTrue();
    }

    @Test
    void aRefusalAboutTheServerItselfIsRetried() throws Exception {
        assertThat(MailFailures.addressRefused(refusedWith("550 5.7.1 <" + ADDRESS + ">: Relay access denied"))).isFalse();
        assertThat(MailFailures.addressRefused(refusedWith("530 5.7.0 Authentication required"))).isFalse();
        assertThat(MailFailures.addressRefused(refusedWith("554 5.7.1 Service unavailable; client host blocked"))).isFalse();
    }

    private static MailSendException refusedWith(String reply) throws Exception {
        SendFailedException refused = new SendFailedException(reply, null, new Address[0], new Address[0],
                new Address[] {new InternetAddress(ADDRESS)});
        return new MailSendException(Map.of(new Object(), new SendFailedException("Invalid Addresses", refused,
                new Address[0], new Address[0], new Address[] {new InternetAddress(ADDRESS)})));
    }

    @Test
    void aServerThatIsAwayIsNotAndTheRetriedFailureNamesNoAddress() {
        MailSendException away = new MailSendException("Mail server connection failed; message: 421 cannot send to <" + ADDRESS + ">",
                new MessagingException("Could not connect to SMTP host", new java.net.ConnectException("Connection refused")));
        SendFailedException later = new SendFailedException("451 4.3.0 <" + ADDRESS + ">: try again later", null,
                new Address[0], new Address[] {addressOf()}, new Address[0]);

        assertThat(MailFailures.addressRefused(away)).isFalse();
        assertThat(MailFailures.addressRefused(new MailSendException(Map.of(new Object(), later)))).isFalse();
        RuntimeException retried = MailFailures.notSent("confirmed", "event-1", "teacher-1", away);
        assertThat(retried.getMessage()).contains("event-1", "teacher-1").doesNotContain(ADDRESS);
        assertThat(retried.getCause()).as("the mail server's answer is not carried along").isNull();
        assertThat(retried.getStackTrace()).isEmpty();
    }

    private static Address addressOf() {
        try {
            return new InternetAddress(ADDRESS);
        } catch (jakarta.mail.internet.AddressException e) {
            throw new IllegalStateException(e);
        }
    }
}
