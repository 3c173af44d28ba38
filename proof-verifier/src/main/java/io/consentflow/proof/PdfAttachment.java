package io.consentflow.proof;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Calendar;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;

/** The signed proof JSON travels inside its PDF as an embedded file ({@link SignedProof#PDF_ATTACHMENT}). */
public final class PdfAttachment {

    private PdfAttachment() {
    }

    public static void attach(PDDocument document, String name, byte[] content, String mediaType) throws IOException {
        PDEmbeddedFile file = new PDEmbeddedFile(document, new ByteArrayInputStream(content));
        file.setSubtype(mediaType);
        file.setSize(content.length);
        file.setCreationDate(Calendar.getInstance());
        PDComplexFileSpecification spec = new PDComplexFileSpecification();
        spec.setFile(name);
        spec.setFileUnicode(name);
        spec.setEmbeddedFile(file);
        spec.setFileDescription("signed proof bundle: verify with ./run-local.sh verify-proof or the proof-verifier jar");
        PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
        tree.setNames(Map.of(name, spec));
        PDDocumentNameDictionary names = new PDDocumentNameDictionary(document.getDocumentCatalog());
        names.setEmbeddedFiles(tree);
        document.getDocumentCatalog().setNames(names);
    }

    /** The embedded file {@code name} of a PDF; a PDF without it is a {@link Json.ProofFormatException}. */
    public static byte[] extract(byte[] pdf, String name) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDDocumentNameDictionary names = document.getDocumentCatalog().getNames();
            PDEmbeddedFilesNameTreeNode tree = names == null ? null : names.getEmbeddedFiles();
            Map<String, PDComplexFileSpecification> files = tree == null ? null : tree.getNames();
            if (files == null && tree != null && tree.getKids() != null) {
                for (var kid : (List<PDEmbeddedFilesNameTreeNode>) (List<?>) tree.getKids()) {
                    if (kid.getNames() != null && kid.getNames().containsKey(name)) {
                        files = kid.getNames();
                    }
                }
            }
            if (files == null || !files.containsKey(name) || files.get(name).getEmbeddedFile() == null) {
                throw new Json.ProofFormatException("the PDF carries no embedded " + name);
            }
            return files.get(name).getEmbeddedFile().toByteArray();
        } catch (IOException e) {
            throw new Json.ProofFormatException("not a readable PDF");
        }
    }
}
