package se.delaktig.platform;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.BiConsumer;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * What the filters that inspect every write (the identity-number guard, the control-character
 * check) share: which requests are writes, whether a body is JSON, every value in a JSON body named
 * by its path, and a request whose body can be read again after a filter read it.
 */
public final class WriteRequests {

    public static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private WriteRequests() {
    }

    public static boolean isJson(HttpServletRequest request) {
        var type = request.getContentType();
        if (type == null) {
            return false;
        }
        try {
            var media = MediaType.parseMediaType(type);
            return media.isCompatibleWith(MediaType.APPLICATION_JSON) || media.getSubtype().endsWith("+json");
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Every key, string and number in a JSON tree, named as a person would find it:
     * {@code title}, {@code answers[3].childWords}, {@code items[0].text}; a bare value is {@code body}.
     * A key is reported as a field of its own (a map's keys can be stored too).
     */
    public static void walk(JsonNode node, String path, BiConsumer<String, String> into) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            for (var entry : node.properties()) {
                var name = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
                into.accept(name, entry.getKey());
                walk(entry.getValue(), name, into);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", into);
            }
        } else if (node.isString() || node.isNumber()) {
            into.accept(path.isEmpty() ? "body" : path, node.isString() ? node.stringValue() : node.asString());
        }
    }

    /** The request again, with a body that can be read once more after a filter read it. */
    public static final class ReplayedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        public ReplayedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            var in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            var encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(),
                    encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
