package org.stemreach.registrations.imports;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.stemreach.kit.security.Caller;
import org.stemreach.registrations.activity.OpsAccess;

import java.io.IOException;
import java.io.StringReader;

/** Upload of a past activity log (CSV), as a file or as the request body. */
@RestController
class ImportApi {

    private final PastLogImport imports;

    ImportApi(PastLogImport imports) {
        this.imports = imports;
    }

    @PostMapping(path = "/api/ops/imports", consumes = "text/csv", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> importBody(@RequestBody byte[] csv) {
        return answer(imports.importLog(new StringReader(PastLogParser.decode(csv)), allowed()));
    }

    @PostMapping(path = "/api/ops/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> importFile(@RequestPart("file") MultipartFile file) throws IOException {
        return answer(imports.importLog(new StringReader(PastLogParser.decode(file.getBytes())), allowed()));
    }

    private static java.util.function.Predicate<String> allowed() {
        Caller caller = OpsAccess.caller();
        return caller::canOperate;
    }

    static ResponseEntity<?> answer(PastLogImport.Report report) {
        if (report.errors().isEmpty()) {
            return ResponseEntity.ok(report);
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                report.errors().size() + " problem(s) in the file; nothing was imported");
        problem.setTitle("Invalid activity log");
        problem.setProperty("errors", report.errors());
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
