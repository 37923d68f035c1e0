package org.stemreach.registrations.web;

import org.stemreach.registrations.activity.Grade;
import org.stemreach.registrations.registration.School;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The registration form of the activity page (one teacher, or a school with its teachers). */
public class RegistrationForm {

    /** The most teachers one team registration takes (as the API). */
    static final int MAX_TEAM = 30;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,190}\\.[^@\\s]{2,63}");

    /**
     * The ids of the form's fields the problems are about, so that each can be marked ({@code aria-invalid}) and point to
     * its problem ({@code aria-describedby}), and a screen reader says which one is wrong.
     */
    static java.util.Set<String> invalidFields(List<String[]> problems) {
        java.util.Set<String> fields = new java.util.LinkedHashSet<>();
        problems.forEach(problem -> fields.addAll(fieldsOf(problem)));
        return fields;
    }

    /** The fields one problem is about (none for a rule of the activity); a problem may name them itself (third element). */
    static List<String> fieldsOf(String[] problem) {
        if (problem.length > 2) {
            return List.of(problem[2].split(","));
        }
        String argument = problem.length > 1 ? problem[1] : null;
        return switch (problem[0]) {
            case "field.required" -> List.of(switch (String.valueOf(argument)) {
                case "register.name" -> "name";
                case "register.school" -> "school";
                default -> String.valueOf(argument);
            });
            case "field.email" -> List.of("email");
            case "field.grade" -> List.of("grade");
            case "field.consent" -> List.of("consent");
            case "field.postcode" -> List.of("postcode");
            case "field.member" -> {
                int row = Integer.parseInt(argument) - 1;
                yield List.of("member-name-" + row, "member-email-" + row, "member-grade-" + row);
            }
            case "field.memberEmail" -> List.of("member-email-" + (Integer.parseInt(argument) - 1));
            default -> List.of();
        };
    }

    /** One address a mail can be sent to, exactly as typed (no name, no second address after a comma). */
    static boolean mailable(String email) {
        String address = email.strip();
        if (!EMAIL.matcher(address).matches()) {
            return false;
        }
        try {
            jakarta.mail.internet.InternetAddress[] parsed = jakarta.mail.internet.InternetAddress.parse(address, true);
            return parsed.length == 1 && parsed[0].getPersonal() == null && address.equals(parsed[0].getAddress());
        } catch (jakarta.mail.internet.AddressException e) {
            return false;
        }
    }

    private String name;
    private String email;
    private String school;
    private String postcode;
    private Grade grade;
    private String role;
    private boolean consent;
    private List<Member> members = new ArrayList<>();

    public static class Member {
        private String name;
        private String email;
        private Grade grade;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getEmail() {
            return email;
        }

        public void setEmail(String email) {
            this.email = email;
        }

        public Grade getGrade() {
            return grade;
        }

        public void setGrade(Grade grade) {
            this.grade = grade;
        }

        boolean isEmpty() {
            return blank(name) && blank(email);
        }
    }

    /** An empty form; a team form gets a row for each teacher a school may send ({@code teamSize}, at most {@link #MAX_TEAM}). */
    static RegistrationForm empty(boolean team, int teamSize) {
        RegistrationForm form = new RegistrationForm();
        form.padMembers(team, teamSize);
        return form;
    }

    void padMembers(boolean team, int teamSize) {
        while (team && members.size() < Math.min(Math.max(teamSize, 1), MAX_TEAM)) {
            members.add(new Member());
        }
    }

    /** A field longer than the API takes (a browser stops at its maxlength; a hand-made request may not). */
    private static void tooLong(List<String[]> problems, String value, int max, String label, String field) {
        if (value != null && value.strip().length() > max) {
            problems.add(new String[]{"field.tooLong", label, field});
        }
    }

    /** Message codes (with their single argument: a message code, or a teacher's number on the form) of everything missing or wrong. */
    List<String[]> problems(boolean team) {
        List<String[]> problems = new ArrayList<>();
        if (!consent) {
            problems.add(new String[]{"field.consent"});
        }
        if (team) {
            if (blank(school)) {
                problems.add(new String[]{"field.required", "register.school"});
            }
            // Said per teacher (numbered as on the form), so the reader finds the row.
            for (int row = 0; row < members.size(); row++) {
                Member member = members.get(row);
                if (member.isEmpty()) {
                    continue;
                }
                if (blank(member.name) || blank(member.email) || member.grade == null) {
                    // Said for the row, marked on the fields left empty only.
                    List<String> missing = new ArrayList<>();
                    if (blank(member.name)) {
                        missing.add("member-name-" + row);
                    }
                    if (blank(member.email)) {
                        missing.add("member-email-" + row);
                    }
                    if (member.grade == null) {
                        missing.add("member-grade-" + row);
                    }
                    problems.add(new String[]{"field.member", String.valueOf(row + 1), String.join(",", missing)});
                } else if (!mailable(member.email)) {
                    problems.add(new String[]{"field.memberEmail", String.valueOf(row + 1)});
                }
            }
        } else {
            if (blank(name)) {
                problems.add(new String[]{"field.required", "register.name"});
            }
            if (blank(email) || !mailable(email)) {
                problems.add(new String[]{"field.email"});
            }
            if (grade == null) {
                problems.add(new String[]{"field.grade"});
            }
        }
        if (postcode != null && !POSTCODE.matcher(postcode).matches()) {
            problems.add(new String[]{"field.postcode"});
        }
        tooLong(problems, school, 200, "register.school", "school");
        if (team) {
            for (int row = 0; row < members.size(); row++) {
                tooLong(problems, members.get(row).name, 120, "register.name", "member-name-" + row);
                tooLong(problems, members.get(row).email, 254, "register.email", "member-email-" + row);
            }
        } else {
            tooLong(problems, name, 120, "register.name", "name");
            tooLong(problems, email, 254, "register.email", "email");
            tooLong(problems, role, 80, "register.roleName", "role");
        }
        return problems;
    }

    /** As the API takes it. */
    static final Pattern POSTCODE = Pattern.compile(School.POSTCODE_PATTERN);

    List<Member> filledMembers() {
        return members.stream().filter(m -> !m.isEmpty()).toList();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getSchool() {
        return school;
    }

    public void setSchool(String school) {
        this.school = school;
    }

    public String getPostcode() {
        return postcode;
    }

    public void setPostcode(String postcode) {
        this.postcode = postcode;
    }

    public Grade getGrade() {
        return grade;
    }

    public void setGrade(Grade grade) {
        this.grade = grade;
    }

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    public boolean isConsent() {
        return consent;
    }

    public void setConsent(boolean consent) {
        this.consent = consent;
    }

    public List<Member> getMembers() {
        return members;
    }

    public void setMembers(List<Member> members) {
        this.members = members;
    }
}
