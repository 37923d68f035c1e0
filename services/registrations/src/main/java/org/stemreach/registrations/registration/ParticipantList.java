package org.stemreach.registrations.registration;

import org.springframework.stereotype.Service;
import org.stemreach.registrations.activity.Activity;
import org.stemreach.registrations.activity.Entry;
import org.stemreach.registrations.activity.Participant;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** An activity's registrations with the teachers' personal data, for its operations team (and the CSV export). */
@Service
public class ParticipantList {

    private final TeacherDirectory teachers;
    private final SchoolDirectory schools;

    public ParticipantList(TeacherDirectory teachers, SchoolDirectory schools) {
        this.teachers = teachers;
        this.schools = schools;
    }

    /**
     * One teacher of one registration. A forgotten teacher shows as anonymous.
     *
     * @param attendedSessions the sessions the teacher was checked in for
     * @param anonymous        whether the teacher asked to be forgotten (their name then reads "(anoniem)"; pages say it in
     *                         their language)
     * @param missedSessions   the sessions the teacher was marked absent from (no-shows); a session in neither list has no
     *                         attendance recorded
     */
    public record Row(String registrationId, String status, int waitlistPosition, String teacherId, String name, String email,
                      String school, String grade, List<String> attendedSessions, boolean anonymous, List<String> missedSessions) {
    }

    public List<Row> rows(Activity activity) {
        Set<String> teacherIds = new HashSet<>();
        Set<String> schoolIds = new HashSet<>();
        for (Entry entry : activity.entries()) {
            teacherIds.addAll(entry.teacherIds());
            if (entry.schoolId() != null) {
                schoolIds.add(entry.schoolId());
            }
        }
        Map<String, Teacher> people = teachers.findAll(teacherIds);
        Map<String, School> schoolNames = schools.findAll(schoolIds);
        List<Row> rows = new ArrayList<>();
        for (Entry entry : activity.entries()) {
            for (Participant participant : entry.participants()) {
                Teacher teacher = people.get(participant.teacherId());
                boolean known = teacher != null && !teacher.isForgotten();
                String school = entry.schoolId() != null && schoolNames.containsKey(entry.schoolId())
                        ? schoolNames.get(entry.schoolId()).name() : known ? teacher.school() : null;
                rows.add(new Row(entry.id(), entry.status().name(), activity.waitlistPosition(entry), participant.teacherId(),
                        known ? teacher.name() : "(anoniem)", known ? teacher.email() : null, school,
                        participant.grade() == null ? null : participant.grade().name(), List.copyOf(participant.attended()), !known,
                        List.copyOf(participant.missed())));
            }
        }
        return rows;
    }
}
