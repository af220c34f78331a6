package org.vendorwatch.platform.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The repository's {@code docs/} folder, shipped in the jar, at {@code /docs/NAME.md}. Markdown reads
 * well as text, and browsers would offer {@code text/markdown} as a download, so it is served as
 * UTF-8 plain text. {@code /docs/} is the index (docs/README.md).
 */
@RestController
public class DocsController {

    static final MediaType TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);

    @GetMapping({"/docs", "/docs/"})
    public ResponseEntity<byte[]> index() throws IOException {
        return doc("README");
    }

    @GetMapping("/docs/{name:[A-Za-z0-9-]+}.md")
    public ResponseEntity<byte[]> doc(@PathVariable String name) throws IOException {
        ClassPathResource file = new ClassPathResource("docs/" + name + ".md");
        if (!file.exists()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        try (InputStream in = file.getInputStream()) {
            return ResponseEntity.ok()
                    .contentType(TEXT)
                    .header("Cache-Control", "public, max-age=300")
                    .body(in.readAllBytes());
        }
    }
}
