package org.stemreach.registrations.imports;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.stemreach.kit.security.Caller;
import org.stemreach.registrations.activity.OpsAccess;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;

/** Upload of a past activity log (CSV), as a file or as the request body. */
@RestController
class ImportApi {

    private final PastLogImport imports;

    private final org.stemreach.registrations.activity.ActivityFinder finder;

    ImportApi(PastLogImport imports, org.stemreach.registrations.activity.ActivityFinder finder) {
        this.imports = imports;
        this.finder = finder;
    }

    /**
     * A log; {@code newNetworks}: the networks no activity has yet that an administrator's file may start (others refused
     * by line, as a label typed wrong).
     */
    @PostMapping(path = "/api/ops/imports", consumes = "text/csv", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> importBody(@RequestBody byte[] csv, @RequestHeader(HttpHeaders.CONTENT_TYPE) MediaType type,
                                 @org.springframework.web.bind.annotation.RequestParam(required = false) List<String> newNetworks) {
        return importText(csv, type, newNetworks);
    }

    @PostMapping(path = "/api/ops/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> importFile(@RequestPart("file") MultipartFile file,
                                 @org.springframework.web.bind.annotation.RequestParam(required = false) List<String> newNetworks) throws IOException {
        MediaType type;
        try {
            type = file.getContentType() == null ? null : MediaType.parseMediaType(file.getContentType());
        } catch (InvalidMediaTypeException e) {
            type = null; // a browser's guess at the file's type: only a charset it names counts
        }
        return importText(file.getBytes(), type, newNetworks);
    }

    /** In the charset the sender declared, if any; else UTF-8 or Windows-1252 ({@link PastLogParser#decode(byte[])}). */
    private ResponseEntity<?> importText(byte[] csv, MediaType type, List<String> newNetworks) {
        String text;
        try {
            text = PastLogParser.decode(csv, type == null ? null : type.getCharset());
        } catch (PastLogParser.NotInDeclaredCharsetException e) {
            return answer(new PastLogImport.Report(0, 0, List.of(e.error())));
        }
        return answer(imports.importLog(new StringReader(text), allowed(), OpsAccess.knownOrNew(finder, newNetworks)));
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
