package org.rispacs.app.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;

/** A user who must change the password is sent there from any page; others get 403. */
class PasswordChangeFirst implements AccessDeniedHandler {

    private final AccessDeniedHandler otherwise;

    PasswordChangeFirst(AccessDeniedHandler otherwise) {
        this.otherwise = otherwise;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException, ServletException {
        if (CurrentUser.mustChangePassword(SecurityContextHolder.getContext().getAuthentication())
                && "GET".equals(request.getMethod())) {
            response.sendRedirect(request.getContextPath() + "/account/password");
            return;
        }
        otherwise.handle(request, response, denied);
    }
}
