package dev.widescan.sigma;

import static dev.widescan.sigma.Detections.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rule file that is not UTF-8 names the line and byte of the first bad byte, and a UTF-16 file (Windows
 * Notepad's "Unicode", PowerShell 5.1's Out-File) is named as such with what to do. Before: "rule file is not
 * valid UTF-8" with no place (a Windows-1252 'ë' in an author's name), and a UTF-16 file without a byte order
 * mark was "invalid YAML: special characters are not allowed", no line, no word of its encoding.
 */
class RuleFileEncodingTest {
    @TempDir
    Path dir;

    private static final String RULE = yaml("sel:\n  CommandLine|contains: whoami\ncondition: sel");

    private SigmaRuleException load(String name, byte[] bytes) throws IOException {
        Path p = Files.write(dir.resolve(name), bytes);
        return assertThrows(SigmaRuleException.class, () -> RuleLoader.load(List.of(p), false));
    }

    private static byte[] bytes(Charset cs, boolean bom) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(((bom ? "\uFEFF" : "") + RULE).getBytes(cs));
        return out.toByteArray();
    }

    @Test
    void aRuleFileThatIsNotUtf8NamesTheLineAndByte() throws IOException {
        String text = RULE.replace("title: t", "title: t\nauthor: Zo\u00EB M\u00FCller");
        SigmaRuleException e = load("cp1252.yml", text.getBytes(Charset.forName("windows-1252")));
        assertEquals(dir.resolve("cp1252.yml") + ":2: rule file is not valid UTF-8: byte 0xEB at column 11 (save it as UTF-8)",
                e.getMessage());
        assertEquals("not UTF-8", e.category());
    }

    @Test
    void aUtf16RuleFileIsNamedAsSuch() throws IOException {
        for (Object[] c : new Object[][] {{StandardCharsets.UTF_16LE, true}, {StandardCharsets.UTF_16LE, false},
            {StandardCharsets.UTF_16BE, true}, {StandardCharsets.UTF_16BE, false}}) {
            SigmaRuleException e = load("u16.yml", bytes((Charset) c[0], (Boolean) c[1]));
            assertTrue(e.getMessage().startsWith(dir.resolve("u16.yml") + ": rule file is UTF-16") && e.getMessage().contains("save it as UTF-8"),
                    c[0] + " " + c[1] + ": " + e.getMessage());
            assertEquals("not UTF-8", e.category());
        }
        Path ok = Files.write(dir.resolve("ok.yml"), bytes(StandardCharsets.UTF_8, true));
        assertEquals(1, RuleLoader.load(List.of(ok), false).rules().size(), "UTF-8 with a byte order mark loads");
    }
}
