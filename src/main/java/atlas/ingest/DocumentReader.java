package atlas.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Entry point of ingest: reads a source document into tables of parsed rows.
 * Dispatch by extension, checked against the content: .txt (TAB-separated text export), .csv / .tsv, .xlsx
 * (must start with the ZIP signature 'PK'), .xls (OLE2; an .xlsx saved under the old name is read too), .docx
 * (Word tables). Empty files, unknown types and files that hold no table are errors naming the file.
 */
public final class DocumentReader {
    private DocumentReader() {
    }

    /** Reads a file; the extension (checked against the content) selects the reader. */
    public static ParsedDocument read(Path file) throws DocumentException {
        String name = file.getFileName().toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DocumentException(name, "cannot read file: " + e, e);
        }
        return read(name, bytes);
    }

    /** Reads a document given as bytes (e.g. an upload); the name's extension selects the reader. */
    public static ParsedDocument read(String fileName, byte[] bytes) throws DocumentException {
        if (bytes.length == 0) {
            throw new DocumentException(fileName, "the file is empty");
        }
        String ext = extension(fileName);
        boolean zip = bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;
        boolean ole = bytes.length >= 4 && (bytes[0] & 0xff) == 0xD0 && (bytes[1] & 0xff) == 0xCF
                && (bytes[2] & 0xff) == 0x11 && (bytes[3] & 0xff) == 0xE0;
        List<ParsedTable> tables;
        List<String> skipped = List.of();
        DocumentTitle title = DocumentTitle.NONE;
        switch (ext) {
            case "xlsx", "xlsm" -> {
                if (!zip) {
                    throw new DocumentException(fileName, "not an .xlsx workbook (it does not start with the ZIP signature 'PK')");
                }
                ReadTables read = XlsxReader.readAll(fileName, bytes);
                tables = read.tables();
                skipped = read.skipped();
            }
            case "xls" -> {
                if (!zip && !ole) {
                    throw new DocumentException(fileName, "not an .xls workbook (it does not start with the OLE2 signature"
                            + " D0 CF 11 E0); if it is a web page or text saved as .xls, save it as .xlsx or .csv");
                }
                ReadTables read = XlsxReader.readAll(fileName, bytes);
                tables = read.tables();
                skipped = read.skipped();
            }
            case "docx" -> {
                if (!zip) {
                    throw new DocumentException(fileName, "not a .docx document (it does not start with the ZIP signature 'PK')");
                }
                ReadTables read = DocxReader.readAll(fileName, bytes);
                tables = read.tables();
                skipped = read.skipped();
            }
            case "doc" -> throw new DocumentException(fileName, "legacy Word .doc files are not read; save it as .docx");
            case "csv", "tsv" -> {
                requireText(fileName, bytes, zip || ole);
                tables = List.of(CsvReader.read(fileName, TextDecoding.decode(bytes)));
            }
            case "txt" -> {
                requireText(fileName, bytes, zip || ole);
                String text = TextDecoding.decode(bytes);
                tables = TextTableReader.read(text);
                title = DocumentTitle.read(text.lines().toList());
                if (tables.isEmpty()) {
                    throw new DocumentException(fileName, "no table found: expected a title line such as '附表 4'"
                            + " followed by a TAB-separated header row holding 序号");
                }
            }
            default -> {
                if (zip) {
                    ReadTables read = XlsxReader.readAll(fileName, bytes);
                    tables = read.tables();
                    skipped = read.skipped();
                } else {
                    throw new DocumentException(fileName, "unsupported file type '" + ext
                            + "'; expected .txt (TAB-separated text export), .csv, .xlsx, .xls or .docx");
                }
            }
        }
        if (tables.stream().noneMatch(t -> t.kind() == TableKind.PROJECTS || t.kind() == TableKind.PLATFORMS)) {
            StringBuilder found = new StringBuilder();
            for (ParsedTable t : tables) {
                found.append("; ").append(t.title()).append(": ").append(String.join(" | ", t.headers()));
            }
            throw new DocumentException(fileName, "no project list found: no table has a name column"
                    + " (项目名称/重点实施项目名称)" + found);
        }
        return new ParsedDocument(fileName, sha256(bytes), tables, skipped, title);
    }

    private static void requireText(String fileName, byte[] bytes, boolean archive) throws DocumentException {
        int nul = 0;
        for (int i = 0; i < Math.min(bytes.length, 4096); i++) {
            if (bytes[i] == 0) {
                nul++;
            }
        }
        boolean utf16 = bytes.length >= 2 && ((bytes[0] & 0xff) == 0xFF || (bytes[0] & 0xff) == 0xFE);
        if (archive || (nul > 0 && !utf16)) {
            throw new DocumentException(fileName, "binary content in a text file (is it a workbook or archive with the wrong extension?)");
        }
        if (new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).isBlank()) {
            throw new DocumentException(fileName, "the file holds only blank space");
        }
    }

    private static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
