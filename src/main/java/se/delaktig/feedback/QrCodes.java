package se.delaktig.feedback;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import se.delaktig.report.PdfDocuments;

/** QR codes for the feedback page's address, drawn with ZXing as a black-and-white PNG. */
public final class QrCodes {

    /** Pixels per module: sharp in print at a few centimetres, small as a file. */
    private static final int SCALE = 8;

    private QrCodes() {
    }

    /** The QR code of the text as PNG, with the standard quiet zone of four modules. */
    public static byte[] png(String text) {
        try {
            var matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.MARGIN, 4, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M));
            var size = matrix.getWidth() * SCALE;
            var image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    image.setRGB(x, y, matrix.get(x / SCALE, y / SCALE) ? 0xFF000000 : 0xFFFFFFFF);
                }
            }
            var out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (WriterException e) {
            throw new IllegalArgumentException("No QR code for this text", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The QR code as a data URI, for an {@code <img>} in a page or in a PDF. */
    public static String dataUri(String text) {
        return PdfDocuments.PNG_DATA_URI + Base64.getEncoder().encodeToString(png(text));
    }
}
