package org.rispacs.app.viewer;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.lang.NonNull;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.PathResourceResolver;

/**
 * Serves the OHIF viewer prepared at build time (classpath {@code ohif/}, see
 * {@code src/main/viewer/prepare-ohif.mjs}) under {@code /viewer/}. A path naming no file is one
 * of the viewer's own routes and gets its page, {@code index.html}; a missing file stays a 404.
 */
@Configuration
class ViewerResources implements WebMvcConfigurer {

    static final String LOCATION = "classpath:/ohif/";
    /** Webpack's content-hashed names: their content never changes under the same name. */
    private static final Pattern HASHED = Pattern.compile("(^|\\.)[0-9a-f]{16}\\.(js|wasm|woff2)$");

    @Override
    public void addResourceHandlers(@NonNull ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/viewer/**").addResourceLocations(LOCATION).resourceChain(false)
                .addResolver(new RoutesToIndex());
    }

    @Override
    public void addInterceptors(@NonNull InterceptorRegistry registry) {
        registry.addInterceptor(new Caching()).addPathPatterns("/viewer/**");
    }

    /** A path with no extension in its last segment is a route of the single-page application. */
    static boolean isRoute(String path) {
        String last = path.substring(path.lastIndexOf('/') + 1);
        return !last.contains(".");
    }

    private static final class RoutesToIndex extends PathResourceResolver {

        @Override
        protected Resource getResource(@NonNull String resourcePath, @NonNull Resource location) throws IOException {
            Resource found = super.getResource(resourcePath, location);
            if (found != null || !isRoute(resourcePath)) {
                return found;
            }
            return super.getResource("index.html", location);
        }
    }

    /**
     * Hashed chunks are kept a year; the page, its configuration and other unhashed files are
     * asked for again (index.html names the chunks of the version deployed now).
     */
    private static final class Caching implements HandlerInterceptor {

        @Override
        public boolean preHandle(@NonNull HttpServletRequest request, @NonNull HttpServletResponse response,
                                 @NonNull Object handler) {
            String path = request.getRequestURI();
            String last = path.substring(path.lastIndexOf('/') + 1);
            if (isRoute(path) || last.equals("index.html") || last.equals("app-config.js")) {
                response.setHeader("Cache-Control", "no-store");
            } else if (HASHED.matcher(last).find()) {
                response.setHeader("Cache-Control", "public, max-age=31536000, immutable");
            } else {
                response.setHeader("Cache-Control", "no-cache");
            }
            return true;
        }
    }
}
