package io.consentflow.consent.adapters.web.proof;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** The proof PDF prints names in Latin, Greek and Cyrillic as given (an embedded font), read back as text. */
class ProofPdfTest {

    private static final String GREEK = "Σωκράτης Παπαδόπουλος";
    private static final String CYRILLIC = "Ольга Іваненко-Щукіна";
    private static final String LATIN = "Jürgen Łukasz Øster-Çelik ß";

    @Test
    void greekCyrillicAndLatinNamesPrintAsGivenWithTheFontEmbedded() throws Exception {
        ProofDocument document = new ProofDocument("Einwilligungsnachweis " + GREEK, "de", List.of(
                new ProofDocument.Section("Evidence / Доказательство", List.of(
                        new ProofDocument.Row("Name", GREEK, null),
                        new ProofDocument.Row("Имя", CYRILLIC, true),
                        new ProofDocument.Row("Name (Latin)", LATIN, false)))));

        byte[] pdf = ProofPdf.render(document, "{}".getBytes(StandardCharsets.UTF_8));

        try (PDDocument read = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(read);
            assertThat(text).contains(GREEK, CYRILLIC, LATIN, "Доказательство", "Имя").doesNotContain("?");
            List<String> fonts = new ArrayList<>();
            for (PDPage page : read.getPages()) {
                for (COSName name : page.getResources().getFontNames()) {
                    fonts.add(page.getResources().getFont(name).getName());
                }
            }
            assertThat(fonts).isNotEmpty().allSatisfy(font -> assertThat(font).contains("LiberationSans"));
            assertThat(read.getPage(0).getResources().getFont(page0Font(read)).isEmbedded()).isTrue();
        }
    }

    @Test
    void aScriptTheFontLacksPrintsAsQuestionMarksWhileTheRestStays() throws Exception {
        ProofDocument document = new ProofDocument("Proof", "en", List.of(new ProofDocument.Section("Evidence",
                List.of(new ProofDocument.Row("Name", "محمد " + GREEK, null)))));

        try (PDDocument read = Loader.loadPDF(ProofPdf.render(document, "{}".getBytes(StandardCharsets.UTF_8)))) {
            assertThat(new PDFTextStripper().getText(read)).contains("???? " + GREEK);
        }
    }

    private static COSName page0Font(PDDocument read) {
        return read.getPage(0).getResources().getFontNames().iterator().next();
    }
}
