package se.delaktig.web;

import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Where the language link leads. A page that was asked for (GET) is shown again in the other
 * language. A page that came back from a form post (a validation error) has an address that only
 * takes posts, so the link leads to the page the form was on ({@code _page}, which the page's script
 * sends with every form), or else to the nearest address above it that can be shown.
 */
@Component
class LanguageLink {

    /** The form field that carries the address of the page a form was sent from. */
    static final String PAGE_PARAMETER = "_page";

    private final ObjectProvider<RequestMappingHandlerMapping> handlers;

    LanguageLink(ObjectProvider<RequestMappingHandlerMapping> handlers) {
        this.handlers = handlers;
    }

    /** The address (within the application) to switch language on; null for the page itself. */
    String target(HttpServletRequest request) {
        if ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) {
            return null;
        }
        var page = request.getParameter(PAGE_PARAMETER);
        if (page != null) {
            var path = page.contains("?") ? page.substring(0, page.indexOf('?')) : page;
            if (isLocal(path) && shows(request, path)) {
                return path;
            }
        }
        var context = request.getContextPath();
        var path = request.getRequestURI().substring(context.length());
        while (!path.isEmpty() && !path.equals("/")) {
            if (shows(request, path)) {
                return path;
            }
            path = path.substring(0, path.lastIndexOf('/'));
        }
        return "/";
    }

    /** A path on this site: no scheme, no host, nothing that a browser would read as another site. */
    static boolean isLocal(String path) {
        return path.startsWith("/") && !path.startsWith("//") && !path.contains("\\") && !path.contains(":")
                && !ControlCharacters.containsAny(path) && !path.contains("..") && path.length() < 300;
    }

    /** Whether a GET of the path reaches a page of the application. */
    private boolean shows(HttpServletRequest request, String path) {
        var probe = new Probe(request, request.getContextPath() + path, path);
        try {
            ServletRequestPathUtils.parseAndCache(probe);
            for (var mapping : handlers.orderedStream().toList()) {
                if (mapping.getHandler(probe) != null) {
                    return true;
                }
            }
            return false;
        } catch (Exception none) {
            return false;
        }
    }

    /** A GET of another path, with attributes of its own so the real request is left untouched. */
    private static final class Probe extends HttpServletRequestWrapper {
        private final String uri;
        private final String servletPath;
        private final Map<String, Object> attributes = new HashMap<>();

        Probe(HttpServletRequest request, String uri, String servletPath) {
            super(request);
            this.uri = uri;
            this.servletPath = servletPath;
        }

        @Override
        public String getMethod() {
            return "GET";
        }

        @Override
        public String getRequestURI() {
            return uri;
        }

        @Override
        public String getServletPath() {
            return servletPath;
        }

        @Override
        public String getPathInfo() {
            return null;
        }

        @Override
        public String getQueryString() {
            return null;
        }

        @Override
        public Object getAttribute(String name) {
            return attributes.get(name);
        }

        @Override
        public void setAttribute(String name, Object value) {
            attributes.put(name, value);
        }

        @Override
        public void removeAttribute(String name) {
            attributes.remove(name);
        }

        @Override
        public java.util.Enumeration<String> getAttributeNames() {
            return java.util.Collections.enumeration(attributes.keySet());
        }

        @Override
        public jakarta.servlet.DispatcherType getDispatcherType() {
            return jakarta.servlet.DispatcherType.REQUEST;
        }
    }
}
