package io.consentflow.consent.adapters.web.proof;

import io.consentflow.proof.PdfAttachment;
import io.consentflow.proof.SignedProof;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;

/**
 * The proof as a PDF (Apache PDFBox, A4), with the signed JSON embedded as {@code proof.json} so the offline verifier
 * reads the very bundle the pages show. The text is set in Liberation Sans (SIL Open Font License 1.1, see
 * {@code fonts/LICENSE-LiberationSans.txt}; the TrueType file PDFBox ships), embedded as a subset: Latin, Greek and
 * Cyrillic print as given (names from anywhere in Europe); a character it lacks (Arabic, CJK) prints as '?', while the
 * embedded JSON and the HTML keep the exact text. Bold is the same font filled and stroked.
 */
final class ProofPdf {

    /** The TrueType font inside PDFBox's jar (pdfbox 3, {@code org/apache/pdfbox/resources/ttf}). */
    static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
    private static final float MARGIN = 50;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
    private static final float LABEL_WIDTH = 150;

    private ProofPdf() {
    }

    static byte[] render(ProofDocument document, SignedProof signed) {
        return render(document, signed.toJson().getBytes(StandardCharsets.UTF_8));
    }

    /** The pages of {@code document} with {@code proofJson} embedded as {@link SignedProof#PDF_ATTACHMENT}. */
    static byte[] render(ProofDocument document, byte[] proofJson) {
        try (PDDocument pdf = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDDocumentInformation info = pdf.getDocumentInformation();
            info.setTitle(document.title());
            info.setCreator("ConsentFlow consent-service");
            Pages pages = new Pages(pdf, font(pdf));
            pages.line(true, 16, document.title(), 0, null);
            pages.gap(10);
            for (ProofDocument.Section section : document.sections()) {
                pages.keepRoom(60);  // a heading never ends a page
                pages.gap(8);
                pages.line(true, 12, section.heading(), 0, null);
                pages.gap(2);
                ProofTexts t = ProofTexts.of(document.language());
                for (ProofDocument.Row row : section.rows()) {
                    String value = (row.ok() == null ? "" : "[" + (row.ok() ? t.get("ok") : t.get("failed")) + "] ")
                            + (row.value() == null ? "" : row.value());
                    pages.row(row.label(), value, row.ok());
                }
            }
            pages.close();
            PdfAttachment.attach(pdf, SignedProof.PDF_ATTACHMENT, proofJson, "application/json");
            pdf.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("the proof PDF could not be written", e);
        }
    }

    private static PDFont font(PDDocument pdf) throws IOException {
        try (var ttf = ProofPdf.class.getResourceAsStream(FONT)) {
            if (ttf == null) {
                throw new IOException("font missing from the classpath: " + FONT);
            }
            return PDType0Font.load(pdf, ttf, true);
        }
    }

    /** Writes lines top to bottom, starting a new page when one is full. */
    private static final class Pages {
        private final PDDocument pdf;
        private final PDFont font;
        private PDPageContentStream content;
        private float y;

        Pages(PDDocument pdf, PDFont font) throws IOException {
            this.pdf = pdf;
            this.font = font;
            newPage();
        }

        void newPage() throws IOException {
            close();
            PDPage page = new PDPage(PDRectangle.A4);
            pdf.addPage(page);
            content = new PDPageContentStream(pdf, page);
            y = PDRectangle.A4.getHeight() - MARGIN;
        }

        void keepRoom(float points) throws IOException {
            if (y < MARGIN + points) {
                newPage();
            }
        }

        void gap(float points) {
            y -= points;
        }

        void row(String label, String value, Boolean ok) throws IOException {
            List<String> labels = wrap(font, 9, label, LABEL_WIDTH - 8);
            List<String> values = wrap(font, 9, value, WIDTH - LABEL_WIDTH);
            int lines = Math.max(labels.size(), values.size());
            for (int i = 0; i < lines; i++) {
                if (y < MARGIN + 12) {
                    newPage();
                }
                if (i < labels.size()) {
                    text(false, 9, labels.get(i), MARGIN, null);
                }
                if (i < values.size()) {
                    text(ok != null && i == 0, 9, values.get(i), MARGIN + LABEL_WIDTH, i == 0 ? ok : null);
                }
                y -= 11;
            }
            y -= 2;
        }

        void line(boolean bold, float size, String text, float indent, Boolean ok) throws IOException {
            for (String part : wrap(font, size, text, WIDTH - indent)) {
                if (y < MARGIN + size) {
                    newPage();
                }
                text(bold, size, part, MARGIN + indent, ok);
                y -= size + 4;
            }
        }

        private void text(boolean bold, float size, String text, float x, Boolean ok) throws IOException {
            content.beginText();
            content.setFont(font, size);
            if (ok != null) {
                content.setNonStrokingColor(ok ? 0.04f : 0.69f, ok ? 0.42f : 0f, ok ? 0.18f : 0.13f);
                content.setStrokingColor(ok ? 0.04f : 0.69f, ok ? 0.42f : 0f, ok ? 0.18f : 0.13f);
            }
            content.setRenderingMode(bold ? RenderingMode.FILL_STROKE : RenderingMode.FILL);
            content.setLineWidth(size * 0.04f);
            content.newLineAtOffset(x, y);
            content.showText(text);
            content.endText();
            content.setNonStrokingColor(0f, 0f, 0f);
            content.setStrokingColor(0f, 0f, 0f);
        }

        void close() throws IOException {
            if (content != null) {
                content.close();
                content = null;
            }
        }
    }

    /** Word-wraps {@code text} to {@code width}; long words (hashes, keys) are cut; unprintable characters become '?'. */
    static List<String> wrap(PDFont font, float size, String text, float width) throws IOException {
        String printable = printable(font, text == null ? "" : text);
        List<String> lines = new ArrayList<>();
        for (String paragraph : printable.split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.split(" ")) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (width(font, size, candidate) <= width) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (!line.isEmpty()) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                String rest = word;
                while (width(font, size, rest) > width) {
                    int cut = rest.length() - 1;
                    while (cut > 1 && width(font, size, rest.substring(0, cut)) > width) {
                        cut--;
                    }
                    lines.add(rest.substring(0, cut));
                    rest = rest.substring(cut);
                }
                line.append(rest);
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private static float width(PDFont font, float size, String text) throws IOException {
        return font.getStringWidth(text) / 1000 * size;
    }

    private static String printable(PDFont font, String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            String ch = new String(Character.toChars(cp));
            if (cp == '\n') {
                out.append('\n');
                return;
            }
            if (Character.isISOControl(cp)) {
                out.append(' ');
                return;
            }
            try {
                font.encode(ch);
                out.append(ch);
            } catch (IOException | IllegalArgumentException e) {
                out.append('?');
            }
        });
        return out.toString();
    }
}
