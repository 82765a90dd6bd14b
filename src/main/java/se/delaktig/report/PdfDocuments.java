package se.delaktig.report;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumSet;

import com.openhtmltopdf.extend.FSSupplier;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceType;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer.SvgExternalResourceMode;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer.SvgScriptMode;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder.PdfAConformance;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FSFontUseCase;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;

/**
 * The one way Delaktig turns an XHTML page into a PDF: tagged for accessibility (PDF/UA), declared
 * PDF/A-2u for archives, with the font embedded and every external resource refused, so rendering
 * never reaches the network or the file system. Memo, letters, diploma and guide appendix all use it.
 */
public final class PdfDocuments {

    /** The font family templates name in their CSS. */
    public static final String FONT_FAMILY = "Liberation Sans";

    // The font PDFBox ships inside its own jar: no font file of our own, nothing downloaded.
    private static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";

    private PdfDocuments() {
    }

    /**
     * The only resource a page may name: a PNG image carried inside the page itself as a data URI (a
     * QR code, a chart). It reaches neither the network nor the file system.
     */
    private static boolean embedded(String uri, ExternalResourceType type) {
        return type == ExternalResourceType.IMAGE_RASTER && uri != null && uri.startsWith(PNG_DATA_URI);
    }

    /** How an embedded PNG image begins: {@code <img src="data:image/png;base64,...">}. */
    public static final String PNG_DATA_URI = "data:image/png;base64,";

    /**
     * Whether every character of the text has a glyph in the PDF font. Liberation Sans covers Latin,
     * Greek and Cyrillic scripts but not, for example, Arabic: a document in such a language cannot be
     * printed through here and is offered on screen only.
     */
    public static boolean renders(String text) {
        if (text == null || text.isEmpty()) {
            return true;
        }
        return FONT_FACE.canDisplayUpTo(text.replaceAll("[\\s\\p{Cf}]", "")) == -1;
    }

    private static final java.awt.Font FONT_FACE = loadFontFace();

    private static java.awt.Font loadFontFace() {
        try (var in = PdfDocuments.class.getResourceAsStream(FONT)) {
            return java.awt.Font.createFont(java.awt.Font.TRUETYPE_FONT, in);
        } catch (IOException | java.awt.FontFormatException e) {
            throw new IllegalStateException("The PDF font could not be read", e);
        }
    }

    /** Renders the page; {@code what} names the document in the error should rendering fail. */
    public static byte[] render(String xhtml, String what) {
        try (var out = new ByteArrayOutputStream()) {
            var builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.usePdfUaAccessibility(true);
            builder.usePdfAConformance(PdfAConformance.PDFA_2_U);
            builder.useColorProfile(ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData());
            FSSupplier<java.io.InputStream> font = () -> PdfDocuments.class.getResourceAsStream(FONT);
            // The font serves the SVG charts too, so their labels are embedded like all other text.
            var uses = EnumSet.of(FSFontUseCase.DOCUMENT, FSFontUseCase.SVG);
            builder.useFont(font, FONT_FAMILY, 400, FontStyle.NORMAL, true, uses);
            // The only font at hand has no bold face; headings are set apart by size instead, and
            // registering the same face for 700 keeps bold text embedded rather than falling back.
            builder.useFont(font, FONT_FAMILY, 700, FontStyle.NORMAL, true, uses);
            // Inline SVG (the memo's bar charts) is drawn by Batik; scripts and external references stay off.
            builder.useSVGDrawer(new BatikSVGDrawer(SvgScriptMode.SECURE, SvgExternalResourceMode.SECURE));
            builder.useExternalResourceAccessControl(PdfDocuments::embedded, ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI);
            builder.useExternalResourceAccessControl(PdfDocuments::embedded, ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI);
            builder.withHtmlContent(xhtml, null);
            builder.toStream(out);
            builder.run();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not render " + what, e);
        }
    }
}
